"""The data generator: run it as a user would, build the warehouse on its Parquet output,
and check what it promises: determinism, the source contract's shape, valid case-safe ids,
a clean build, and the referral patterns the marts must handle."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

import duckdb
import pytest
from warehouse import DUCKDB_ONLY, PROJECT_DIR, SOURCE_COLUMNS, Warehouse, run_dbt

from referral_insights.demo_data import case_safe_id

pytestmark = DUCKDB_ONLY

LEADS = 2000
SEED = 20250101
TABLES = list(SOURCE_COLUMNS)
REFERRAL_SPELLINGS = ("referral", "customer referral", "lead referral")


def generate(output_dir: Path, *arguments: str) -> subprocess.CompletedProcess:
    """Run the generator's command line from the project folder."""
    return subprocess.run(
        [sys.executable, "-m", "referral_insights.generate", *arguments,
         "--output-dir", str(output_dir)],
        cwd=PROJECT_DIR,
        capture_output=True,
        text=True,
        check=False,
    )  # fmt: skip


def file_digests(folder: Path) -> dict[str, str]:
    return {
        table: hashlib.sha256((folder / f"{table}.parquet").read_bytes()).hexdigest()
        for table in TABLES
    }


def read_rows(folder: Path, sql: str) -> list[tuple]:
    """Run SQL over the generated files; `{lead}` and the like name a table's file."""
    paths = {table: f"read_parquet('{folder / table}.parquet')" for table in TABLES}
    connection = duckdb.connect()
    try:
        return connection.execute(sql.format(**paths)).fetchall()
    finally:
        connection.close()


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("generated")
    completed = generate(folder, "--leads", str(LEADS), "--seed", str(SEED))
    assert completed.returncode == 0, completed.stderr
    return folder


@pytest.fixture(scope="module")
def built(generated, tmp_path_factory):
    """Build the project with every data test on the generated files, once for the
    module, and return the work folder and a read-only connection to the warehouse."""
    work_dir = tmp_path_factory.mktemp("built")
    run_dbt(work_dir, ["build"], {"salesforce_parquet_path": str(generated)})
    warehouse = Warehouse(work_dir, read_only=True)
    yield work_dir, warehouse
    warehouse.close()


def test_same_seed_gives_identical_files(generated, tmp_path):
    """Same leads and seed give the same bytes, also with another thread count; another
    seed gives other data."""
    again = tmp_path / "again"
    completed = generate(again, "--leads", str(LEADS), "--seed", str(SEED), "--threads", "1")
    assert completed.returncode == 0, completed.stderr
    assert file_digests(again) == file_digests(generated)

    other_seed = tmp_path / "other_seed"
    completed = generate(other_seed, "--leads", str(LEADS), "--seed", str(SEED + 1))
    assert completed.returncode == 0, completed.stderr
    differing = [
        table
        for table, digest in file_digests(other_seed).items()
        if digest != file_digests(generated)[table]
    ]
    assert "lead" in differing
    assert "opportunity" in differing


def test_large_output_is_identical_across_thread_counts(tmp_path):
    """At 400,000 leads the lead and campaign member files span several Parquet row
    groups, whose boundaries could follow thread timing."""
    runs = {}
    for threads in ("1", "2"):
        folder = tmp_path / f"threads-{threads}"
        completed = generate(folder, "--leads", "400000", "--seed", "5", "--threads", threads)
        assert completed.returncode == 0, completed.stderr
        runs[threads] = folder
    (row_groups,) = read_rows(
        runs["2"],
        "select count(distinct row_group_id) "
        "from parquet_metadata('" + str(runs["2"] / "campaign_member.parquet") + "')",
    )[0]
    assert row_groups > 1
    assert file_digests(runs["1"]) == file_digests(runs["2"])


def test_files_have_the_contract_columns_and_types(generated):
    expected_types = {
        "is_deleted": "BOOLEAN",
        "is_converted": "BOOLEAN",
        "is_closed": "BOOLEAN",
        "is_won": "BOOLEAN",
        "is_primary": "BOOLEAN",
        "is_active": "BOOLEAN",
        "has_responded": "BOOLEAN",
        "created_date": "TIMESTAMP WITH TIME ZONE",
        "converted_date": "DATE",
        "close_date": "DATE",
        "start_date": "DATE",
        "first_responded_date": "DATE",
        "amount": "DECIMAL(18,2)",
    }
    connection = duckdb.connect()
    for table in TABLES:
        described = connection.execute(
            f"describe select * from read_parquet('{generated / table}.parquet')"
        ).fetchall()
        assert [row[0] for row in described] == SOURCE_COLUMNS[table], table
        for name, column_type, *_ in described:
            assert column_type == expected_types.get(name, "VARCHAR"), (table, name)
    connection.close()


