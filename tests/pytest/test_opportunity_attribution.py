"""Scenarios for finding the lead that originated an opportunity."""

from datetime import date
from decimal import Decimal

from warehouse import build_scenario, fetch_rows, lead_row, salesforce_id

ACCOUNT = salesforce_id("001", 1)


def lead_id(number: int) -> str:
    return salesforce_id("00Q", number)


def opportunity(number: int, created: str, amount: str, stage: str, **fields) -> dict:
    is_won = stage == "Closed Won"
    is_closed = stage.startswith("Closed")
    return {
        "id": salesforce_id("006", number),
        "account_id": ACCOUNT,
        "name": f"Opportunity {number}",
        "stage_name": stage,
        "amount": amount,
        "close_date": "2025-12-31",
        "is_closed": str(is_closed).lower(),
        "is_won": str(is_won).lower(),
        "created_date": created,
        **fields,
    }


def test_lead_converted_into_older_opportunity(tmp_path):
    """A lead converted into an existing opportunity influences it but did not
    originate it, and the amount counts once everywhere."""
    older_opportunity = salesforce_id("006", 1)
    tables = {
        "lead": [
            lead_row(
                1,
                "Ann",
                "First",
                "Webinar",
                "2025-01-05 09:00:00",
                is_converted="true",
                converted_opportunity_id=older_opportunity,
            ),
            lead_row(
                2,
                "Ben",
                "Later",
                "Cold Call",
                "2025-04-01 09:00:00",
                is_converted="true",
                converted_opportunity_id=older_opportunity,
            ),
        ],
        "opportunity": [
            opportunity(1, "2025-02-01 09:00:00", "1000", "Closed Won", lead_source="Webinar")
        ],
    }
    warehouse = build_scenario(tmp_path, tables)

    assert fetch_rows(
        warehouse,
        "opportunity_attribution",
        [
            "opportunity_id",
            "originating_lead_id",
            "attach_method",
            "influencing_lead_count",
            "generated_source",
            "pipeline_amount",
            "won_amount",
        ],
    ) == [
        {
            "opportunity_id": older_opportunity,
            "originating_lead_id": lead_id(1),
            "attach_method": "conversion",
            "influencing_lead_count": 1,
            "generated_source": "Marketing Generated",
            "pipeline_amount": Decimal("1000.00"),
            "won_amount": Decimal("1000.00"),
        }
    ]
    assert fetch_rows(
        warehouse,
        "generated_source_summary",
        ["report_month", "generated_source", "opportunities", "pipeline_amount", "won_amount"],
        where="opportunities > 0",
    ) == [
        {
            "report_month": date(2025, 2, 1),
            "generated_source": "Marketing Generated",
            "opportunities": 1,
            "pipeline_amount": Decimal("1000.00"),
            "won_amount": Decimal("1000.00"),
        }
    ]


def test_older_opportunity_with_only_later_lead(tmp_path):
    """The only converted lead came after the opportunity: nothing originated it."""
    older_opportunity = salesforce_id("006", 1)
    tables = {
        "lead": [
            lead_row(
                2,
                "Ben",
                "Later",
                "Cold Call",
                "2025-04-01 09:00:00",
                is_converted="true",
                converted_opportunity_id=older_opportunity,
            )
        ],
        "opportunity": [
            opportunity(
                1,
                "2025-02-01 09:00:00",
                "500",
                "Closed Lost",
                lead_source="Web",
                generated_source_c="Marketing Generated",
            )
        ],
    }
    warehouse = build_scenario(tmp_path, tables)

    assert fetch_rows(
        warehouse,
        "opportunity_attribution",
        [
            "originating_lead_id",
            "attach_method",
            "influencing_lead_count",
            "recorded_generated_source",
            "generated_source",
            "is_reclassified",
            "pipeline_amount",
        ],
    ) == [
        {
            "originating_lead_id": None,
            "attach_method": "none",
            "influencing_lead_count": 1,
            "recorded_generated_source": "Marketing Generated",
            "generated_source": "Marketing Generated",
            "is_reclassified": False,
            "pipeline_amount": None,
        }
    ]


def test_primary_contact_role_attaches_lead(tmp_path):
    """A lead converted without an opportunity, whose contact later becomes the primary
    contact role on a new opportunity, originated that opportunity."""
    contact_id = salesforce_id("003", 1)
    new_opportunity = salesforce_id("006", 2)
    tables = {
        "lead": [
            lead_row(
                1,
                "Cara",
                "Contact",
                "Trade Show",
                "2025-01-05 09:00:00",
                is_converted="true",
                converted_contact_id=contact_id,
                converted_account_id=ACCOUNT,
            )
        ],
        "contact": [
            {
                "id": contact_id,
                "account_id": ACCOUNT,
                "first_name": "Cara",
                "last_name": "Contact",
                "created_date": "2025-01-06 09:00:00",
            }
        ],
        "opportunity": [
            opportunity(2, "2025-06-01 09:00:00", "2500.50", "Prospecting", lead_source="Cold Call")
        ],
        "opportunity_contact_role": [
            {
                "id": salesforce_id("00K", 1),
                "opportunity_id": new_opportunity,
                "contact_id": contact_id,
                "role": "Economic Buyer",
                "is_primary": "TRUE",
                "created_date": "2025-06-01 09:05:00",
            }
        ],
    }
    warehouse = build_scenario(tmp_path, tables)

    assert fetch_rows(
        warehouse,
        "opportunity_attribution",
        [
            "opportunity_id",
            "originating_lead_id",
            "attach_method",
            "recorded_generated_source",
            "generated_source",
            "is_reclassified",
            "is_referral_sourced",
            "pipeline_amount",
        ],
    ) == [
        {
            "opportunity_id": new_opportunity,
            "originating_lead_id": lead_id(1),
            "attach_method": "contact_role",
            "recorded_generated_source": "Sales Generated",
            "generated_source": "Marketing Generated",
            "is_reclassified": True,
            "is_referral_sourced": False,
            "pipeline_amount": Decimal("2500.50"),
        }
    ]
