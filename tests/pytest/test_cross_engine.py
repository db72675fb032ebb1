"""Every public mart is the same on DuckDB and on the engine under test, for the demo
data. On PostgreSQL the whole scenario suite also runs against the same hand-written
expected rows. On Spark only this comparison runs."""

from pathlib import Path

import duckdb
import pytest
from warehouse import ENGINE, Warehouse, reset_postgres_database, run_dbt

PUBLIC_MARTS = [
    "leads",
    "referrals",
    "opportunity_attribution",
    "referral_insights_monthly",
    "generated_source_summary",
    "rep_referral_compliance",
    "rejected_records",
]

pytestmark = pytest.mark.skipif(
    ENGINE == "duckdb", reason="compares another engine with DuckDB; the engine is DuckDB"
)


def read_marts(query) -> dict[str, tuple[list[str], list[tuple]]]:
    marts = {}
    for model in PUBLIC_MARTS:
        columns, rows = query(model)
        rows.sort(key=lambda row: tuple((value is None, value) for value in row))
        marts[model] = (columns, rows)
    return marts


def first_difference(model, columns, duckdb_rows, engine_rows) -> str | None:
    if len(duckdb_rows) != len(engine_rows):
        return f"{model}: {len(duckdb_rows)} rows on DuckDB, {len(engine_rows)} on {ENGINE}"
    for duckdb_row, engine_row in zip(duckdb_rows, engine_rows, strict=True):
        for column, duckdb_value, engine_value in zip(columns, duckdb_row, engine_row, strict=True):
            if duckdb_value != engine_value:
                return (
                    f"{model}, row with {columns[0]} = {duckdb_row[0]!r}: {column} is "
                    f"{duckdb_value!r} on DuckDB and {engine_value!r} on {ENGINE}"
                )
    return None


def test_demo_marts_match_duckdb(tmp_path: Path):
    duckdb_dir = tmp_path / "duckdb"
    engine_dir = tmp_path / ENGINE
    duckdb_dir.mkdir()
    engine_dir.mkdir()
    demo = {"load_demo_data": True}

    run_dbt(duckdb_dir, ["build", "--exclude", "resource_type:test"], demo, target="duckdb")
    if ENGINE == "postgres":
        reset_postgres_database()
    run_dbt(engine_dir, ["build", "--exclude", "resource_type:test"], demo)

    duckdb_connection = duckdb.connect(str(duckdb_dir / "warehouse.duckdb"), read_only=True)

    def query_duckdb(model):
        cursor = duckdb_connection.execute(f"select * from main.{model}")
        return [column[0] for column in cursor.description], cursor.fetchall()

    engine = Warehouse(engine_dir, read_only=True)
    duckdb_marts = read_marts(query_duckdb)

    def query_engine(model):
        columns = duckdb_marts[model][0]
        return columns, engine.query(f"select {', '.join(columns)} from {{marts}}.{model}")

    engine_marts = read_marts(query_engine)

    differences = [
        first_difference(model, columns, rows, engine_marts[model][1])
        for model, (columns, rows) in duckdb_marts.items()
    ]
    assert [difference for difference in differences if difference] == []
    assert all(rows for _, rows in duckdb_marts.values()), "a demo mart is empty"
