"""Generate a large, deterministic Salesforce data set as one Parquet file per raw table.

Run it from the project folder::

    python -m referral_insights.generate --leads 1000000 --seed 7 --output-dir /tmp/crm

It writes ``lead``, ``contact``, ``account``, ``opportunity``, ``opportunity_contact_role``,
``user``, ``campaign`` and ``campaign_member`` as ``<table>.parquet``, with exactly the
snake_case columns of the source contract (the default custom fields included). Ids are
18-character case-safe Salesforce ids, flags are booleans, ``created_date`` columns are UTC
timestamps (``TIMESTAMP WITH TIME ZONE``), Salesforce date fields are dates and amounts are
``DECIMAL(18, 2)``. Build the project on the folder with::

    dbt build --vars '{salesforce_parquet_path: /tmp/crm, load_demo_data: false}'

Every value is computed in DuckDB SQL from ``hash(seed, field, row number)``, so nothing is
generated row by row in Python and the same ``--leads`` and ``--seed`` give byte-identical
files. The hash function belongs to DuckDB: another DuckDB version may give other data.

What the data contains, for N leads created from 2021-01-01 to 2025-12-31 (UTC), with lead
volume growing over time:

- Lead sources drawn from a Salesforce picklist (Web, Paid Search, Webinar, Trade Show, Cold
  Call, Partner Referral, ...). Every value is in ``seeds/lead_source_mapping.csv``.
- About 12.5 % referral leads (lead source ``Referral``, a few spelled ``referral `` or
  ``Customer Referral``). Each names its referrer in ``lead_source_details_c``, in one of 22
  formats. Most are the ``Referred by <name>-<channel>`` that reps are asked to write and its
  variants. Others give an email address or the lookup field ``referral_lead_c``, or write the
  name without accents, in decomposed Unicode or with ``&#39;`` for the apostrophe.
- About 12 % of referrals use formats in which the parser finds no person (``Park, Ada``, a
  first name only, a typo, free text, empty), and 4 % name people who are not in the data.
- Referral chains: a referral's referrer is itself a referral in about 30 % of cases, up to
  five referrals deep. Lookup cycles of two or three leads: one per 20,000 leads, at least two
  from 20 leads on and at most 500.
- Referrers are mostly colleagues at the referral's company. People are drawn from name pools
  with skewed frequencies, so common names repeat (namesakes) and many carry accents.
- About 19 % of leads convert. A conversion creates a contact and, in 70 % of cases, an
  opportunity, which mostly has the contact as primary contact role. A part of referral
  opportunities also has the referrer's contact as a role. Existing customer accounts have
  contacts that never were leads and opportunities of their own.
- The rep-entered generated source is filled, empty or contradicts the lineage in realistic
  shares, sometimes in another letter case.
- Soft deletes: deleted leads, merged-away duplicate leads (``master_record_id`` set) and
  deleted duplicate contacts, accounts, opportunities, contact roles, campaigns and campaign
  members. Nothing live points to a deleted row.
"""

from __future__ import annotations

import argparse
import math
import os
import shutil
import sys
import tempfile
import time
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import duckdb
from tqdm import tqdm

TABLES = (
    "lead",
    "contact",
    "account",
    "opportunity",
    "opportunity_contact_role",
    "user",
    "campaign",
    "campaign_member",
)

# Lead created dates fall in [START, START + SPAN_SECONDS). The end of that range is also
# the "as of" time that decides lead statuses and opportunity stages.
START_YEAR = 2021
END_YEAR = 2025
START_TIMESTAMP = f"{START_YEAR}-01-01 00:00:00+00"
SPAN_SECONDS = 157_766_400  # 2021-01-01 to 2026-01-01, with the leap day of 2024
DAY_SECONDS = 86_400
# Lead number i is created at SPAN * ((i + jitter) / N) ** GROWTH_EXPONENT, so creation
# order is lead number order and the monthly lead volume grows over time.
GROWTH_EXPONENT = 0.8

# Id numbers. An id is key prefix, pod "Hx", "000", then 7 base-62 digits (0-9, A-Z, a-z)
# of a scrambled number, plus the 3 checksum characters. The scramble
# n -> (n * ID_MULTIPLIER + offset) mod 62**7 is a bijection because the multiplier is
# coprime to 62, so distinct numbers give distinct ids. A table numbers its rows in up to
# ID_BLOCKS blocks of N numbers, one block per kind of row: contact roles use all six.
CASE_SAFE_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345"
ID_POD = "Hx"
ID_DIGITS = 7
ID_SPACE = 62**ID_DIGITS
ID_MULTIPLIER = 2_500_009
ID_BLOCKS = 6
# Each key prefix shifts its numbers by up to this much, so that row n of two tables does
# not get the same id digits.
ID_PREFIX_SHIFT_RANGE = 10**9
MAX_LEADS = (ID_SPACE - ID_PREFIX_SHIFT_RANGE) // ID_BLOCKS

MARKETING = "Marketing Generated"
SALES = "Sales Generated"

REFERRAL_SHARE = 0.125
DELETED_SHARE = 0.015
MERGED_SHARE = 0.005
# Shares of referral leads with a referrer who is not in the data, or who is the lead itself.
UNKNOWN_REFERRER_SHARE = 0.04
SELF_REFERRAL_SHARE = 0.003
# Planned chain depth of the other referrals: the referrer of a depth-g referral is a
# depth g-1 referral, and depth 1 is referred by a lead or contact that is no referral.
CHAIN_DEPTH_SHARES = (0.70, 0.17, 0.07, 0.035, 0.025)
# Share of deeper referrals whose referrer may be any referral of the depth above, also one
# whose own referrer cannot be found. The others pick a referral whose details resolve.
ANY_PARENT_SHARE = 0.12
CONTACT_REFERRER_SHARE = 0.10
# Share of depth-1 referrals whose referrer is a lead that converts, as in the story that
# the referral process is built on: the original lead is a contact by the time of the deal.
CONVERTED_REFERRER_SHARE = 0.5
SAME_COMPANY_SHARE = 0.85
OPPORTUNITY_SHARE = 0.70
LATER_OPPORTUNITY_SHARE = 0.40
REFERRER_ROLE_SHARE = 0.35
CAMPAIGN_MEMBER_SHARE = 0.85


@dataclass(frozen=True)
class LeadSource:
    """One lead source value with the facts that the generator draws from it."""

    name: str
    weight: float
    generated_source: str | None
    # Creator of such a lead: "integration" (marketing automation), "import" (marketing
    # operations) or "owner" (the rep, by hand).
    creator: str
    campaign_group: str | None
    conversion_rate: float


NON_REFERRAL_SOURCES = (
    LeadSource("Web", 0.20, MARKETING, "integration", None, 0.15),
    LeadSource("Paid Search", 0.10, MARKETING, "integration", "paid", 0.18),
    LeadSource("Google AdWords", 0.04, MARKETING, "integration", "paid", 0.17),
    LeadSource("Advertisement", 0.05, MARKETING, "integration", "display", 0.12),
    LeadSource("Webinar", 0.09, MARKETING, "integration", "webinar", 0.22),
    LeadSource("Trade Show", 0.07, MARKETING, "import", "trade_show", 0.20),
    LeadSource("Email", 0.06, MARKETING, "integration", "email", 0.14),
    LeadSource("Social Media", 0.05, MARKETING, "integration", "social", 0.12),
    LeadSource("Phone Inquiry", 0.04, MARKETING, "owner", None, 0.25),
    LeadSource("Purchased List", 0.04, MARKETING, "import", None, 0.06),
    LeadSource("Word of mouth", 0.02, MARKETING, "owner", None, 0.25),
    LeadSource("Public Relations", 0.01, MARKETING, "integration", None, 0.12),
    LeadSource("Cold Call", 0.07, SALES, "owner", None, 0.14),
    LeadSource("Outbound", 0.05, SALES, "owner", None, 0.15),
    LeadSource("Partner Referral", 0.03, SALES, "owner", None, 0.30),
    LeadSource("Partner", 0.02, SALES, "owner", None, 0.28),
    LeadSource("Employee Referral", 0.02, SALES, "owner", None, 0.32),
    LeadSource("External Referral", 0.01, SALES, "owner", None, 0.30),
    LeadSource("Other", 0.03, SALES, "owner", None, 0.10),
)
# Spellings of the referral lead source. All of them are referral sources in the mapping.
REFERRAL_SOURCES = (
    LeadSource("Referral", 0.94, None, "owner", "referral", 0.34),
    LeadSource("referral ", 0.02, None, "owner", "referral", 0.34),
    LeadSource(" REFERRAL", 0.01, None, "owner", "referral", 0.34),
    LeadSource("Customer Referral", 0.02, None, "owner", "referral", 0.34),
    LeadSource("Lead Referral", 0.01, None, "owner", "referral", 0.34),
)
# Channel hints that reps write after a referrer's name, as in "Referred by Ada Park-PPC",
# by the lead source of the chain's origin. Sources without an entry get no hint.
CHANNEL_HINTS = {
    "Web": ("Website", "Web", "web form"),
    "Paid Search": ("Google Adv", "Paid Search", "PPC"),
    "Google AdWords": ("Google Adv", "AdWords"),
    "Advertisement": ("Display Ads", "Advertisement"),
    "Webinar": ("Webinar",),
    "Trade Show": ("Trade Show", "Tradeshow", "Conference"),
    "Email": ("Newsletter", "Email"),
    "Social Media": ("LinkedIn", "Social"),
    "Phone Inquiry": ("Inbound Call",),
    "Cold Call": ("Cold Call",),
    "Outbound": ("Outbound", "SDR Outbound"),
    "Partner Referral": ("Partner",),
    "Partner": ("Partner",),
    "Referral": ("Referral",),
}
LEAD_SOURCES = NON_REFERRAL_SOURCES + REFERRAL_SOURCES
REFERRAL_HINT_SOURCE = len(NON_REFERRAL_SOURCES)
# Lead sources of contacts that never were leads; None leaves the field empty.
CONTACT_SOURCES = (
    ("Partner", 0.25),
    ("Trade Show", 0.20),
    ("Web", 0.20),
    ("Word of mouth", 0.10),
    ("External Referral", 0.05),
    (None, 0.20),
)

