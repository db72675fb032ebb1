"""The static referral report, opened in headless Chromium as a reader would open it.

The demo warehouse is built once for the module. Every expected figure is read from the
marts with SQL written here, independently of the report's own queries. The screenshot
of the demo report is kept in target/test-artifacts/.
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path

import duckdb
import pytest
from warehouse import DUCKDB_ONLY, PROJECT_DIR, run_dbt

pytestmark = DUCKDB_ONLY

CHROMIUM = Path("/usr/bin/chromium")
# The flags turn off Chromium's requests to Google's services: component updates, sync
# and other background networking. The resolver rule fails every host name, so a report
# that needed the network would show up as a chart that did not render.
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--host-resolver-rules=MAP * ~NOTFOUND",
)
CHROMIUM_TIMEOUT_SECONDS = 180
# Virtual time lets scripts and timers run this long without waiting in real time.
VIRTUAL_TIME_BUDGET_MS = 15000
WINDOW_SIZE = "1280,5000"
ARTIFACT_DIR = PROJECT_DIR / "target" / "test-artifacts"

CHART_TITLES = {
    "chart-monthly-referrals": "Referral leads by month and origin channel",
    "chart-generated-source-leads": "Leads by generated source",
    "chart-generated-source-pipeline": "Pipeline by generated source",
    "chart-referrer-funnel": "Referrer resolution funnel",
    "chart-rep-compliance": "Rep compliance with the referral process",
}
# A channel or owner name that a report which forgot to escape would turn into markup.
HTML_NAME = "<b>Referral & Co</b>"
REPORT_MARTS = (
    "referral_insights_monthly",
    "generated_source_summary",
    "referrals",
    "rep_referral_compliance",
)


# Headless Chromium.


def run_chromium(arguments: list[str], work_dir: Path) -> str:
    """Run headless Chromium with a fresh profile under work_dir and return its stdout.

    Chromium runs in a session of its own, so that on a timeout its whole process group,
    and only that group, can be killed.
    """
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} not found; install it with `make chromium`")
    profile_dir = Path(tempfile.mkdtemp(prefix="chromium-profile-", dir=work_dir))
    command = [str(CHROMIUM), *CHROMIUM_FLAGS, f"--user-data-dir={profile_dir}", *arguments]
    process = subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    try:
        stdout, stderr = process.communicate(timeout=CHROMIUM_TIMEOUT_SECONDS)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        pytest.fail(f"Chromium timed out after {CHROMIUM_TIMEOUT_SECONDS} s: {command}")
    assert process.returncode == 0, f"Chromium exited with {process.returncode}:\n{stderr[-3000:]}"
    return stdout


def page_url(page: Path | str) -> str:
    return page.as_uri() if isinstance(page, Path) else page


def dump_dom(page: Path | str, work_dir: Path) -> str:
    """Open a file path or URL, let its scripts run, and return the rendered DOM as HTML."""
    return run_chromium(
        [
            f"--virtual-time-budget={VIRTUAL_TIME_BUDGET_MS}",
            f"--window-size={WINDOW_SIZE}",
            "--dump-dom",
            page_url(page),
        ],
        work_dir,
    )


def take_screenshot(page: Path | str, png_path: Path, work_dir: Path) -> None:
    run_chromium(
        [
            f"--virtual-time-budget={VIRTUAL_TIME_BUDGET_MS}",
            f"--window-size={WINDOW_SIZE}",
            "--hide-scrollbars",
            f"--screenshot={png_path}",
            page_url(page),
        ],
        work_dir,
    )


# A small DOM, parsed with the standard library from Chromium's serialized DOM.

VOID_ELEMENTS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta"}
RAW_TEXT_ELEMENTS = {"script", "style"}


@dataclass
class Element:
    tag: str
    attributes: dict[str, str]
    children: list[Element | str] = field(default_factory=list)

    @property
    def classes(self) -> set[str]:
        return set(self.attributes.get("class", "").split())

    def iter(self):
        yield self
        for child in self.children:
            if isinstance(child, Element):
                yield from child.iter()

    def find_all(self, tag: str | None = None, class_name: str | None = None) -> list[Element]:
        return [
            element
            for element in self.iter()
            if (tag is None or element.tag == tag)
            and (class_name is None or class_name in element.classes)
        ]

    def find_id(self, element_id: str) -> Element | None:
        return next((e for e in self.iter() if e.attributes.get("id") == element_id), None)

    def text(self) -> str:
        """Return the visible text of the element and its descendants, without scripts."""
        if self.tag in RAW_TEXT_ELEMENTS:
            return ""
        parts = [child if isinstance(child, str) else child.text() for child in self.children]
        return " ".join(" ".join(parts).split())


class DomBuilder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Element("#document", {})
        self.stack = [self.root]

    def handle_starttag(self, tag, attrs):
        element = Element(tag, {name: value or "" for name, value in attrs})
        self.stack[-1].children.append(element)
        if tag not in VOID_ELEMENTS:
            self.stack.append(element)

    def handle_startendtag(self, tag, attrs):
        self.stack[-1].children.append(Element(tag, {name: value or "" for name, value in attrs}))

    def handle_endtag(self, tag):
        open_tags = [element.tag for element in self.stack]
        if tag in open_tags[1:]:
            while self.stack.pop().tag != tag:
                pass

    def handle_data(self, data):
        self.stack[-1].children.append(data)


def parse_dom(markup: str) -> Element:
    builder = DomBuilder()
    builder.feed(markup)
    builder.close()
    return builder.root


def table_rows(dom: Element, table_id: str) -> list[list[str]]:
    """Return the text of every cell of a table, header row first."""
    table = dom.find_id(table_id)
    assert table is not None, f"table #{table_id} is missing"
    return [
        [cell.text() for cell in row.iter() if cell.tag in ("th", "td")]
        for row in table.find_all("tr")
    ]


def svg_texts(chart: Element, class_name: str) -> list[str]:
    """Return the texts that plotly drew with the given class, such as `legendtext`."""
    return [element.text() for element in chart.find_all(class_name=class_name)]


def number(text: str) -> Decimal | None:
    """Parse a figure as the report prints it: `1,234.50`, `75%` (as 75) or `n/a`."""
    if text == "n/a":
        return None
    return Decimal(text.replace(",", "").removesuffix("%"))


def plotted_traces(report_html: str, div_id: str) -> list[dict]:
    """Return the trace data that the report passes to Plotly.newPlot for one chart."""
    match = re.search(r'Plotly\.newPlot\(\s*"' + re.escape(div_id) + r'",\s*', report_html)
    assert match is not None, f"no Plotly.newPlot call for #{div_id}"
    traces, _ = json.JSONDecoder().raw_decode(report_html, match.end())
    return traces


# The report as a user runs it.


def run_report(database: Path, output: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "referral_insights.report",
            "--database",
            str(database),
            "--output",
            str(output),
        ],
        cwd=PROJECT_DIR,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


@dataclass
class RenderedReport:
    path: Path
    source: str
    dom: Element


def write_and_render(database: Path, work_dir: Path) -> RenderedReport:
    output = work_dir / "referral_report.html"
    completed = run_report(database, output)
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout.strip() == f"Referral report written: {output}"
    return RenderedReport(
        path=output,
        source=output.read_text(encoding="utf-8"),
        dom=parse_dom(dump_dom(output, work_dir)),
    )


def query(database: Path, sql: str, parameters: list | tuple = ()) -> list[tuple]:
    connection = duckdb.connect(str(database), read_only=True)
    try:
        return connection.execute(sql, parameters).fetchall()
    finally:
        connection.close()


def copy_marts(source: Path, target: Path, select_by_mart: dict[str, str]) -> None:
    """Write a DuckDB file whose marts are queries over the source warehouse's marts.

    Each query reads `{mart}`, which names the source mart. A mart left out of
    select_by_mart is not created.
    """
    connection = duckdb.connect(str(target))
    try:
        connection.execute(f"attach '{source}' as source (read_only)")
        for mart, select in select_by_mart.items():
            sql = select.format(mart=f"source.main.{mart}")
            connection.execute(f"create table main.{mart} as {sql}")
        connection.execute("detach source")
    finally:
        connection.close()


@pytest.fixture(scope="module")
def demo_database(tmp_path_factory) -> Path:
    work_dir = tmp_path_factory.mktemp("report_demo")
    run_dbt(work_dir, ["build", "--exclude", "resource_type:test"], {"load_demo_data": True})
    return work_dir / "warehouse.duckdb"


@pytest.fixture(scope="module")
def demo_report(demo_database, tmp_path_factory) -> RenderedReport:
    return write_and_render(demo_database, tmp_path_factory.mktemp("report_render"))


def monthly_referrals_in_mart(database: Path) -> list[tuple[str, str, int]]:
    """Return (origin channel, month, referral leads) for every dated month of the mart."""
    return query(
        database,
        """
        select origin_channel, strftime(referral_month, '%Y-%m-%d'), sum(referral_leads)
        from main.referral_insights_monthly
        where referral_month is not null
        group by all
        """,
    )


def monthly_referrals_plotted(report: RenderedReport) -> list[tuple[str, str, int]]:
    """Return (origin channel, month, referral leads) for every bar segment plotted."""
    traces = plotted_traces(report.source, "chart-monthly-referrals")
    return [
        (html.unescape(trace["name"]), month, leads)
        for trace in traces
        for month, leads in zip(trace["x"], trace["y"], strict=True)
    ]


def latest_december(database: Path):
    [(month,)] = query(
        database,
        "select max(referral_month) from main.referral_insights_monthly"
        " where extract(month from referral_month) = 12",
    )
    return month


# The demo report.


def test_report_charts_render_as_svg(demo_report, demo_database):
    titles = dict(CHART_TITLES)
    titles["chart-december-referrals"] = (
        f"{latest_december(demo_database):%B %Y} referrals by origin channel"
    )
    for div_id, title in titles.items():
        chart = demo_report.dom.find_id(div_id)
        assert chart is not None, f"#{div_id} is missing"
        assert "js-plotly-plot" in chart.classes, f"plotly did not draw #{div_id}"
        assert chart.find_all("svg", "main-svg"), f"#{div_id} has no SVG plot"
        assert svg_texts(chart, "gtitle") == [title]
    assert demo_report.dom.find_all(class_name="empty-state") == []


def test_report_sections_explain_charts(demo_report):
    sections = demo_report.dom.find_all("section")
    assert [section.attributes["id"] for section in sections] == [
        "monthly-referrals",
        "december-referrals",
        "generated-source",
        "referrer-funnel",
        "rep-compliance",
    ]
    for section in sections:
        headings = section.find_all("h2")
        explanations = section.find_all("p", "how-to-read")
        assert len(headings) == 1, section.attributes["id"]
        assert len(explanations) == 1, section.attributes["id"]
        assert len(explanations[0].text()) > 60, section.attributes["id"]


def test_report_is_self_contained(demo_report):
    assert "plotly.js v" in demo_report.source
    for element in demo_report.dom.iter():
        for attribute in ("src", "href"):
            value = element.attributes.get(attribute, "")
            assert not value.startswith(("http:", "https:", "//")), (element.tag, value)
    external_scripts = [s for s in demo_report.dom.find_all("script") if "src" in s.attributes]
    assert external_scripts == []


def test_monthly_chart_matches_mart(demo_report, demo_database):
    expected = monthly_referrals_in_mart(demo_database)
    assert sorted(monthly_referrals_plotted(demo_report)) == sorted(expected)

    chart = demo_report.dom.find_id("chart-monthly-referrals")
    channels = sorted({channel for channel, _, _ in expected})
    assert sorted(svg_texts(chart, "legendtext")) == channels


def test_december_view_matches_mart(demo_report, demo_database):
    december = latest_december(demo_database)
    assert december is not None, "the demo data has no December"
    expected = query(
        demo_database,
        """
        select origin_channel, sum(referral_leads), sum(resolved_referral_leads),
            sum(converted_referral_leads), sum(opportunities), sum(pipeline_amount),
            sum(won_amount)
        from main.referral_insights_monthly
        where referral_month = ?
        group by origin_channel
        """,
        [december],
    )
    section = demo_report.dom.find_id("december-referrals")
    assert section.find_all("h2")[0].text() == f"December referrals: {december:%B %Y}"

    header, *rows = table_rows(demo_report.dom, "table-december-referrals")
    assert header[0] == "Origin channel"
    *channel_rows, total_row = rows
    shown = {row[0]: tuple(number(cell) for cell in row[1:]) for row in channel_rows}
    assert shown == {channel: tuple(values) for channel, *values in expected}

    assert total_row[0] == "Total"
    expected_total = [sum(row[column] for row in expected) for column in range(1, 7)]
    assert [number(cell) for cell in total_row[1:]] == expected_total

    # The chart's stacks add up to the same December total as the table.
    traces = plotted_traces(demo_report.source, "chart-december-referrals")
    assert sum(sum(trace["y"]) for trace in traces) == expected_total[0]
    [(generated_sources,)] = query(
        demo_database,
        "select list(distinct generated_source order by generated_source)"
        " from main.referral_insights_monthly where referral_month = ?",
        [december],
    )
    chart = demo_report.dom.find_id("chart-december-referrals")
    assert sorted(svg_texts(chart, "legendtext")) == generated_sources


def test_generated_source_matches_mart(demo_report, demo_database):
    expected = query(
        demo_database,
        """
        select generated_source, sum(recorded_leads), sum(leads),
            sum(leads) - sum(recorded_leads), sum(recorded_pipeline_amount),
            sum(pipeline_amount), sum(pipeline_amount) - sum(recorded_pipeline_amount)
        from main.generated_source_summary
        group by generated_source
        """,
    )
    header, *rows = table_rows(demo_report.dom, "table-generated-source")
    assert header[0] == "Generated source"
    shown = {row[0]: tuple(number(cell) for cell in row[1:]) for row in rows}
    assert shown == {source: tuple(values) for source, *values in expected}

    leads_chart = demo_report.dom.find_id("chart-generated-source-leads")
    assert svg_texts(leads_chart, "legendtext") == ["Recorded in the CRM", "Corrected"]
    bar_labels = sorted(number(text) for text in svg_texts(leads_chart, "bartext"))
    assert bar_labels == sorted(value for row in expected for value in (row[1], row[2]))

    pipeline_chart = demo_report.dom.find_id("chart-generated-source-pipeline")
    bar_labels = sorted(number(text) for text in svg_texts(pipeline_chart, "bartext"))
    assert bar_labels == sorted(value for row in expected for value in (row[4], row[5]))


def test_funnel_matches_referrals(demo_report, demo_database):
    [counts] = query(
        demo_database,
        """
        select
            count(*),
            count(*) filter (where referrer_status = 'resolved'),
            count(*) filter (where referrer_status = 'resolved' and is_converted),
            count(*) filter (
                where referrer_status = 'resolved' and is_converted and is_referrer_on_opportunity
            )
        from main.referrals
        """,
    )
    header, *rows = table_rows(demo_report.dom, "table-referrer-funnel")
    assert rows == [
        ["Referral leads", str(counts[0])],
        ["Referrer resolved", str(counts[1])],
        ["Converted", str(counts[2])],
        ["Referrer on the opportunity", str(counts[3])],
    ]

    chart = demo_report.dom.find_id("chart-referrer-funnel")
    stage_values = [int(text.split(" ")[0]) for text in svg_texts(chart, "bartext")]
    assert stage_values == list(counts)
    assert svg_texts(chart, "bartext")[0] == f"{counts[0]} (100% of all)"


def test_compliance_matches_mart(demo_report, demo_database):
    # An owner shows by name, or by user id when the name is missing or masked as the
    # hex SHA-256 that the marts write while var mask_personal_data is true.
    expected = query(
        demo_database,
        """
        select
            case
                when max(owner_name) is null
                    or regexp_full_match(max(owner_name), '[0-9a-f]{64}') then owner_id
                else max(owner_name)
            end,
            sum(referral_leads),
            sum(with_generated_source) / sum(referral_leads),
            sum(with_details) / sum(referral_leads),
            sum(resolved) / sum(referral_leads),
            sum(with_referrer_on_opportunity) / nullif(sum(with_opportunity), 0)
        from main.rep_referral_compliance
        group by owner_id
        """,
    )
    [(names_masked,)] = query(
        demo_database,
        "select bool_or(regexp_full_match(owner_name, '[0-9a-f]{64}'))"
        " from main.rep_referral_compliance",
    )
    section = demo_report.dom.find_id("rep-compliance")
    explanation = section.find_all("p", "how-to-read")[0].text()
    assert ("Owner names are masked" in explanation) == names_masked

    header, *rows = table_rows(demo_report.dom, "table-rep-compliance")
    assert header == [
        "Owner",
        "Referral leads",
        "Generated source entered",
        "Details entered",
        "Referrer resolved",
        "Referrer on the opportunity",
    ]
    assert [row[0] for row in rows] == [
        name for name, *_ in sorted(expected, key=lambda row: (-row[1], row[0]))
    ]
    expected_by_owner = {name: values for name, *values in expected}
    for owner, leads, *shares in rows:
        expected_leads, *expected_shares = expected_by_owner[owner]
        assert number(leads) == expected_leads, owner
        for shown, share in zip(shares, expected_shares, strict=True):
            if share is None:
                assert shown == "n/a", owner
            else:
                # The table rounds to whole percent.
                assert abs(float(number(shown)) - 100 * share) <= 0.5, (owner, shown, share)

    chart = demo_report.dom.find_id("chart-rep-compliance")
    assert svg_texts(chart, "xtick") == header[2:]
    assert sorted(svg_texts(chart, "ytick")) == sorted(row[0] for row in rows)


def test_report_screenshot_kept(demo_report, capsys):
    ARTIFACT_DIR.mkdir(parents=True, exist_ok=True)
    png_path = ARTIFACT_DIR / "referral_report.png"
    png_path.unlink(missing_ok=True)
    take_screenshot(demo_report.path, png_path, demo_report.path.parent)
    shutil.copyfile(demo_report.path, ARTIFACT_DIR / "referral_report.html")

    png = png_path.read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
    assert f"{width},{height}" == WINDOW_SIZE
    # A blank page of this size compresses to a few kilobytes; six charts do not.
    assert len(png) > 100_000
    with capsys.disabled():
        print(f"\nreferral report screenshot: {png_path}")


# Unusual marts.


def test_report_with_empty_marts(demo_database, tmp_path):
    database = tmp_path / "empty_marts.duckdb"
    copy_marts(demo_database, database, {mart: "from {mart} limit 0" for mart in REPORT_MARTS})

    report = write_and_render(database, tmp_path)

    assert report.dom.find_all("svg", "main-svg") == []
    empty_states = {
        element.attributes["id"]: element.text()
        for element in report.dom.find_all("p", "empty-state")
    }
    assert empty_states == {
        "chart-monthly-referrals": "No referral leads with a month in referral_insights_monthly.",
        "chart-december-referrals": (
            "No December in referral_insights_monthly, so there is no December view."
        ),
        "chart-generated-source-leads": "No rows in generated_source_summary.",
        "chart-generated-source-pipeline": "No rows in generated_source_summary.",
        "chart-referrer-funnel": "No referral leads in referrals.",
        "chart-rep-compliance": "No rows in rep_referral_compliance.",
    }
    assert report.dom.find_all("table") == []


def test_report_reads_columns_by_name(demo_database, tmp_path):
    """The report copes with added and reordered columns, a month without a date, no
    December, and channel and owner names that look like HTML."""
    database = tmp_path / "changed_marts.duckdb"
    marts = {mart: "select 1 as added_last_column, * from {mart}" for mart in REPORT_MARTS}
    marts["referral_insights_monthly"] = (
        "select 'x' as added_first_column, * exclude (referral_month), referral_month"
        " from {mart} where extract(month from referral_month) <> 12"
    )
    copy_marts(demo_database, database, marts)
    connection = duckdb.connect(str(database))
    connection.execute(
        f"""
        insert into main.referral_insights_monthly by name
        select * from (values
            (null::date, 'Webinar', 'Marketing Generated', 3),
            (date '2025-03-01', '{HTML_NAME}', 'Unknown', 2)
        ) as added(referral_month, origin_channel, generated_source, referral_leads)
        """
    )
    connection.execute(
        f"update main.rep_referral_compliance set owner_name = '{HTML_NAME}'"
        " where owner_id = (select min(owner_id) from main.rep_referral_compliance)"
    )
    connection.close()

    report = write_and_render(database, tmp_path)

    december = report.dom.find_id("chart-december-referrals")
    assert "empty-state" in december.classes
    monthly = report.dom.find_id("monthly-referrals")
    assert "3 referral leads have no month" in monthly.find_all("p", "how-to-read")[0].text()
    assert report.dom.find_all("b") == []
    legend = svg_texts(report.dom.find_id("chart-monthly-referrals"), "legendtext")
    assert HTML_NAME in legend
    owners = [row[0] for row in table_rows(report.dom, "table-rep-compliance")]
    assert HTML_NAME in owners
    owner_ticks = svg_texts(report.dom.find_id("chart-rep-compliance"), "ytick")
    assert HTML_NAME in owner_ticks

    expected = monthly_referrals_in_mart(database)
    assert sorted(monthly_referrals_plotted(report)) == sorted(expected)
    for div_id in CHART_TITLES:
        assert report.dom.find_id(div_id).find_all("svg", "main-svg"), div_id


# Errors from the command line.


def make_error_case(case: str, demo_database: Path, tmp_path: Path) -> tuple[Path, Path]:
    """Set up one broken input and return the database and output paths to pass."""
    database = tmp_path / "warehouse.duckdb"
    output = tmp_path / "referral_report.html"
    if case == "no database file":
        pass
    elif case == "no marts":
        duckdb.connect(str(database)).close()
    elif case == "one mart missing":
        copy_marts(demo_database, database, {mart: "from {mart}" for mart in REPORT_MARTS[:3]})
    elif case == "column missing":
        marts = {mart: "from {mart}" for mart in REPORT_MARTS}
        marts["referrals"] = "select * exclude (referrer_status) from {mart}"
        copy_marts(demo_database, database, marts)
    elif case == "not a database":
        database.write_text("lead_id,referrer\n1,2\n")
    elif case == "database is a folder":
        database.mkdir()
    elif case == "wrong column type":
        marts = {mart: "from {mart}" for mart in REPORT_MARTS}
        marts["referral_insights_monthly"] = (
            "select * replace (strftime(referral_month, '%d.%m.%Y') as referral_month) from {mart}"
        )
        copy_marts(demo_database, database, marts)
    elif case == "output is the database":
        copy_marts(demo_database, database, {mart: "from {mart}" for mart in REPORT_MARTS})
        output = database
    elif case == "no output folder":
        copy_marts(demo_database, database, {mart: "from {mart}" for mart in REPORT_MARTS})
        output = tmp_path / "missing_folder" / "referral_report.html"
    return database, output


ERROR_CASES = {
    "no database file": ["database file {database} not found", "`make demo` or `dbt build`"],
    "no marts": [
        "tables main.referral_insights_monthly, main.generated_source_summary, main.referrals,"
        " main.rep_referral_compliance not found in {database}",
        "`make demo` or `dbt build`",
    ],
    "one mart missing": ["table main.rep_referral_compliance not found in {database}"],
    "column missing": [
        "column main.referrals.referrer_status not found in {database}",
        "dbt build",
    ],
    "not a database": ["failed to open {database} as a DuckDB database"],
    "database is a folder": ["database path {database} is not a file"],
    "wrong column type": ["failed to read the marts in {database}", "dbt build"],
    "output is the database": ["output {database} is the database file"],
    "no output folder": ["output folder {output_folder} not found"],
}


@pytest.mark.parametrize("case", list(ERROR_CASES))
def test_report_error_is_one_line(case, demo_database, tmp_path):
    database, output = make_error_case(case, demo_database, tmp_path)

    completed = run_report(database, output)

    assert completed.returncode == 1
    assert "Traceback" not in completed.stderr
    lines = completed.stderr.splitlines()
    assert len(lines) == 1, completed.stderr
    assert lines[0].startswith("error: ")
    for expected in ERROR_CASES[case]:
        assert expected.format(database=database, output_folder=output.parent) in lines[0]
    if case == "output is the database":
        assert query(database, "select count(*) from main.referrals")[0][0] > 0
    else:
        assert not output.exists()
    if case == "no database file":
        assert not database.exists(), "the report created the missing database"


def test_report_help_names_options():
    completed = subprocess.run(
        [sys.executable, "-m", "referral_insights.report", "--help"],
        cwd=PROJECT_DIR,
        capture_output=True,
        text=True,
        check=False,
    )
    assert completed.returncode == 0
    assert "--database" in completed.stdout
    assert "--output" in completed.stdout
