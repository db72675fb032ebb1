"""The MetricFlow metrics return the figures that the marts give on the demo data.

The module builds the demo warehouse once, runs `mf query` as a user runs it from the
shell, and compares every value with the same figure computed in SQL on the marts in
the same DuckDB file. Counts and amounts must be equal, and only ratios get a tolerance.
"""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
import uuid
from datetime import datetime
from decimal import Decimal
from pathlib import Path

import pytest
from warehouse import DUCKDB_ONLY, PROJECT_DIR, Warehouse, run_dbt

pytestmark = DUCKDB_ONLY

MF = Path(sys.executable).parent / "mf"

REFERRAL_METRICS = [
    "referral_leads",
    "resolved_referral_leads",
    "resolved_referral_rate",
    "referrals_with_opportunity",
    "referrals_with_referrer_on_opportunity",
    "referrer_on_opportunity_share",
]
OPPORTUNITY_METRICS = [
    "pipeline_amount",
    "won_amount",
    "marketing_generated_pipeline",
    "sales_generated_pipeline",
    "marketing_generated_won_amount",
    "sales_generated_won_amount",
    "reclassified_pipeline",
]
RATIO_METRICS = {"resolved_referral_rate", "referrer_on_opportunity_share"}

OPPORTUNITY_GROUPS = [
    "metric_time__month",
    "lead__origin_channel",
    "opportunity__generated_source",
    "owner",
    "opportunity__is_referral_sourced",
]

# The origin channel of every live lead, written from the marts independently of the
# lead_origins model. A lead that is not a referral starts its own chain, and a referral
# falls back as referral_insights_monthly does.
LEAD_ORIGINS_SQL = """
    select
        leads.lead_id,
        coalesce(
            referrals.origin_channel,
            referrals.channel_hint_channel,
            case when referrals.lead_id is null then leads.channel else 'Unknown' end
        ) as origin_channel
    from {marts}.leads
    left join {marts}.referrals
        on leads.lead_id = referrals.lead_id
"""


# Each opportunity metric as plain SQL over opportunity_attribution, in the order of
# OPPORTUNITY_METRICS. An empty sum is 0, as the metrics fill it.
OPPORTUNITY_AMOUNTS_SQL = """
    coalesce(sum(pipeline_amount), 0),
    coalesce(sum(won_amount), 0),
    coalesce(sum(case when generated_source = 'Marketing Generated' then pipeline_amount end), 0),
    coalesce(sum(case when generated_source = 'Sales Generated' then pipeline_amount end), 0),
    coalesce(sum(case when generated_source = 'Marketing Generated' then won_amount end), 0),
    coalesce(sum(case when generated_source = 'Sales Generated' then won_amount end), 0),
    coalesce(sum(case when is_reclassified
        and recorded_generated_source = 'Sales Generated'
        and generated_source = 'Marketing Generated'
        then pipeline_amount end), 0)
"""


@pytest.fixture(scope="module")
def work_dir(tmp_path_factory) -> Path:
    """Build the demo warehouse and a folder that `mf` can run in."""
    work_dir = tmp_path_factory.mktemp("metrics")
    run_dbt(work_dir, ["build", "--exclude", "resource_type:test"], {"load_demo_data": True})

    # mf reads target/semantic_manifest.json under DBT_PROJECT_DIR and has no option for
    # another target path. A folder of the test's own, whose target is the one dbt just
    # wrote, keeps mf away from the target/ that other dbt runs in the checkout rewrite.
    mf_project = work_dir / "mf_project"
    mf_project.mkdir()
    (mf_project / "dbt_project.yml").symlink_to(PROJECT_DIR / "dbt_project.yml")
    (mf_project / "target").symlink_to(work_dir / "target")
    return work_dir


