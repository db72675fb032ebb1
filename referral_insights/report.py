"""Write the static referral report: one self-contained HTML file built from the marts.

    python -m referral_insights.report --database referral_insights.duckdb \\
        --output referral_report.html

The report reads four public marts from schema `main` of a DuckDB warehouse that dbt
built: `referral_insights_monthly`, `generated_source_summary`, `referrals` and
`rep_referral_compliance`. It selects their columns by name, so marts with extra columns
still work. plotly.js is embedded in the file, so the report opens without a network.
"""

from __future__ import annotations

import argparse
import html
import os
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import duckdb
import plotly.colors
import plotly.graph_objects as go
import plotly.offline

MART_SCHEMA = "main"

# The columns the report reads from each mart. Other columns are ignored.
REQUIRED_COLUMNS: dict[str, tuple[str, ...]] = {
    "referral_insights_monthly": (
        "referral_month",
        "origin_channel",
        "generated_source",
        "referral_leads",
        "resolved_referral_leads",
        "converted_referral_leads",
        "opportunities",
        "pipeline_amount",
        "won_amount",
    ),
    "generated_source_summary": (
        "generated_source",
        "leads",
        "recorded_leads",
        "pipeline_amount",
        "recorded_pipeline_amount",
    ),
    "referrals": (
        "lead_id",
        "referrer_status",
        "is_converted",
        "is_referrer_on_opportunity",
    ),
    "rep_referral_compliance": (
        "owner_id",
        "owner_name",
        "referral_leads",
        "with_generated_source",
        "with_details",
        "resolved",
        "with_opportunity",
        "with_referrer_on_opportunity",
    ),
}

BUILD_HINT = "run `make demo` or `dbt build` to build the marts"
NO_CHANNEL = "(no channel)"
NO_OWNER = "(no owner)"
MASKED_NAME = re.compile(r"[0-9a-f]{64}")


class ReportError(Exception):
    """A problem with the input or output that the user can fix. Its message is one line."""


# Reading the marts.


@dataclass
class ReportData:
    """Figures read from the marts, aggregated for the charts and tables."""

    database_path: Path
    # (month, origin channel, referral leads), for months that are not NULL.
    monthly_referrals: list[tuple[date, str, int]] = field(default_factory=list)
    # Referral leads whose month is NULL because their lead has no created date.
    undated_referral_leads: int = 0
    december_month: date | None = None
    # (origin channel, generated source, referral leads) in the December.
    december_by_source: list[tuple[str, str, int]] = field(default_factory=list)
    # One dict per origin channel in the December, with the mart's measure columns.
    december_by_channel: list[dict] = field(default_factory=list)
    # One dict per generated source: recorded and corrected leads and pipeline.
    generated_sources: list[dict] = field(default_factory=list)
    # Funnel stage label and count, in funnel order. Empty when there are no referrals.
    funnel: list[tuple[str, int]] = field(default_factory=list)
    # One dict per owner, summed over all months, most referral leads first.
    compliance: list[dict] = field(default_factory=list)
    owner_names_masked: bool = False


def connect_read_only(database_path: Path) -> duckdb.DuckDBPyConnection:
    """Open the warehouse read-only, raising ReportError if the file is missing or unusable.

    Read-only matters because a read-write connect would create an empty database in
    place of a missing file.
    """
    if not database_path.exists():
        raise ReportError(f"database file {database_path} not found; {BUILD_HINT}")
    if not database_path.is_file():
        raise ReportError(f"database path {database_path} is not a file")
    try:
        return duckdb.connect(str(database_path), read_only=True)
    except duckdb.Error as error:
        first_line = str(error).strip().splitlines()[0]
        raise ReportError(
            f"failed to open {database_path} as a DuckDB database: {first_line}"
        ) from error


