"""Generate the demo Salesforce tables that the seeds in seeds/demo/ load into the source schema.

Run it from the project folder::

    python -m referral_insights.demo_data --output-dir seeds/demo --seed 20241201

It writes one CSV per raw table (lead, contact, account, opportunity, opportunity_contact_role,
user, campaign, campaign_member) with snake_case columns, as a Fivetran-style loader writes them.
Booleans are ``true``/``false``, timestamps are ``YYYY-MM-DD HH:MM:SS`` in UTC and an empty field
is NULL. The output is byte-identical for a given seed: every random choice comes from one
``random.Random(seed)`` and nothing reads the clock. Only the standard library is used.

About 400 leads are created between 2024-12-01 and 2025-12-31, with the surrounding contacts,
accounts, opportunities, contact roles, users and campaigns. The names below are fixed and the
same for every seed. Their ids change with the seed. All names of people and companies are
invented, and every email address uses the reserved ``.example`` domain.

Stories in the data
-------------------
1. Core story. Ada Park (Kestrelmoor Analytics) comes in from ``Paid Search``. A rep calls her
   and creates her colleague Imogen Tarrant by hand: lead source ``Referral``, generated source
   ``Sales Generated``, details ``Referred by Ada Park-Google Adv``. Imogen converts into the won
   opportunity "Kestrelmoor Analytics - Pipeline Analytics" (48,000.00). Ada is converted to a
   contact without an opportunity, and her contact is not among that opportunity's contact
   roles, so the paid-search lead is orphaned.
2. December 2025 referrals from three marketing origins: Odalys Fenwick is referred by Caspian
   Ruelle (``Advertisement``, no channel hint). Lucan Mabry is referred by Zoë Brändt
   (``Webinar``), written without accents as ``Referred by Zoe Brandt-Webinar``, and converts
   into an open opportunity. Pella Dunmore is referred by Nora O'Hare (``Web``), written with a
   curly apostrophe. Quentin Harrow (November) names Nora with the HTML entity ``&#39;``.
3. Referral chain: Ottilie Brask (``referred by: tamsin vardy``, no hint) is referred by Tamsin
   Vardy, who is ``Referred by Jean-Marc Blum-Webinar``, a ``Webinar`` lead (Quillon Biotech).
   Ottilie converts into a won opportunity.
4. Unresolvable referrers: Marisol Ebbets names Thaddeus Quorn (hint ``Webinar``), Katell Morrow
   names Philippa Stroud (no hint) and Ivo Pennock names h.lindqvist@orrinbrook.example. None of
   these people exist in the data. Anselm Greaves is referred by Marisol Ebbets, so his chain
   stops at an unresolved referral.
5. Conversions: Ada Park is converted without an opportunity (converted_opportunity_id empty,
   contact set) and Imogen Tarrant with one. Many generated leads are converted either way.
6. Conversion into an older opportunity: Edmund Sallow (``Trade Show``, Brackenfold Freight,
   created 2025-04-07) is converted into "Brackenfold Freight - Fleet Expansion", created
   2025-02-14 on an existing account with Wilhelmina Garrow as primary contact.
7. Rows for rejected_records: the soft-deleted leads Corwin Pellow, Fenella Marsh and Ignatius
   Rook. Maggie Ellsworth is a deleted merge loser whose master_record_id is her survivor
   Margaret Ellsworth (Mirrowgate Insurance), and Rufus Tennant's details name her as
   ``Referred by Maggie Ellsworth-Trade Show``. The lead row of Agnes Whitlow appears twice
   (the last line of lead.csv). The opportunity "Pellwyn Labs - Annual Subscription
   (duplicate)" and the contact role of Osric Penhale on the Fleet Expansion opportunity are
   deleted.
8. Names shared by two people at different companies. Liam Castellano is a ``Webinar`` lead at
   Hollowquay Foods and a ``Cold Call`` lead at Tarnhallow Engineering. Mara Quint is a lead at
   Duskwether Media and a contact at Pellwyn Labs who never was a lead. Elif Sandoval and Ronan
   Keel are two leads each. Solveig Amory (Tarnhallow Engineering) is ``Referred by Liam
   Castellano-Cold Call``, and her company picks the right Liam. Barnaby Eke (Thistlemarsh
   Outfitters) is ``Referred by Mara Quint``, a tie that no company breaks.

Generated variety, chosen by the seed: about 38 further referral leads whose details use the
formats ``Referred by <name>-<hint>``, ``referred by: <name> - <hint>``, ``Referred by <name>,
<hint>``, ``Referred by <name>``, ``Ref by <email>`` and a doubled space inside the name. Some of
them refer to other referrals or to contacts that never were leads. Five carry the lookup
``referral_lead_c``, three have empty details, two have the source ``referral `` and two
`` REFERRAL``. One lead has the unmapped source ``Billboard Raffle`` and two have an empty
source. On a few referral opportunities the referrer's contact is added as a contact role.

Deliberately irregular ids: one each of lead.converted_contact_id, lead.owner_id,
contact.account_id, opportunity.account_id and opportunity_contact_role.contact_id is written in
its 15-character form. One lead's master_record_id and one lead's converted_opportunity_id
(a conversion without an opportunity) are the all-zero id ``000000000000000AAA``. Every other id
is an 18-character case-safe id.
"""

from __future__ import annotations

import argparse
import csv
import random
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

DEFAULT_SEED = 20241201
DEFAULT_OUTPUT_DIR = Path("seeds/demo")

# All lead created dates fall in this range (UTC). DATA_END is also the "as of" time that
# decides lead statuses and opportunity stages.
DATA_START = datetime(2024, 12, 1)
DATA_END = datetime(2025, 12, 31, 23, 59, 59)
# The inactive sales rep owns no lead created on or after this date.
REP_DEACTIVATED = datetime(2025, 6, 1)
# Base of the loader's _fivetran_synced timestamps.
SYNCED_AT = datetime(2026, 1, 2, 6, 0, 0)

CASE_SAFE_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345"
BASE62_DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
ZERO_ID = "000000000000000AAA"
# Instance ("pod") part of every generated id, characters 4 and 5 of a real Salesforce id.
ID_POD = "Hx"

MARKETING = "Marketing Generated"
SALES = "Sales Generated"
REFERRAL = "Referral"

# The default generated source of each lead source the generator writes. These agree with
# seeds/lead_source_mapping.csv.
DEFAULT_GENERATED_SOURCE = {
    "Web": MARKETING,
    "Advertisement": MARKETING,
    "Paid Search": MARKETING,
    "Google AdWords": MARKETING,
    "Webinar": MARKETING,
    "Trade Show": MARKETING,
    "Email": MARKETING,
    "Social Media": MARKETING,
    "Phone Inquiry": MARKETING,
    "Purchased List": MARKETING,
    "Word of mouth": MARKETING,
    "Cold Call": SALES,
    "Outbound": SALES,
    "Partner Referral": SALES,
    "Employee Referral": SALES,
    "Other": SALES,
}

# Number of generated non-referral leads per lead source. Cold Call and Outbound together are
# about 10 % of all leads.
FILLER_SOURCE_COUNTS = {
    "Web": 57,
    "Advertisement": 22,
    "Paid Search": 41,
    "Google AdWords": 16,
    "Webinar": 34,
    "Trade Show": 22,
    "Email": 26,
    "Social Media": 18,
    "Phone Inquiry": 12,
    "Purchased List": 12,
    "Cold Call": 21,
    "Outbound": 17,
    "Partner Referral": 9,
    "Employee Referral": 7,
    "Word of mouth": 7,
    "Other": 7,
    "Billboard Raffle": 1,
    "": 2,
}
FILLER_REFERRAL_COUNT = 38

# Channel hints that reps write after the referrer's name, by the referrer's origin source.
# Sources without an entry get no hint.
CHANNEL_HINTS = {
    "Paid Search": ("Paid Search", "Google Adv"),
    "Google AdWords": ("Google Adv",),
    "Webinar": ("Webinar",),
    "Web": ("Website", "Web"),
    "Social Media": ("LinkedIn",),
    "Trade Show": ("Trade Show",),
    "Cold Call": ("Cold Call",),
    "Outbound": ("Cold Call",),
}

