"""An incremental run after late changes in the CRM gives the marts a full refresh gives.

The first build reads the CRM as it was on one day. Then the raw tables change the way
they do in a real org. A lead is converted, and a referrer's lead is entered after the
referral that names it. A rep edits a generated source that two referrals inherit. One
lead is deleted, and another disappears from the raw table. The second build is
incremental. Its marts must hold the values worked out by hand below, and must equal,
row for row, the marts of a full refresh of the same raw tables.
"""

from decimal import Decimal

from warehouse import (
    BUILD_WITHOUT_TESTS,
    ENGINE,
    Warehouse,
    fetch_rows,
    lead_row,
    load_raw_tables,
    run_dbt,
    salesforce_id,
)

PUBLIC_MARTS = [
    "leads",
    "referrals",
    "opportunity_attribution",
    "referral_insights_monthly",
    "generated_source_summary",
    "rep_referral_compliance",
    "rejected_records",
]


def lead_id(number: int) -> str:
    return salesforce_id("00Q", number)


OPPORTUNITY = salesforce_id("006", 1)
ACCOUNT = salesforce_id("001", 1)
CONTACT = salesforce_id("003", 1)

FIRST_DAY = {
    # Empty on the first day. The conversion adds an account.
    "account": [],
    "lead": [
        lead_row(1, "Ann", "Vo", "Webinar", "2025-01-05 09:00:00"),
        lead_row(
            2,
            "Bo",
            "Ek",
            "Referral",
            "2025-02-01 09:00:00",
            lead_source_details_c="Referred by Ann Vo",
        ),
        # Names a referrer whose lead is not in the CRM yet.
        lead_row(
            3,
            "Cal",
            "Orr",
            "Referral",
            "2025-03-01 09:00:00",
            lead_source_details_c="Referred by Cy Dale",
        ),
        # Names a person who is not in the CRM, so the rep's value is used for the chain,
        # and lead 6 inherits it.
        lead_row(
            5,
            "Eve",
            "Ash",
            "Referral",
            "2025-03-02 09:00:00",
            lead_source_details_c="Referred by Nobody Known",
            generated_source_c="Sales Generated",
        ),
        lead_row(
            6,
            "Fay",
            "Ng",
            "Referral",
            "2025-03-03 09:00:00",
            lead_source_details_c="Referred by Eve Ash",
        ),
        lead_row(7, "Gil", "Poe", "Web", "2025-03-04 09:00:00"),
        lead_row(8, "Hal", "Roy", "Cold Call", "2025-03-05 09:00:00"),
    ],
}


def apply_late_changes(work_dir) -> None:
    """Change the raw tables in place, as a loader's next sync would."""
    warehouse = Warehouse(work_dir)
    try:
        query = warehouse.query
        # Lead 2 is converted into an opportunity whose only contact is lead 2's own.
        query(
            "update salesforce.lead set is_converted = 'true', "
            "converted_date = '2025-04-01', converted_account_id = ?, "
            "converted_contact_id = ?, converted_opportunity_id = ? where id = ?",
            (ACCOUNT, CONTACT, OPPORTUNITY, lead_id(2)),
        )
        query(
            "insert into salesforce.account (id, is_deleted, name, created_date) "
            "values (?, 'false', 'Ek Labs', '2025-04-01 09:00:00')",
            (ACCOUNT,),
        )
        query(
            "insert into salesforce.contact (id, is_deleted, account_id, first_name, "
            "last_name, created_date) values (?, 'false', ?, 'Bo', 'Ek', "
            "'2025-04-01 09:00:00')",
            (CONTACT, ACCOUNT),
        )
        query(
            "insert into salesforce.opportunity (id, is_deleted, account_id, name, "
            "stage_name, amount, close_date, is_closed, is_won, lead_source, "
            "created_date) values (?, 'false', ?, 'Ek Labs deal', 'Closed Won', "
            "'12000', '2025-05-01', 'true', 'true', 'Referral', '2025-04-01 09:00:00')",
            (OPPORTUNITY, ACCOUNT),
        )
        # The referrer that lead 3 names, entered after the referral but created before.
        query(
            "insert into salesforce.lead (id, is_deleted, first_name, last_name, "
            "lead_source, status, created_date, is_converted) values "
            "(?, 'false', 'Cy', 'Dale', 'Cold Call', 'Open', '2025-02-20 09:00:00', "
            "'false')",
            (lead_id(4),),
        )
        # A rep corrects the generated source that leads 5 and 6 carry.
        query(
            "update salesforce.lead set generated_source_c = 'Marketing Generated' where id = ?",
            (lead_id(5),),
        )
        # Lead 7 is deleted in the CRM, and lead 8 disappears from the raw table.
        query("update salesforce.lead set is_deleted = 'true' where id = ?", (lead_id(7),))
        query("delete from salesforce.lead where id = ?", (lead_id(8),))
    finally:
        warehouse.close()