def check_marts(connection: duckdb.DuckDBPyConnection, database_path: Path) -> None:
    """Raise ReportError naming every mart or column the report needs that is missing."""
    found = connection.execute(
        "select table_name, column_name from information_schema.columns where table_schema = ?",
        [MART_SCHEMA],
    ).fetchall()
    columns_by_table: dict[str, set[str]] = {}
    for table_name, column_name in found:
        columns_by_table.setdefault(table_name.lower(), set()).add(column_name.lower())

    missing_tables = [name for name in REQUIRED_COLUMNS if name not in columns_by_table]
    if missing_tables:
        names = ", ".join(f"{MART_SCHEMA}.{name}" for name in missing_tables)
        noun = "table" if len(missing_tables) == 1 else "tables"
        raise ReportError(f"{noun} {names} not found in {database_path}; {BUILD_HINT}")

    missing_columns = [
        f"{MART_SCHEMA}.{table}.{column}"
        for table, columns in REQUIRED_COLUMNS.items()
        for column in columns
        if column not in columns_by_table[table]
    ]
    if missing_columns:
        noun = "column" if len(missing_columns) == 1 else "columns"
        raise ReportError(
            f"{noun} {', '.join(missing_columns)} not found in {database_path};"
            " rebuild the marts with `dbt build`"
        )


def read_report_data(database_path: Path) -> ReportData:
    """Read and aggregate every figure the report shows."""
    connection = connect_read_only(database_path)
    try:
        check_marts(connection, database_path)
        data = ReportData(database_path=database_path)
        read_monthly_referrals(connection, data)
        read_december_referrals(connection, data)
        read_generated_sources(connection, data)
        read_funnel(connection, data)
        read_compliance(connection, data)
        return data
    except duckdb.Error as error:
        # For example a column whose type differs from the mart's contract.
        first_line = str(error).strip().splitlines()[0]
        raise ReportError(
            f"failed to read the marts in {database_path}: {first_line};"
            " rebuild them with `dbt build`"
        ) from error
    finally:
        connection.close()


