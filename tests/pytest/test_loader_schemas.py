"""Loader schemas: API-style column names, history mode, merges and time zones."""

from datetime import date

import pytest
from warehouse import (
    BUILD_WITHOUT_TESTS,
    DUCKDB_ONLY,
    Warehouse,
    build_scenario,
    fetch_rows,
    lead_row,
    load_raw_tables,
    run_dbt,
    salesforce_id,
)


def lead_id(number: int) -> str:
    return salesforce_id("00Q", number)


STAGED_LEAD_COLUMNS = [
    "lead_id",
    "owner_id",
    "converted_contact_id",
    "first_name",
    "last_name",
    "lead_source",
    "rep_generated_source",
    "lead_source_details",
    "is_converted",
    "created_at",
]


def sample_leads():
    return {
        "lead": [
            lead_row(
                1,
                "Ann",
                "Root",
                "Webinar",
                "2025-01-01 09:00:00",
                owner_id=salesforce_id("005", 1)[:15],
                is_converted="TRUE",
                converted_contact_id=salesforce_id("003", 1),
                generated_source_c="Marketing Generated",
            ),
            lead_row(
                2,
                "Bo",
                "Next",
                "Referral",
                "2025-01-02 09:00:00",
                lead_source_details_c="Referred by Ann Root-Webinar",
            ),
        ]
    }


def test_api_names_stage_like_snake_case(tmp_path):
    (tmp_path / "snake").mkdir()
    (tmp_path / "api").mkdir()
    # Read each build before the next one: on PostgreSQL they share one database.
    snake = build_scenario(tmp_path / "snake", sample_leads())
    snake_rows = fetch_rows(snake, "stg_salesforce__leads", STAGED_LEAD_COLUMNS)
    snake.close()
    api = build_scenario(tmp_path / "api", sample_leads(), api_names=True)
    api_rows = fetch_rows(api, "stg_salesforce__leads", STAGED_LEAD_COLUMNS)
    assert len(snake_rows) == 2
    assert snake_rows[0]["owner_id"] == salesforce_id("005", 1)
    assert snake_rows[0]["rep_generated_source"] == "Marketing Generated"
    assert api_rows == snake_rows


def test_history_mode_keeps_active_row(tmp_path):
    tables = {
        "lead": [
            lead_row(
                1,
                "Ann",
                "Root",
                "Web",
                "2025-01-01 09:00:00",
                _fivetran_active="false",
                _fivetran_synced="2025-01-01 10:00:00",
            ),
            lead_row(
                1,
                "Ann",
                "Root",
                "Referral",
                "2025-01-01 09:00:00",
                _fivetran_active="true",
                _fivetran_synced="2025-01-05 10:00:00",
            ),
        ]
    }
    warehouse = build_scenario(tmp_path, tables)

    assert fetch_rows(warehouse, "leads", ["lead_id", "lead_source", "channel"]) == [
        {"lead_id": lead_id(1), "lead_source": "Referral", "channel": "Referral"}
    ]
    assert fetch_rows(warehouse, "rejected_records", ["record_id", "rejection_reason"]) == [
        {"record_id": lead_id(1), "rejection_reason": "inactive_history_row"}
    ]


def test_fivetran_deleted_row_is_rejected(tmp_path):
    tables = {
        "lead": [
            lead_row(1, "Ann", "Root", "Web", "2025-01-01 09:00:00", _fivetran_deleted="t"),
            lead_row(2, "Bo", "Kept", "Web", "2025-01-01 09:00:00", _fivetran_deleted=""),
        ]
    }
    warehouse = build_scenario(tmp_path, tables)

    assert fetch_rows(warehouse, "leads", ["lead_id"]) == [{"lead_id": lead_id(2)}]
    assert fetch_rows(warehouse, "rejected_records", ["record_id", "rejection_reason"]) == [
        {"record_id": lead_id(1), "rejection_reason": "deleted"}
    ]


def test_merged_referrer_resolves_to_survivor(tmp_path):
    tables = {
        "lead": [
            # Maggie's lead was merged into Margaret's, but the referral names Maggie.
            lead_row(
                1,
                "Maggie",
                "Ellsworth",
                "Webinar",
                "2025-01-01 09:00:00",
                is_deleted="true",
                master_record_id=lead_id(2),
            ),
            lead_row(2, "Margaret", "Ellsworth", "Trade Show", "2025-02-01 09:00:00"),
            lead_row(
                3,
                "Rufus",
                "Tennant",
                "Referral",
                "2025-01-15 09:00:00",
                lead_source_details_c="Referred by Maggie Ellsworth",
            ),
        ]
    }
    warehouse = build_scenario(tmp_path, tables)

    assert fetch_rows(
        warehouse,
        "referrals",
        ["lead_id", "referrer_lead_id", "referrer_status", "origin_lead_id", "origin_channel"],
    ) == [
        {
            "lead_id": lead_id(3),
            "referrer_lead_id": lead_id(2),
            "referrer_status": "resolved",
            "origin_lead_id": lead_id(2),
            "origin_channel": "Events",
        }
    ]