def test_every_id_is_a_valid_case_safe_id(generated):
    # The generator merges leads only, so contacts never have a master record.
    always_empty = {("contact", "master_record_id")}
    for table in TABLES:
        id_columns = [
            column
            for column in SOURCE_COLUMNS[table]
            if column in ("id", "master_record_id", "referral_lead_c") or column.endswith("_id")
        ]
        for column in id_columns:
            values = [
                row[0]
                for row in read_rows(
                    generated, f"select {column} from {{{table}}} where {column} is not null"
                )
            ]
            assert (values == []) == ((table, column) in always_empty), (table, column)
            invalid = [value for value in values if case_safe_id(value[:15]) != value]
            assert invalid == [], (table, column, invalid[:5])
        ids = [row[0] for row in read_rows(generated, f"select id from {{{table}}}")]
        assert len(set(ids)) == len(ids), f"duplicate ids in {table}"
    # Lower-case letters make the checksum matter: a case-insensitive join would mix ids.
    lower_case_ids = read_rows(
        generated, "select count(*) from {lead} where regexp_matches(substr(id, 1, 15), '[a-z]')"
    )[0][0]
    assert lower_case_ids > LEADS / 2


def test_referral_share_is_between_10_and_15_percent(generated, built):
    (raw_share,) = read_rows(
        generated,
        "select avg((lower(trim(lead_source)) in "
        f"{REFERRAL_SPELLINGS})::integer) from {{lead}} where not is_deleted",
    )[0]
    assert 0.10 <= raw_share <= 0.15
    (exact_share,) = read_rows(
        generated,
        "select avg((lead_source = 'Referral')::integer) from {lead} where not is_deleted",
    )[0]
    assert 0.10 <= exact_share <= 0.15
    _, warehouse = built
    (mart_share,) = warehouse.query("select avg(is_referral::integer) from {marts}.leads")[0]
    assert mart_share == pytest.approx(raw_share)


def test_build_passes_every_data_test_without_warnings(built):
    work_dir, _ = built
    results = json.loads((work_dir / "target" / "run_results.json").read_text())["results"]
    # Exposures are documentation; dbt reports them as no-op.
    not_passing = [
        (result["unique_id"], result["status"])
        for result in results
        if result["status"] not in ("success", "pass")
        and not (result["unique_id"].startswith("exposure.") and result["status"] == "no-op")
    ]
    assert not_passing == []
    tests = [result for result in results if result["unique_id"].startswith("test.")]
    assert len(tests) > 100


def test_only_soft_deleted_rows_are_rejected(generated, built):
    _, warehouse = built
    rejected = {
        (table, record_id): reason
        for table, record_id, reason in warehouse.query(
            "select source_table, source_record_id, rejection_reason from {marts}.rejected_records"
        )
    }
    expected = {}
    for table in TABLES:
        if "is_deleted" not in SOURCE_COLUMNS[table]:
            continue
        merged = "master_record_id is not null" if table in ("lead", "contact") else "false"
        for record_id, is_merged in read_rows(
            generated, f"select id, {merged} from {{{table}}} where is_deleted"
        ):
            expected[(table, record_id)] = "merged" if is_merged else "deleted"
    assert rejected == expected
    reasons = Counter((table, reason) for (table, _), reason in expected.items())
    assert reasons[("lead", "deleted")] > 0
    assert reasons[("lead", "merged")] > 0
    assert reasons[("opportunity", "deleted")] > 0
    assert reasons[("campaign_member", "deleted")] > 0


def test_chains_reach_depth_five(built):
    _, warehouse = built
    depths = dict(
        warehouse.query(
            "select chain_depth, count(*) from {marts}.referrals "
            "where chain_status = 'origin_reached' group by chain_depth"
        )
    )
    assert max(depths) == 5
    assert set(depths) == {1, 2, 3, 4, 5}
    # Walk one depth-5 chain back through the referrer of each referral to its origin.
    referrers = dict(
        warehouse.query(
            "select lead_id, referrer_lead_id from {marts}.referrals "
            "where referrer_lead_id is not null"
        )
    )
    start, origin = warehouse.query(
        "select lead_id, origin_lead_id from {marts}.referrals "
        "where chain_depth = 5 and chain_status = 'origin_reached' order by lead_id limit 1"
    )[0]
    walked = start
    for _ in range(5):
        walked = referrers[walked]
    assert walked == origin
    assert warehouse.query("select is_referral from {marts}.leads where lead_id = ?", [origin]) == [
        (False,)
    ]