def run_mf(work_dir: Path, arguments: list[str]) -> subprocess.CompletedProcess:
    """Run the mf CLI on the test's warehouse and return the finished process."""
    environment = {
        **os.environ,
        "DBT_PROJECT_DIR": str(work_dir / "mf_project"),
        "DBT_PROFILES_DIR": str(PROJECT_DIR),
        "REFERRAL_INSIGHTS_DUCKDB_PATH": str(work_dir / "warehouse.duckdb"),
    }
    return subprocess.run(
        [str(MF), *arguments], env=environment, capture_output=True, text=True, check=False
    )


def parse_group_value(name: str, text: str) -> object:
    """Return a group-by value of mf's CSV output in the type the marts use."""
    if text == "":
        return None
    if name.startswith("metric_time"):
        return datetime.fromisoformat(text).date()
    if text in ("True", "False"):
        return text == "True"
    return text


def parse_metric_value(metric: str, text: str) -> Decimal | float | None:
    """Return a metric value of mf's CSV output: a float for a ratio, else a Decimal, so
    that counts and amounts compare exactly."""
    if text == "":
        return None
    if metric in RATIO_METRICS:
        return float(text)
    return Decimal(text)


def mf_query(work_dir: Path, metrics: list[str], group_by: list[str]) -> dict[tuple, dict]:
    """Run `mf query` and return its rows keyed by the group-by values, in group_by order."""
    csv_path = work_dir / f"mf_{uuid.uuid4().hex}.csv"
    arguments = [
        "query",
        *("--metrics", ",".join(metrics)),
        *("--group-by", ",".join(group_by)),
        *("--csv", str(csv_path)),
        "--quiet",
    ]
    completed = run_mf(work_dir, arguments)
    assert completed.returncode == 0, (
        f"mf {' '.join(arguments)} exited with {completed.returncode}:\n"
        + completed.stdout[-6000:]
        + completed.stderr[-2000:]
    )

    rows = {}
    with csv_path.open(newline="") as csv_file:
        for row in csv.DictReader(csv_file):
            key = tuple(parse_group_value(name, row[name]) for name in group_by)
            assert key not in rows, f"mf returned two rows for {key}"
            rows[key] = {metric: parse_metric_value(metric, row[metric]) for metric in metrics}
    return rows


@pytest.fixture(scope="module")
def opportunity_metrics(work_dir) -> dict[tuple, dict]:
    """Every opportunity metric from mf, grouped by OPPORTUNITY_GROUPS."""
    return mf_query(work_dir, OPPORTUNITY_METRICS, OPPORTUNITY_GROUPS)


def query_marts(work_dir: Path, sql: str) -> list[tuple]:
    """Run SQL on the marts. The connection is closed again at once, because mf needs
    the DuckDB file without another process holding it."""
    warehouse = Warehouse(work_dir, read_only=True)
    try:
        return warehouse.query(sql)
    finally:
        warehouse.close()


def ratio(numerator, denominator) -> float | None:
    return None if denominator == 0 else numerator / denominator


def assert_metrics_equal(actual: dict[tuple, dict], expected: dict[tuple, dict]) -> None:
    """Check that mf returned exactly the expected groups, and each expected value."""
    assert set(actual) == set(expected)
    for key, expected_values in expected.items():
        for metric, expected_value in expected_values.items():
            actual_value = actual[key][metric]
            if metric in RATIO_METRICS and expected_value is not None:
                assert actual_value == pytest.approx(expected_value), f"{metric} at {key}"
            else:
                assert actual_value == expected_value, f"{metric} at {key}"