# (group, campaign type, periods per year, name pattern). {period} is filled per period.
CAMPAIGN_GROUPS = (
    ("paid", "Advertisement", 1, "Paid Search - Always On {year}"),
    ("display", "Banner Ads", 4, "Display Ads - Q{period} {year}"),
    ("webinar", "Webinar", 12, "Webinar Series - {month} {year}"),
    ("trade_show", "Trade Show", 4, "Trade Show Circuit - Q{period} {year}"),
    ("email", "Email", 1, "Customer Newsletter {year}"),
    ("social", "Advertisement", 2, "LinkedIn Lead Gen - H{period} {year}"),
    ("referral", "Referral Program", 1, "Referral Program {year}"),
)
CAMPAIGN_RESPONSE_RATES = {
    "paid": 0.35,
    "display": 0.20,
    "webinar": 0.55,
    "trade_show": 0.70,
    "email": 0.25,
    "social": 0.30,
    "referral": 0.80,
}
MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)  # fmt: skip

LEAD_OPEN = "Open - Not Contacted"
LEAD_WORKING = "Working - Contacted"
LEAD_CONVERTED = "Closed - Converted"
LEAD_NOT_CONVERTED = "Closed - Not Converted"
OPEN_STAGES = (
    "Prospecting", "Qualification", "Needs Analysis", "Value Proposition", "Id. Decision Makers",
    "Perception Analysis", "Proposal/Price Quote", "Negotiation/Review",
)  # fmt: skip
PRODUCTS = (
    "Pipeline Analytics", "Attribution Add-on", "Forecasting Suite", "Data Connectors",
    "Annual Subscription", "Team Expansion", "Pilot", "Renewal", "Enterprise Upgrade",
)  # fmt: skip
EXTRA_ROLES = ("Evaluator", "Technical Buyer", "Economic Buyer", "Business User", "Influencer")

# People's names, most frequent first. A name's weight is 1 / (rank + offset), so the first
# names of each pool repeat often and the whole pool still appears.
FIRST_NAMES = (
    "James", "Maria", "Michael", "Anna", "David", "Sarah", "John", "Laura", "Daniel", "Emma",
    "Thomas", "Sofia", "Robert", "Julia", "Chris", "Elena", "Mark", "Olivia", "Paul", "Lucía",
    "Peter", "Hannah", "Andrew", "Chloé", "Alex", "Mia", "Ahmed", "Priya", "Wei", "Yuki",
    "José", "Zoë", "Jürgen", "François", "Inès", "Anaïs", "Joaquín", "Noé", "Renée", "Tomás",
    "Søren", "Björn", "Åsa", "Łukasz", "Małgorzata", "Ümit", "Çağla", "Gökhan", "Dorothée",
    "Hélène", "Jérôme", "Agnès", "Mónica", "Raúl", "Iñaki", "Núria", "Sebastián", "Andrés",
    "Linnéa", "Mikaël", "Jean-Luc", "Anne-Marie", "Marie-Claire", "Hans-Peter", "Ben", "Kate",
    "Tom", "Lisa", "Omar", "Fatima", "Ravi", "Ananya", "Chen", "Mei", "Hiroshi", "Aiko",
    "Kwame", "Amara", "Chidi", "Ngozi", "Ivan", "Olga", "Dmitri", "Katarzyna", "Piotr",
    "Agnieszka", "Lars", "Ingrid", "Nils", "Astrid", "Mateo", "Valentina", "Diego", "Camila",
    "Luca", "Giulia", "Marco", "Francesca", "Pierre", "Camille", "Louis", "Manon", "Felix",
    "Lena", "Jonas", "Leonie", "Ali", "Aylin", "Emre", "Elif", "Minh", "Linh", "Sung-min",
    "Ji-woo", "Arjun", "Kavya", "Samuel", "Grace", "Nathan", "Ruth", "Oscar", "Alice",
    "Hugo", "Iris", "Victor", "Nora", "Adrian", "Clara", "Simon", "Eva", "Martin", "Vera",
    "Stefan", "Petra", "Tobias", "Greta", "Erik", "Maja", "Aleksander", "Zuzana", "Ondřej",
    "Radka", "Dragoş", "Ioana", "Bogdan", "Milica", "Nikola", "Jovana", "Aurélien", "Maëlle",
    "Gaëtan", "Héloïse", "Loïc", "Estéban", "Ángel", "Begoña", "Sinéad", "Seán", "Siobhán",
    "D'Andre", "Ayşe", "Yiğit", "Göran", "Märta", "Jørgen", "Kjellfrid", "Ethan", "Amelia",
)  # fmt: skip
LAST_NAMES = (
    "Smith", "Müller", "García", "Johnson", "Schmidt", "Martínez", "Brown", "Rossi", "Nguyen",
    "Wang", "Kim", "Williams", "Fernández", "Jones", "Dubois", "López", "Miller", "Weber",
    "González", "Davis", "Patel", "Silva", "Wilson", "Moreau", "Hernández", "Taylor", "Fischer",
    "Pérez", "Anderson", "Kowalski", "Thomas", "Jackson", "Novak", "White", "Martin", "Lee",
    "O'Brien", "Schneider", "Rodríguez", "Harris", "Sánchez", "Clark", "Meyer", "Romero",
    "Lewis", "Wagner", "Ramírez", "Walker", "Becker", "Torres", "Hall", "Hoffmann", "Flores",
    "Young", "Schäfer", "Díaz", "King", "Koch", "Gómez", "Wright", "Bauer", "Jiménez", "Scott",
    "Richter", "Ruiz", "Green", "Klein", "Álvarez", "Baker", "Wolf", "Moreno", "Adams",
    "Schröder", "Muñoz", "Nelson", "Neumann", "Alonso", "Hill", "Schwarz", "Gutiérrez",
    "Campbell", "Zimmermann", "Navarro", "Mitchell", "Braun", "Domínguez", "Roberts", "Krüger",
    "Vázquez", "Carter", "Hofmann", "Ramos", "Phillips", "Hartmann", "Gil", "Evans", "Lange",
    "Serrano", "Turner", "Schmitt", "Blanco", "Parker", "Werner", "Molina", "Collins",
    "Schmitz", "Morales", "Edwards", "Krause", "Ortega", "Stewart", "Meier", "Delgado",
    "Morris", "Lehmann", "Castro", "Murphy", "Köhler", "Ortiz", "Cook", "Herrmann", "Rubio",
    "Rogers", "Walter", "Marín", "Morgan", "König", "Sanz", "Peterson", "Mayer", "Núñez",
    "Cooper", "Huber", "Iglesias", "Reed", "Kaiser", "Medina", "Bailey", "Fuchs", "Garrido",
    "Bell", "Peters", "Cortés", "Chen", "Liu", "Zhang", "Yamamoto", "Tanaka", "Suzuki",
    "Okafor", "Mensah", "Adeyemi", "Nowak", "Wiśniewski", "Wójcik", "Lewandowski",
    "Dvořák", "Černý", "Procházka", "Horváth", "Szabó", "Tóth", "Popescu", "Ionescu",
    "Yılmaz", "Çelik", "Şahin", "Öztürk", "Doğan", "Kılıç", "Andersson", "Johansson",
    "Åberg", "Ødegaard", "Sørensen", "Lindström", "Håkansson", "Virtanen", "Mäkinen",
    "D'Arcy", "O'Hare", "N'Diaye", "Ibáñez", "Löwenthal", "Ferré", "Söderholm", "Brunnhölzl",
    "Castelló", "Peña", "Gonçalves", "Conceição", "Brandão", "Lefèvre", "Girard", "Bézier",
    "Lemaître", "Faure", "Leclerc", "Wyndham-Cole", "Okafor-Reyes", "Moreau-Vidal",
    "Lindsay-Prowse", "van der Berg", "de la Cruz", "van Dijk", "de Vries", "Jansen",
    "Bakker", "Visser", "Smit", "Meijer", "Mulder", "Bos", "Vos", "Peeters", "Maes",
    "Jacobs", "Claes", "Goossens", "Wouters", "De Smet", "Esposito", "Bianchi", "Romano",
    "Colombo", "Ricci", "Marino", "Greco", "Bruno", "Gallo", "Conti", "Costa", "Giordano",
    "Mancini", "Rizzo", "Lombardi", "Moretti", "Barbieri", "Fontana", "Santoro", "Mariani",
    "Nakashima", "Adebayo", "Valdivieso", "Szymańczyk", "Haldane", "Trevanion", "Quarrell",
)  # fmt: skip
FIRST_NAME_OFFSET = 10
LAST_NAME_OFFSET = 20
# First names of referrers who are not in the data. No person in the data has them, so a
# referral that names one can never be resolved.
OUTSIDE_FIRST_NAMES = (
    "Thaddeus", "Philippa", "Marisol", "Anselm", "Katell", "Ivo", "Ottoline", "Ambrose",
    "Perpetua", "Leopold", "Clementine", "Bartholomew", "Hyacinth", "Evander", "Isolde",
    "Cyprian", "Wilhelmina", "Lysander", "Theodora", "Peregrine", "Ignatius", "Seraphina",
    "Montgomery", "Araminta", "Barnaby",
)  # fmt: skip
# Details text that names no person.
FREE_TEXT_DETAILS = (
    "Met at the partner summit", "Friend of the CFO", "see notes", "Ask the AE",
    "Referral - partner program", "N/A", "existing customer", "TBD", "#N/A",
    "Call back after Q3", "intro via LinkedIn message",
)  # fmt: skip