# Each UTC timestamp sits near a month boundary. The expected month in a zone with
# daylight saving time differs from what a fixed offset would give.
MONTH_BOUNDARY_CASES = {
    "UTC": [date(2025, 1, 1), date(2025, 3, 1), date(2025, 4, 1), date(2025, 3, 1)],
    # New York is UTC-5 in winter and UTC-4 from 9 March to 2 November 2025.
    "America/New_York": [
        date(2024, 12, 1),
        date(2025, 2, 1),
        date(2025, 4, 1),
        date(2025, 3, 1),
    ],
    # Berlin is UTC+1 in winter and UTC+2 from 30 March to 26 October 2025.
    "Europe/Berlin": [
        date(2025, 1, 1),
        date(2025, 3, 1),
        date(2025, 4, 1),
        date(2025, 4, 1),
    ],
}
BOUNDARY_TIMESTAMPS = [
    "2025-01-01 04:30:00",  # New York: 23:30 on 31 December
    "2025-03-01 00:30:00",  # New York: 19:30 on 28 February
    "2025-04-01 04:30:00",  # New York (EDT): 00:30 on 1 April; a fixed UTC-5 gives March
    "2025-03-31 22:30:00",  # Berlin (CEST): 00:30 on 1 April; a fixed UTC+1 gives March
]


@pytest.mark.parametrize("timezone", sorted(MONTH_BOUNDARY_CASES))
def test_reporting_month_in_timezone(tmp_path, timezone):
    tables = {
        "lead": [
            lead_row(number, "Lead", f"Number{number}", "Web", created)
            for number, created in enumerate(BOUNDARY_TIMESTAMPS, start=1)
        ]
    }
    warehouse = build_scenario(tmp_path, tables, {"reporting_timezone": timezone})

    rows = fetch_rows(warehouse, "leads", ["lead_id", "created_month"])
    assert rows == [
        {"lead_id": lead_id(number), "created_month": month}
        for number, month in enumerate(MONTH_BOUNDARY_CASES[timezone], start=1)
    ]


def test_passthrough_columns_reach_marts(tmp_path):
    tables = {
        "lead": [lead_row(1, "Ann", "Root", "Web", "2025-01-01 09:00:00", industry=" Retail ")],
        "opportunity": [
            {
                "id": salesforce_id("006", 1),
                "name": "Deal",
                "amount": "10",
                "created_date": "2025-02-01 09:00:00",
                "region_c": "EMEA",
            }
        ],
    }
    dbt_vars = {
        "lead_passthrough_columns": ["industry"],
        "opportunity_passthrough_columns": ["Region_C"],
    }
    warehouse = build_scenario(tmp_path, tables, dbt_vars)

    assert fetch_rows(warehouse, "leads", ["lead_id", "industry"]) == [
        {"lead_id": lead_id(1), "industry": "Retail"}
    ]
    assert fetch_rows(warehouse, "opportunity_attribution", ["opportunity_id", "region_c"]) == [
        {"opportunity_id": salesforce_id("006", 1), "region_c": "EMEA"}
    ]


@DUCKDB_ONLY
def test_parquet_folder_as_source(tmp_path):
    """Raw tables as one Parquet file each, read in place through salesforce_parquet_path."""
    parquet_dir = tmp_path / "parquet"
    parquet_dir.mkdir()
    raw_dir = tmp_path / "raw"
    raw_dir.mkdir()
    load_raw_tables(raw_dir, sample_leads())
    raw = Warehouse(raw_dir)
    for table_name in ("lead", "contact", "opportunity"):
        raw.query(
            f"copy salesforce.\"{table_name}\" to '{parquet_dir / table_name}.parquet' "
            "(format parquet)"
        )
    raw.close()

    run_dbt(tmp_path, BUILD_WITHOUT_TESTS, {"salesforce_parquet_path": str(parquet_dir)})
    warehouse = Warehouse(tmp_path, read_only=True)

    assert fetch_rows(
        warehouse, "referrals", ["lead_id", "referrer_lead_id", "channel_hint", "generated_source"]
    ) == [
        {
            "lead_id": lead_id(2),
            "referrer_lead_id": lead_id(1),
            "channel_hint": "Webinar",
            "generated_source": "Marketing Generated",
        }
    ]
    # Nothing was copied into the warehouse: the raw schema does not exist there.
    assert warehouse.query(
        "select count(*) from information_schema.schemata where schema_name = 'salesforce'"
    ) == [(0,)]