def test_referral_metrics_by_every_dimension(work_dir):
    group_by = ["metric_time__month", "lead__origin_channel", "referral__generated_source", "owner"]
    actual = mf_query(work_dir, REFERRAL_METRICS, group_by)

    rows = query_marts(
        work_dir,
        f"""
        with origins as ({LEAD_ORIGINS_SQL})
        select
            referrals.referral_month,
            origins.origin_channel,
            referrals.generated_source,
            referrals.owner_id,
            count(*),
            count(case when referrals.referrer_status = 'resolved' then 1 end),
            count(
                case
                    when referrals.is_converted and referrals.converted_opportunity_id is not null
                        then 1
                end
            ),
            count(
                case when referrals.is_converted and referrals.is_referrer_on_opportunity then 1 end
            )
        from {{marts}}.referrals
        inner join origins
            on referrals.lead_id = origins.lead_id
        group by all
        """,
    )
    expected = {
        (month, channel, source, owner): {
            "referral_leads": leads,
            "resolved_referral_leads": resolved,
            "resolved_referral_rate": ratio(resolved, leads),
            "referrals_with_opportunity": with_opportunity,
            "referrals_with_referrer_on_opportunity": with_referrer,
            "referrer_on_opportunity_share": ratio(with_referrer, with_opportunity),
        }
        for month, channel, source, owner, leads, resolved, with_opportunity, with_referrer in rows
    }

    assert len(expected) > 10
    assert_metrics_equal(actual, expected)


def test_referral_metrics_match_monthly_mart(work_dir):
    metrics = ["referral_leads", "resolved_referral_leads", "resolved_referral_rate"]
    group_by = ["metric_time__month", "lead__origin_channel", "referral__generated_source"]
    actual = mf_query(work_dir, metrics, group_by)

    rows = query_marts(
        work_dir,
        """
        select referral_month, origin_channel, generated_source, referral_leads,
            resolved_referral_leads
        from {marts}.referral_insights_monthly
        """,
    )
    expected = {
        (month, channel, source): {
            "referral_leads": leads,
            "resolved_referral_leads": resolved,
            "resolved_referral_rate": ratio(resolved, leads),
        }
        for month, channel, source, leads, resolved in rows
    }

    assert_metrics_equal(actual, expected)


def test_referral_metrics_match_rep_compliance(work_dir):
    group_by = ["owner", "metric_time__month"]
    actual = mf_query(work_dir, REFERRAL_METRICS, group_by)

    rows = query_marts(
        work_dir,
        """
        select owner_id, referral_month, referral_leads, resolved, resolved_share,
            with_opportunity, with_referrer_on_opportunity, referrer_on_opportunity_share
        from {marts}.rep_referral_compliance
        """,
    )
    expected = {
        (owner, month): {
            "referral_leads": leads,
            "resolved_referral_leads": resolved,
            "resolved_referral_rate": resolved_share,
            "referrals_with_opportunity": with_opportunity,
            "referrals_with_referrer_on_opportunity": with_referrer,
            "referrer_on_opportunity_share": referrer_share,
        }
        for (
            owner,
            month,
            leads,
            resolved,
            resolved_share,
            with_opportunity,
            with_referrer,
            referrer_share,
        ) in rows
    }

    assert any(values["referrals_with_referrer_on_opportunity"] > 0 for values in expected.values())
    assert_metrics_equal(actual, expected)


def test_opportunity_metrics_by_every_dimension(work_dir, opportunity_metrics):
    rows = query_marts(
        work_dir,
        f"""
        with origins as ({LEAD_ORIGINS_SQL})
        select
            opportunities.created_month,
            origins.origin_channel,
            opportunities.generated_source,
            opportunities.owner_id,
            opportunities.is_referral_sourced,
            {OPPORTUNITY_AMOUNTS_SQL}
        from {{marts}}.opportunity_attribution as opportunities
        left join origins
            on opportunities.originating_lead_id = origins.lead_id
        group by all
        """,
    )
    group_count = len(OPPORTUNITY_GROUPS)
    expected = {
        row[:group_count]: dict(zip(OPPORTUNITY_METRICS, row[group_count:], strict=True))
        for row in rows
    }

    # NOTE: the demo's only opportunity moved from Unknown to Marketing Generated is
    # closed lost, so no check here detects a reclassified_pipeline that counts it.
    assert any(values["reclassified_pipeline"] > 0 for values in expected.values())
    assert_metrics_equal(opportunity_metrics, expected)