COMPANY_STEMS = (
    "Kestrel", "Bracken", "Quill", "Nettle", "Sedge", "Marl", "Larch", "Umber", "Teal", "Wyn",
    "Orrin", "Heron", "Juniper", "Otter", "Rook", "Bram", "Cinder", "Fallow", "Gorse", "Hazel",
    "Kite", "Lumen", "Moss", "Pike", "Rime", "Sorrel", "Thorn", "Vetch", "Wold", "Alder",
    "Birch", "Cedar", "Dune", "Ember", "Fern", "Glen", "Holly", "Iris", "Jasper", "Kelp",
    "Linden", "Maple", "North", "Oak", "Pine", "Quarry", "Raven", "Stone", "Tarn", "Upton",
    "Vale", "Willow", "Yarrow", "Zephyr", "Amber", "Basalt", "Cobalt", "Delta", "Echo",
    "Flint", "Granite", "Harbor", "Indigo", "Jade", "Krypton", "Lark", "Mistral", "Nimbus",
    "Onyx", "Pewter", "Quartz", "Russet", "Slate", "Tundra", "Ultra", "Vireo", "Wren", "Xylo",
    "Yew", "Zinc", "Brünn", "Søn", "Åker", "Peña", "Mühl", "Fjäll", "Grün", "Élan", "Çam",
    "Łąka", "Orné", "Sérac", "Bør", "Hôtel", "Ñandú", "Öst", "Vík", "Žal", "Tœ", "Würz",
)  # fmt: skip
COMPANY_ENDINGS = (
    "moor", "fold", "wick", "mere", "croft", "combe", "stead", "brook", "gate", "haven",
    "quay", "hallow", "field", "ford", "well", "ridge", "worth", "by", "ton", "dale", "wood",
    "point", "crest", "light", "stream", "path", "line", "works", "forge", "bridge", "view",
    "land", "side", "port", "mark", "hurst", "burn", "cliff", "shore", "spring",
)  # fmt: skip
INDUSTRIES = (
    "Analytics", "Logistics", "Health", "Robotics", "Biotech", "Textiles", "Freight",
    "Insurance", "Foods", "Energy", "Software", "Ceramics", "Learning", "Outfitters", "Labs",
    "Media", "Engineering", "Systems", "Pharma", "Retail", "Consulting", "Capital", "Mobility",
    "Security", "Telecom", "Aerospace", "Agritech", "Architects", "Brewing", "Chemicals",
    "Construction", "Dental", "Electric", "Fashion", "Games", "Hospitality", "Imaging",
    "Legal", "Marine", "Networks",
)  # fmt: skip
LEGAL_FORMS = ("", " Ltd", " GmbH", " Inc.", " S.A.", " AB", " Oy", " LLC", " plc", " S.L.")
COMPANY_NAME_SPACE = len(COMPANY_STEMS) * len(COMPANY_ENDINGS) * len(INDUSTRIES) * len(LEGAL_FORMS)
COMPANY_MULTIPLIER = 7_919

USER_EMAIL_DOMAIN = "crm-org.example"
PERSONAL_EMAIL_DOMAIN = "mailbox.example"
# Users numbered after the reps, in this order. The integration user creates the leads of
# marketing automation and the import user those of imported lists.
INTEGRATION_USER = "Marketing Automation"
IMPORT_USER = "Marketing Operations"
ADMIN_USER = "Sales Operations"


@dataclass(frozen=True)
class DetailsFormat:
    """A way reps write a referral's details, with its share among referrals.

    `sql` is a DuckDB expression template. Its placeholders are the referrer's {first} and
    {last} name, {name} (both), {name_ascii} without accents, {name_nfd} in decomposed
    Unicode, {name_apostrophe} with the apostrophe typed in one of three ways, {email}, the
    channel hint {hint}, which may be NULL, and a {free_text} phrase.
    """

    name: str
    weight: float
    # True when the parser finds the named referrer, unless namesakes make it ambiguous.
    resolves: bool
    sql: str
    uses_lookup: bool = False


DETAILS_FORMATS = (
    DetailsFormat(
        "dash", 0.31, True, "'Referred by ' || {name_apostrophe} || coalesce('-' || {hint}, '')"
    ),
    DetailsFormat(
        "colon_lower",
        0.08,
        True,
        "'referred by: ' || lower({name}) || coalesce(' - ' || lower({hint}), '')",
    ),
    DetailsFormat("comma", 0.06, True, "'Referred by ' || {name} || coalesce(', ' || {hint}, '')"),
    DetailsFormat("no_hint", 0.09, True, "'Referred by ' || {name}"),
    DetailsFormat("email", 0.06, True, "'Ref by ' || {email} || coalesce(' - ' || {hint}, '')"),
    DetailsFormat(
        "parentheses",
        0.03,
        True,
        "'Referral from ' || {name} || coalesce(' (' || {hint} || ')', '')",
    ),
    DetailsFormat("referrer_dash", 0.02, True, "'Referrer - ' || {name}"),
    DetailsFormat("name_only", 0.02, True, "{name} || coalesce(' - ' || {hint}, '')"),
    DetailsFormat(
        "double_space",
        0.02,
        True,
        "'Referred by ' || {first} || '  ' || {last} || coalesce('-' || {hint}, '')",
    ),
    DetailsFormat(
        "no_accents", 0.04, True, "'Referred by ' || {name_ascii} || coalesce('-' || {hint}, '')"
    ),
    DetailsFormat(
        "upper_case", 0.02, True, "upper('Referred by ' || {name} || coalesce(' - ' || {hint}, ''))"
    ),
    DetailsFormat("ref_slash", 0.02, True, "'Ref. by ' || {name} || coalesce(' / ' || {hint}, '')"),
    DetailsFormat(
        "decomposed", 0.01, True, "'Referred by ' || {name_nfd} || coalesce('-' || {hint}, '')"
    ),
    DetailsFormat("lookup_only", 0.03, True, "NULL", uses_lookup=True),
    DetailsFormat(
        "lookup_and_name",
        0.05,
        True,
        "'Referred by ' || {name} || coalesce('-' || {hint}, '')",
        uses_lookup=True,
    ),
    DetailsFormat(
        "note_after_name", 0.02, True, "'Referred by ' || {name} || '. Spoke on the phone'"
    ),
    DetailsFormat("last_first", 0.02, False, "'Referred by ' || {last} || ', ' || {first}"),
    DetailsFormat("first_only", 0.02, False, "'Referred by ' || {first}"),
    DetailsFormat(
        "typo",
        0.02,
        False,
        "'Referred by ' || {first} || ' ' || left({last}, 1) || substr({last}, 3)",
    ),
    DetailsFormat("initial", 0.01, False, "'Referred by ' || left({first}, 1) || '. ' || {last}"),
    DetailsFormat("free_text", 0.02, False, "{free_text}"),
    DetailsFormat("empty", 0.03, False, "NULL"),
)
FALLBACK_FORMAT = 0  # "dash": used when a format needs an email or lookup the referrer lacks


# --- Python-side helpers: pools, weights and SQL literals -----------------------------------