def read_marts(work_dir) -> dict[str, list[tuple]]:
    """Every row of every public mart, sorted in Python."""
    warehouse = Warehouse(work_dir, read_only=True)
    try:
        marts = {}
        for mart in PUBLIC_MARTS:
            rows = warehouse.query(f"select * from {{marts}}.{mart}")
            marts[mart] = sorted(
                rows, key=lambda row: tuple((value is None, str(value)) for value in row)
            )
        return marts
    finally:
        warehouse.close()


def test_incremental_run_equals_full_refresh(tmp_path):
    load_raw_tables(tmp_path, FIRST_DAY)
    run_dbt(tmp_path, BUILD_WITHOUT_TESTS)
    apply_late_changes(tmp_path)

    run_dbt(tmp_path, BUILD_WITHOUT_TESTS)
    # The base models took the incremental path, not a rebuild.
    if ENGINE != "spark":
        compiled = (
            tmp_path
            / "target/compiled/referral_insights/models/staging/salesforce/base"
            / "base_salesforce__lead.sql"
        ).read_text()
        assert "changed_records" in compiled

    incremental = Warehouse(tmp_path, read_only=True)
    try:
        referrals = fetch_rows(
            incremental,
            "referrals",
            [
                "lead_id",
                "referrer_lead_id",
                "referrer_status",
                "origin_lead_id",
                "generated_source",
                "generated_source_method",
                "is_converted",
                "is_referrer_on_opportunity",
            ],
        )
        leads = fetch_rows(incremental, "leads", ["lead_id", "generated_source"])
        opportunities = fetch_rows(
            incremental,
            "opportunity_attribution",
            ["opportunity_id", "originating_lead_id", "generated_source", "won_amount"],
        )
        rejected = fetch_rows(
            incremental, "rejected_records", ["source_table", "record_id", "rejection_reason"]
        )
    finally:
        incremental.close()

    assert referrals == [
        {
            "lead_id": lead_id(2),
            "referrer_lead_id": lead_id(1),
            "referrer_status": "resolved",
            "origin_lead_id": lead_id(1),
            "generated_source": "Marketing Generated",
            "generated_source_method": "inherited_from_origin",
            "is_converted": True,
            # The opportunity's only contact is Bo Ek, not the referrer Ann Vo.
            "is_referrer_on_opportunity": False,
        },
        {
            "lead_id": lead_id(3),
            "referrer_lead_id": lead_id(4),
            "referrer_status": "resolved",
            "origin_lead_id": lead_id(4),
            "generated_source": "Sales Generated",
            "generated_source_method": "inherited_from_origin",
            "is_converted": False,
            "is_referrer_on_opportunity": None,
        },
        {
            "lead_id": lead_id(5),
            "referrer_lead_id": None,
            "referrer_status": "unresolved",
            "origin_lead_id": None,
            "generated_source": "Marketing Generated",
            "generated_source_method": "rep_entered",
            "is_converted": False,
            "is_referrer_on_opportunity": None,
        },
        {
            "lead_id": lead_id(6),
            "referrer_lead_id": lead_id(5),
            "referrer_status": "resolved",
            "origin_lead_id": None,
            "generated_source": "Marketing Generated",
            "generated_source_method": "rep_entered",
            "is_converted": False,
            "is_referrer_on_opportunity": None,
        },
    ]
    assert [row["lead_id"] for row in leads] == [lead_id(n) for n in (1, 2, 3, 4, 5, 6)]
    assert opportunities == [
        {
            "opportunity_id": OPPORTUNITY,
            "originating_lead_id": lead_id(2),
            "generated_source": "Marketing Generated",
            "won_amount": Decimal("12000.00"),
        }
    ]
    assert rejected == [
        {"source_table": "lead", "record_id": lead_id(7), "rejection_reason": "deleted"}
    ]

    after_incremental_run = read_marts(tmp_path)
    run_dbt(tmp_path, [*BUILD_WITHOUT_TESTS, "--full-refresh"])
    assert read_marts(tmp_path) == after_incremental_run
