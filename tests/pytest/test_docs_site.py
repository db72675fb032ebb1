"""The dbt docs site as one static file, rendered in headless Chromium.

`dbt docs generate --static` embeds the manifest and the catalog in static_index.html,
so the site opens from disk with no server. The checks read the DOM after the site's
AngularJS app has rendered it.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest
from test_cross_engine import PUBLIC_MARTS
from test_report import ARTIFACT_DIR, dump_dom, parse_dom, take_screenshot
from warehouse import DUCKDB_ONLY, run_dbt

pytestmark = DUCKDB_ONLY


@pytest.fixture(scope="module")
def docs_build(tmp_path_factory) -> Path:
    """Build the demo warehouse, generate the static docs site, and return the folder."""
    work_dir = tmp_path_factory.mktemp("docs_site")
    run_dbt(work_dir, ["build", "--exclude", "resource_type:test"], {"load_demo_data": True})
    run_dbt(work_dir, ["docs", "generate", "--static"], {"load_demo_data": True})
    return work_dir


def static_site(work_dir: Path) -> Path:
    path = work_dir / "target" / "static_index.html"
    assert path.is_file(), "dbt docs generate --static wrote no static_index.html"
    return path


def model_page_url(work_dir: Path, model: str) -> str:
    return f"{static_site(work_dir).as_uri()}#!/model/model.referral_insights.{model}"


def test_docs_site_menu_lists_marts(docs_build):
    dom = parse_dom(dump_dom(static_site(docs_build), docs_build))

    # AngularJS renders one menu link per node of the project tree.
    menu_ids = {
        element.attributes.get("data-nav-unique-id") for element in dom.find_all("a", "menu-node")
    }
    for mart in PUBLIC_MARTS:
        assert f"model.referral_insights.{mart}" in menu_ids, mart


@pytest.mark.parametrize("mart", PUBLIC_MARTS)
def test_docs_model_page_shows_columns(docs_build, mart):
    dom = parse_dom(dump_dom(model_page_url(docs_build, mart), docs_build))

    titles = [heading.text() for heading in dom.find_all("h1")]
    assert f"{mart} table" in titles

    shown = [
        [cell.text() for cell in row.find_all("td")[:2]] for row in dom.find_all("tr", "column-row")
    ]
    connection = duckdb.connect(str(docs_build / "warehouse.duckdb"), read_only=True)
    try:
        expected = connection.execute(
            """
            select column_name, data_type
            from information_schema.columns
            where table_schema = 'main' and table_name = ?
            order by ordinal_position
            """,
            [mart],
        ).fetchall()
    finally:
        connection.close()
    assert expected, f"the warehouse has no table main.{mart}"
    assert shown == [[name, data_type] for name, data_type in expected]


def test_docs_site_screenshot_kept(docs_build, capsys):
    ARTIFACT_DIR.mkdir(parents=True, exist_ok=True)
    png_path = ARTIFACT_DIR / "docs_referrals_model.png"
    png_path.unlink(missing_ok=True)
    take_screenshot(model_page_url(docs_build, "referrals"), png_path, docs_build)

    assert png_path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    with capsys.disabled():
        print(f"\ndocs site screenshot: {png_path}")
