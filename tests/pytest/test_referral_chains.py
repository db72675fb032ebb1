"""Scenarios for walking referral chains and classifying the generated source."""

from warehouse import Warehouse, build_scenario, fetch_rows, lead_row, run_dbt, salesforce_id

CHAIN_COLUMNS = [
    "lead_id",
    "referrer_status",
    "chain_status",
    "chain_depth",
    "is_in_cycle",
    "origin_lead_id",
    "generated_source",
    "generated_source_method",
]


def lead_id(number: int) -> str:
    return salesforce_id("00Q", number)


def referral(number, first_name, last_name, details, created, **fields):
    return lead_row(
        number,
        first_name,
        last_name,
        "Referral",
        created,
        lead_source_details_c=details,
        **fields,
    )


def test_depth_two_chain_inherits_from_root(tmp_path):
    tables = {
        "lead": [
            lead_row(1, "Ann", "Root", "Webinar", "2025-01-01 09:00:00"),
            referral(
                2,
                "Bob",
                "Middle",
                "Referred by Ann Root",
                "2025-01-02 09:00:00",
                generated_source_c="Sales Generated",
            ),
            referral(
                3,
                "Cat",
                "Leaf",
                "Referred by Bob Middle",
                "2025-01-03 09:00:00",
                generated_source_c="Sales Generated",
            ),
        ]
    }
    warehouse = build_scenario(tmp_path, tables)

    assert fetch_rows(warehouse, "referrals", CHAIN_COLUMNS) == [
        {
            "lead_id": lead_id(2),
            "referrer_status": "resolved",
            "chain_status": "origin_reached",
            "chain_depth": 1,
            "is_in_cycle": False,
            "origin_lead_id": lead_id(1),
            "generated_source": "Marketing Generated",
            "generated_source_method": "inherited_from_origin",
        },
        {
            "lead_id": lead_id(3),
            "referrer_status": "resolved",
            "chain_status": "origin_reached",
            "chain_depth": 2,
            "is_in_cycle": False,
            "origin_lead_id": lead_id(1),
            "generated_source": "Marketing Generated",
            "generated_source_method": "inherited_from_origin",
        },
    ]


def test_three_lead_cycle_is_flagged(tmp_path):
    # Creation times are equal, so each lead is a candidate for the others.
    created = "2025-01-01 09:00:00"
    tables = {
        "lead": [
            referral(
                1,
                "Ann",
                "One",
                "Referred by Cy Three",
                created,
                generated_source_c="Sales Generated",
            ),
            referral(2, "Bo", "Two", "Referred by Ann One-Webinar", created),
            referral(3, "Cy", "Three", "Referred by Bo Two", created),
        ]
    }
    warehouse = build_scenario(tmp_path, tables)

    assert fetch_rows(warehouse, "referrals", CHAIN_COLUMNS) == [
        {
            "lead_id": lead_id(1),
            "referrer_status": "resolved",
            "chain_status": "cycle",
            "chain_depth": 3,
            "is_in_cycle": True,
            "origin_lead_id": None,
            "generated_source": "Sales Generated",
            "generated_source_method": "rep_entered",
        },
        {
            "lead_id": lead_id(2),
            "referrer_status": "resolved",
            "chain_status": "cycle",
            "chain_depth": 3,
            "is_in_cycle": True,
            "origin_lead_id": None,
            "generated_source": "Marketing Generated",
            "generated_source_method": "details_channel_hint",
        },
        {
            "lead_id": lead_id(3),
            "referrer_status": "resolved",
            "chain_status": "cycle",
            "chain_depth": 3,
            "is_in_cycle": True,
            "origin_lead_id": None,
            "generated_source": "Unknown",
            "generated_source_method": "unknown",
        },
    ]


def test_unresolved_webinar_hint_is_marketing(tmp_path):
    tables = {
        "lead": [
            referral(
                1,
                "Ada",
                "Lone",
                "Referred by Ann Vo-Webinar",
                "2025-01-01 09:00:00",
                generated_source_c="Sales Generated",
            ),
            referral(2, "Ben", "Next", "Referred by Ada Lone", "2025-01-02 09:00:00"),
        ]
    }
    warehouse = build_scenario(tmp_path, tables)

    assert fetch_rows(
        warehouse,
        "referrals",
        CHAIN_COLUMNS + ["channel_hint", "is_generated_source_conflict"],
    ) == [
        {
            "lead_id": lead_id(1),
            "referrer_status": "unresolved",
            "chain_status": "unresolved_referrer",
            "chain_depth": 0,
            "is_in_cycle": False,
            "origin_lead_id": None,
            "generated_source": "Marketing Generated",
            "generated_source_method": "details_channel_hint",
            "channel_hint": "Webinar",
            "is_generated_source_conflict": True,
        },
        {
            "lead_id": lead_id(2),
            "referrer_status": "resolved",
            "chain_status": "unresolved_referrer",
            "chain_depth": 1,
            "is_in_cycle": False,
            "origin_lead_id": None,
            "generated_source": "Marketing Generated",
            "generated_source_method": "details_channel_hint",
            "channel_hint": None,
            "is_generated_source_conflict": False,
        },
    ]