def test_cycles_found_by_dbt_are_the_lookup_cycles(generated, built):
    """The generator closes cycles through referral_lead_c only. Following that field in
    the raw file finds the same leads that dbt flags as in a cycle."""
    lookups = dict(
        read_rows(
            generated,
            "select id, referral_lead_c from {lead} "
            "where not is_deleted and referral_lead_c is not null",
        )
    )
    in_cycle = set()
    for start in lookups:
        current = lookups.get(start)
        for _ in range(len(lookups)):
            if current is None or current == start:
                break
            current = lookups.get(current)
        if current == start:
            in_cycle.add(start)
    _, warehouse = built
    flagged = {row[0] for row in warehouse.query(
        "select lead_id from {marts}.referrals where is_in_cycle"
    )}  # fmt: skip
    assert len(in_cycle) >= 2
    assert flagged == in_cycle


def test_details_formats_reach_every_match_outcome(built):
    _, warehouse = built
    methods = {row[0] for row in warehouse.query(
        "select distinct referrer_match_method from {marts}.referrals"
    )}  # fmt: skip
    assert methods == {"lookup_field", "email", "name", "none"}
    statuses = dict(warehouse.query(
        "select referrer_status, count(*) from {marts}.referrals group by referrer_status"
    ))  # fmt: skip
    assert set(statuses) == {
        "resolved", "ambiguous", "unresolved", "self_referral", "missing_details"
    }  # fmt: skip
    total = sum(statuses.values())
    assert 0.6 <= statuses["resolved"] / total <= 0.9
    assert 0.05 <= statuses["unresolved"] / total <= 0.3
    methods_used = {row[0] for row in warehouse.query(
        "select distinct generated_source_method from {marts}.leads where is_referral"
    )}  # fmt: skip
    assert methods_used == {
        "inherited_from_origin", "details_channel_hint", "rep_entered", "unknown"
    }  # fmt: skip
    # Hints such as "(Webinar)" or "Spoke on the phone" name no known lead source.
    (unmapped_hints,) = warehouse.query(
        "select count(*) from {marts}.referrals "
        "where channel_hint is not null and channel_hint_channel is null"
    )[0]
    assert unmapped_hints > 0


def test_accented_names_resolve_when_written_without_accents(generated, built):
    """Some details drop the referrer's accents; the marts still find the referrer."""
    _, warehouse = built
    resolved = dict(warehouse.query(
        "select lead_id, referrer_lead_id from {marts}.referrals where referrer_lead_id is not null"
    ))  # fmt: skip
    leads = {
        lead_id: (details, first_name, last_name)
        for lead_id, details, first_name, last_name in read_rows(
            generated, "select id, lead_source_details_c, first_name, last_name from {lead}"
        )
    }
    unaccented_matches = []
    for lead_id, referrer_id in resolved.items():
        details = leads[lead_id][0] or ""
        _, first_name, last_name = leads[referrer_id]
        name = f"{first_name} {last_name}"
        if not name.isascii() and details.isascii() and "@" not in details:
            unaccented_matches.append(lead_id)
    assert unaccented_matches != []


def test_names_collide_and_carry_accents(generated):
    names = Counter(
        read_rows(generated, "select first_name, last_name from {lead} where not is_deleted")
    )
    live_leads = sum(names.values())
    assert max(names.values()) >= 3
    shared = sum(count for count in names.values() if count > 1)
    assert 0.05 <= shared / live_leads <= 0.5
    accented = sum(
        count
        for (first_name, last_name), count in names.items()
        if not f"{first_name}{last_name}".isascii()
    )
    assert 0.1 <= accented / live_leads <= 0.6