def ascii_fold(text: str) -> str:
    """Remove accents the way a rep typing without them would: "Łukasz Øberg" gives
    "Lukasz Oberg"."""
    special = {"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "ı": "i", "đ": "d", "Đ": "D"}
    text = "".join(special.get(character, character) for character in text)
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(character for character in decomposed if not unicodedata.combining(character))


def decompose(text: str) -> str:
    """Return text in Unicode normal form D, with accents as separate combining marks."""
    return unicodedata.normalize("NFD", text)


def email_part(text: str) -> str:
    """Return a name as the lower-case ASCII letters and digits of an email address."""
    return "".join(character for character in ascii_fold(text).lower() if character.isalnum())


def sql_string(value: str | None) -> str:
    if value is None:
        return "NULL"
    return "'" + value.replace("'", "''") + "'"


def sql_list(values: Sequence) -> str:
    """Return a DuckDB list literal of strings, numbers or NULLs."""
    items = []
    for value in values:
        if value is None or isinstance(value, str):
            items.append(sql_string(value))
        else:
            items.append(repr(value))
    return "[" + ", ".join(items) + "]"


def sql_ranked_index(draw: str, count: int, offset: int) -> str:
    """Return a SQL expression for a pool index in [0, count) whose probability falls with
    its rank as about 1 / (rank + offset). It inverts the log-uniform distribution on
    [offset, count + offset), the continuous form of those weights."""
    ratio = (count + offset) / offset
    return f"least({count - 1}, floor({offset} * pow({ratio!r}, {draw}) - {offset})::INTEGER)"


def sql_weighted_case(draw: str, weights: Sequence[float]) -> str:
    """Return a CASE expression that gives index k with probability weights[k] / sum(weights)
    for a uniform draw in [0, 1)."""
    total = sum(weights)
    cumulative = 0.0
    branches = []
    for index, weight in enumerate(weights[:-1]):
        cumulative += weight / total
        branches.append(f"when {draw} < {cumulative!r} then {index}")
    return f"(case {' '.join(branches)} else {len(weights) - 1} end)"


def checksum_character(chunk: str) -> str:
    index = sum(1 << bit for bit, character in enumerate(chunk) if "A" <= character <= "Z")
    return CASE_SAFE_ALPHABET[index]


def sql_id(key_prefix: str, number: str) -> str:
    """Return a SQL expression for the case-safe id of a row number. The first checksum
    character depends only on the key prefix and the pod, so it is computed here."""
    first_chunk = (key_prefix + ID_POD)[:5]
    shift = sum(ord(character) * 31**k for k, character in enumerate(key_prefix))
    shift = shift * 7_654_321 % ID_PREFIX_SHIFT_RANGE
    return (
        f"sf_id('{key_prefix}{ID_POD}000', '{checksum_character(first_chunk)}',"
        f" ({number}) + {shift})"
    )


# --- The generator ------------------------------------------------------------------------


@dataclass(frozen=True)
class Sizes:
    """Row counts and layout that follow from the number of leads."""

    leads: int
    companies: int
    existing_accounts: int
    contact_only: int
    direct_opportunities: int
    reps: int
    cycles: int
    cycle_stride: int
    referral_window: int

    @classmethod
    def for_leads(cls, leads: int) -> Sizes:
        existing_accounts = min(50_000, max(5, leads // 400))
        cycles = 0 if leads < 20 else min(500, max(2, leads // 20_000))
        return cls(
            leads=leads,
            companies=max(existing_accounts + 10, leads // 8),
            existing_accounts=existing_accounts,
            contact_only=existing_accounts * 3,
            direct_opportunities=max(1, leads // 100),
            reps=min(4_000, max(8, leads // 2_500)),
            cycles=cycles,
            cycle_stride=leads // cycles if cycles else 1,
            referral_window=max(1, leads // 20),
        )


class Generator:
    """Write the eight raw tables for one number of leads and one seed."""

    def __init__(self, connection: duckdb.DuckDBPyConnection, sizes: Sizes, seed: int):
        self.connection = connection
        self.sizes = sizes
        self.seed = seed

    def run(self, output_dir: Path, progress: tqdm) -> dict[str, int]:
        """Write every table to output_dir and return the row count of each."""
        progress.set_description("macros")
        self.create_macros()
        progress.update(1)
        progress.set_description("referral links")
        self.create_referral_links()
        self.create_lead_core()
        progress.update(1)
        row_counts = {}
        queries = {
            "lead": self.lead_query,
            "contact": self.contact_query,
            "account": self.account_query,
            "opportunity": self.opportunity_query,
            "opportunity_contact_role": self.contact_role_query,
            "user": self.user_query,
            "campaign": self.campaign_query,
            "campaign_member": self.campaign_member_query,
        }
        for table in TABLES:
            progress.set_description(table)
            row_counts[table] = self.write_parquet(
                queries[table](), output_dir / f"{table}.parquet"
            )
            progress.update(1)
        return row_counts

    def execute(self, sql: str) -> None:
        self.connection.execute(sql)

    def write_parquet(self, query: str, path: Path) -> int:
        """Write the query's rows to path through a temporary file, so that an interrupted
        run leaves no half-written table behind. Returns the row count."""
        partial_path = path.with_name(f".{path.name}.partial")
        try:
            self.execute(
                f"copy ({query}) to {sql_path(partial_path)} (format parquet, compression zstd)"
            )
        except duckdb.Error:
            partial_path.unlink(missing_ok=True)
            raise
        os.replace(partial_path, path)
        return self.connection.execute(
            f"select count(*) from read_parquet({sql_path(path)})"
        ).fetchone()[0]

    # --- Macros: every value is a function of the seed and a row number ------------------

    def create_macros(self) -> None:
        """Create the SQL macros that every table is computed with, in dependency order."""
        for macros in (
            self.draw_and_id_macros(),
            self.lead_macros(),
            self.person_macros(),
            self.source_macros(),
        ):
            for signature, body in macros.items():
                self.execute(f"create or replace temp macro {signature} as ({body})")

    def draw_and_id_macros(self) -> dict[str, str]:
        id_offset = (self.seed * 1_000_003 + 12_345) % ID_SPACE
        # Base-62 digit k of the scrambled number m, and its character: 0-9, A-Z, a-z.
        # Inline constants and chr() keep this cheap, because it runs for every id of every
        # row.
        digit_values = {k: f"((m // {62**k}) % 62)" for k in range(ID_DIGITS)}
        digit_characters = [
            f"chr(({value} + 48 + 7 * ({value} >= 10)::INTEGER"
            f" + 6 * ({value} >= 36)::INTEGER)::INTEGER)"
            for _, value in sorted(digit_values.items(), reverse=True)
        ]
        upper = {k: f"({value} between 10 and 35)::INTEGER" for k, value in digit_values.items()}
        # The checksum's second character covers body positions 5-9: "000" and the two
        # highest digits; the third covers the five lowest digits.
        second = f"8 * {upper[6]} + 16 * {upper[5]}"
        third = " + ".join(f"{1 << bit} * {upper[4 - bit]}" for bit in range(5))

        return {
            # A uniform draw in [0, 1) for one field of one row. DuckDB 2.0's hash of several
            # values XORs their hashes, so two fields of one row would get correlated draws.
            # Hashing that result again mixes them apart.
            "draw(i, field)": (
                f"(hash(hash({self.seed}, field, i)) >> 11) * (1.0 / 9007199254740992)"
            ),
            "pick(i, field, n)": "least(floor(draw(i, field) * n)::BIGINT, n - 1)",
            # Case-safe ids.
            "id_scramble(n)": f"((n::BIGINT * {ID_MULTIPLIER} + {id_offset}) % {ID_SPACE})::BIGINT",
            "checksum_character(index)": (
                "chr((case when index < 26 then 65 + index else 22 + index end)::INTEGER)"
            ),
            "id_tail(m, first_check)": (
                f"concat({', '.join(digit_characters)}, first_check,"
                f" checksum_character({second}), checksum_character({third}))"
            ),
            "sf_id(body, first_check, n)": "concat(body, id_tail(id_scramble(n), first_check))",
            # Timestamps: seconds after the start become UTC timestamps and dates.
            "to_timestamp_utc(seconds)": f"'{START_TIMESTAMP}'::TIMESTAMPTZ + to_seconds(seconds)",
            "to_day(seconds)": (
                f"('{START_TIMESTAMP[:10]}'::DATE + (seconds // {DAY_SECONDS})::INTEGER)"
            ),
        }

    def lead_macros(self) -> dict[str, str]:
        sizes = self.sizes
        return {
            # Lead kinds: 0 plain, 1 referral, 2 deleted, 3 merged-away duplicate of the
            # previous lead, 4 member of a lookup cycle.
            "is_cycle_member(i)": self.cycle_condition(),
            "kind_band(i)": (
                "case when is_cycle_member(i) then 4"
                f" when draw(i, 'kind') < {REFERRAL_SHARE} then 1"
                f" when draw(i, 'kind') < {REFERRAL_SHARE + DELETED_SHARE} then 2"
                f" when draw(i, 'kind') < {REFERRAL_SHARE + DELETED_SHARE + MERGED_SHARE} then 3"
                " else 0 end"
            ),
            # A duplicate needs a plain lead before it to be merged into.
            "lead_kind(i)": (
                "case when kind_band(i) = 3 and (i = 0 or kind_band(i - 1) <> 0) then 0"
                " else kind_band(i) end"
            ),
            "lead_source_index(i, kind)": (
                "case when kind in (1, 4) then "
                f"{len(NON_REFERRAL_SOURCES)} + "
                + sql_weighted_case(
                    "draw(i, 'referral_source')", [s.weight for s in REFERRAL_SOURCES]
                )
                + " else "
                + sql_weighted_case("draw(i, 'source')", [s.weight for s in NON_REFERRAL_SOURCES])
                + " end"
            ),
            "lead_created_seconds(i)": (
                f"floor({SPAN_SECONDS} * pow((i + draw(i, 'created')) / {sizes.leads},"
                f" {GROWTH_EXPONENT}))::BIGINT"
            ),
            "company_draw(i)": f"floor({sizes.companies} * pow(draw(i, 'company'), 1.7))::BIGINT",
            "cycle_start(i)": f"(i - i % {sizes.cycle_stride} + {sizes.cycle_stride // 2})",
            "cycle_next(i)": (
                "(cycle_start(i) + (i - cycle_start(i) + 1)"
                f" % (2 + (i // {sizes.cycle_stride}) % 2))"
            ),
        }

    def person_macros(self) -> dict[str, str]:
        sizes = self.sizes
        return {
            # Names: pool indexes by person number; `kind` 'lead', 'contact' or 'user'.
            "first_index(p, kind)": sql_ranked_index(
                "draw(p, kind || '.first')", len(FIRST_NAMES), FIRST_NAME_OFFSET
            ),
            "last_index(p, kind)": sql_ranked_index(
                "draw(p, kind || '.last')", len(LAST_NAMES), LAST_NAME_OFFSET
            ),
            "first_name(k)": f"{sql_list(FIRST_NAMES)}[k + 1]",
            "last_name(k)": f"{sql_list(LAST_NAMES)}[k + 1]",
            "first_ascii(k)": f"{sql_list([ascii_fold(n) for n in FIRST_NAMES])}[k + 1]",
            "last_ascii(k)": f"{sql_list([ascii_fold(n) for n in LAST_NAMES])}[k + 1]",
            "first_nfd(k)": f"{sql_list([decompose(n) for n in FIRST_NAMES])}[k + 1]",
            "last_nfd(k)": f"{sql_list([decompose(n) for n in LAST_NAMES])}[k + 1]",
            "first_email(k)": f"{sql_list([email_part(n) for n in FIRST_NAMES])}[k + 1]",
            "last_email(k)": f"{sql_list([email_part(n) for n in LAST_NAMES])}[k + 1]",
            # Companies: a bijection spreads company numbers over the name space.
            "company_code(c)": (
                f"((c * {COMPANY_MULTIPLIER} + {self.seed % COMPANY_NAME_SPACE})"
                f" % {COMPANY_NAME_SPACE})"
            ),
            "company_part(c, k)": self.company_part_sql(),
            "company_name(c)": (
                f"{sql_list(COMPANY_STEMS)}[company_part(c, 0) + 1]"
                f" || {sql_list(COMPANY_ENDINGS)}[company_part(c, 1) + 1]"
                f" || ' ' || {sql_list(INDUSTRIES)}[company_part(c, 2) + 1]"
                f" || {sql_list(LEGAL_FORMS)}[company_part(c, 3) + 1]"
            ),
            "company_domain(c)": (
                f"{sql_list([email_part(s) for s in COMPANY_STEMS])}[company_part(c, 0) + 1]"
                f" || {sql_list(COMPANY_ENDINGS)}[company_part(c, 1) + 1]"
                f" || '-' || lower({sql_list(INDUSTRIES)}[company_part(c, 2) + 1])"
                f" || {sql_list(['-' + email_part(f) if f else '' for f in LEGAL_FORMS])}"
                "[company_part(c, 3) + 1] || '.example'"
            ),
            # Email addresses: work (first.last or initial and last), personal, or none.
            "email_address(p, kind, first, last, company)": (
                "case"
                " when draw(p, kind || '.email') < 0.05 then NULL"
                " when draw(p, kind || '.email') < 0.85"
                " then first_email(first) || '.' || last_email(last)"
                " || '@' || company_domain(company)"
                " when draw(p, kind || '.email') < 0.93"
                " then left(first_email(first), 1) || last_email(last)"
                " || '@' || company_domain(company)"
                " else first_email(first) || '.' || last_email(last) || (p % 97)::VARCHAR"
                f" || '@{PERSONAL_EMAIL_DOMAIN}' end"
            ),
            # Owners: a rep who left the company owns no lead created after leaving.
            "rep_is_inactive(r)": "(r % 7 = 6)",
            "rep_left_seconds(r)": (
                f"floor({SPAN_SECONDS} * (0.3 + 0.6 * draw(r, 'rep_left')))::BIGINT"
            ),
            "lead_owner(i, created)": (
                f"case when rep_is_inactive(pick(i, 'owner', {sizes.reps}))"
                f" and created > rep_left_seconds(pick(i, 'owner', {sizes.reps}))"
                f" then pick(i, 'owner', {sizes.reps}) - 1 else pick(i, 'owner', {sizes.reps}) end"
            ),
        }

    def source_macros(self) -> dict[str, str]:
        source_names = [source.name for source in LEAD_SOURCES]
        contact_source_indexes = [
            -1 if name is None else source_names.index(name) for name, _ in CONTACT_SOURCES
        ]
        contact_draw = "draw(k, 'contact.source')"
        hints, hint_offsets, hint_counts = [], [], []
        for source in LEAD_SOURCES:
            source_hints = CHANNEL_HINTS.get(source.name, ())
            hint_offsets.append(len(hints))
            hint_counts.append(len(source_hints))
            hints.extend(source_hints)
        return {
            # Days from a lead's creation to its conversion: mostly days, up to 121.
            "conversion_delay(i)": (
                f"floor({DAY_SECONDS} * (1 + 120 * pow(draw(i, 'conversion_delay'), 2)))::BIGINT"
            ),
            "conversion_rate(source)": (
                f"{sql_list([s.conversion_rate for s in LEAD_SOURCES])}[source + 1]"
            ),
            "lead_converts(i, kind, source, created)": (
                "(kind in (0, 1, 4) and draw(i, 'converts') < conversion_rate(source)"
                f" and created + conversion_delay(i) < {SPAN_SECONDS})"
            ),
            "lead_is_converted(j)": (
                "lead_converts(j, lead_kind(j), lead_source_index(j, lead_kind(j)),"
                " lead_created_seconds(j))"
            ),
            # Lead source facts by source index.
            "source_name(s)": f"{sql_list([s.name for s in LEAD_SOURCES])}[s + 1]",
            "source_generated_source(s)": (
                f"{sql_list([s.generated_source for s in LEAD_SOURCES])}[s + 1]"
            ),
            "source_creator(s)": f"{sql_list([s.creator for s in LEAD_SOURCES])}[s + 1]",
            "source_campaign_group(s)": (
                f"{sql_list([s.campaign_group for s in LEAD_SOURCES])}[s + 1]"
            ),
            "hint_text(s, i)": (
                f"case when {sql_list(hint_counts)}[s + 1] > 0 then {sql_list(hints)}"
                f"[{sql_list(hint_offsets)}[s + 1]"
                f" + pick(i, 'hint', {sql_list(hint_counts)}[s + 1]) + 1]"
                " end"
            ),
            # Contacts that never were leads belong to the first existing accounts.
            "contact_only_source_index(k)": (
                f"{sql_list(contact_source_indexes)}"
                f"[{sql_weighted_case(contact_draw, [w for _, w in CONTACT_SOURCES])} + 1]"
            ),
            "contact_only_source(k)": (
                "case when contact_only_source_index(k) >= 0"
                " then source_name(contact_only_source_index(k)) end"
            ),
            # Up to three years before the first lead.
            "contact_only_created(k)": (
                f"(-floor({3 * 365 * DAY_SECONDS} * draw(k, 'contact.created')) - 1)::BIGINT"
            ),
            # Rep-entered generated source: the label, sometimes in another letter case.
            "spelled_label(label, i)": (
                "case when draw(i, 'label_case') < 0.02 then lower(label)"
                " when draw(i, 'label_case') < 0.03 then upper(label) else label end"
            ),
            "other_label(label)": (
                f"case label when '{MARKETING}' then '{SALES}' else '{MARKETING}' end"
            ),
        }

    def cycle_condition(self) -> str:
        sizes = self.sizes
        if sizes.cycles == 0:
            return "false"
        stride = sizes.cycle_stride
        return (
            f"(i // {stride} < {sizes.cycles} and i % {stride} >= {stride // 2}"
            f" and i % {stride} < {stride // 2} + 2 + (i // {stride}) % 2)"
        )

    @staticmethod
    def company_part_sql() -> str:
        """Return SQL for digit k of a company's name code in mixed radix: stem, ending,
        industry, legal form."""
        radixes = (len(COMPANY_STEMS), len(COMPANY_ENDINGS), len(INDUSTRIES), len(LEGAL_FORMS))
        divisors = [math.prod(radixes[:k]) for k in range(len(radixes))]
        return (
            f"((company_code(c) // {sql_list(divisors)}[k + 1]) % {sql_list(radixes)}[k + 1])"
            "::INTEGER"
        )

    # --- Referral links: who refers whom --------------------------------------------------

    def create_referral_links(self) -> None:
        """Create table referral_links: one row per referral lead (kind 1) with its
        referrer, company and chain origin.

        A referral of planned depth 1 is referred by the nearest earlier plain lead before a
        random point in the recent past (an ASOF join), or by a contact that never was a
        lead. A referral of depth g picks the nearest earlier referral of depth g - 1, one
        depth at a time, so the referrer's company and origin are known when the referral
        copies them. A referral with no such predecessor names someone outside the data.
        """
        sizes = self.sizes
        format_weights = [f.weight for f in DETAILS_FORMATS]
        resolving = [index for index, f in enumerate(DETAILS_FORMATS) if f.resolves]
        self.execute(f"""
            create or replace table referral_plan as
            select
                i,
                case
                    when draw(i, 'role') < {UNKNOWN_REFERRER_SHARE} then 'unknown'
                    when draw(i, 'role') < {UNKNOWN_REFERRER_SHARE + SELF_REFERRAL_SHARE}
                        then 'self'
                    else 'referrer'
                end as role,
                1 + {sql_weighted_case("draw(i, 'depth')", CHAIN_DEPTH_SHARES)} as depth,
                {sql_weighted_case("draw(i, 'format')", format_weights)} as details_format,
                case when draw(i, 'any_parent') < {ANY_PARENT_SHARE} then 'any' else 'resolving'
                end as parent_pool,
                i - 1 - floor({sizes.referral_window} * pow(draw(i, 'gap'), 2))::BIGINT as target,
                case when draw(i, 'converted_referrer') < {CONVERTED_REFERRER_SHARE}
                    then 'converted' else 'any' end as origin_pool,
                draw(i, 'contact_referrer') < {CONTACT_REFERRER_SHARE} as names_contact,
                pick(i, 'contact_referrer_number', {sizes.contact_only}) as contact_number,
                draw(i, 'same_company') < {SAME_COMPANY_SHARE} as is_same_company,
                company_draw(i) as own_company
            from range({sizes.leads}) as leads(i)
            where lead_kind(i) = 1
        """)
        self.execute(f"""
            create or replace table origin_pool as
            with plain_leads as (
                select i, lead_source_index(i, 0) as source, lead_created_seconds(i) as created
                from range({sizes.leads}) as leads(i)
                where lead_kind(i) = 0
            )
            select i as origin_i, 'any' as origin_pool from plain_leads
            union all
            select i, 'converted' from plain_leads where lead_converts(i, 0, source, created)
        """)
        link_columns = (
            "i, depth, role, details_format, parent_kind, parent, parent_company, company,"
            " origin_kind, origin, origin_source, resolves"
        )
        resolving_list = sql_list(resolving)
        # Depth 1, and the referrals whose referrer is unknown or themselves.
        self.execute(f"""
            create or replace table referral_links_1 as
            with matched as (
                select
                    plan.*,
                    case
                        when plan.role <> 'referrer' then 0
                        when plan.names_contact and {sizes.contact_only} > 0 then 2
                        when pool.origin_i is not null then 1
                        else 0
                    end as parent_kind,
                    pool.origin_i
                from referral_plan as plan
                asof left join origin_pool as pool
                    on plan.origin_pool = pool.origin_pool and plan.target >= pool.origin_i
                where plan.depth = 1 or plan.role <> 'referrer'
            ),
            parents as (
                select
                    *,
                    case parent_kind when 1 then origin_i when 2 then contact_number end as parent,
                    case parent_kind
                        when 1 then company_draw(origin_i)
                        when 2 then contact_number % {sizes.existing_accounts}
                    end as parent_company
                from matched
            )
            select
                i,
                1 as depth,
                case when role = 'referrer' and parent_kind = 0 then 'unknown' else role end
                    as role,
                details_format,
                parent_kind,
                parent,
                parent_company,
                case when parent_kind > 0 and is_same_company then parent_company
                    else own_company end as company,
                parent_kind as origin_kind,
                parent as origin,
                case parent_kind
                    when 1 then lead_source_index(parent, 0)
                    when 2 then contact_only_source_index(parent)
                end as origin_source,
                parent_kind > 0 and list_contains({resolving_list}, details_format) as resolves
            from parents
        """)
        for depth in range(2, len(CHAIN_DEPTH_SHARES) + 1):
            self.execute(f"""
                create or replace table referral_links_{depth} as
                with pool as (
                    select i as parent_i, 'any' as parent_pool, * exclude (i)
                    from referral_links_{depth - 1}
                    union all
                    select i as parent_i, 'resolving' as parent_pool, * exclude (i)
                    from referral_links_{depth - 1}
                    where resolves
                ),
                matched as (
                    select
                        plan.i,
                        plan.role,
                        plan.details_format,
                        plan.is_same_company,
                        plan.own_company,
                        pool.parent_i,
                        pool.company as pool_company,
                        pool.origin_kind as pool_origin_kind,
                        pool.origin as pool_origin,
                        pool.origin_source as pool_origin_source
                    from referral_plan as plan
                    asof left join pool
                        on plan.parent_pool = pool.parent_pool and plan.target >= pool.parent_i
                    where plan.depth = {depth} and plan.role = 'referrer'
                )
                select
                    i,
                    {depth} as depth,
                    case when parent_i is null then 'unknown' else role end as role,
                    details_format,
                    case when parent_i is null then 0 else 1 end as parent_kind,
                    parent_i as parent,
                    pool_company as parent_company,
                    case when parent_i is not null and is_same_company then pool_company
                        else own_company end as company,
                    pool_origin_kind as origin_kind,
                    pool_origin as origin,
                    pool_origin_source as origin_source,
                    parent_i is not null and list_contains({resolving_list}, details_format)
                        as resolves
                from matched
            """)
        union = " union all ".join(
            f"select {link_columns} from referral_links_{depth}"
            for depth in range(1, len(CHAIN_DEPTH_SHARES) + 1)
        )
        self.execute(f"create or replace table referral_links as {union}")

    def create_lead_core(self) -> None:
        """Create table lead_core: one row per lead number, in order, with the numbers
        that every table derives its values from."""
        self.execute(f"""
            create or replace table lead_core as
            with kinds as (
                select i, lead_kind(i) as kind, lead_created_seconds(i) as created
                from range({self.sizes.leads}) as leads(i)
            ),
            sources as (
                select *, lead_source_index(i, kind) as source from kinds
            )
            select
                sources.i,
                sources.kind,
                sources.source,
                sources.created,
                case when sources.kind = 3 then sources.i - 1 else sources.i end as person,
                case
                    when links.company is not null then links.company
                    when sources.kind = 3 then company_draw(sources.i - 1)
                    when sources.kind = 4 then company_draw(cycle_start(sources.i))
                    else company_draw(sources.i)
                end as company,
                lead_owner(sources.i, sources.created) as owner,
                lead_converts(sources.i, sources.kind, sources.source, sources.created)
                    as is_converted,
                sources.created + conversion_delay(sources.i) as converted_at,
                case when sources.kind = 4 then 'cycle' else links.role end as role,
                links.depth,
                case when sources.kind = 4 then 0 else links.details_format end as details_format,
                case when sources.kind = 4 then 1 else links.parent_kind end as parent_kind,
                case when sources.kind = 4 then cycle_next(sources.i) else links.parent end
                    as parent,
                case when sources.kind = 4 then company_draw(cycle_start(sources.i))
                    else links.parent_company end as parent_company,
                links.origin_kind,
                links.origin,
                links.origin_source
            from sources
            left join referral_links as links
                on sources.i = links.i
            order by sources.i
        """)
        macros = {
            "has_opportunity(i, is_converted)": (
                f"is_converted and draw(i, 'opportunity') < {OPPORTUNITY_SHARE}"
            ),
            # A lead converted without an opportunity may get one 10 to 200 days later,
            # with its contact as primary contact role. One created after the end of the
            # data range is left out.
            "has_later_opportunity(i, is_converted)": (
                "is_converted and not has_opportunity(i, is_converted)"
                f" and draw(i, 'later_opportunity') < {LATER_OPPORTUNITY_SHARE}"
            ),
            "later_opportunity_created(i, converted_at)": (
                f"converted_at + floor({DAY_SECONDS} * (10 + 190 * draw(i, 'later_delay')))::BIGINT"
            ),
            "origin_label(origin_kind, origin_source)": (
                "case when origin_kind in (1, 2) and origin_source >= 0"
                " then source_generated_source(origin_source) end"
            ),
            # The generated source a rep entered on a lead. Automation fills it on most
            # marketing leads; on referrals reps often keep the hand-made default.
            "lead_rep_label(i, kind, source, origin_kind, origin_source)": f"""
                case
                    when kind in (1, 4) then case
                        when draw(i, 'rep_label') < 0.35 then spelled_label('{SALES}', i)
                        when draw(i, 'rep_label') < 0.65 then spelled_label(
                            coalesce(origin_label(origin_kind, origin_source), '{SALES}'), i)
                        when draw(i, 'rep_label') < 0.70 then spelled_label('{MARKETING}', i)
                    end
                    when draw(i, 'rep_label') < case source_creator(source)
                        when 'integration' then 0.70 else 0.55 end
                        then spelled_label(source_generated_source(source), i)
                    when draw(i, 'rep_label') < case source_creator(source)
                        when 'integration' then 0.75 else 0.62 end
                        then spelled_label(other_label(source_generated_source(source)), i)
                end""",
        }
        for signature, body in macros.items():
            self.execute(f"create or replace temp macro {signature} as ({body})")

    # --- Tables -------------------------------------------------------------------------

    def lead_query(self) -> str:
        sizes = self.sizes
        placeholders = {
            "first": "referrer_first_name",
            "last": "referrer_last_name",
            "name": "(referrer_first_name || ' ' || referrer_last_name)",
            "name_apostrophe": "(referrer_first_name || ' ' || referrer_last_name_apostrophe)",
            "name_ascii": "(referrer_first_name_ascii || ' ' || referrer_last_name_ascii)",
            "name_nfd": "(referrer_first_name_nfd || ' ' || referrer_last_name_nfd)",
            "email": "referrer_email",
            "hint": "hint",
            "free_text": (
                f"{sql_list(FREE_TEXT_DETAILS)}[pick(i, 'free_text', {len(FREE_TEXT_DETAILS)}) + 1]"
            ),
        }
        fallback = DETAILS_FORMATS[FALLBACK_FORMAT].sql.format(**placeholders)
        case_parts = []
        for index, details_format in enumerate(DETAILS_FORMATS):
            expression = details_format.sql.format(**placeholders)
            if details_format.name == "email":
                # A referrer without an email address is named in the fallback format.
                expression = (
                    f"case when referrer_email is null then {fallback} else {expression} end"
                )
            if details_format.uses_lookup:
                # The lookup field points to leads only, so a contact is named instead.
                expression = f"case when parent_kind = 2 then {fallback} else {expression} end"
            case_parts.append(f"when {index} then {expression}")
        details_case = f"case details_format {' '.join(case_parts)} end"
        lookup_formats = sql_list([i for i, f in enumerate(DETAILS_FORMATS) if f.uses_lookup])
        return f"""
            with named as (
                select
                    *,
                    first_index(person, 'lead') as own_first,
                    last_index(person, 'lead') as own_last,
                    case parent_kind
                        when 1 then first_index(parent, 'lead')
                        when 2 then first_index(parent, 'contact')
                    end as referrer_first,
                    case parent_kind
                        when 1 then last_index(parent, 'lead')
                        when 2 then last_index(parent, 'contact')
                    end as referrer_last,
                from lead_core
            ),
            referrers as (
                select
                    *,
                    first_name(referrer_first) as referrer_first_name,
                    last_name(referrer_last) as referrer_last_name,
                    -- Apostrophes as typed, as an HTML entity or as a typographic one.
                    replace(last_name(referrer_last), '''', case
                        when draw(i, 'apostrophe') < 0.3 then '&#39;'
                        when draw(i, 'apostrophe') < 0.6 then '’'
                        else ''''
                    end) as referrer_last_name_apostrophe,
                    first_ascii(referrer_first) as referrer_first_name_ascii,
                    last_ascii(referrer_last) as referrer_last_name_ascii,
                    first_nfd(referrer_first) as referrer_first_name_nfd,
                    last_nfd(referrer_last) as referrer_last_name_nfd,
                    case parent_kind
                        when 1 then email_address(parent, 'lead', referrer_first, referrer_last,
                            parent_company)
                        when 2 then email_address(parent, 'contact', referrer_first,
                            referrer_last, parent_company)
                    end as referrer_email,
                    case
                        when role = 'unknown' and draw(i, 'unknown_hint') < 0.7
                            then hint_text(pick(i, 'unknown_hint_source',
                                {len(NON_REFERRAL_SOURCES)}), i)
                        when role = 'unknown' then NULL
                        when depth > 1 and draw(i, 'referral_hint') < 0.3
                            then hint_text({REFERRAL_HINT_SOURCE}, i)
                        when origin_source >= 0 then hint_text(origin_source, i)
                    end as hint
                from named
            )
            select
                {sql_id("00Q", "i")} as id,
                kind in (2, 3) as is_deleted,
                case when kind = 3 then {sql_id("00Q", "i - 1")} end as master_record_id,
                first_name(own_first) as first_name,
                last_name(own_last) as last_name,
                email_address(i, 'lead', own_first, own_last, company) as email,
                company_name(company) as company,
                source_name(source) as lead_source,
                case
                    when is_converted then '{LEAD_CONVERTED}'
                    when {SPAN_SECONDS} - created < 30 * {DAY_SECONDS}
                        then case when draw(i, 'status') < 0.6 then '{LEAD_OPEN}'
                            else '{LEAD_WORKING}' end
                    when {SPAN_SECONDS} - created < 120 * {DAY_SECONDS}
                        then case when draw(i, 'status') < 0.1 then '{LEAD_OPEN}'
                            when draw(i, 'status') < 0.6 then '{LEAD_WORKING}'
                            else '{LEAD_NOT_CONVERTED}' end
                    -- Real exports show closed-converted leads that never converted.
                    when draw(i, 'status') < 0.003 then '{LEAD_CONVERTED}'
                    when draw(i, 'status') < 0.05 then '{LEAD_OPEN}'
                    when draw(i, 'status') < 0.15 then '{LEAD_WORKING}'
                    else '{LEAD_NOT_CONVERTED}'
                end as status,
                {sql_id("005", "owner")} as owner_id,
                case source_creator(source)
                    when 'integration' then {sql_id("005", str(sizes.reps))}
                    when 'import' then {sql_id("005", str(sizes.reps + 1))}
                    else {sql_id("005", "owner")}
                end as created_by_id,
                to_timestamp_utc(created) as created_date,
                is_converted,
                case when is_converted then to_day(converted_at) end as converted_date,
                case when is_converted then {sql_id("001", "company")} end as converted_account_id,
                case when is_converted then {sql_id("003", "i")} end as converted_contact_id,
                case when has_opportunity(i, is_converted) then {sql_id("006", "i")} end
                    as converted_opportunity_id,
                lead_rep_label(i, kind, source, origin_kind, origin_source)
                    as generated_source_c,
                case
                    when kind not in (1, 4) then NULL
                    when role = 'unknown' then 'Referred by '
                        || {sql_list(OUTSIDE_FIRST_NAMES)}[pick(i, 'outside_first',
                            {len(OUTSIDE_FIRST_NAMES)}) + 1]
                        || ' ' || last_name(pick(i, 'outside_last', {len(LAST_NAMES)}))
                        || coalesce('-' || hint, '')
                    when role = 'self' then 'Referred by ' || first_name(own_first) || ' '
                        || last_name(own_last)
                    else {details_case}
                end as lead_source_details_c,
                case
                    when kind = 4 then {sql_id("00Q", "parent")}
                    when parent_kind = 1 and list_contains({lookup_formats}, details_format)
                        then {sql_id("00Q", "parent")}
                end as referral_lead_c
            from referrers
        """

    def contact_query(self) -> str:
        sizes = self.sizes
        return f"""
            with converted as (
                select
                    0 as part,
                    i as number,
                    i as id_number,
                    false as is_deleted,
                    company,
                    first_index(person, 'lead') as first,
                    last_index(person, 'lead') as last,
                    email_address(i, 'lead', first_index(person, 'lead'),
                        last_index(person, 'lead'), company) as email,
                    source_name(source) as lead_source,
                    owner,
                    converted_at as created
                from lead_core
                where is_converted
            ),
            contact_only as (
                select
                    1 as part,
                    k as number,
                    {sizes.leads} + k as id_number,
                    false as is_deleted,
                    k % {sizes.existing_accounts} as company,
                    first_index(k, 'contact') as first,
                    last_index(k, 'contact') as last,
                    email_address(k, 'contact', first_index(k, 'contact'),
                        last_index(k, 'contact'), k % {sizes.existing_accounts}) as email,
                    contact_only_source(k) as lead_source,
                    pick(k % {sizes.existing_accounts}, 'account_owner', {sizes.reps}) as owner,
                    contact_only_created(k) as created
                from range({sizes.contact_only}) as contacts(k)
            ),
            -- Duplicates that a rep created and deleted again.
            deleted as (
                select
                    2 as part,
                    number,
                    {2 * sizes.leads} + number as id_number,
                    true as is_deleted,
                    * exclude (part, number, id_number, is_deleted)
                from converted
                where draw(number, 'contact_duplicate') < 0.005
            ),
            contacts as (
                select * from converted
                union all
                select * from contact_only
                union all
                select * from deleted
            )
            select
                {sql_id("003", "id_number")} as id,
                is_deleted,
                NULL::VARCHAR as master_record_id,
                {sql_id("001", "company")} as account_id,
                first_name(first) as first_name,
                last_name(last) as last_name,
                email,
                lead_source,
                {sql_id("005", "owner")} as owner_id,
                to_timestamp_utc(created) as created_date
            from contacts
            order by part, number
        """

    def account_query(self) -> str:
        sizes = self.sizes
        return f"""
            with converted_companies as (
                select company, min(converted_at) as first_conversion
                from lead_core
                where is_converted
                group by company
            ),
            existing as (
                select
                    c as company,
                    -floor({4 * 365 * DAY_SECONDS} * draw(c, 'account.created'))::BIGINT - 1
                        as created
                from range({sizes.existing_accounts}) as companies(c)
            ),
            live as (
                select
                    coalesce(existing.company, converted_companies.company) as company,
                    coalesce(existing.created, converted_companies.first_conversion) as created
                from existing
                full outer join converted_companies
                    on existing.company = converted_companies.company
            ),
            accounts as (
                select 0 as part, company, company as id_number, false as is_deleted, created
                from live
                union all
                -- Duplicate accounts that were deleted again.
                select 1, company, {sizes.companies} + company, true, created + {DAY_SECONDS}
                from live
                where draw(company, 'account_duplicate') < 0.01
            )
            select
                {sql_id("001", "id_number")} as id,
                is_deleted,
                company_name(company) as name,
                {sql_id("005", f"pick(company, 'account_owner', {sizes.reps})")} as owner_id,
                to_timestamp_utc(created) as created_date
            from accounts
            order by part, company
        """

    def opportunity_query(self) -> str:
        sizes = self.sizes
        return f"""
            with converted as (
                select
                    0 as part,
                    i as number,
                    i as id_number,
                    company,
                    source_name(source) as lead_source,
                    owner,
                    converted_at as created,
                    kind = 1 as is_referral,
                    -- Mostly the lead's value, copied by the conversion field mapping.
                    case
                        when draw(i, 'opportunity_label') < 0.55
                            then lead_rep_label(i, kind, source, origin_kind, origin_source)
                        when draw(i, 'opportunity_label') < 0.85 then NULL
                        when draw(i, 'opportunity_label') < 0.95 then coalesce(
                            source_generated_source(source),
                            origin_label(origin_kind, origin_source),
                            '{SALES}'
                        )
                        else '{MARKETING}'
                    end as generated_source
                from lead_core
                where has_opportunity(i, is_converted)
            ),
            -- Converted without an opportunity, then given one later with the contact as
            -- primary contact role.
            later as (
                select
                    1 as part,
                    i as number,
                    {sizes.leads} + i as id_number,
                    company,
                    case when draw(i, 'later_source') < 0.5 then source_name(source) end
                        as lead_source,
                    owner,
                    later_opportunity_created(i, converted_at) as created,
                    false as is_referral,
                    case when draw(i, 'opportunity_label') < 0.4 then '{SALES}' end
                        as generated_source
                from lead_core
                where has_later_opportunity(i, is_converted)
            ),
            -- Renewals and upsells on existing accounts, with no lead behind them.
            direct as (
                select
                    2 as part,
                    m as number,
                    {2 * sizes.leads} + m as id_number,
                    pick(m, 'direct_account', {sizes.existing_accounts}) as company,
                    {sql_list(["Other", "Partner", None, None, "Existing Customer"])}
                        [pick(m, 'direct_source', 5) + 1] as lead_source,
                    pick(pick(m, 'direct_account', {sizes.existing_accounts}),
                        'account_owner', {sizes.reps}) as owner,
                    floor({SPAN_SECONDS} * draw(m, 'direct_created'))::BIGINT as created,
                    false as is_referral,
                    case when draw(m, 'opportunity_label') < 0.6 then '{SALES}' end
                        as generated_source
                from range({sizes.direct_opportunities}) as direct(m)
            ),
            live as (
                select * from converted
                union all
                select * from later where created < {SPAN_SECONDS}
                union all
                select * from direct
            ),
            staged as (
                select
                    *,
                    14 + floor(180 * draw(id_number, 'sales_cycle'))::BIGINT as cycle_days,
                    created + (14 + floor(180 * draw(id_number, 'sales_cycle'))::BIGINT)
                        * {DAY_SECONDS} as closes
                from live
            ),
            opportunities as (
                select
                    *,
                    false as is_deleted,
                    closes < {SPAN_SECONDS} as is_closed,
                    closes < {SPAN_SECONDS} and draw(id_number, 'won')
                        < case when is_referral then 0.35 else 0.25 end as is_won
                from staged
                union all
                -- Duplicates that were deleted again; nothing points to them.
                select
                    3 as part,
                    number,
                    {3 * sizes.leads} + number as id_number,
                    * exclude (part, number, id_number),
                    true as is_deleted,
                    closes < {SPAN_SECONDS} as is_closed,
                    false as is_won
                from staged
                where part = 0 and draw(number, 'opportunity_duplicate') < 0.01
            )
            select
                {sql_id("006", "id_number")} as id,
                is_deleted,
                {sql_id("001", "company")} as account_id,
                company_name(company) || ' - '
                    || {sql_list(PRODUCTS)}[pick(id_number, 'product', {len(PRODUCTS)}) + 1]
                    || case when is_deleted then ' (duplicate)' else '' end as name,
                case
                    when is_won then 'Closed Won'
                    when is_closed then 'Closed Lost'
                    else {sql_list(OPEN_STAGES)}[least({len(OPEN_STAGES) - 1},
                        floor({len(OPEN_STAGES)} * ({SPAN_SECONDS} - created)
                        / (cycle_days * {DAY_SECONDS}))::INTEGER) + 1]
                end as stage_name,
                case when draw(id_number, 'amount_missing') >= 0.03 then
                    (round(exp(ln(5000) + 5.2 * pow(draw(id_number, 'amount'), 1.5)) / 500)
                        * 500)::DECIMAL(18, 2)
                end as amount,
                to_day(closes) as close_date,
                is_closed,
                is_won,
                lead_source,
                {sql_id("005", "owner")} as owner_id,
                to_timestamp_utc(created) as created_date,
                generated_source as generated_source_c
            from opportunities
            order by part, number
        """

    def contact_role_query(self) -> str:
        sizes = self.sizes
        roles = sql_list(EXTRA_ROLES)
        return f"""
            with opportunity_leads as (
                select * from lead_core where has_opportunity(i, is_converted)
            ),
            later_leads as (
                select
                    *,
                    later_opportunity_created(i, converted_at) as opportunity_created
                from lead_core
                where has_later_opportunity(i, is_converted)
            ),
            roles as (
                -- The converted contact as primary contact role, as conversion creates it.
                select
                    0 as part, i as number, i as id_number, i as opportunity_number,
                    i as contact_number, 'Decision Maker' as role, true as is_primary,
                    converted_at as created, false as is_deleted
                from opportunity_leads
                where draw(i, 'primary_role') < 0.85
                union all
                select
                    1, i, {sizes.leads} + i, {sizes.leads} + i, i, 'Decision Maker', true,
                    opportunity_created, false
                from later_leads
                where opportunity_created < {SPAN_SECONDS}
                union all
                select
                    2, m, {2 * sizes.leads} + m, {2 * sizes.leads} + m,
                    {sizes.leads} + pick(m, 'direct_account', {sizes.existing_accounts})
                        + {sizes.existing_accounts} * pick(m, 'direct_contact', 3),
                    'Economic Buyer', true,
                    floor({SPAN_SECONDS} * draw(m, 'direct_created'))::BIGINT, false
                from range({sizes.direct_opportunities}) as direct(m)
                union all
                -- The referrer's contact, attached as the referral process asks.
                select
                    3, i, {3 * sizes.leads} + i, i,
                    case parent_kind when 1 then parent else {sizes.leads} + parent end,
                    'Influencer', false,
                    case parent_kind
                        when 1 then greatest(converted_at,
                            lead_created_seconds(parent) + conversion_delay(parent))
                        else converted_at
                    end,
                    false
                from opportunity_leads
                where parent_kind in (1, 2)
                    and (parent_kind = 2 or lead_is_converted(parent))
                    and draw(i, 'referrer_role') < {REFERRER_ROLE_SHARE}
                union all
                -- A contact of an existing customer account evaluating the deal.
                select
                    4, i, {4 * sizes.leads} + i, i,
                    {sizes.leads} + company
                        + {sizes.existing_accounts} * pick(i, 'extra_contact', 3),
                    {roles}[pick(i, 'extra_role', {len(EXTRA_ROLES)}) + 1], false,
                    converted_at + {DAY_SECONDS}, false
                from opportunity_leads
                where company < {sizes.existing_accounts} and draw(i, 'extra_role_added') < 0.5
                union all
                -- Roles that were added by mistake and deleted.
                select
                    5, i, {5 * sizes.leads} + i, i, i, 'Other', false, converted_at, true
                from opportunity_leads
                where draw(i, 'deleted_role') < 0.02
            )
            select
                {sql_id("00K", "id_number")} as id,
                is_deleted,
                {sql_id("006", "opportunity_number")} as opportunity_id,
                {sql_id("003", "contact_number")} as contact_id,
                role,
                is_primary,
                to_timestamp_utc(created) as created_date
            from roles
            order by part, number
        """

    def user_query(self) -> str:
        sizes = self.sizes
        system_users = sql_list([INTEGRATION_USER, IMPORT_USER, ADMIN_USER])
        system_emails = sql_list(
            [
                f"{name.lower().replace(' ', '.')}@{USER_EMAIL_DOMAIN}"
                for name in (INTEGRATION_USER, IMPORT_USER, ADMIN_USER)
            ]
        )
        return f"""
            select
                {sql_id("005", "r")} as id,
                case when r < {sizes.reps}
                    then first_name(first_index(r, 'user')) || ' '
                        || last_name(last_index(r, 'user'))
                    else {system_users}[r - {sizes.reps} + 1]
                end as name,
                case when r < {sizes.reps}
                    then first_email(first_index(r, 'user')) || '.'
                        || last_email(last_index(r, 'user'))
                        || '@{USER_EMAIL_DOMAIN}'
                    else {system_emails}[r - {sizes.reps} + 1]
                end as email,
                not (r < {sizes.reps} and rep_is_inactive(r)) as is_active
            from range({sizes.reps + 3}) as users(r)
        """

    def campaign_rows(self) -> list[tuple[int, str, str, str, bool]]:
        """(number, name, type, start date, is_deleted) of every campaign, in number order."""
        rows = []
        for _group, campaign_type, periods, pattern in CAMPAIGN_GROUPS:
            for year in range(START_YEAR, END_YEAR + 1):
                for period in range(periods):
                    month = period * 12 // periods
                    name = pattern.format(year=year, period=period + 1, month=MONTH_NAMES[month])
                    start = f"{year}-{month + 1:02d}-01"
                    rows.append((len(rows), name, campaign_type, start, False))
        rows.append(
            (len(rows), "Test campaign - please ignore", "Other", f"{END_YEAR}-06-01", True)
        )
        rows.append((len(rows), "Webinar Series (copy)", "Webinar", f"{END_YEAR}-09-01", True))
        return rows

    def campaign_query(self) -> str:
        values = ", ".join(
            f"({number}, {sql_string(name)}, {sql_string(kind)}, DATE '{start}',"
            f" {str(deleted).lower()})"
            for number, name, kind, start, deleted in self.campaign_rows()
        )
        return f"""
            select
                {sql_id("701", "number")} as id,
                is_deleted,
                name,
                type,
                start_date
            from (values {values}) as campaigns(number, name, type, start_date, is_deleted)
            order by number
        """

    def campaign_member_query(self) -> str:
        years = END_YEAR - START_YEAR + 1
        offsets, periods, rates, position = {}, {}, {}, 0
        for group, _, group_periods, _ in CAMPAIGN_GROUPS:
            offsets[group] = position
            periods[group] = group_periods
            rates[group] = CAMPAIGN_RESPONSE_RATES[group]
            position += group_periods * years
        groups = list(offsets)
        group_index = "list_position(" + sql_list(groups) + ", campaign_group) - 1"
        return f"""
            with members as (
                select
                    *,
                    source_campaign_group(source) as campaign_group,
                    to_timestamp_utc(created) as created_timestamp
                from lead_core
                where source_campaign_group(source) is not null
                    and draw(i, 'campaign_member') < case
                        when source_campaign_group(source) = 'referral' then 0.5
                        else {CAMPAIGN_MEMBER_SHARE} end
            ),
            placed as (
                select
                    *,
                    {sql_list([offsets[g] for g in groups])}[{group_index} + 1]
                        + (year(created_timestamp) - {START_YEAR})
                        * {sql_list([periods[g] for g in groups])}[{group_index} + 1]
                        + (month(created_timestamp) - 1)
                        * {sql_list([periods[g] for g in groups])}[{group_index} + 1] // 12
                        as campaign_number,
                    draw(i, 'responded') < {sql_list([rates[g] for g in groups])}[{group_index} + 1]
                        as has_responded
                from members
            )
            select
                {sql_id("00v", "i")} as id,
                kind in (2, 3) as is_deleted,
                {sql_id("701", "campaign_number")} as campaign_id,
                {sql_id("00Q", "i")} as lead_id,
                case when is_converted then {sql_id("003", "i")} end as contact_id,
                has_responded,
                to_timestamp_utc(created + floor(600 * draw(i, 'member_delay'))::BIGINT)
                    as created_date,
                case when has_responded
                    then to_day(
                        created + floor(3 * {DAY_SECONDS} * draw(i, 'response_delay'))::BIGINT
                    )
                end as first_responded_date
            from placed
            -- Without an order, a filtered parallel scan writes row groups whose sizes
            -- depend on thread timing, and the file's bytes would vary between runs.
            order by i
        """


# --- Command line ---------------------------------------------------------------------------


class OneLineErrorParser(argparse.ArgumentParser):
    """An argument parser whose errors are one line on stderr with exit code 2."""

    def error(self, message: str):
        self.exit(2, f"{self.prog}: error: {message} (see --help)\n")


def parse_arguments(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = OneLineErrorParser(
        prog="python -m referral_insights.generate",
        description=(
            "Write a deterministic, generated Salesforce data set as one Parquet file per raw "
            "table (lead, contact, account, opportunity, opportunity_contact_role, user, "
            "campaign, campaign_member), in the source contract's snake_case shape."
        ),
    )
    parser.add_argument(
        "--leads", type=int, required=True, metavar="N", help="number of lead rows to generate"
    )

    parser.add_argument(
        "--seed",
        type=int,
        required=True,
        metavar="S",
        help="seed of every random draw; the same N and seed give byte-identical files",
    )
    parser.add_argument(
        "--output-dir",
        type=Path,
        required=True,
        metavar="DIR",
        help="folder for the <table>.parquet files; created if missing, files replaced",
    )
    parser.add_argument(
        "--format", choices=["parquet"], default="parquet", help="output file format"
    )
    parser.add_argument(
        "--threads",
        type=int,
        default=None,
        metavar="T",
        help="DuckDB worker threads (default: one per CPU core); the files do not depend on it",
    )
    parser.add_argument(
        "--memory-limit",
        default="2GB",
        metavar="SIZE",
        help="DuckDB memory limit, such as 2GB or 500MB (default: 2GB)",
    )
    arguments = parser.parse_args(argv)

    if arguments.leads < 1:
        parser.error(f"--leads must be at least 1, got {arguments.leads}")
    if arguments.leads > MAX_LEADS:
        parser.error(
            f"--leads must be at most {MAX_LEADS} so that every id stays unique, "
            f"got {arguments.leads}"
        )
    if not 0 <= arguments.seed < 2**63:
        parser.error(f"--seed must be between 0 and {2**63 - 1}, got {arguments.seed}")
    if arguments.threads is not None and arguments.threads < 1:
        parser.error(f"--threads must be at least 1, got {arguments.threads}")
    try:
        with duckdb.connect() as connection:
            connection.execute("set memory_limit = ?", [arguments.memory_limit])
    except duckdb.Error as error:
        parser.error(f"invalid --memory-limit {arguments.memory_limit!r}: {error}")
    if arguments.output_dir.exists() and not arguments.output_dir.is_dir():
        parser.error(f"--output-dir {arguments.output_dir} exists and is not a directory")
    return arguments


def sql_path(path: Path) -> str:
    return "'" + str(path).replace("'", "''") + "'"


def open_work_database(work_dir: Path, arguments: argparse.Namespace):
    """Open the DuckDB database for the intermediate tables in work_dir, so that large runs
    spill to the output's disk."""
    connection = duckdb.connect(str(work_dir / "work.duckdb"))
    connection.execute("set memory_limit = ?", [arguments.memory_limit])
    connection.execute(f"set temp_directory = {sql_path(work_dir / 'spill')}")
    connection.execute("set preserve_insertion_order = true")
    # Years and months of TIMESTAMPTZ values follow the session's time zone.
    connection.execute("set TimeZone = 'UTC'")
    if arguments.threads is not None:
        connection.execute(f"set threads = {arguments.threads}")
    return connection


def main(argv: Sequence[str] | None = None) -> int:
    arguments = parse_arguments(argv)
    prefix = "python -m referral_insights.generate: error:"
    output_dir = arguments.output_dir
    try:
        output_dir.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        print(
            f"{prefix} cannot create --output-dir {output_dir}: {error.strerror}", file=sys.stderr
        )
        return 2

    started = time.monotonic()
    work_dir = Path(tempfile.mkdtemp(prefix=".generate-", dir=output_dir))
    try:
        connection = open_work_database(work_dir, arguments)
        try:
            generator = Generator(connection, Sizes.for_leads(arguments.leads), arguments.seed)
            with tqdm(total=2 + len(TABLES), unit="step", file=sys.stderr) as progress:
                row_counts = generator.run(output_dir, progress)
        finally:
            connection.close()
    except duckdb.Error as error:
        print(f"{prefix} DuckDB failed: {error}", file=sys.stderr)
        return 1
    finally:
        shutil.rmtree(work_dir, ignore_errors=True)

    elapsed = time.monotonic() - started
    summary = ", ".join(f"{table} {count:,}" for table, count in row_counts.items())
    print(f"Wrote {len(row_counts)} Parquet files to {output_dir} in {elapsed:.1f} s: {summary}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