def test_rep_precedence_keeps_rep_value(tmp_path):
    tables = {
        "lead": [
            lead_row(1, "Ann", "Root", "Webinar", "2025-01-01 09:00:00"),
            referral(
                2,
                "Bob",
                "Next",
                "Referred by Ann Root",
                "2025-01-02 09:00:00",
                generated_source_c="sales generated",
            ),
        ]
    }
    warehouse = build_scenario(tmp_path, tables, {"generated_source_precedence": "rep"})

    assert fetch_rows(
        warehouse,
        "referrals",
        [
            "lead_id",
            "rep_generated_source",
            "generated_source",
            "generated_source_method",
            "is_generated_source_conflict",
        ],
    ) == [
        {
            "lead_id": lead_id(2),
            "rep_generated_source": "Sales Generated",
            "generated_source": "Sales Generated",
            "generated_source_method": "rep_entered",
            "is_generated_source_conflict": True,
        }
    ]


def test_lead_source_spellings_and_unmapped(tmp_path):
    tables = {
        "lead": [
            lead_row(1, "Ann", "Root", "Webinar", "2025-01-01 09:00:00"),
            lead_row(
                2,
                "B",
                "One",
                "Referral",
                "2025-01-02 09:00:00",
                lead_source_details_c="Referred by Ann Root",
            ),
            lead_row(
                3,
                "B",
                "Two",
                "referral ",
                "2025-01-02 09:00:00",
                lead_source_details_c="Referred by Ann Root",
            ),
            lead_row(
                4,
                "B",
                "Three",
                " REFERRAL",
                "2025-01-02 09:00:00",
                lead_source_details_c="Referred by Ann Root",
            ),
            lead_row(5, "C", "Null", None, "2025-01-03 09:00:00"),
            lead_row(6, "C", "Empty", "", "2025-01-03 09:00:00"),
            lead_row(7, "C", "Odd", "Billboard Raffle", "2025-01-03 09:00:00"),
        ]
    }
    warehouse = build_scenario(tmp_path, tables)

    rows = fetch_rows(
        warehouse,
        "leads",
        ["lead_id", "channel", "is_referral", "generated_source", "origin_lead_id"],
    )
    referred = {
        "channel": "Referral",
        "is_referral": True,
        "generated_source": "Marketing Generated",
        "origin_lead_id": lead_id(1),
    }
    unknown = {
        "channel": "Unknown",
        "is_referral": False,
        "generated_source": "Unknown",
        "origin_lead_id": None,
    }
    assert rows == [
        {
            "lead_id": lead_id(1),
            "channel": "Webinar",
            "is_referral": False,
            "generated_source": "Marketing Generated",
            "origin_lead_id": None,
        },
        {"lead_id": lead_id(2), **referred},
        {"lead_id": lead_id(3), **referred},
        {"lead_id": lead_id(4), **referred},
        {"lead_id": lead_id(5), **unknown},
        {"lead_id": lead_id(6), **unknown},
        {"lead_id": lead_id(7), **unknown},
    ]


def test_unmapped_lead_sources_are_listed(tmp_path):
    tables = {
        "lead": [
            lead_row(1, "Ann", "Root", "Webinar", "2025-01-01 09:00:00"),
            lead_row(2, "C", "Null", None, "2025-01-03 09:00:00"),
            lead_row(3, "C", "Empty", "", "2025-01-03 09:00:00"),
            lead_row(4, "C", "Odd", "Billboard Raffle", "2025-01-03 09:00:00"),
        ]
    }
    build_scenario(tmp_path, tables).close()

    output = run_dbt(tmp_path, ["test", "--select", "unmapped_lead_sources", "--store-failures"])
    assert "WARN 2 unmapped_lead_sources" in output

    warehouse = Warehouse(tmp_path, read_only=True)
    rows = warehouse.query("select lead_source, leads from dbt_test__audit.unmapped_lead_sources")
    assert sorted(rows, key=lambda row: row[0] or "") == [(None, 2), ("Billboard Raffle", 1)]