def fetch_dicts(connection: duckdb.DuckDBPyConnection, sql: str, parameters=()) -> list[dict]:
    cursor = connection.execute(sql, parameters)
    names = [column[0] for column in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def read_monthly_referrals(connection: duckdb.DuckDBPyConnection, data: ReportData) -> None:
    rows = connection.execute(
        f"""
        select referral_month, coalesce(origin_channel, ?) as origin_channel,
            coalesce(sum(referral_leads), 0) as referral_leads
        from {MART_SCHEMA}.referral_insights_monthly
        where referral_month is not null
        group by all
        order by all
        """,
        [NO_CHANNEL],
    ).fetchall()
    data.monthly_referrals = [(month, channel, int(leads)) for month, channel, leads in rows]
    (undated,) = connection.execute(
        f"""
        select coalesce(sum(referral_leads), 0)
        from {MART_SCHEMA}.referral_insights_monthly
        where referral_month is null
        """
    ).fetchone()
    data.undated_referral_leads = int(undated)


def read_december_referrals(connection: duckdb.DuckDBPyConnection, data: ReportData) -> None:
    """Read the latest December in the data, by origin channel and generated source."""
    (data.december_month,) = connection.execute(
        f"""
        select max(referral_month)
        from {MART_SCHEMA}.referral_insights_monthly
        where month(referral_month) = 12
        """
    ).fetchone()
    if data.december_month is None:
        return

    rows = connection.execute(
        f"""
        select coalesce(origin_channel, ?), coalesce(generated_source, 'Unknown'),
            coalesce(sum(referral_leads), 0)
        from {MART_SCHEMA}.referral_insights_monthly
        where referral_month = ?
        group by all
        order by all
        """,
        [NO_CHANNEL, data.december_month],
    ).fetchall()
    data.december_by_source = [(channel, source, int(leads)) for channel, source, leads in rows]
    data.december_by_channel = fetch_dicts(
        connection,
        f"""
        select coalesce(origin_channel, ?) as origin_channel,
            coalesce(sum(referral_leads), 0) as referral_leads,
            coalesce(sum(resolved_referral_leads), 0) as resolved_referral_leads,
            coalesce(sum(converted_referral_leads), 0) as converted_referral_leads,
            coalesce(sum(opportunities), 0) as opportunities,
            coalesce(sum(pipeline_amount), 0) as pipeline_amount,
            coalesce(sum(won_amount), 0) as won_amount
        from {MART_SCHEMA}.referral_insights_monthly
        where referral_month = ?
        group by all
        order by referral_leads desc, origin_channel
        """,
        [NO_CHANNEL, data.december_month],
    )


def read_generated_sources(connection: duckdb.DuckDBPyConnection, data: ReportData) -> None:
    """Read recorded and corrected leads and pipeline per generated source, all months."""
    data.generated_sources = fetch_dicts(
        connection,
        f"""
        select coalesce(generated_source, 'Unknown') as generated_source,
            coalesce(sum(recorded_leads), 0) as recorded_leads,
            coalesce(sum(leads), 0) as leads,
            coalesce(sum(recorded_pipeline_amount), 0) as recorded_pipeline_amount,
            coalesce(sum(pipeline_amount), 0) as pipeline_amount
        from {MART_SCHEMA}.generated_source_summary
        group by all
        order by generated_source
        """,
    )


def read_funnel(connection: duckdb.DuckDBPyConnection, data: ReportData) -> None:
    """Count the referral leads that pass each step of the referral process.

    Each stage is a subset of the one before it, so the chart reads as a funnel: a
    converted lead whose referrer was not resolved is not counted as converted.
    """
    counts = connection.execute(
        f"""
        select
            count(*),
            count(*) filter (where referrer_status = 'resolved'),
            count(*) filter (where referrer_status = 'resolved' and is_converted),
            count(*) filter (
                where referrer_status = 'resolved' and is_converted
                    and is_referrer_on_opportunity
            )
        from {MART_SCHEMA}.referrals
        """
    ).fetchone()
    if counts[0] == 0:
        return
    labels = (
        "Referral leads",
        "Referrer resolved",
        "Converted",
        "Referrer on the opportunity",
    )
    data.funnel = list(zip(labels, (int(count) for count in counts), strict=True))


def read_compliance(connection: duckdb.DuckDBPyConnection, data: ReportData) -> None:
    """Sum each owner's compliance counts over all months and compute the shares."""
    rows = fetch_dicts(
        connection,
        f"""
        select owner_id, max(owner_name) as owner_name,
            coalesce(sum(referral_leads), 0) as referral_leads,
            coalesce(sum(with_generated_source), 0) as with_generated_source,
            coalesce(sum(with_details), 0) as with_details,
            coalesce(sum(resolved), 0) as resolved,
            coalesce(sum(with_opportunity), 0) as with_opportunity,
            coalesce(sum(with_referrer_on_opportunity), 0) as with_referrer_on_opportunity
        from {MART_SCHEMA}.rep_referral_compliance
        group by owner_id
        """,
    )
    labels = [owner_label(row["owner_id"], row["owner_name"]) for row in rows]
    data.owner_names_masked = any(is_masked(row["owner_name"]) for row in rows)
    for row, label in zip(rows, labels, strict=True):
        # Two owners with the same name would share one row of the heatmap.
        if labels.count(label) > 1 and row["owner_id"]:
            label = f"{label} ({row['owner_id']})"
        row["owner_label"] = label
        row["with_generated_source_share"] = share(
            row["with_generated_source"], row["referral_leads"]
        )
        row["with_details_share"] = share(row["with_details"], row["referral_leads"])
        row["resolved_share"] = share(row["resolved"], row["referral_leads"])
        row["referrer_on_opportunity_share"] = share(
            row["with_referrer_on_opportunity"], row["with_opportunity"]
        )
    rows.sort(key=lambda row: (-row["referral_leads"], row["owner_label"]))
    data.compliance = rows


def is_masked(name: str | None) -> bool:
    """Return whether a name is masked: the marts hold the SHA-256 of a name in hex while
    dbt var mask_personal_data is true, its default."""
    return name is not None and MASKED_NAME.fullmatch(name) is not None


def owner_label(owner_id: str | None, owner_name: str | None) -> str:
    """Return the owner's name, or their Salesforce user id when the name is masked or
    missing, because a hash means nothing to a reader and an id can be looked up."""
    if owner_name and not is_masked(owner_name):
        return owner_name
    return owner_id or NO_OWNER


def share(part: int, whole: int) -> float | None:
    return part / whole if whole else None


# Formatting.


def format_count(value: int | None) -> str:
    return "n/a" if value is None else f"{int(value):,}"


def format_amount(value: Decimal | float | None) -> str:
    """Format an amount with thousands separators and cents, in the org's currency."""
    return "n/a" if value is None else f"{Decimal(value):,.2f}"


def format_share(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.0%}"


def format_month(month: date) -> str:
    return month.strftime("%B %Y")


def plotly_text(text: str) -> str:
    """Escape text for plotly, which renders tags such as <b> in labels."""
    return html.escape(text, quote=False)


# Figures. Each returns None when there is nothing to draw.

AMOUNT_HOVER = "%{x}<br>%{fullData.name}: %{y:,.2f}<extra></extra>"
COUNT_HOVER = "%{x}<br>%{fullData.name}: %{y:,}<extra></extra>"


def base_layout(title: str, **layout) -> dict:
    return {
        "title": {"text": plotly_text(title)},
        "template": "plotly_white",
        "margin": {"t": 60, "l": 60, "r": 20, "b": 60},
        "legend": {"orientation": "h", "y": -0.15},
        # Dark24 has 24 colors. plotly's default colorway has 10, so an 11th channel
        # would repeat the first channel's color.
        "colorway": plotly.colors.qualitative.Dark24,
        **layout,
    }


def count_axis(title: str, max_value: int) -> dict:
    """Return a y axis for counts, with whole-number ticks when the counts are small."""
    axis = {"title": {"text": title}, "tickformat": ",", "rangemode": "tozero"}
    if max_value <= 10:
        axis["dtick"] = 1
    return axis


def monthly_referrals_figure(data: ReportData) -> go.Figure | None:
    if not data.monthly_referrals:
        return None
    channels = sorted({channel for _, channel, _ in data.monthly_referrals})
    monthly_totals: dict[date, int] = {}
    for month, _, leads in data.monthly_referrals:
        monthly_totals[month] = monthly_totals.get(month, 0) + leads
    max_monthly_total = max(monthly_totals.values())
    figure = go.Figure()
    for channel in channels:
        points = [
            (month, leads) for month, name, leads in data.monthly_referrals if name == channel
        ]
        figure.add_trace(
            go.Bar(
                name=plotly_text(channel),
                x=[month.isoformat() for month, _ in points],
                y=[leads for _, leads in points],
                hovertemplate=COUNT_HOVER,
            )
        )
    figure.update_layout(
        base_layout(
            "Referral leads by month and origin channel",
            barmode="stack",
            xaxis={"title": {"text": "Month"}, "tickformat": "%b %Y", "dtick": "M1"},
            yaxis=count_axis("Referral leads", max_monthly_total),
        )
    )
    return figure


def december_figure(data: ReportData) -> go.Figure | None:
    if not data.december_by_source:
        return None
    # Channels in the table's order: most referral leads first.
    channels = [row["origin_channel"] for row in data.december_by_channel]
    sources = sorted({source for _, source, _ in data.december_by_source})
    figure = go.Figure()
    for source in sources:
        leads_by_channel = {
            channel: leads for channel, name, leads in data.december_by_source if name == source
        }
        figure.add_trace(
            go.Bar(
                name=plotly_text(source),
                x=[plotly_text(channel) for channel in channels],
                y=[leads_by_channel.get(channel, 0) for channel in channels],
                hovertemplate=COUNT_HOVER,
            )
        )
    figure.update_layout(
        base_layout(
            f"{format_month(data.december_month)} referrals by origin channel",
            barmode="stack",
            showlegend=True,
            xaxis={"title": {"text": "Origin channel"}},
            yaxis=count_axis(
                "Referral leads", max(row["referral_leads"] for row in data.december_by_channel)
            ),
        )
    )
    return figure


def recorded_versus_corrected_figure(
    data: ReportData, measure: str, title: str, axis_title: str, is_amount: bool
) -> go.Figure | None:
    """Draw recorded and corrected `measure` side by side per generated source."""
    if not data.generated_sources:
        return None
    sources = [plotly_text(row["generated_source"]) for row in data.generated_sources]
    value_format = ",.2f" if is_amount else ","
    figure = go.Figure()
    for name, column in (("Recorded in the CRM", f"recorded_{measure}"), ("Corrected", measure)):
        figure.add_trace(
            go.Bar(
                name=name,
                x=sources,
                y=[float(row[column]) for row in data.generated_sources],
                texttemplate=f"%{{y:{value_format}}}",
                textposition="outside",
                hovertemplate=AMOUNT_HOVER if is_amount else COUNT_HOVER,
            )
        )
    figure.update_layout(
        base_layout(
            title,
            barmode="group",
            xaxis={"title": {"text": "Generated source"}},
            yaxis={"title": {"text": axis_title}, "tickformat": ",", "rangemode": "tozero"},
        )
    )
    return figure


def funnel_figure(data: ReportData) -> go.Figure | None:
    if not data.funnel:
        return None
    figure = go.Figure(
        go.Funnel(
            name="Referral leads",
            y=[label for label, _ in data.funnel],
            x=[count for _, count in data.funnel],
            texttemplate="%{value:,} (%{percentInitial:.0%} of all)",
            textposition="auto",
            hovertemplate="%{y}: %{x:,}<br>%{percentPrevious:.0%} of the stage before"
            "<extra></extra>",
        )
    )
    figure.update_layout(base_layout("Referrer resolution funnel", showlegend=False))
    return figure


COMPLIANCE_STEPS = (
    ("Generated source entered", "with_generated_source", "referral_leads"),
    ("Details entered", "with_details", "referral_leads"),
    ("Referrer resolved", "resolved", "referral_leads"),
    ("Referrer on the opportunity", "with_referrer_on_opportunity", "with_opportunity"),
)
COMPLIANCE_SHARES = (
    "with_generated_source_share",
    "with_details_share",
    "resolved_share",
    "referrer_on_opportunity_share",
)


def compliance_figure(data: ReportData) -> go.Figure | None:
    if not data.compliance:
        return None
    # Heatmap rows run bottom to top, so reverse the rows to list the busiest owner first.
    rows = list(reversed(data.compliance))
    shares = [[row[column] for column in COMPLIANCE_SHARES] for row in rows]
    cell_texts = [
        [
            "n/a"
            if row[share_column] is None
            else f"{row[share_column]:.0%} ({row[count]:,} of {row[whole]:,})"
            for (_, count, whole), share_column in zip(
                COMPLIANCE_STEPS, COMPLIANCE_SHARES, strict=True
            )
        ]
        for row in rows
    ]
    figure = go.Figure(
        go.Heatmap(
            name="Share of referral leads",
            z=shares,
            x=[step for step, _, _ in COMPLIANCE_STEPS],
            y=[plotly_text(row["owner_label"]) for row in rows],
            text=cell_texts,
            texttemplate="%{text}",
            hovertemplate="%{y}<br>%{x}: %{text}<extra></extra>",
            zmin=0,
            zmax=1,
            colorscale="Blues",
            colorbar={"title": {"text": "Share"}, "tickformat": ".0%"},
        )
    )
    figure.update_layout(
        base_layout(
            "Rep compliance with the referral process",
            height=max(360, 120 + 36 * len(rows)),
            xaxis={"side": "top"},
        )
    )
    return figure


# HTML.

PAGE_STYLE = """
body { font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 72rem;
       color: #1f2933; padding: 0 1rem; }
h1 { margin-bottom: 0.2rem; }
.generated { color: #52606d; margin-top: 0; }
section { margin-top: 2.5rem; }
.how-to-read { color: #3e4c59; max-width: 60rem; }
.chart { width: 100%; min-height: 420px; }
.empty-state { padding: 2rem; background: #f5f7fa; border: 1px dashed #9aa5b1;
               color: #52606d; }
table { border-collapse: collapse; margin-top: 1rem; }
th, td { padding: 0.3rem 0.8rem; border-bottom: 1px solid #e4e7eb; }
th { text-align: left; }
td.number, th.number { text-align: right; font-variant-numeric: tabular-nums; }
tr.total td { font-weight: 600; border-top: 2px solid #9aa5b1; }
"""


def figure_html(figure: go.Figure | None, div_id: str, empty_text: str) -> str:
    """Return the chart's div, or the empty-state text when there is nothing to draw."""
    if figure is None:
        return f'<p class="empty-state" id="{div_id}">{html.escape(empty_text)}</p>'
    return figure.to_html(
        include_plotlyjs=False,
        full_html=False,
        div_id=div_id,
        config={"displaylogo": False, "responsive": True},
        default_height="auto",
    ).replace('class="plotly-graph-div"', 'class="plotly-graph-div chart"', 1)


def table_html(
    table_id: str,
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    total: Sequence[str] | None = None,
) -> str:
    """Render a table whose first column is a label and whose other columns are numbers.

    `total` is one more row, rendered last in bold.
    """

    def cells(values: Sequence[str], tag: str) -> str:
        first, *numbers = values
        return f"<{tag}>{html.escape(first)}</{tag}>" + "".join(
            f'<{tag} class="number">{html.escape(value)}</{tag}>' for value in numbers
        )

    lines = [
        f'<table id="{table_id}">',
        f"<thead><tr>{cells(header, 'th')}</tr></thead>",
        "<tbody>",
    ]
    lines += [f"<tr>{cells(row, 'td')}</tr>" for row in rows]
    if total is not None:
        lines.append(f'<tr class="total">{cells(total, "td")}</tr>')
    lines += ["</tbody>", "</table>"]
    return "\n".join(lines)


def section_html(section_id: str, title: str, how_to_read: str, body: str) -> str:
    return (
        f'<section id="{section_id}">\n<h2>{html.escape(title)}</h2>\n'
        f'<p class="how-to-read">{html.escape(how_to_read)}</p>\n{body}\n</section>'
    )


def monthly_section(data: ReportData) -> str:
    how_to_read = (
        "Each bar is one month's referral leads, split by origin channel: the channel of "
        "the lead at the start of the referral chain, else the channel named in the "
        "details, else Unknown. Hover over a segment for its count."
    )
    if data.undated_referral_leads:
        how_to_read += (
            f" {data.undated_referral_leads:,} referral leads have no month, because their "
            "lead has no created date, and are not shown."
        )
    body = figure_html(
        monthly_referrals_figure(data),
        "chart-monthly-referrals",
        "No referral leads with a month in referral_insights_monthly.",
    )
    return section_html(
        "monthly-referrals", "Referrals by month and origin channel", how_to_read, body
    )


def december_section(data: ReportData) -> str:
    if data.december_month is None:
        body = figure_html(
            None,
            "chart-december-referrals",
            "No December in referral_insights_monthly, so there is no December view.",
        )
        return section_html(
            "december-referrals",
            "December referrals",
            "This view shows the latest December in the data.",
            body,
        )

    month = format_month(data.december_month)
    how_to_read = (
        f"The latest December in the data, {month}: referral leads per origin channel, "
        "coloured by their corrected generated source. The table adds what those leads "
        "became. Amounts are in the org's currency."
    )
    columns = (
        ("referral_leads", format_count),
        ("resolved_referral_leads", format_count),
        ("converted_referral_leads", format_count),
        ("opportunities", format_count),
        ("pipeline_amount", format_amount),
        ("won_amount", format_amount),
    )
    rows = [
        [row["origin_channel"], *(fmt(row[name]) for name, fmt in columns)]
        for row in data.december_by_channel
    ]
    total = [
        "Total",
        *(fmt(sum(row[name] for row in data.december_by_channel)) for name, fmt in columns),
    ]
    header = (
        "Origin channel",
        "Referral leads",
        "Referrer resolved",
        "Converted",
        "Opportunities",
        "Pipeline",
        "Won",
    )
    body = (
        figure_html(december_figure(data), "chart-december-referrals", "")
        + "\n"
        + table_html("table-december-referrals", header, rows, total=total)
    )
    return section_html("december-referrals", f"December referrals: {month}", how_to_read, body)


def generated_source_section(data: ReportData) -> str:
    how_to_read = (
        "For each generated source, the left bar counts what the CRM records and the "
        "right bar what the referral lineage corrects it to, over all months. A corrected "
        "bar taller than the recorded one means that source gained credit. Pipeline is "
        "the amount of open and won opportunities, in the org's currency."
    )
    empty_text = "No rows in generated_source_summary."
    leads_chart = figure_html(
        recorded_versus_corrected_figure(
            data, "leads", "Leads by generated source", "Leads", is_amount=False
        ),
        "chart-generated-source-leads",
        empty_text,
    )
    pipeline_chart = figure_html(
        recorded_versus_corrected_figure(
            data,
            "pipeline_amount",
            "Pipeline by generated source",
            "Pipeline amount",
            is_amount=True,
        ),
        "chart-generated-source-pipeline",
        empty_text,
    )
    rows = [
        [
            row["generated_source"],
            format_count(row["recorded_leads"]),
            format_count(row["leads"]),
            format_count(row["leads"] - row["recorded_leads"]),
            format_amount(row["recorded_pipeline_amount"]),
            format_amount(row["pipeline_amount"]),
            format_amount(row["pipeline_amount"] - row["recorded_pipeline_amount"]),
        ]
        for row in data.generated_sources
    ]
    header = (
        "Generated source",
        "Recorded leads",
        "Corrected leads",
        "Lead difference",
        "Recorded pipeline",
        "Corrected pipeline",
        "Pipeline difference",
    )
    table = table_html("table-generated-source", header, rows) if rows else ""
    return section_html(
        "generated-source",
        "Recorded versus corrected generated source",
        how_to_read,
        "\n".join((leads_chart, pipeline_chart, table)),
    )


def funnel_section(data: ReportData) -> str:
    how_to_read = (
        "Each stage counts the referral leads of the stage above that also passed this "
        "step: the referrer was resolved to one person, the lead was converted, and the "
        "referrer was added to the opportunity's contact roles. The narrowing shows where "
        "the referral process breaks down."
    )
    body = figure_html(
        funnel_figure(data), "chart-referrer-funnel", "No referral leads in referrals."
    )
    if data.funnel:
        rows = [[label, format_count(count)] for label, count in data.funnel]
        body += "\n" + table_html("table-referrer-funnel", ("Stage", "Referral leads"), rows)
    return section_html("referrer-funnel", "Referrer resolution funnel", how_to_read, body)


def compliance_section(data: ReportData) -> str:
    how_to_read = (
        "One row per lead owner, over all months, busiest first. Each cell is the share of "
        "the owner's referral leads that completed a step of the referral process. The "
        "last column counts only leads converted into an opportunity, and is n/a when "
        "there were none. Darker is better."
    )
    if data.owner_names_masked:
        how_to_read += (
            " Owner names are masked in the marts (dbt var mask_personal_data), so owners "
            "appear by Salesforce user id."
        )
    body = figure_html(
        compliance_figure(data),
        "chart-rep-compliance",
        "No rows in rep_referral_compliance.",
    )
    if data.compliance:
        rows = [
            [
                row["owner_label"],
                format_count(row["referral_leads"]),
                *(format_share(row[column]) for column in COMPLIANCE_SHARES),
            ]
            for row in data.compliance
        ]
        header = ("Owner", "Referral leads", *(step for step, _, _ in COMPLIANCE_STEPS))
        body += "\n" + table_html("table-rep-compliance", header, rows)
    return section_html("rep-compliance", "Rep compliance", how_to_read, body)


def render_report(data: ReportData, generated_at: datetime) -> str:
    """Return the report as one HTML document with plotly.js inline."""
    sections = (
        monthly_section(data),
        december_section(data),
        generated_source_section(data),
        funnel_section(data),
        compliance_section(data),
    )
    generated = (
        f"Built from {data.database_path.name} on {generated_at:%Y-%m-%d %H:%M} UTC. "
        "Every count is of referral leads unless a chart says otherwise."
    )
    return "\n".join(
        (
            "<!DOCTYPE html>",
            '<html lang="en">',
            "<head>",
            '<meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            "<title>Referral report</title>",
            f"<style>{PAGE_STYLE}</style>",
            f'<script type="text/javascript">{plotly.offline.get_plotlyjs()}</script>',
            "</head>",
            "<body>",
            "<h1>Referral report</h1>",
            f'<p class="generated">{html.escape(generated)}</p>',
            *sections,
            "</body>",
            "</html>",
        )
    )


def write_report(database_path: Path, output_path: Path) -> None:
    """Read the marts and write the report, replacing output_path only on success."""
    output_folder = output_path.parent
    if not output_folder.is_dir():
        raise ReportError(f"output folder {output_folder} not found; create it first")
    if output_path.resolve() == database_path.resolve():
        raise ReportError(f"output {output_path} is the database file; name another file")

    data = read_report_data(database_path)
    document = render_report(data, datetime.now(UTC))
    # Write beside the target and rename, so a failed write never leaves half a report.
    temporary_path = output_folder / f".{output_path.name}.{os.getpid()}.tmp"
    try:
        temporary_path.write_text(document, encoding="utf-8")
        os.replace(temporary_path, output_path)
    except OSError as error:
        temporary_path.unlink(missing_ok=True)
        raise ReportError(f"failed to write {output_path}: {error.strerror}") from error


# Command line.


def default_database_path() -> Path:
    """Return the database that dbt's DuckDB target writes by default."""
    return Path(os.environ.get("REFERRAL_INSIGHTS_DUCKDB_PATH", "referral_insights.duckdb"))


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m referral_insights.report",
        description=(
            "Write the static referral report, one self-contained HTML file, from the "
            "marts of a DuckDB warehouse that dbt built."
        ),
    )
    parser.add_argument(
        "--database",
        type=Path,
        default=default_database_path(),
        help=(
            "DuckDB file with the marts in schema main (default: REFERRAL_INSIGHTS_DUCKDB_PATH,"
            " else referral_insights.duckdb)"
        ),
    )
    parser.add_argument(
        "--output",
        type=Path,
        help="HTML file to write (default: referral_report.html in the database's folder)",
    )
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    output_path = args.output or args.database.parent / "referral_report.html"
    try:
        write_report(args.database, output_path)
    except ReportError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print(f"Referral report written: {output_path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