# The marketing integration user creates the leads from INTEGRATION_SOURCES and the marketing
# operations user imports those from IMPORTED_SOURCES. Lead owners create the rest by hand.
INTEGRATION_SOURCES = (
    "Web", "Advertisement", "Paid Search", "Google AdWords", "Webinar", "Email", "Social Media",
)  # fmt: skip
IMPORTED_SOURCES = ("Trade Show", "Purchased List", "Billboard Raffle")

LEAD_OPEN = "Open - Not Contacted"
LEAD_WORKING = "Working - Contacted"
LEAD_CONVERTED = "Closed - Converted"
LEAD_NOT_CONVERTED = "Closed - Not Converted"

OPEN_STAGES = ("Prospecting", "Qualification", "Proposal/Price Quote", "Negotiation/Review")
WON = "Closed Won"
LOST = "Closed Lost"

PRODUCTS = (
    "Pipeline Analytics",
    "Attribution Add-on",
    "Forecasting Suite",
    "Data Connectors",
    "Annual Subscription",
    "Team Expansion",
    "Pilot",
)
EXTRA_ROLES = ("Evaluator", "Technical Buyer", "Economic Buyer", "Business User", "Influencer")

# (name, type, start date, lead sources whose leads join the campaign)
CAMPAIGNS = (
    ("Paid Search - Always On 2025", "Advertisement", date(2024, 12, 1), ("Paid Search",)),
    ("Display Ads - Winter Push", "Banner Ads", date(2024, 12, 1), ("Advertisement",)),
    ("Webinar Series 2025", "Webinar", date(2024, 12, 5), ("Webinar",)),
    ("Trade Show Circuit 2025", "Trade Show", date(2025, 1, 20), ("Trade Show",)),
    ("Customer Newsletter 2025", "Email", date(2024, 12, 1), ("Email",)),
    ("Referral Program 2025", "Referral Program", date(2025, 1, 1), (REFERRAL,)),
)
CAMPAIGN_SOURCE_ALIASES = {"Google AdWords": "Paid Search"}

# (name, is_active, owns leads). The last two create leads but own none.
USERS = (
    ("Rowan Achterberg", True, True),
    ("Selma Quist", True, True),
    ("Idris Fennimore", True, True),
    ("Beatriz Lanning", True, True),
    ("Callum Ostrowe", True, True),
    ("Desmond Ashgrove", False, True),
    ("Ingrid Halvorsen", True, False),
    ("Marketing Automation", True, False),
)
USER_EMAIL_DOMAIN = "demo-org.example"

FIRST_NAMES = (
    "Alder", "Anouk", "Bastian", "Briony", "Cassius", "Delphine", "Eamon", "Elowen", "Fabian",
    "Freya", "Gideon", "Greer", "Hamish", "Honora", "Isidore", "Jessamy", "Kasimir", "Leocadia",
    "Lorcan", "Maelle", "Matthias", "Nerys", "Oisin", "Orla", "Peregrine", "Petra", "Quinlan",
    "Rosalind", "Sebastien", "Signe", "Tobias", "Ulla", "Valentin", "Wren", "Xavier", "Yara",
    "Zeno", "Aurelie", "Benedikt", "Calla", "Dorian", "Esme", "Florian", "Ginevra", "Henrik",
    "Ilse", "Jasper", "Kaia", "Lysander", "Mirela", "Niamh", "Osmund", "Priya", "Radomir",
    "Sunniva", "Teodor", "Una", "Vesna", "Wilmer", "Ysolde", "Inès", "Anaïs", "Joaquín", "Noé",
    "Renée", "Tomás",
)  # fmt: skip
LAST_NAMES = (
    "Abernethy", "Ballantry", "Blackmere", "Brightwater", "Calloway", "Carrow", "Delacourt",
    "Dunleavy", "Eversley", "Falkner", "Farrant", "Glenholm", "Harrowby", "Hesketh", "Ibbotson",
    "Jessop", "Kettering", "Larkspur", "Mallory", "Netherby", "Oakhurst", "Penhallow",
    "Quarrell", "Rushworth", "Selwyn", "Thackery", "Umberleigh", "Vantreight", "Wexcombe",
    "Yardley", "Ashcombe", "Belvane", "Corriston", "Dellow", "Emberly", "Farquay", "Gorringe",
    "Hallibury", "Inchmore", "Jarrold", "Kinnaird", "Lovelock", "Marchbank", "Nettleford",
    "Ollerenshaw", "Pendry", "Rainsford", "Scarrow", "Tregarthen", "Vosper", "Whitcombe",
    "Wyndham-Cole", "Okafor-Reyes", "Lindsay-Prowse", "D'Arcy", "O'Meallain", "Ibáñez",
    "Löwenthal", "Ferré", "Söderholm", "Moreau-Vidal", "Castelló", "Brunnhölzl", "Nakashima",
    "Adebayo", "Valdivieso", "Szymańczyk", "Haldane", "Trevanion",
)  # fmt: skip

COMPANY_STEMS_FIRST = (
    "Quill", "Nettle", "Sedge", "Marl", "Larch", "Umber", "Teal", "Wyn", "Orrin", "Heron",
    "Juniper", "Otter", "Rook", "Bram", "Cinder", "Fallow", "Gorse", "Hazel", "Kite", "Lumen",
    "Moss", "Pike", "Rime", "Sorrel", "Thorn", "Vetch", "Wold",
)  # fmt: skip
COMPANY_STEMS_SECOND = (
    "moor", "fold", "wick", "mere", "croft", "combe", "stead", "brook", "gate", "haven", "quay",
    "hallow",
)  # fmt: skip
INDUSTRIES = (
    "Analytics", "Logistics", "Health", "Robotics", "Biotech", "Textiles", "Freight", "Insurance",
    "Foods", "Energy", "Software", "Ceramics", "Learning", "Outfitters", "Labs", "Media",
    "Engineering", "Systems", "Pharma", "Retail",
)  # fmt: skip

# Companies of the stories. Random leads, referrals and opportunities stay away from them.
STORY_COMPANIES = (
    "Kestrelmoor Analytics", "Tarnwick Logistics", "Wendmere Health", "Fennick Robotics",
    "Quillon Biotech", "Cardwyn Textiles", "Orrinbrook Energy", "Brackenfold Freight",
    "Mirrowgate Insurance", "Hollowquay Foods", "Tarnhallow Engineering", "Duskwether Media",
    "Pellwyn Labs", "Thistlemarsh Outfitters",
)  # fmt: skip

# Random companies whose leads may convert, and how many of them are customers that already
# have an account before the first lead.
CONVERTIBLE_COMPANY_COUNT = 56
EXISTING_ACCOUNT_COUNT = 13
RANDOM_COMPANY_COUNT = 100
EXISTING_CONTACT_COUNT = 19
LATE_CONTACT_COUNT = 8
DIRECT_OPPORTUNITY_COUNT = 16

CONVERSION_RATE = 0.25
REFERRAL_CONVERSION_RATE = 0.45
OPPORTUNITY_RATE = 0.62
CAMPAIGN_MEMBER_RATE = 0.6


def case_safe_id(id15: str) -> str:
    """Return the 18-character case-safe form of a 15-character Salesforce id.

    Each 5-character chunk of the id adds one suffix character. Bit i of that character's index
    in ``ABCDEFGHIJKLMNOPQRSTUVWXYZ012345`` is set when character i of the chunk is an
    uppercase letter A-Z. Raises ValueError unless ``id15`` has exactly 15 characters.
    """
    if len(id15) != 15:
        raise ValueError(f"invalid Salesforce id {id15!r}: expected 15 characters, got {len(id15)}")
    suffix = ""
    for start in (0, 5, 10):
        index = 0
        for bit, character in enumerate(id15[start : start + 5]):
            if "A" <= character <= "Z":
                index |= 1 << bit
        suffix += CASE_SAFE_ALPHABET[index]
    return id15 + suffix


def format_timestamp(value: datetime) -> str:
    return value.strftime("%Y-%m-%d %H:%M:%S")


def format_bool(value: bool) -> str:
    return "true" if value else "false"