def test_conversions_and_opportunities_in_realistic_shares(generated, built):
    (converted_share,) = read_rows(
        generated, "select avg(is_converted::integer) from {lead} where not is_deleted"
    )[0]
    assert 0.15 <= converted_share <= 0.25
    _, warehouse = built
    attached = dict(warehouse.query(
        "select is_referrer_on_opportunity, count(*) from {marts}.referrals "
        "where is_referrer_on_opportunity is not null group by all"
    ))  # fmt: skip
    assert 0.05 <= attached[True] / (attached[True] + attached[False]) <= 0.5
    methods = dict(warehouse.query(
        "select attach_method, count(*) from {marts}.opportunity_attribution group by all"
    ))  # fmt: skip
    assert set(methods) == {"conversion", "contact_role", "none"}
    assert methods["conversion"] > methods["contact_role"] > 0


def test_rep_generated_source_is_filled_empty_and_contradictory(built):
    _, warehouse = built
    total, empty, conflicting = warehouse.query(
        "select count(*), count(*) filter (where rep_generated_source is null), "
        "count(*) filter (where is_generated_source_conflict) from {marts}.leads"
    )[0]
    assert 0.2 <= empty / total <= 0.5
    assert 0.03 <= conflicting / total <= 0.2
    (referral_conflicts,) = warehouse.query(
        "select avg(is_generated_source_conflict::integer) from {marts}.leads where is_referral"
    )[0]
    assert referral_conflicts > conflicting / total


def test_created_dates_span_five_years_of_months(built):
    _, warehouse = built
    first_month, last_month, months = warehouse.query(
        "select min(created_month), max(created_month), count(distinct created_month) "
        "from {marts}.leads"
    )[0]
    assert (first_month.isoformat(), last_month.isoformat(), months) == (
        "2021-01-01",
        "2025-12-01",
        60,
    )
    (referral_months,) = warehouse.query(
        "select count(distinct referral_month) from {marts}.referral_insights_monthly"
    )[0]
    assert referral_months >= 48


def test_one_lead_is_enough(tmp_path):
    completed = generate(tmp_path, "--leads", "1", "--seed", "3")
    assert completed.returncode == 0, completed.stderr
    assert read_rows(tmp_path, "select count(*) from {lead}") == [(1,)]
    assert read_rows(tmp_path, "select count(*) from {user}")[0][0] >= 8


def test_progress_bar_goes_to_stderr(tmp_path):
    completed = generate(tmp_path, "--leads", "50", "--seed", "1")
    assert completed.returncode == 0, completed.stderr
    assert "campaign_member" in completed.stderr
    assert "10/10" in completed.stderr
    assert completed.stdout.startswith(f"Wrote 8 Parquet files to {tmp_path}")
    assert "lead 50," in completed.stdout


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--leads", "0", "--seed", "1"], "--leads must be at least 1, got 0"),
        (["--leads", "-5", "--seed", "1"], "--leads must be at least 1, got -5"),
        (["--leads", "many", "--seed", "1"], "argument --leads: invalid int value: 'many'"),
        (["--leads", "10"], "the following arguments are required: --seed"),
        (["--leads", "10", "--seed", "-1"], "--seed must be between 0 and"),
        (["--leads", "10", "--seed", "1", "--format", "csv"], "invalid choice: 'csv'"),
        (["--leads", "10", "--seed", "1", "--threads", "0"], "--threads must be at least 1"),
        (
            ["--leads", "10", "--seed", "1", "--memory-limit", "lots"],
            "invalid --memory-limit 'lots'",
        ),
    ],
)
def test_bad_arguments_exit_with_code_2(tmp_path, arguments, message):
    output_dir = tmp_path / "out"
    completed = generate(output_dir, *arguments)
    assert completed.returncode == 2
    assert completed.stderr.count("\n") == 1, completed.stderr
    assert message in completed.stderr
    assert not output_dir.exists()


def test_output_dir_that_is_a_file_is_rejected(tmp_path):
    existing_file = tmp_path / "notes.txt"
    existing_file.write_text("not a folder")
    completed = generate(existing_file, "--leads", "10", "--seed", "1")
    assert completed.returncode == 2
    assert completed.stderr == (
        "python -m referral_insights.generate: error: --output-dir "
        f"{existing_file} exists and is not a directory (see --help)\n"
    )
    assert existing_file.read_text() == "not a folder"


def test_help_describes_every_option(tmp_path):
    completed = generate(tmp_path / "out", "--help")
    assert completed.returncode == 0
    assert not (tmp_path / "out").exists()
    for option in ("--leads", "--seed", "--output-dir", "--format", "--threads", "--memory-limit"):
        assert option in completed.stdout
