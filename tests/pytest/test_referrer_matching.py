"""Scenarios for finding a referral lead's referrer in free-text details."""

import pytest
from warehouse import build_scenario, fetch_rows, lead_row, salesforce_id

MATCH_COLUMNS = ["lead_id", "referrer_lead_id", "referrer_status", "channel_hint"]


def lead_id(number: int) -> str:
    return salesforce_id("00Q", number)


def referral(number: int, details: str | None, created: str = "2025-05-01 12:00:00", **fields):
    return lead_row(
        number,
        "Referred",
        f"Person{number}",
        "Referral",
        created,
        lead_source_details_c=details,
        **fields,
    )


REFERRERS = [
    lead_row(
        1, "Ivan", "Soto", "Paid Search", "2025-01-10 09:00:00", email="Ivan.Soto@example.com"
    ),
    lead_row(2, "Nora", "O'Hare", "Webinar", "2025-01-11 09:00:00"),
    lead_row(3, "Jean-Marc", "Blum", "Webinar", "2025-01-12 09:00:00"),
    lead_row(4, "Rosa", "Diaz-Vega", "Web", "2025-01-13 09:00:00"),
    # A shorter name that is a leading part of the one above: the longest match wins.
    lead_row(5, "Rosa", "Diaz", "Trade Show", "2025-01-13 10:00:00"),
    lead_row(6, "Zoë", "Brändt", "Trade Show", "2025-01-14 09:00:00"),
]

DETAILS_CASES = [
    (101, "Referred by Ivan Soto-Google Adv.", 1, "name", "Google Adv"),
    (102, "referred by: ivan soto - Google Adv", 1, "name", "Google Adv"),
    (103, "Ref by ivan.soto@example.com", 1, "email", None),
    (104, "Referred by Nora O’Hare-LinkedIn", 2, "name", "LinkedIn"),
    (105, "Referred by Nora O&#39;Hare", 2, "name", None),
    (106, "Referred by Jean-Marc Blum-Webinar", 3, "name", "Webinar"),
    (107, "Referred by Rosa Diaz-Vega", 4, "name", None),
    (108, "Referred by Zoe Brandt", 6, "name", None),
]


@pytest.fixture(scope="module")
def details_warehouse(tmp_path_factory):
    work_dir = tmp_path_factory.mktemp("details_formats")
    referrals = [referral(number, details) for number, details, *_ in DETAILS_CASES]
    return build_scenario(work_dir, {"lead": REFERRERS + referrals})


@pytest.mark.parametrize(
    ("number", "details", "referrer_number", "method", "hint"),
    DETAILS_CASES,
    ids=[case[1] for case in DETAILS_CASES],
)
def test_details_format_resolves(details_warehouse, number, details, referrer_number, method, hint):
    rows = fetch_rows(
        details_warehouse,
        "referrals",
        ["lead_id", "referrer_lead_id", "referrer_match_method", "referrer_status", "channel_hint"],
        where=f"lead_id = '{lead_id(number)}'",
    )
    assert rows == [
        {
            "lead_id": lead_id(number),
            "referrer_lead_id": lead_id(referrer_number),
            "referrer_match_method": method,
            "referrer_status": "resolved",
            "channel_hint": hint,
        }
    ]


def test_referrer_contact_only_converted_lead(tmp_path):
    """The details name a contact; the contact was converted from a Webinar lead."""
    contact_id = salesforce_id("003", 1)
    account_id = salesforce_id("001", 1)
    tables = {
        "account": [{"id": account_id, "name": "Birch Labs"}],
        "lead": [
            # The lead's name was corrected on the contact after conversion.
            lead_row(
                1,
                "Kim",
                "Lau",
                "Webinar",
                "2025-02-01 09:00:00",
                is_converted="true",
                converted_contact_id=contact_id,
                converted_account_id=account_id,
            ),
            referral(2, "Referred by Kimberly Lau", created="2025-03-01 09:00:00"),
        ],
        "contact": [
            {
                "id": contact_id,
                "account_id": account_id,
                "first_name": "Kimberly",
                "last_name": "Lau",
                "created_date": "2025-02-02 09:00:00",
            }
        ],
    }
    warehouse = build_scenario(tmp_path, tables)

    rows = fetch_rows(
        warehouse,
        "referrals",
        [
            "lead_id",
            "referrer_lead_id",
            "referrer_contact_id",
            "origin_lead_id",
            "origin_channel",
            "generated_source",
            "generated_source_method",
        ],
    )
    assert rows == [
        {
            "lead_id": lead_id(2),
            "referrer_lead_id": lead_id(1),
            "referrer_contact_id": contact_id,
            "origin_lead_id": lead_id(1),
            "origin_channel": "Webinar",
            "generated_source": "Marketing Generated",
            "generated_source_method": "inherited_from_origin",
        }
    ]


def test_same_name_company_breaks_tie(tmp_path):
    tables = {
        "lead": [
            lead_row(1, "Sam", "Reed", "Webinar", "2025-01-01 09:00:00", company="Oak Ltd"),
            lead_row(2, "Sam", "Reed", "Cold Call", "2025-01-02 09:00:00", company="Pine Inc"),
            referral(3, "Referred by Sam Reed", company="Pine Inc"),
        ]
    }
    warehouse = build_scenario(tmp_path, tables)

    rows = fetch_rows(
        warehouse, "referrals", MATCH_COLUMNS + ["generated_source", "generated_source_method"]
    )
    assert rows == [
        {
            "lead_id": lead_id(3),
            "referrer_lead_id": lead_id(2),
            "referrer_status": "resolved",
            "channel_hint": None,
            "generated_source": "Sales Generated",
            "generated_source_method": "inherited_from_origin",
        }
    ]


