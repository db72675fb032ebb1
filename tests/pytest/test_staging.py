"""Staging keeps every raw row once: staged, or rejected with a reason."""

import pytest
from warehouse import (
    ENGINE,
    DbtRunFailed,
    Warehouse,
    build_scenario,
    fetch_rows,
    load_raw_tables,
    run_dbt,
)

from referral_insights.demo_data import case_safe_id

LIVE_15 = "00QAb0000000001"
DUPLICATED = case_safe_id("00QAb0000000002")
DELETED = case_safe_id("00QAb0000000003")
MERGED = case_safe_id("00QAb0000000004")
CONTACT_15 = "003Ab0000000001"


def raw_lead(lead_id, **fields):
    return {"id": lead_id, "first_name": "Test", "last_name": lead_id, **fields}


@pytest.fixture(scope="module")
def staging_warehouse(tmp_path_factory):
    work_dir = tmp_path_factory.mktemp("staging")
    tables = {
        "lead": [
            raw_lead(
                LIVE_15,
                is_deleted="",
                is_converted="TRUE",
                converted_contact_id=CONTACT_15,
                owner_id="000000000000000AAA",
                lead_source="  Web ",
            ),
            raw_lead(DUPLICATED, is_deleted="false", is_converted="0"),
            raw_lead(DUPLICATED, is_deleted="false", is_converted="0"),
            raw_lead(DELETED, is_deleted="1"),
            raw_lead(MERGED, is_deleted="TRUE", master_record_id=case_safe_id(LIVE_15)),
            raw_lead("000000000000000AAA"),
            raw_lead(""),
            raw_lead("not-an-id"),
        ]
    }
    # Text that is not shaped like an id is masked in rejected_records by default; these
    # tests read it.
    return build_scenario(work_dir, tables, {"mask_personal_data": False})


def test_staged_leads_are_normalised(staging_warehouse):
    rows = fetch_rows(
        staging_warehouse,
        "stg_salesforce__leads",
        ["lead_id", "owner_id", "converted_contact_id", "lead_source", "is_converted"],
    )
    assert rows == [
        {
            "lead_id": case_safe_id(LIVE_15),
            "owner_id": None,
            "converted_contact_id": case_safe_id(CONTACT_15),
            "lead_source": "Web",
            "is_converted": True,
        },
        {
            "lead_id": DUPLICATED,
            "owner_id": None,
            "converted_contact_id": None,
            "lead_source": None,
            "is_converted": False,
        },
    ]


def test_rejected_leads_have_reasons(staging_warehouse):
    rows = fetch_rows(
        staging_warehouse,
        "rejected_records",
        ["source_table", "source_record_id", "merged_into_id", "rejection_reason"],
    )
    expected = [
        ("lead", "000000000000000AAA", None, "invalid_id"),
        ("lead", DUPLICATED, None, "duplicate"),
        ("lead", DELETED, None, "deleted"),
        ("lead", MERGED, case_safe_id(LIVE_15), "merged"),
        ("lead", "not-an-id", None, "invalid_id"),
        ("lead", None, None, "invalid_id"),
    ]
    columns = ["source_table", "source_record_id", "merged_into_id", "rejection_reason"]
    assert rows == [dict(zip(columns, row, strict=True)) for row in expected]


def test_other_schema_with_demo_seeds_excluded(tmp_path):
    """The command documented for running on your own raw schema."""
    load_raw_tables(tmp_path, {"lead": [raw_lead(case_safe_id(LIVE_15))]}, schema="my_crm")

    run_dbt(
        tmp_path,
        ["build", "--exclude", "path:seeds/demo"],
        {"salesforce_schema": "my_crm", "load_demo_data": True},
    )

    warehouse = Warehouse(tmp_path, read_only=True)
    assert warehouse.query("select lead_id from {marts}.leads") == [(case_safe_id(LIVE_15),)]


def test_demo_seeds_refuse_real_tables(tmp_path):
    """Loading the demo into a schema that contains real raw tables stops with an error."""
    load_raw_tables(tmp_path, {"lead": [raw_lead(case_safe_id(LIVE_15))]})

    with pytest.raises(DbtRunFailed, match="which the demo did not create"):
        run_dbt(tmp_path, ["seed", "--select", "path:seeds/demo"], {"load_demo_data": True})


def test_invalid_precedence_var_is_explained(tmp_path):
    load_raw_tables(tmp_path, {})

    with pytest.raises(DbtRunFailed, match="Set it to 'lineage'"):
        run_dbt(tmp_path, ["run"], {"generated_source_precedence": "rep_first"})


def test_missing_required_table_is_explained(tmp_path):
    if ENGINE == "postgres":
        load_raw_tables(tmp_path, {})
    warehouse = Warehouse(tmp_path)
    warehouse.query("create schema if not exists salesforce")
    warehouse.query('drop table if exists salesforce."lead"')
    warehouse.close()

    with pytest.raises(DbtRunFailed, match="Required table .*lead.* was not found"):
        run_dbt(tmp_path, ["run", "--select", "base_salesforce__lead"])


def test_unreadable_values_are_listed(tmp_path):
    tables = {
        "lead": [
            raw_lead(
                case_safe_id(LIVE_15),
                created_date="yesterday at noon",
                is_converted="maybe",
                converted_date="2025-02-30",
            )
        ]
    }
    build_scenario(tmp_path, tables).close()

    output = run_dbt(tmp_path, ["test", "--select", "unparsed_raw_values", "--store-failures"])
    assert "WARN 1 unparsed_raw_values" in output
    warehouse = Warehouse(tmp_path, read_only=True)
    assert warehouse.query(
        "select source_table, source_record_id, unparsed_values "
        "from dbt_test__audit.unparsed_raw_values"
    ) == [
        (
            "lead",
            case_safe_id(LIVE_15),
            "created_date=yesterday at noon, is_converted=maybe, converted_date=2025-02-30",
        )
    ]
    assert fetch_rows(warehouse, "leads", ["lead_id", "is_converted", "created_at"]) == [
        {"lead_id": case_safe_id(LIVE_15), "is_converted": False, "created_at": None}
    ]


def test_all_leads_rejected_fails_build(tmp_path):
    # 'Q' is upper case, so the checksum of 00Q000000000001 is EAA, not AAA.
    load_raw_tables(tmp_path, {"lead": [raw_lead("00Q000000000001AAA")]})
    run_dbt(tmp_path, ["build", "--exclude", "resource_type:test"])

    output = run_dbt(
        tmp_path, ["test", "--select", "required_tables_keep_rows"], expect_success=False
    )
    assert "FAIL 1 required_tables_keep_rows" in output
