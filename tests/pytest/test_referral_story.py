"""The story the product exists for: a marketing lead names a colleague, the rep creates
the colleague as a Sales Generated referral, and the referral becomes an opportunity
that the original lead is not attached to."""

from datetime import date
from decimal import Decimal

from warehouse import build_scenario, fetch_rows, salesforce_id

REP = salesforce_id("005", 1)
ACCOUNT = salesforce_id("001", 1)
PAID_SEARCH_LEAD = salesforce_id("00Q", 1)
PAID_SEARCH_CONTACT = salesforce_id("003", 1)
REFERRAL_LEAD = salesforce_id("00Q", 2)
REFERRAL_CONTACT = salesforce_id("003", 2)
OPPORTUNITY = salesforce_id("006", 1)


def story_tables(referrer_on_opportunity: bool) -> dict[str, list[dict]]:
    contact_roles = [
        {
            "id": salesforce_id("00K", 1),
            "opportunity_id": OPPORTUNITY,
            "contact_id": REFERRAL_CONTACT,
            "role": "Decision Maker",
            "is_primary": "true",
            "created_date": "2025-03-20 09:00:00",
        }
    ]
    if referrer_on_opportunity:
        contact_roles.append(
            {
                "id": salesforce_id("00K", 2),
                "opportunity_id": OPPORTUNITY,
                "contact_id": PAID_SEARCH_CONTACT,
                "role": "Influencer",
                "is_primary": "false",
                "created_date": "2025-03-21 09:00:00",
            }
        )
    return {
        "user": [{"id": REP, "name": "Dana Rep", "email": "dana@example.com", "is_active": "1"}],
        "account": [{"id": ACCOUNT, "name": "Acme Tools", "created_date": "2025-03-05 10:00:00"}],
        "lead": [
            {
                "id": PAID_SEARCH_LEAD,
                "is_deleted": "false",
                "first_name": "Ivan",
                "last_name": "Soto",
                "email": "ivan.soto@example.com",
                "company": "Acme Tools",
                "lead_source": "Paid Search",
                "status": "Closed - Converted",
                "owner_id": REP,
                "created_date": "2025-03-03 08:00:00",
                "is_converted": "true",
                "converted_date": "2025-03-05",
                "converted_account_id": ACCOUNT,
                "converted_contact_id": PAID_SEARCH_CONTACT,
            },
            {
                "id": REFERRAL_LEAD,
                "is_deleted": "false",
                "first_name": "Mara",
                "last_name": "Lind",
                "company": "Acme Tools",
                "lead_source": "Referral",
                "status": "Closed - Converted",
                "owner_id": REP,
                "created_date": "2025-03-10 08:00:00",
                "is_converted": "true",
                "converted_date": "2025-03-20",
                "converted_account_id": ACCOUNT,
                "converted_contact_id": REFERRAL_CONTACT,
                "converted_opportunity_id": OPPORTUNITY,
                "generated_source_c": "Sales Generated",
                "lead_source_details_c": "Referred by Ivan Soto-Google Adv",
            },
        ],
        "contact": [
            {
                "id": PAID_SEARCH_CONTACT,
                "account_id": ACCOUNT,
                "first_name": "Ivan",
                "last_name": "Soto",
                "lead_source": "Paid Search",
                "created_date": "2025-03-05 10:00:00",
            },
            {
                "id": REFERRAL_CONTACT,
                "account_id": ACCOUNT,
                "first_name": "Mara",
                "last_name": "Lind",
                "lead_source": "Referral",
                "created_date": "2025-03-20 09:00:00",
            },
        ],
        "opportunity": [
            {
                "id": OPPORTUNITY,
                "account_id": ACCOUNT,
                "name": "Acme Tools - Platform",
                "stage_name": "Prospecting",
                "amount": "50000",
                "close_date": "2025-06-30",
                "is_closed": "false",
                "is_won": "false",
                "lead_source": "Referral",
                "owner_id": REP,
                "created_date": "2025-03-20 09:00:00",
                "generated_source_c": "Sales Generated",
            }
        ],
        "opportunity_contact_role": contact_roles,
    }


REFERRAL_COLUMNS = [
    "lead_id",
    "referrer_lead_id",
    "referrer_contact_id",
    "referrer_match_method",
    "referrer_status",
    "channel_hint",
    "origin_lead_id",
    "origin_channel",
    "chain_depth",
    "is_in_cycle",
    "rep_generated_source",
    "generated_source",
    "generated_source_method",
    "is_generated_source_conflict",
    "converted_opportunity_id",
    "is_referrer_on_opportunity",
]