def test_same_name_without_company_is_ambiguous(tmp_path):
    tables = {
        "lead": [
            lead_row(1, "Sam", "Reed", "Webinar", "2025-01-01 09:00:00", company="Oak Ltd"),
            lead_row(2, "Sam", "Reed", "Cold Call", "2025-01-02 09:00:00", company="Pine Inc"),
            referral(3, "Referred by Sam Reed", company="Elm GmbH"),
        ]
    }
    warehouse = build_scenario(tmp_path, tables)

    rows = fetch_rows(
        warehouse,
        "referrals",
        MATCH_COLUMNS + ["origin_lead_id", "generated_source", "generated_source_method"],
    )
    assert rows == [
        {
            "lead_id": lead_id(3),
            "referrer_lead_id": None,
            "referrer_status": "ambiguous",
            "channel_hint": None,
            "origin_lead_id": None,
            "generated_source": "Unknown",
            "generated_source_method": "unknown",
        }
    ]


def test_common_name_counts_only_people_created_before(tmp_path):
    """Six people share a name. The match looks at a few earliest namesakes per key, so
    the one at the referral's company must still be found when it is the sixth."""
    companies = ["Oak Ltd", "Ash AG", "Elm GmbH", "Fir SA", "Yew BV", "Pine Inc"]
    namesakes = [
        lead_row(number, "Sam", "Reed", "Webinar", f"2025-01-0{number} 09:00:00", company=name)
        for number, name in enumerate(companies, start=1)
    ]
    tables = {
        "lead": namesakes
        + [
            # At Pine Inc, whose Sam Reed is the latest of the six.
            referral(10, "Referred by Sam Reed", company="Pine Inc"),
            # At a company where no Sam Reed works.
            referral(11, "Referred by Sam Reed", company="Birch Co"),
            # Created when only the first Sam Reed existed.
            referral(12, "Referred by Sam Reed", created="2025-01-01 12:00:00"),
            # Created when two existed, and at the second one's company.
            referral(13, "Referred by Sam Reed", created="2025-01-02 12:00:00", company="Ash AG"),
        ]
    }
    warehouse = build_scenario(tmp_path, tables)

    assert fetch_rows(warehouse, "referrals", MATCH_COLUMNS) == [
        {
            "lead_id": lead_id(10),
            "referrer_lead_id": lead_id(6),
            "referrer_status": "resolved",
            "channel_hint": None,
        },
        {
            "lead_id": lead_id(11),
            "referrer_lead_id": None,
            "referrer_status": "ambiguous",
            "channel_hint": None,
        },
        {
            "lead_id": lead_id(12),
            "referrer_lead_id": lead_id(1),
            "referrer_status": "resolved",
            "channel_hint": None,
        },
        {
            "lead_id": lead_id(13),
            "referrer_lead_id": lead_id(2),
            "referrer_status": "resolved",
            "channel_hint": None,
        },
    ]


def test_lead_naming_itself_is_self_referral(tmp_path):
    tables = {
        "lead": [
            lead_row(
                1,
                "Lee",
                "Park",
                "Referral",
                "2025-01-01 09:00:00",
                lead_source_details_c="Referred by Lee Park-Webinar",
            )
        ]
    }
    warehouse = build_scenario(tmp_path, tables)

    assert fetch_rows(warehouse, "referrals", MATCH_COLUMNS) == [
        {
            "lead_id": lead_id(1),
            "referrer_lead_id": None,
            "referrer_status": "self_referral",
            "channel_hint": "Webinar",
        }
    ]


def test_referrer_created_later_is_not_candidate(tmp_path):
    tables = {
        "lead": [
            referral(1, "Referred by Ada Park", created="2025-01-01 09:00:00"),
            lead_row(2, "Ada", "Park", "Webinar", "2025-02-01 09:00:00"),
        ]
    }
    warehouse = build_scenario(tmp_path, tables)

    assert fetch_rows(warehouse, "referrals", MATCH_COLUMNS) == [
        {
            "lead_id": lead_id(1),
            "referrer_lead_id": None,
            "referrer_status": "unresolved",
            "channel_hint": None,
        }
    ]


def test_lookup_field_wins_over_details(tmp_path):
    tables = {
        "lead": [
            lead_row(1, "Ada", "Park", "Webinar", "2025-01-01 09:00:00"),
            lead_row(2, "Ben", "Cho", "Cold Call", "2025-01-02 09:00:00"),
            referral(3, "Referred by Ben Cho", referral_lead_c=lead_id(1)),
        ]
    }
    warehouse = build_scenario(tmp_path, tables)

    rows = fetch_rows(
        warehouse,
        "referrals",
        ["lead_id", "referrer_lead_id", "referrer_match_method", "generated_source"],
    )
    assert rows == [
        {
            "lead_id": lead_id(3),
            "referrer_lead_id": lead_id(1),
            "referrer_match_method": "lookup_field",
            "generated_source": "Marketing Generated",
        }
    ]