def test_opportunity_metrics_by_origin_channel_and_owner(work_dir):
    # Without the generated source among the groups, each filter alone decides which
    # opportunities a metric adds up.
    group_by = ["lead__origin_channel", "owner"]
    actual = mf_query(work_dir, OPPORTUNITY_METRICS, group_by)

    rows = query_marts(
        work_dir,
        f"""
        with origins as ({LEAD_ORIGINS_SQL})
        select
            origins.origin_channel,
            opportunities.owner_id,
            {OPPORTUNITY_AMOUNTS_SQL}
        from {{marts}}.opportunity_attribution as opportunities
        left join origins
            on opportunities.originating_lead_id = origins.lead_id
        group by all
        """,
    )
    expected = {
        (channel, owner): dict(zip(OPPORTUNITY_METRICS, amounts, strict=True))
        for channel, owner, *amounts in rows
    }

    assert any(channel is None for channel, _ in expected)
    assert_metrics_equal(actual, expected)


def test_opportunity_metrics_match_generated_source_summary(work_dir):
    metrics = [
        "pipeline_amount",
        "won_amount",
        "marketing_generated_pipeline",
        "sales_generated_pipeline",
        "marketing_generated_won_amount",
        "sales_generated_won_amount",
    ]
    group_by = ["metric_time__month", "opportunity__generated_source"]
    actual = mf_query(work_dir, metrics, group_by)

    rows = query_marts(
        work_dir,
        """
        select report_month, generated_source, pipeline_amount, won_amount
        from {marts}.generated_source_summary
        where opportunities > 0
        """,
    )
    expected = {
        (month, source): {"pipeline_amount": pipeline, "won_amount": won}
        for month, source, pipeline, won in rows
    }
    for (_, source), values in expected.items():
        is_marketing = source == "Marketing Generated"
        is_sales = source == "Sales Generated"
        values["marketing_generated_pipeline"] = values["pipeline_amount"] if is_marketing else 0
        values["sales_generated_pipeline"] = values["pipeline_amount"] if is_sales else 0
        values["marketing_generated_won_amount"] = values["won_amount"] if is_marketing else 0
        values["sales_generated_won_amount"] = values["won_amount"] if is_sales else 0

    assert_metrics_equal(actual, expected)


def test_referral_pipeline_matches_monthly_mart(work_dir, opportunity_metrics):
    # referral_insights_monthly adds up the opportunities that referral leads originated
    # by the origin channel of the referral, and lead__origin_channel must group them
    # alike. Amounts add up over the other groups, so mf's finer rows are summed here.
    referral_sourced = {}
    for (_, channel, _, _, is_referral_sourced), values in opportunity_metrics.items():
        if not is_referral_sourced:
            continue
        totals = referral_sourced.setdefault((channel,), {"pipeline_amount": 0, "won_amount": 0})
        totals["pipeline_amount"] += values["pipeline_amount"]
        totals["won_amount"] += values["won_amount"]

    rows = query_marts(
        work_dir,
        """
        select origin_channel, sum(pipeline_amount), sum(won_amount)
        from {marts}.referral_insights_monthly
        group by origin_channel
        having sum(opportunities) > 0
        """,
    )
    expected = {
        (channel,): {"pipeline_amount": pipeline, "won_amount": won}
        for channel, pipeline, won in rows
    }

    assert len(expected) > 1
    assert_metrics_equal(referral_sourced, expected)


def test_every_metric_is_checked(work_dir):
    manifest = json.loads((work_dir / "target" / "semantic_manifest.json").read_text())
    defined = {metric["name"] for metric in manifest["metrics"]}

    assert defined == set(REFERRAL_METRICS) | set(OPPORTUNITY_METRICS)


def test_mf_rejects_dimension_without_join_path(work_dir):
    # Referral leads cannot reach an opportunity's dimensions: the opportunity's `lead`
    # entity is foreign, and joining to it could count a referral lead twice.
    completed = run_mf(
        work_dir,
        ["query", "--metrics", "referral_leads", "--group-by", "opportunity__generated_source"],
    )

    assert completed.returncode != 0
    assert "does not match any of the available group-by-items" in completed.stdout
    assert "opportunity__generated_source" in completed.stdout