def fold_accents(text: str) -> str:
    """Remove combining accents, so that "Zoë Brändt" becomes "Zoe Brandt"."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def name_key(first_name: str, last_name: str) -> str:
    """Return the matching key of a person's name: accents folded, casefolded."""
    return fold_accents(f"{first_name} {last_name}").casefold()


def make_email(first_name: str, last_name: str, domain: str) -> str:
    local_part = f"{first_name}.{last_name}"
    local_part = fold_accents(local_part).lower().replace("'", "").replace(" ", "")
    return f"{local_part}@{domain}"


class IdFactory:
    """Issuer of unique, real-looking 18-character case-safe Salesforce ids."""

    def __init__(self, rng: random.Random) -> None:
        self._rng = rng
        self._issued: set[str] = set()

    def new(self, key_prefix: str) -> str:
        """Return a new id: key prefix, pod, reserved "0", then 9 base-62 digits.

        The leading digits are "00" as in a young org, and the last 7 are random, so the
        15-character body mixes cases and the checksum suffix varies.
        """
        while True:
            digits = "".join(self._rng.choice(BASE62_DIGITS) for _ in range(7))
            candidate = case_safe_id(f"{key_prefix}{ID_POD}000{digits}")
            if candidate not in self._issued:
                self._issued.add(candidate)
                return candidate


@dataclass(eq=False)
class User:
    id: str
    name: str
    email: str
    is_active: bool
    owns_leads: bool


@dataclass(eq=False)
class Company:
    name: str
    domain: str


@dataclass(eq=False)
class Account:
    id: str
    company: Company
    owner_id: str
    created: datetime


@dataclass(eq=False)
class Contact:
    id: str
    account: Account
    first_name: str
    last_name: str
    email: str
    lead_source: str
    owner_id: str
    created: datetime
    # The lead this contact was converted from, or None for a contact that never was a lead.
    lead: Lead | None = None
    # As written to contact.account_id, which may be the 15-character form.
    account_id: str = ""


@dataclass(eq=False)
class Opportunity:
    id: str
    account: Account
    name: str
    stage: str
    amount: float | None
    close_date: date
    lead_source: str
    owner_id: str
    created: datetime
    generated_source: str
    is_deleted: bool = False
    account_id: str = ""


@dataclass(eq=False)
class ContactRole:
    id: str
    opportunity: Opportunity
    contact: Contact
    role: str
    is_primary: bool
    created: datetime
    is_deleted: bool = False
    contact_id: str = ""


@dataclass(eq=False)
class OpportunityPlan:
    """Fixed stage, amount and close date, and optionally the name, of an opportunity."""

    stage: str
    amount: float | None
    close_date: date
    name: str = ""


@dataclass(eq=False)
class Lead:
    id: str
    first_name: str
    last_name: str
    email: str
    company: Company
    # Canonical lead source ("" when empty). lead_source is the value as written to the CSV.
    source: str
    lead_source: str
    owner_id: str
    created_by_id: str
    created: datetime
    generated_source: str
    details: str = ""
    referral_lead_id: str = ""
    # The intended referrer: a Lead, a Contact, or None when the details name a person who is
    # not in the data.
    referrer: Lead | Contact | None = None
    is_story: bool = False
    is_deleted: bool = False
    master_record_id: str = ""
    status: str = ""
    # Conversion plan, filled before conversions run.
    convert_at: datetime | None = None
    convert_with_opportunity: bool = False
    opportunity_plan: OpportunityPlan | None = None
    existing_opportunity: Opportunity | None = None
    # Conversion results, as written to the CSV.
    contact: Contact | None = None
    converted_account_id: str = ""
    converted_contact_id: str = ""
    converted_opportunity_id: str = ""
    opportunity: Opportunity | None = None


@dataclass(eq=False)
class Campaign:
    id: str
    name: str
    type: str
    start_date: date
    lead_sources: tuple[str, ...]


@dataclass(eq=False)
class CampaignMember:
    id: str
    campaign: Campaign
    lead: Lead | None
    contact: Contact | None
    has_responded: bool
    created: datetime


@dataclass(eq=False)
class DemoData:
    """All generated rows, plus the rows that are written twice to lead.csv."""

    users: list[User] = field(default_factory=list)
    accounts: list[Account] = field(default_factory=list)
    contacts: list[Contact] = field(default_factory=list)
    leads: list[Lead] = field(default_factory=list)
    opportunities: list[Opportunity] = field(default_factory=list)
    contact_roles: list[ContactRole] = field(default_factory=list)
    campaigns: list[Campaign] = field(default_factory=list)
    campaign_members: list[CampaignMember] = field(default_factory=list)
    duplicated_leads: list[Lead] = field(default_factory=list)


def utc(text: str) -> datetime:
    """Parse "YYYY-MM-DD HH:MM:SS" as a naive datetime in UTC."""
    return datetime.fromisoformat(text)


def origin_of(person: Lead | Contact | None) -> Lead | None:
    """Walk a referral chain back to its first non-referral lead, or None if it has none."""
    while person is not None:
        lead = person if isinstance(person, Lead) else person.lead
        if lead is None:
            return None
        if lead.source != REFERRAL:
            return lead
        person = lead.referrer
    return None