ATTRIBUTION_COLUMNS = [
    "opportunity_id",
    "originating_lead_id",
    "attach_method",
    "recorded_generated_source",
    "generated_source",
    "is_reclassified",
    "is_referral_sourced",
    "referrer_lead_id",
    "is_referrer_on_opportunity",
    "amount",
    "pipeline_amount",
    "won_amount",
]


def test_story_referral_is_marketing_generated(tmp_path):
    warehouse = build_scenario(tmp_path, story_tables(referrer_on_opportunity=False))

    assert fetch_rows(warehouse, "referrals", REFERRAL_COLUMNS) == [
        {
            "lead_id": REFERRAL_LEAD,
            "referrer_lead_id": PAID_SEARCH_LEAD,
            "referrer_contact_id": PAID_SEARCH_CONTACT,
            "referrer_match_method": "name",
            "referrer_status": "resolved",
            "channel_hint": "Google Adv",
            "origin_lead_id": PAID_SEARCH_LEAD,
            "origin_channel": "Paid Search",
            "chain_depth": 1,
            "is_in_cycle": False,
            "rep_generated_source": "Sales Generated",
            "generated_source": "Marketing Generated",
            "generated_source_method": "inherited_from_origin",
            "is_generated_source_conflict": True,
            "converted_opportunity_id": OPPORTUNITY,
            "is_referrer_on_opportunity": False,
        }
    ]
    assert fetch_rows(warehouse, "opportunity_attribution", ATTRIBUTION_COLUMNS) == [
        {
            "opportunity_id": OPPORTUNITY,
            "originating_lead_id": REFERRAL_LEAD,
            "attach_method": "conversion",
            "recorded_generated_source": "Sales Generated",
            "generated_source": "Marketing Generated",
            "is_reclassified": True,
            "is_referral_sourced": True,
            "referrer_lead_id": PAID_SEARCH_LEAD,
            "is_referrer_on_opportunity": False,
            "amount": Decimal("50000.00"),
            "pipeline_amount": Decimal("50000.00"),
            "won_amount": None,
        }
    ]


def test_story_referrer_attached_to_opportunity(tmp_path):
    warehouse = build_scenario(tmp_path, story_tables(referrer_on_opportunity=True))

    referral = fetch_rows(warehouse, "referrals", ["lead_id", "is_referrer_on_opportunity"])
    opportunity = fetch_rows(
        warehouse, "opportunity_attribution", ["opportunity_id", "is_referrer_on_opportunity"]
    )
    assert referral == [{"lead_id": REFERRAL_LEAD, "is_referrer_on_opportunity": True}]
    assert opportunity == [{"opportunity_id": OPPORTUNITY, "is_referrer_on_opportunity": True}]


def test_story_leads_mart_rows(tmp_path):
    warehouse = build_scenario(tmp_path, story_tables(referrer_on_opportunity=False))

    columns = [
        "lead_id",
        "channel",
        "is_referral",
        "generated_source",
        "generated_source_method",
        "rep_generated_source",
        "referrer_lead_id",
        "origin_lead_id",
        "is_converted",
        "converted_opportunity_id",
        "created_month",
    ]
    rows = fetch_rows(warehouse, "leads", columns)
    assert rows == sorted(
        [
            {
                "lead_id": PAID_SEARCH_LEAD,
                "channel": "Paid Search",
                "is_referral": False,
                "generated_source": "Marketing Generated",
                "generated_source_method": "channel_default",
                "rep_generated_source": None,
                "referrer_lead_id": None,
                "origin_lead_id": None,
                "is_converted": True,
                "converted_opportunity_id": None,
                "created_month": date(2025, 3, 1),
            },
            {
                "lead_id": REFERRAL_LEAD,
                "channel": "Referral",
                "is_referral": True,
                "generated_source": "Marketing Generated",
                "generated_source_method": "inherited_from_origin",
                "rep_generated_source": "Sales Generated",
                "referrer_lead_id": PAID_SEARCH_LEAD,
                "origin_lead_id": PAID_SEARCH_LEAD,
                "is_converted": True,
                "converted_opportunity_id": OPPORTUNITY,
                "created_month": date(2025, 3, 1),
            },
        ],
        key=lambda row: row["lead_id"],
    )