class DemoDataBuilder:
    """Build the demo data for one seed. Call build() once."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.ids = IdFactory(self.rng)
        self.data = DemoData()
        self.used_name_keys: set[str] = set()
        self.companies: list[Company] = []
        self.convertible_companies: list[Company] = []
        self.accounts_by_company: dict[str, Account] = {}
        self.users_by_name: dict[str, User] = {}
        self.story_opportunity_ids: set[str] = set()

    def build(self) -> DemoData:
        self._add_users()
        self._add_random_companies()
        self._add_existing_accounts()
        self._add_stories()
        self._add_filler_leads()
        self._add_filler_referrals()
        self._vary_referral_fields()
        self._convert_leads()
        self._assign_lead_statuses()
        self._add_late_contacts()
        self._add_direct_opportunities()
        self._add_contact_roles()
        self._add_campaigns()
        self._write_irregular_ids()
        return self.data

    # Random helpers

    def _between(self, start: datetime, end: datetime) -> datetime:
        seconds = int((end - start).total_seconds())
        return start + timedelta(seconds=self.rng.randint(0, seconds))

    def _draw_name(self) -> tuple[str, str]:
        while True:
            first_name = self.rng.choice(FIRST_NAMES)
            last_name = self.rng.choice(LAST_NAMES)
            key = name_key(first_name, last_name)
            if key not in self.used_name_keys:
                self.used_name_keys.add(key)
                return first_name, last_name

    def _pick_owner(self, created: datetime) -> str:
        owners = [
            user
            for user in self.data.users
            if user.owns_leads and (user.is_active or created < REP_DEACTIVATED)
        ]
        return self.rng.choice(owners).id

    def _creator_of(self, source: str, owner_id: str) -> str:
        if source in INTEGRATION_SOURCES:
            return self.users_by_name["Marketing Automation"].id
        if source in IMPORTED_SOURCES:
            return self.users_by_name["Ingrid Halvorsen"].id
        return owner_id

    # Users, companies and customers that exist before the first lead

    def _add_users(self) -> None:
        for name, is_active, owns_leads in USERS:
            email = make_email(*name.split(" ", 1), USER_EMAIL_DOMAIN)
            user = User(self.ids.new("005"), name, email, is_active, owns_leads)
            self.data.users.append(user)
            self.users_by_name[name] = user

    def _company(self, name: str) -> Company:
        stem = name.split(" ", 1)[0]
        return Company(name, f"{stem.lower()}.example")

    def _add_random_companies(self) -> None:
        story_stems = [name.split(" ", 1)[0] for name in STORY_COMPANIES]
        stems = [
            first + second
            for first in COMPANY_STEMS_FIRST
            for second in COMPANY_STEMS_SECOND
            if first + second not in story_stems
        ]
        for stem in self.rng.sample(stems, RANDOM_COMPANY_COUNT):
            self.companies.append(self._company(f"{stem} {self.rng.choice(INDUSTRIES)}"))
        self.convertible_companies = self.companies[:CONVERTIBLE_COMPANY_COUNT]

    def _new_account(self, company: Company, created: datetime, owner_id: str) -> Account:
        account = Account(self.ids.new("001"), company, owner_id, created)
        self.data.accounts.append(account)
        self.accounts_by_company[company.name] = account
        return account

    def _new_contact(
        self,
        account: Account,
        first_name: str,
        last_name: str,
        created: datetime,
        lead_source: str,
        lead: Lead | None = None,
    ) -> Contact:
        email = lead.email if lead else make_email(first_name, last_name, account.company.domain)
        owner_id = lead.owner_id if lead else account.owner_id
        contact = Contact(
            id=self.ids.new("003"),
            account=account,
            first_name=first_name,
            last_name=last_name,
            email=email,
            lead_source=lead_source,
            owner_id=owner_id,
            created=created,
            lead=lead,
        )
        contact.account_id = account.id
        self.data.contacts.append(contact)
        return contact

    def _add_existing_accounts(self) -> None:
        """Add customers with accounts and contacts from 2023-2024, before the first lead."""
        existing = self.convertible_companies[:EXISTING_ACCOUNT_COUNT]
        accounts = []
        for company in existing:
            created = self._between(utc("2023-03-01 08:00:00"), utc("2024-09-30 18:00:00"))
            accounts.append(self._new_account(company, created, self._pick_owner(created)))
        # Every existing account gets one contact and the remaining ones go to random accounts.
        extra = EXISTING_CONTACT_COUNT - len(accounts)
        for account in accounts + [self.rng.choice(accounts) for _ in range(extra)]:
            self._add_existing_contact(account)

    def _add_existing_contact(self, account: Account) -> Contact:
        first_name, last_name = self._draw_name()
        created = self._between(
            account.created, min(account.created + timedelta(days=90), DATA_START)
        )
        lead_source = self.rng.choice(("Partner Referral", "Trade Show", "Other", ""))
        return self._new_contact(account, first_name, last_name, created, lead_source)

    # Leads

    def _new_lead(
        self,
        first_name: str,
        last_name: str,
        company: Company,
        source: str,
        created: datetime,
        *,
        lead_source: str | None = None,
        generated_source: str | None = None,
        owner_id: str | None = None,
        details: str = "",
        referrer: Lead | Contact | None = None,
        has_email: bool = True,
        is_story: bool = True,
    ) -> Lead:
        self.used_name_keys.add(name_key(first_name, last_name))
        owner_id = owner_id or self._pick_owner(created)
        if generated_source is None:
            generated_source = DEFAULT_GENERATED_SOURCE.get(source, "")
        lead = Lead(
            id=self.ids.new("00Q"),
            first_name=first_name,
            last_name=last_name,
            email=make_email(first_name, last_name, company.domain) if has_email else "",
            company=company,
            source=source,
            lead_source=source if lead_source is None else lead_source,
            owner_id=owner_id,
            created_by_id=self._creator_of(source, owner_id),
            created=created,
            generated_source=generated_source,
            details=details,
            referrer=referrer,
            is_story=is_story,
        )
        self.data.leads.append(lead)
        return lead

    def _user_id(self, name: str) -> str:
        return self.users_by_name[name].id

    def _add_stories(self) -> None:
        self._add_core_story()
        self._add_december_referrals()
        self._add_referral_chain()
        self._add_unresolvable_referrals()
        self._add_conversion_into_older_opportunity()
        self._add_rejected_leads()
        self._add_shared_names()

    def _add_core_story(self) -> None:
        company = self._company("Kestrelmoor Analytics")
        selma = self._user_id("Selma Quist")
        ada = self._new_lead(
            "Ada", "Park", company, "Paid Search", utc("2025-03-04 15:12:09"), owner_id=selma
        )
        ada.convert_at = utc("2025-03-11 16:40:00")
        imogen = self._new_lead(
            "Imogen",
            "Tarrant",
            company,
            REFERRAL,
            utc("2025-03-11 16:52:31"),
            generated_source=SALES,
            owner_id=selma,
            details="Referred by Ada Park-Google Adv",
            referrer=ada,
        )
        imogen.convert_at = utc("2025-04-02 10:05:00")
        imogen.convert_with_opportunity = True
        imogen.opportunity_plan = OpportunityPlan(
            WON, 48000.0, date(2025, 6, 20), "Kestrelmoor Analytics - Pipeline Analytics"
        )

    def _add_december_referrals(self) -> None:
        tarnwick = self._company("Tarnwick Logistics")
        caspian = self._new_lead(
            "Caspian", "Ruelle", tarnwick, "Advertisement", utc("2025-11-18 09:41:27")
        )
        self._new_lead(
            "Odalys",
            "Fenwick",
            tarnwick,
            REFERRAL,
            utc("2025-12-04 14:03:55"),
            generated_source=SALES,
            details="Referred by Caspian Ruelle",
            referrer=caspian,
        )

        wendmere = self._company("Wendmere Health")
        zoe = self._new_lead("Zoë", "Brändt", wendmere, "Webinar", utc("2025-10-22 16:30:02"))
        lucan = self._new_lead(
            "Lucan",
            "Mabry",
            wendmere,
            REFERRAL,
            utc("2025-12-09 11:17:44"),
            generated_source=MARKETING,
            details="Referred by Zoe Brandt-Webinar",
            referrer=zoe,
        )
        lucan.convert_at = utc("2025-12-18 15:20:00")
        lucan.convert_with_opportunity = True
        lucan.opportunity_plan = OpportunityPlan(
            "Qualification", 18500.0, date(2026, 2, 27), "Wendmere Health - Forecasting Suite"
        )

        fennick = self._company("Fennick Robotics")
        nora = self._new_lead("Nora", "O'Hare", fennick, "Web", utc("2025-11-03 20:48:13"))
        self._new_lead(
            "Quentin",
            "Harrow",
            fennick,
            REFERRAL,
            utc("2025-11-20 13:25:40"),
            generated_source=SALES,
            details="Referred by Nora O&#39;Hare",
            referrer=nora,
        )
        self._new_lead(
            "Pella",
            "Dunmore",
            fennick,
            REFERRAL,
            utc("2025-12-15 10:02:19"),
            generated_source="",
            details="Referred by Nora O\u2019Hare-Website",
            referrer=nora,
        )

    def _add_referral_chain(self) -> None:
        quillon = self._company("Quillon Biotech")
        jean_marc = self._new_lead(
            "Jean-Marc", "Blum", quillon, "Webinar", utc("2025-05-06 17:05:33")
        )
        tamsin = self._new_lead(
            "Tamsin",
            "Vardy",
            quillon,
            REFERRAL,
            utc("2025-05-20 12:44:08"),
            generated_source=SALES,
            details="Referred by Jean-Marc Blum-Webinar",
            referrer=jean_marc,
        )
        ottilie = self._new_lead(
            "Ottilie",
            "Brask",
            quillon,
            REFERRAL,
            utc("2025-06-12 08:59:51"),
            generated_source=SALES,
            details="referred by: tamsin vardy",
            referrer=tamsin,
        )
        ottilie.convert_at = utc("2025-06-30 14:10:00")
        ottilie.convert_with_opportunity = True
        ottilie.opportunity_plan = OpportunityPlan(
            WON, 36000.0, date(2025, 9, 15), "Quillon Biotech - Data Connectors"
        )

    def _add_unresolvable_referrals(self) -> None:
        for first_name, last_name in (
            ("Thaddeus", "Quorn"),
            ("Philippa", "Stroud"),
            ("H", "Lindqvist"),
        ):
            self.used_name_keys.add(name_key(first_name, last_name))
        cardwyn = self._company("Cardwyn Textiles")
        marisol = self._new_lead(
            "Marisol",
            "Ebbets",
            cardwyn,
            REFERRAL,
            utc("2025-07-08 10:31:12"),
            generated_source=SALES,
            details="Referred by Thaddeus Quorn-Webinar",
        )
        self._new_lead(
            "Anselm",
            "Greaves",
            cardwyn,
            REFERRAL,
            utc("2025-08-02 15:47:36"),
            generated_source=SALES,
            details="Referred by Marisol Ebbets",
            referrer=marisol,
        )
        orrinbrook = self._company("Orrinbrook Energy")
        self._new_lead(
            "Katell",
            "Morrow",
            orrinbrook,
            REFERRAL,
            utc("2025-08-19 09:12:50"),
            generated_source="",
            details="Referred by Philippa Stroud",
        )
        self._new_lead(
            "Ivo",
            "Pennock",
            orrinbrook,
            REFERRAL,
            utc("2025-09-23 16:06:04"),
            generated_source=SALES,
            details="Ref by h.lindqvist@orrinbrook.example",
        )

    def _add_conversion_into_older_opportunity(self) -> None:
        brackenfold = self._company("Brackenfold Freight")
        rowan = self._user_id("Rowan Achterberg")
        account = self._new_account(brackenfold, utc("2024-03-12 10:15:00"), rowan)
        self.used_name_keys.add(name_key("Wilhelmina", "Garrow"))
        self.used_name_keys.add(name_key("Osric", "Penhale"))
        wilhelmina = self._new_contact(
            account, "Wilhelmina", "Garrow", utc("2024-03-12 10:20:00"), "Trade Show"
        )
        osric = self._new_contact(
            account, "Osric", "Penhale", utc("2024-03-12 10:24:00"), "Trade Show"
        )
        opportunity = self._new_opportunity(
            account,
            "Brackenfold Freight - Fleet Expansion",
            utc("2025-02-14 09:30:00"),
            lead_source="Trade Show",
            owner_id=rowan,
            generated_source=SALES,
            plan=OpportunityPlan(WON, 72500.0, date(2025, 5, 30)),
        )
        self.story_opportunity_ids.add(opportunity.id)
        self._new_role(opportunity, wilhelmina, "Decision Maker", True, opportunity.created)
        deleted_role = self._new_role(
            opportunity, osric, "Evaluator", False, utc("2025-02-20 11:02:00")
        )
        deleted_role.is_deleted = True

        edmund = self._new_lead(
            "Edmund",
            "Sallow",
            brackenfold,
            "Trade Show",
            utc("2025-04-07 11:20:45"),
            owner_id=rowan,
        )
        edmund.convert_at = utc("2025-04-21 13:45:00")
        edmund.existing_opportunity = opportunity

    def _add_rejected_leads(self) -> None:
        for first_name, last_name, source, created in (
            ("Corwin", "Pellow", "Purchased List", "2025-02-03 10:00:12"),
            ("Fenella", "Marsh", "Web", "2025-06-17 22:41:09"),
            ("Ignatius", "Rook", "Cold Call", "2025-09-09 14:27:31"),
        ):
            company = self.rng.choice(self.companies)
            lead = self._new_lead(first_name, last_name, company, source, utc(created))
            lead.is_deleted = True

        mirrowgate = self._company("Mirrowgate Insurance")
        margaret = self._new_lead(
            "Margaret", "Ellsworth", mirrowgate, "Web", utc("2025-04-14 08:37:26")
        )
        maggie = self._new_lead(
            "Maggie", "Ellsworth", mirrowgate, "Trade Show", utc("2025-04-29 12:15:48")
        )
        maggie.is_deleted = True
        maggie.master_record_id = margaret.id
        self._new_lead(
            "Rufus",
            "Tennant",
            mirrowgate,
            REFERRAL,
            utc("2025-06-03 10:54:17"),
            generated_source=MARKETING,
            details="Referred by Maggie Ellsworth-Trade Show",
            referrer=maggie,
        )

        agnes = self._new_lead(
            "Agnes", "Whitlow", self.rng.choice(self.companies), "Email", utc("2025-08-26 07:18:55")
        )
        self.data.duplicated_leads.append(agnes)

    def _add_shared_names(self) -> None:
        hollowquay = self._company("Hollowquay Foods")
        tarnhallow = self._company("Tarnhallow Engineering")
        self._new_lead("Liam", "Castellano", hollowquay, "Webinar", utc("2025-01-21 15:33:40"))
        liam_cold_call = self._new_lead(
            "Liam", "Castellano", tarnhallow, "Cold Call", utc("2025-02-10 09:05:12")
        )
        self._new_lead(
            "Solveig",
            "Amory",
            tarnhallow,
            REFERRAL,
            utc("2025-02-25 11:48:03"),
            generated_source=SALES,
            details="Referred by Liam Castellano-Cold Call",
            referrer=liam_cold_call,
        )

        duskwether = self._company("Duskwether Media")
        pellwyn = self._company("Pellwyn Labs")
        self._new_lead("Mara", "Quint", duskwether, "Email", utc("2025-03-17 13:20:27"))
        owner = self._user_id("Idris Fennimore")
        pellwyn_account = self._new_account(pellwyn, utc("2024-05-02 09:00:00"), owner)
        self._new_contact(pellwyn_account, "Mara", "Quint", utc("2024-05-08 10:40:00"), "Other")
        self._new_lead(
            "Barnaby",
            "Eke",
            self._company("Thistlemarsh Outfitters"),
            REFERRAL,
            utc("2025-07-30 16:22:45"),
            generated_source=SALES,
            details="Referred by Mara Quint",
        )
        deleted_opportunity = self._new_opportunity(
            pellwyn_account,
            "Pellwyn Labs - Annual Subscription (duplicate)",
            utc("2025-05-12 10:10:10"),
            lead_source="Other",
            owner_id=owner,
            generated_source=SALES,
            plan=OpportunityPlan("Prospecting", 24000.0, date(2025, 8, 29)),
        )
        deleted_opportunity.is_deleted = True
        self.story_opportunity_ids.add(deleted_opportunity.id)

        first_company, second_company = self.rng.sample(self.companies, 2)
        self._new_lead("Elif", "Sandoval", first_company, "Web", utc("2025-04-03 12:00:31"))
        self._new_lead("Elif", "Sandoval", second_company, "Trade Show", utc("2025-09-16 10:45:00"))
        first_company, second_company = self.rng.sample(self.companies, 2)
        self._new_lead("Ronan", "Keel", first_company, "Outbound", utc("2025-01-08 14:14:14"))
        self._new_lead("Ronan", "Keel", second_company, "Paid Search", utc("2025-10-29 19:58:20"))

    def _plan_conversion(self, lead: Lead, rate: float) -> None:
        if self.rng.random() >= rate:
            return
        convert_at = lead.created + timedelta(seconds=self.rng.randint(86_400, 45 * 86_400))
        if convert_at > DATA_END:
            return
        lead.convert_at = convert_at
        lead.convert_with_opportunity = self.rng.random() < OPPORTUNITY_RATE

    def _add_filler_leads(self) -> None:
        sources = [source for source, count in FILLER_SOURCE_COUNTS.items() for _ in range(count)]
        self.rng.shuffle(sources)
        for source in sources:
            created = self._between(DATA_START, DATA_END)
            will_convert = source not in ("", "Billboard Raffle") and self.rng.random() < (
                CONVERSION_RATE
            )
            companies = self.convertible_companies if will_convert else self.companies
            generated_source = DEFAULT_GENERATED_SOURCE.get(source, "")
            roll = self.rng.random()
            if roll < 0.08:
                generated_source = ""
            elif roll < 0.12:
                generated_source = SALES if generated_source == MARKETING else MARKETING
            lead = self._new_lead(
                *self._draw_name(),
                self.rng.choice(companies),
                source,
                created,
                generated_source=generated_source,
                has_email=self.rng.random() >= 0.05,
                is_story=False,
            )
            if will_convert:
                self._plan_conversion(lead, 1.0)

    # Referrals

    def _referrer_candidates(self) -> tuple[list[Lead], list[Contact]]:
        """Return the leads, and the contacts that never were leads, that may be referrers."""
        latest = DATA_END - timedelta(days=2)
        leads = [
            lead
            for lead in self.data.leads
            if not lead.is_story and not lead.is_deleted and lead.created < latest
        ]
        contacts = [
            contact
            for contact in self.data.contacts
            if contact.lead is None
            and contact.created < DATA_START
            and contact.account.company.name not in STORY_COMPANIES
        ]
        return leads, contacts

    def _channel_hint(self, referrer: Lead | Contact) -> str:
        origin = origin_of(referrer)
        if origin is None:
            return ""
        if isinstance(referrer, Lead) and referrer.source == REFERRAL and self.rng.random() < 0.5:
            return ""
        return self.rng.choice(CHANNEL_HINTS.get(origin.source, ("",)))

    def _write_referrer_name(self, person: Lead | Contact) -> str:
        """Write the referrer's name as a rep might: with or without accents and apostrophes."""
        name = f"{person.first_name} {person.last_name}"
        if fold_accents(name) != name and self.rng.random() < 0.5:
            name = fold_accents(name)
        if "'" in name:
            name = name.replace("'", self.rng.choice(("'", "\u2019", "&#39;")))
        return name

    def _write_details(self, referrer: Lead | Contact, hint: str) -> str:
        name = self._write_referrer_name(referrer)
        if hint:
            styles = ("dash", "colon", "comma", "plain", "email")
            style = self.rng.choices(styles, weights=(40, 20, 15, 10, 15))[0]
        else:
            style = self.rng.choices(("plain", "email", "double_space"), weights=(55, 25, 20))[0]
        if style == "email" and not referrer.email:
            style = "plain"
        if style == "dash":
            return f"Referred by {name}-{hint}"
        if style == "colon":
            return f"referred by: {name.lower()} - {hint}"
        if style == "comma":
            return f"Referred by {name}, {hint}"
        if style == "email":
            return f"Ref by {referrer.email}"
        if style == "double_space":
            return f"Referred by {referrer.first_name}  {referrer.last_name}"
        return f"Referred by {name}"

    def _rep_generated_source(self, referrer: Lead | Contact) -> str:
        """Return a rep-entered generated source for a referral lead.

        About 55 % get the CRM default Sales Generated, 30 % the value inherited from the
        referral chain's origin and 15 % nothing.
        """
        roll = self.rng.random()
        if roll < 0.55:
            return SALES
        if roll < 0.85:
            origin = origin_of(referrer)
            return DEFAULT_GENERATED_SOURCE.get(origin.source, SALES) if origin else SALES
        return ""

    def _add_filler_referrals(self) -> None:
        for _ in range(FILLER_REFERRAL_COUNT):
            leads, contacts = self._referrer_candidates()
            roll = self.rng.random()
            if roll < 0.3:
                # Reps often hear of a colleague from a lead they already converted.
                candidates = [lead for lead in leads if lead.convert_at]
            elif roll < 0.4:
                candidates = contacts
            elif roll < 0.5:
                candidates = [lead for lead in leads if lead.source == REFERRAL] or leads
            else:
                candidates = leads
            referrer = self.rng.choice(candidates)
            earliest = max(referrer.created, DATA_START) + timedelta(hours=1)
            latest = min(earliest + timedelta(days=75), DATA_END)
            created = self._between(earliest, latest)
            company = referrer.company if isinstance(referrer, Lead) else referrer.account.company
            lead = self._new_lead(
                *self._draw_name(),
                company,
                REFERRAL,
                created,
                generated_source=self._rep_generated_source(referrer),
                details=self._write_details(referrer, self._channel_hint(referrer)),
                referrer=referrer,
                is_story=False,
            )
            self._plan_conversion(lead, REFERRAL_CONVERSION_RATE)

    def _vary_referral_fields(self) -> None:
        """Spread the lookup field, empty details and odd source spellings over referrals."""
        referrals = [lead for lead in self.data.leads if lead.source == REFERRAL]
        filler = [lead for lead in referrals if not lead.is_story]
        with_lead_referrer = [
            lead
            for lead in filler
            if isinstance(lead.referrer, Lead)
            or (isinstance(lead.referrer, Contact) and lead.referrer.lead is not None)
        ]
        lookups = self.rng.sample(with_lead_referrer, 5)
        for lead in lookups:
            referrer = lead.referrer
            referrer_lead = referrer if isinstance(referrer, Lead) else referrer.lead
            lead.referral_lead_id = referrer_lead.id
        others = [lead for lead in filler if lead not in lookups]
        varied = self.rng.sample(others, 7)
        for lead in varied[:3]:
            lead.details = ""
        for lead in varied[3:5]:
            lead.lead_source = "referral "
        for lead in varied[5:7]:
            lead.lead_source = " REFERRAL"

    # Conversions and opportunities

    def _new_opportunity(
        self,
        account: Account,
        name: str,
        created: datetime,
        *,
        lead_source: str,
        owner_id: str,
        generated_source: str,
        plan: OpportunityPlan | None = None,
    ) -> Opportunity:
        if plan is None:
            stage, close_date = self._pick_stage(created)
            plan = OpportunityPlan(stage, self._pick_amount(stage), close_date)
        opportunity = Opportunity(
            id=self.ids.new("006"),
            account=account,
            name=name,
            stage=plan.stage,
            amount=plan.amount,
            close_date=plan.close_date,
            lead_source=lead_source,
            owner_id=owner_id,
            created=created,
            generated_source=generated_source,
        )
        opportunity.account_id = account.id
        self.data.opportunities.append(opportunity)
        return opportunity

    def _pick_stage(self, created: datetime) -> tuple[str, date]:
        age_days = (DATA_END - created).days
        if age_days > 90:
            closed_rate = 0.8
        elif age_days > 30:
            closed_rate = 0.4
        else:
            closed_rate = 0.0
        if self.rng.random() < closed_rate:
            stage = WON if self.rng.random() < 0.45 else LOST
            days = self.rng.randint(14, min(age_days, 160))
            return stage, created.date() + timedelta(days=days)
        # Older open deals have moved further along.
        stage = OPEN_STAGES[self.rng.randint(0, min(age_days // 20, 3))]
        return stage, DATA_END.date() + timedelta(days=self.rng.randint(10, 150))

    def _pick_amount(self, stage: str) -> float | None:
        if stage == "Prospecting" and self.rng.random() < 0.3:
            return None
        amount = float(self.rng.randrange(40, 1500) * 100)
        if self.rng.random() < 0.15:
            amount += self.rng.randrange(1, 100) / 100
        return amount

    def _convert_leads(self) -> None:
        """Convert planned leads in time order, so an account exists before its second use."""
        planned = [lead for lead in self.data.leads if lead.convert_at and not lead.is_deleted]
        planned.sort(key=lambda lead: (lead.convert_at, lead.id))
        for lead in planned:
            converted_at = lead.convert_at
            account = self.accounts_by_company.get(lead.company.name)
            if account is None:
                account = self._new_account(lead.company, converted_at, lead.owner_id)
            contact = self._new_contact(
                account, lead.first_name, lead.last_name, converted_at, lead.lead_source, lead
            )
            lead.contact = contact
            lead.converted_account_id = account.id
            lead.converted_contact_id = contact.id
            lead.status = LEAD_CONVERTED
            if lead.existing_opportunity is not None:
                lead.opportunity = lead.existing_opportunity
            elif lead.convert_with_opportunity:
                generated_source = lead.generated_source
                if not lead.is_story and self.rng.random() < 0.2:
                    generated_source = ""
                name = f"{account.company.name} - {self.rng.choice(PRODUCTS)}"
                if lead.opportunity_plan and lead.opportunity_plan.name:
                    name = lead.opportunity_plan.name
                lead.opportunity = self._new_opportunity(
                    account,
                    name,
                    converted_at,
                    lead_source=lead.lead_source,
                    owner_id=lead.owner_id,
                    generated_source=generated_source,
                    plan=lead.opportunity_plan,
                )
                if lead.is_story:
                    self.story_opportunity_ids.add(lead.opportunity.id)
            if lead.opportunity is not None:
                lead.converted_opportunity_id = lead.opportunity.id

    def _assign_lead_statuses(self) -> None:
        statuses = (LEAD_OPEN, LEAD_WORKING, LEAD_NOT_CONVERTED)
        for lead in self.data.leads:
            if lead.status:
                continue
            age_days = (DATA_END - lead.created).days
            if lead.is_deleted or age_days < 30:
                weights = (60, 40, 0)
            elif age_days < 120:
                weights = (20, 45, 35)
            else:
                weights = (10, 20, 70)
            lead.status = self.rng.choices(statuses, weights=weights)[0]

    def _add_late_contacts(self) -> None:
        """Add contacts that never were leads to accounts that conversions created."""
        new_accounts = [
            account
            for account in self.data.accounts
            if account.created >= DATA_START
            and account.created < DATA_END - timedelta(days=30)
            and account.company.name not in STORY_COMPANIES
        ]
        for account in self.rng.sample(new_accounts, LATE_CONTACT_COUNT):
            first_name, last_name = self._draw_name()
            created = self._between(account.created + timedelta(days=1), DATA_END)
            lead_source = self.rng.choice(("Partner Referral", "Word of mouth", "Other", ""))
            self._new_contact(account, first_name, last_name, created, lead_source)

    def _add_direct_opportunities(self) -> None:
        """Add opportunities that reps create on accounts without a lead conversion."""
        accounts = [
            account
            for account in self.data.accounts
            if account.company.name not in STORY_COMPANIES
            and any(
                contact.account is account and contact.created < DATA_END - timedelta(days=20)
                for contact in self.data.contacts
            )
        ]
        for _ in range(DIRECT_OPPORTUNITY_COUNT):
            account = self.rng.choice(accounts)
            contacts = [c for c in self.data.contacts if c.account is account]
            first_contact = min(contact.created for contact in contacts)
            earliest = max(first_contact + timedelta(days=1), utc("2024-10-01 00:00:00"))
            created = self._between(earliest, DATA_END - timedelta(days=3))
            primary = self.rng.choice([c for c in contacts if c.created <= created])
            lead_source = primary.lead_source or self.rng.choice(("Other", "Partner Referral"))
            kind = self.rng.choice(("Renewal", "Expansion", "Upsell", "Services"))
            opportunity = self._new_opportunity(
                account,
                f"{account.company.name} - {kind}",
                created,
                lead_source=lead_source,
                owner_id=account.owner_id,
                generated_source=SALES if self.rng.random() < 0.6 else "",
            )
            if self.rng.random() < 0.9:
                self._new_role(opportunity, primary, "Decision Maker", True, created)

    # Contact roles

    def _new_role(
        self,
        opportunity: Opportunity,
        contact: Contact,
        role: str,
        is_primary: bool,
        created: datetime,
    ) -> ContactRole:
        contact_role = ContactRole(
            self.ids.new("00K"), opportunity, contact, role, is_primary, created
        )
        contact_role.contact_id = contact.id
        self.data.contact_roles.append(contact_role)
        return contact_role

    def _referrer_contact(self, lead: Lead) -> Contact | None:
        referrer = lead.referrer
        if isinstance(referrer, Contact):
            return referrer
        if isinstance(referrer, Lead):
            return referrer.contact
        return None

    def _add_contact_roles(self) -> None:
        """Add roles to conversion opportunities: the converted contact is the primary one.

        On about 40 % (at least 2) of the referral opportunities whose referrer has a contact
        at the same account, the referrer's contact is added as an influencer.
        """
        referrals_with_referrer_contact = []
        for lead in self.data.leads:
            opportunity = lead.opportunity
            if lead.contact is None or opportunity is None:
                continue
            if lead.existing_opportunity is not None:
                self._new_role(
                    opportunity, lead.contact, "Technical Buyer", False, lead.contact.created
                )
                continue
            if not lead.is_story and self.rng.random() < 0.08:
                continue
            self._new_role(opportunity, lead.contact, "Decision Maker", True, opportunity.created)
            if lead.is_story:
                continue
            referrer_contact = self._referrer_contact(lead)
            if referrer_contact is not None and referrer_contact.account is opportunity.account:
                referrals_with_referrer_contact.append(lead)
                continue
            colleagues = [
                contact
                for contact in self.data.contacts
                if contact.account is opportunity.account
                and contact is not lead.contact
                and contact is not referrer_contact
                and contact.created <= opportunity.created
            ]
            if colleagues and self.rng.random() < 0.25:
                created = min(
                    opportunity.created + timedelta(days=self.rng.randint(0, 20)), DATA_END
                )
                role = self.rng.choice(EXTRA_ROLES)
                self._new_role(opportunity, self.rng.choice(colleagues), role, False, created)

        count = max(2, round(0.4 * len(referrals_with_referrer_contact)))
        count = min(count, len(referrals_with_referrer_contact))
        for lead in self.rng.sample(referrals_with_referrer_contact, count):
            # The rep followed the process and attached the referrer.
            referrer_contact = self._referrer_contact(lead)
            created = max(lead.opportunity.created, referrer_contact.created)
            created = min(created + timedelta(days=self.rng.randint(0, 10)), DATA_END)
            self._new_role(lead.opportunity, referrer_contact, "Influencer", False, created)

    # Campaigns

    def _add_campaigns(self) -> None:
        for name, campaign_type, start_date, sources in CAMPAIGNS:
            campaign = Campaign(self.ids.new("701"), name, campaign_type, start_date, sources)
            self.data.campaigns.append(campaign)
        campaigns_by_source = {
            source: campaign for campaign in self.data.campaigns for source in campaign.lead_sources
        }
        for lead in self.data.leads:
            source = CAMPAIGN_SOURCE_ALIASES.get(lead.source, lead.source)
            campaign = campaigns_by_source.get(source)
            if (
                lead.is_deleted
                or campaign is None
                or lead.created.date() < campaign.start_date
                or self.rng.random() >= CAMPAIGN_MEMBER_RATE
            ):
                continue
            responded_rate = 0.5 if source == REFERRAL else 0.85
            created = lead.created + timedelta(seconds=self.rng.randint(5, 600))
            self._new_member(campaign, lead, lead.contact, created, responded_rate)
        webinar = next(c for c in self.data.campaigns if c.type == "Webinar")
        existing_contacts = [
            c for c in self.data.contacts if c.lead is None and c.created < DATA_START
        ]
        for contact in self.rng.sample(existing_contacts, 4):
            created = self._between(utc("2025-01-06 09:00:00"), utc("2025-11-28 17:00:00"))
            self._new_member(webinar, None, contact, created, 0.85)

    def _new_member(
        self,
        campaign: Campaign,
        lead: Lead | None,
        contact: Contact | None,
        created: datetime,
        responded_rate: float,
    ) -> None:
        has_responded = self.rng.random() < responded_rate
        member = CampaignMember(
            self.ids.new("00v"), campaign, lead, contact, has_responded, created
        )
        self.data.campaign_members.append(member)

    # Irregular ids

    def _write_irregular_ids(self) -> None:
        """Write five foreign keys as 15-character ids and two empty fields as the zero id."""
        leads = [lead for lead in self.data.leads if not lead.is_story and not lead.is_deleted]
        converted = [lead for lead in leads if lead.contact is not None]
        with_opportunity = [lead for lead in converted if lead.opportunity is not None]
        without_opportunity = [lead for lead in converted if lead.opportunity is None]

        short_contact_lead = self.rng.choice(with_opportunity)
        short_contact_lead.converted_contact_id = short_contact_lead.converted_contact_id[:15]
        zero_opportunity_lead = self.rng.choice(without_opportunity)
        zero_opportunity_lead.converted_opportunity_id = ZERO_ID
        others = [lead for lead in leads if lead not in (short_contact_lead, zero_opportunity_lead)]
        short_owner_lead, zero_master_lead = self.rng.sample(others, 2)
        short_owner_lead.owner_id = short_owner_lead.owner_id[:15]
        zero_master_lead.master_record_id = ZERO_ID

        late_contacts = [
            contact
            for contact in self.data.contacts
            if contact.lead is None and contact.created >= DATA_START
        ]
        contact = self.rng.choice(late_contacts)
        contact.account_id = contact.account_id[:15]

        direct = [
            opportunity
            for opportunity in self.data.opportunities
            if opportunity.id not in self.story_opportunity_ids
            and not any(lead.opportunity is opportunity for lead in self.data.leads)
        ]
        opportunity = self.rng.choice(direct)
        opportunity.account_id = opportunity.account_id[:15]

        roles = [
            role
            for role in self.data.contact_roles
            if not role.is_deleted and role.opportunity.id not in self.story_opportunity_ids
        ]
        role = self.rng.choice(roles)
        role.contact_id = role.contact_id[:15]


# CSV output

LEAD_COLUMNS = (
    "id", "is_deleted", "master_record_id", "first_name", "last_name", "email", "company",
    "lead_source", "status", "owner_id", "created_by_id", "created_date", "is_converted",
    "converted_date", "converted_account_id", "converted_contact_id", "converted_opportunity_id",
    "generated_source_c", "lead_source_details_c", "referral_lead_c", "_fivetran_synced",
)  # fmt: skip
CONTACT_COLUMNS = (
    "id", "is_deleted", "master_record_id", "account_id", "first_name", "last_name", "email",
    "lead_source", "owner_id", "created_date", "_fivetran_synced",
)  # fmt: skip
ACCOUNT_COLUMNS = ("id", "is_deleted", "name", "owner_id", "created_date", "_fivetran_synced")
OPPORTUNITY_COLUMNS = (
    "id", "is_deleted", "account_id", "name", "stage_name", "amount", "close_date", "is_closed",
    "is_won", "lead_source", "owner_id", "created_date", "generated_source_c", "_fivetran_synced",
)  # fmt: skip
CONTACT_ROLE_COLUMNS = (
    "id", "is_deleted", "opportunity_id", "contact_id", "role", "is_primary", "created_date",
    "_fivetran_synced",
)  # fmt: skip
USER_COLUMNS = ("id", "name", "email", "is_active")
CAMPAIGN_COLUMNS = ("id", "is_deleted", "name", "type", "start_date")
CAMPAIGN_MEMBER_COLUMNS = (
    "id", "is_deleted", "campaign_id", "lead_id", "contact_id", "has_responded", "created_date",
    "first_responded_date",
)  # fmt: skip


class RowWriter:
    """Turn generated objects into CSV rows, adding loader sync times from the shared RNG."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def synced(self) -> str:
        return format_timestamp(SYNCED_AT + timedelta(seconds=self.rng.randint(0, 7200)))

    def lead_rows(self, data: DemoData) -> list[list[str]]:
        rows = []
        rows_by_id = {}
        for lead in sorted(data.leads, key=lambda lead: (lead.created, lead.id)):
            converted_date = lead.convert_at.date().isoformat() if lead.contact else ""
            row = [
                lead.id,
                format_bool(lead.is_deleted),
                lead.master_record_id,
                lead.first_name,
                lead.last_name,
                lead.email,
                lead.company.name,
                lead.lead_source,
                lead.status,
                lead.owner_id,
                lead.created_by_id,
                format_timestamp(lead.created),
                format_bool(lead.contact is not None),
                converted_date,
                lead.converted_account_id,
                lead.converted_contact_id,
                lead.converted_opportunity_id,
                lead.generated_source,
                lead.details,
                lead.referral_lead_id,
                self.synced(),
            ]
            rows.append(row)
            rows_by_id[lead.id] = row
        # The loader wrote these rows twice.
        rows.extend(list(rows_by_id[lead.id]) for lead in data.duplicated_leads)
        return rows

    def contact_rows(self, data: DemoData) -> list[list[str]]:
        return [
            [
                contact.id,
                "false",
                "",
                contact.account_id,
                contact.first_name,
                contact.last_name,
                contact.email,
                contact.lead_source,
                contact.owner_id,
                format_timestamp(contact.created),
                self.synced(),
            ]
            for contact in sorted(data.contacts, key=lambda c: (c.created, c.id))
        ]

    def account_rows(self, data: DemoData) -> list[list[str]]:
        return [
            [
                account.id,
                "false",
                account.company.name,
                account.owner_id,
                format_timestamp(account.created),
                self.synced(),
            ]
            for account in sorted(data.accounts, key=lambda a: (a.created, a.id))
        ]

    def opportunity_rows(self, data: DemoData) -> list[list[str]]:
        rows = []
        for opportunity in sorted(data.opportunities, key=lambda o: (o.created, o.id)):
            amount = "" if opportunity.amount is None else f"{opportunity.amount:.2f}"
            rows.append(
                [
                    opportunity.id,
                    format_bool(opportunity.is_deleted),
                    opportunity.account_id,
                    opportunity.name,
                    opportunity.stage,
                    amount,
                    opportunity.close_date.isoformat(),
                    format_bool(opportunity.stage in (WON, LOST)),
                    format_bool(opportunity.stage == WON),
                    opportunity.lead_source,
                    opportunity.owner_id,
                    format_timestamp(opportunity.created),
                    opportunity.generated_source,
                    self.synced(),
                ]
            )
        return rows

    def contact_role_rows(self, data: DemoData) -> list[list[str]]:
        return [
            [
                role.id,
                format_bool(role.is_deleted),
                role.opportunity.id,
                role.contact_id,
                role.role,
                format_bool(role.is_primary),
                format_timestamp(role.created),
                self.synced(),
            ]
            for role in sorted(data.contact_roles, key=lambda r: (r.created, r.id))
        ]

    def user_rows(self, data: DemoData) -> list[list[str]]:
        return [
            [user.id, user.name, user.email, format_bool(user.is_active)] for user in data.users
        ]

    def campaign_rows(self, data: DemoData) -> list[list[str]]:
        return [
            [campaign.id, "false", campaign.name, campaign.type, campaign.start_date.isoformat()]
            for campaign in data.campaigns
        ]

    def campaign_member_rows(self, data: DemoData) -> list[list[str]]:
        rows = []
        for member in sorted(data.campaign_members, key=lambda m: (m.created, m.id)):
            responded = member.created.date().isoformat() if member.has_responded else ""
            rows.append(
                [
                    member.id,
                    "false",
                    member.campaign.id,
                    member.lead.id if member.lead else "",
                    member.contact.id if member.contact else "",
                    format_bool(member.has_responded),
                    format_timestamp(member.created),
                    responded,
                ]
            )
        return rows


def write_csv(path: Path, columns: Sequence[str], rows: list[list[str]]) -> None:
    """Write a UTF-8 CSV without BOM, with LF line ends and minimal quoting."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows(rows)


def write_demo_data(output_dir: Path, seed: int) -> dict[str, int]:
    """Generate the demo data for a seed into output_dir and return the row count per file."""
    builder = DemoDataBuilder(seed)
    data = builder.build()
    rows = RowWriter(builder.rng)
    tables = (
        ("lead.csv", LEAD_COLUMNS, rows.lead_rows(data)),
        ("contact.csv", CONTACT_COLUMNS, rows.contact_rows(data)),
        ("account.csv", ACCOUNT_COLUMNS, rows.account_rows(data)),
        ("opportunity.csv", OPPORTUNITY_COLUMNS, rows.opportunity_rows(data)),
        ("opportunity_contact_role.csv", CONTACT_ROLE_COLUMNS, rows.contact_role_rows(data)),
        ("user.csv", USER_COLUMNS, rows.user_rows(data)),
        ("campaign.csv", CAMPAIGN_COLUMNS, rows.campaign_rows(data)),
        ("campaign_member.csv", CAMPAIGN_MEMBER_COLUMNS, rows.campaign_member_rows(data)),
    )
    output_dir.mkdir(parents=True, exist_ok=True)
    counts = {}
    for file_name, columns, table_rows in tables:
        write_csv(output_dir / file_name, columns, table_rows)
        counts[file_name] = len(table_rows)
    return counts


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m referral_insights.demo_data",
        description=(
            "Write the demo Salesforce tables (lead, contact, account, opportunity, "
            "opportunity_contact_role, user, campaign, campaign_member) as CSV files. "
            "The same seed always writes the same bytes."
        ),
    )
    parser.add_argument(
        "--output-dir",
        type=Path,
        default=DEFAULT_OUTPUT_DIR,
        help=(
            "folder to write the CSV files into; it is created if missing and existing files "
            f"are overwritten (default: {DEFAULT_OUTPUT_DIR})"
        ),
    )
    parser.add_argument(
        "--seed",
        type=int,
        default=DEFAULT_SEED,
        help=(
            "integer seed of the random generator; it decides ids, generated names, dates and "
            f"amounts, while the story names stay fixed (default: {DEFAULT_SEED})"
        ),
    )
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> None:
    args = parse_args(argv)
    counts = write_demo_data(args.output_dir, args.seed)
    for file_name, count in counts.items():
        print(f"{args.output_dir / file_name}: {count} rows")


if __name__ == "__main__":
    main()
