"""Build the warehouse on small hand-written raw tables and read its marts back.

Each scenario gets its own dbt target folder and an empty warehouse on the engine
named by REFERRAL_INSIGHTS_TARGET (DuckDB by default). It loads raw tables into the
`salesforce` schema in the source contract's snake_case shape and runs dbt as a user
would, with the demo seeds turned off.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import psycopg2
import pytest

PROJECT_DIR = Path(__file__).resolve().parents[2]

# The source contract's columns, plus the default custom fields.
SOURCE_COLUMNS: dict[str, list[str]] = {
    "lead": [
        "id",
        "is_deleted",
        "master_record_id",
        "first_name",
        "last_name",
        "email",
        "company",
        "lead_source",
        "status",
        "owner_id",
        "created_by_id",
        "created_date",
        "is_converted",
        "converted_date",
        "converted_account_id",
        "converted_contact_id",
        "converted_opportunity_id",
        "generated_source_c",
        "lead_source_details_c",
        "referral_lead_c",
    ],
    "contact": [
        "id",
        "is_deleted",
        "master_record_id",
        "account_id",
        "first_name",
        "last_name",
        "email",
        "lead_source",
        "owner_id",
        "created_date",
    ],
    "account": ["id", "is_deleted", "name", "owner_id", "created_date"],
    "opportunity": [
        "id",
        "is_deleted",
        "account_id",
        "name",
        "stage_name",
        "amount",
        "close_date",
        "is_closed",
        "is_won",
        "lead_source",
        "owner_id",
        "created_date",
        "generated_source_c",
    ],
    "opportunity_contact_role": [
        "id",
        "is_deleted",
        "opportunity_id",
        "contact_id",
        "role",
        "is_primary",
        "created_date",
    ],
    "user": ["id", "name", "email", "is_active"],
    "campaign": ["id", "is_deleted", "name", "type", "start_date"],
    "campaign_member": [
        "id",
        "is_deleted",
        "campaign_id",
        "lead_id",
        "contact_id",
        "has_responded",
        "created_date",
        "first_responded_date",
    ],
}

REQUIRED_TABLES = ("lead", "contact", "opportunity")

# Scenarios hold deliberately odd data, so they build without dbt's data tests and
# check the marts themselves.
BUILD_WITHOUT_TESTS = [
    "build",
    *("--resource-type", "seed"),
    *("--resource-type", "model"),
    *("--resource-type", "snapshot"),
]


class DbtRunFailed(AssertionError):
    """dbt ended with an error; the message contains dbt's output."""


def api_column_name(column: str) -> str:
    """Return the Salesforce API spelling of a contract column: `lead_source` gives
    `LeadSource`, the custom field `generated_source_c` gives `Generated_Source__c`."""
    if column.startswith("_"):
        return column
    if column.endswith("_c"):
        return "_".join(part.capitalize() for part in column[:-2].split("_")) + "__c"
    return "".join(part.capitalize() for part in column.split("_"))


ENGINE = os.environ.get("REFERRAL_INSIGHTS_TARGET", "duckdb")
DUCKDB_ONLY = pytest.mark.skipif(
    ENGINE != "duckdb", reason="reads export or Parquet files, which only DuckDB supports"
)


class Warehouse:
    """A connection to a scenario's warehouse on the engine under test.

    The engine is the dbt target in REFERRAL_INSIGHTS_TARGET. On `duckdb` it is a file
    in the scenario's folder. On `postgres` it is the database in PGDATABASE, reached
    through libpq's variables, which each scenario drops and creates anew. On `spark` it
    is a local Spark session on the warehouse and metastore in the scenario's folder.
    """

    def __init__(self, work_dir: Path, read_only: bool = False):
        self.engine = ENGINE
        if ENGINE == "duckdb":
            self.mart_schema = "main"
            self.connection = duckdb.connect(
                str(work_dir / "warehouse.duckdb"), read_only=read_only
            )
        elif ENGINE == "postgres":
            self.mart_schema = os.environ.get("REFERRAL_INSIGHTS_SCHEMA", "referral_insights")
            self.connection = psycopg2.connect("")
            self.connection.autocommit = True
        elif ENGINE == "spark":
            self.mart_schema = os.environ.get("REFERRAL_INSIGHTS_SCHEMA", "referral_insights")
            self.connection = spark_session(work_dir / "spark")
        else:
            raise ValueError(
                f"REFERRAL_INSIGHTS_TARGET is {ENGINE!r}; use duckdb, postgres or spark"
            )

    def query(self, sql: str, parameters: list | tuple = ()) -> list[tuple]:
        """Run SQL and return its rows. `{marts}` in the SQL names the marts' schema and
        `?` marks a parameter."""
        sql = sql.replace("{marts}", self.mart_schema)
        if self.engine == "duckdb":
            return self.connection.execute(sql, parameters).fetchall()
        if self.engine == "spark":
            if parameters:
                raise ValueError("parameters are not supported on Spark")
            return [tuple(row) for row in self.connection.sql(sql).collect()]
        with self.connection.cursor() as cursor:
            cursor.execute(sql.replace("?", "%s"), parameters)
            return cursor.fetchall() if cursor.description else []

    def close(self) -> None:
        if self.engine == "spark":
            self.connection.stop()
        else:
            self.connection.close()


def spark_session(spark_dir: Path):
    """Start a Spark session on the warehouse and Derby metastore that dbt wrote in
    spark_dir, configured as the `spark` target in profiles.yml is."""
    from pyspark.sql import SparkSession

    # pyspark turns timestamps into Python datetimes in the process's time zone.
    os.environ["TZ"] = "UTC"
    time.tzset()
    log_config = PROJECT_DIR / "config" / "spark-log4j2.properties"
    return (
        SparkSession.builder.master("local[2]")
        .appName("referral_insights_tests")
        .config("spark.sql.warehouse.dir", str(spark_dir / "warehouse"))
        .config(
            "spark.hadoop.javax.jdo.option.ConnectionURL",
            f"jdbc:derby:;databaseName={spark_dir}/metastore_db;create=true",
        )
        .config(
            "spark.driver.extraJavaOptions",
            f"-Dderby.system.home={spark_dir} -Dlog4j2.configurationFile=file:{log_config}",
        )
        .config("spark.ui.enabled", "false")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .enableHiveSupport()
        .getOrCreate()
    )


def reset_postgres_database() -> None:
    """Drop and create the database in PGDATABASE, so each scenario starts empty."""
    database = os.environ.get("PGDATABASE", "referral_insights")
    connection = psycopg2.connect(dbname="postgres")
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute(f'drop database if exists "{database}" with (force)')
        cursor.execute(f"create database \"{database}\" encoding 'UTF8'")
    connection.close()


def load_raw_tables(
    work_dir: Path,
    tables: dict[str, list[dict]],
    schema: str = "salesforce",
    api_names: bool = False,
) -> None:
    """Create the raw tables as text columns and insert the given rows.

    Every required table is created even when no rows are given. A row may omit
    contract columns (they are NULL) and may add loader columns such as
    `_fivetran_active`. With `api_names`, columns are named as in the Salesforce API.
    On PostgreSQL the database is emptied first.
    """
    if ENGINE == "postgres":
        reset_postgres_database()
    warehouse = Warehouse(work_dir)
    try:
        warehouse.query(f"create schema if not exists {schema}")
        for table_name in sorted(set(tables) | set(REQUIRED_TABLES)):
            rows = tables.get(table_name, [])
            columns = list(SOURCE_COLUMNS[table_name])
            for row in rows:
                columns += [column for column in row if column not in columns]
            names = [api_column_name(c) if api_names else c for c in columns]
            column_list = ", ".join(f'"{name}" varchar' for name in names)
            warehouse.query(f'create table {schema}."{table_name}" ({column_list})')
            for row in rows:
                values = [None if row.get(c) is None else str(row[c]) for c in columns]
                placeholders = ", ".join("?" for _ in columns)
                warehouse.query(
                    f'insert into {schema}."{table_name}" values ({placeholders})', values
                )
    finally:
        warehouse.close()


def run_dbt(
    work_dir: Path,
    arguments: list[str],
    dbt_vars: dict | None = None,
    expect_success: bool = True,
    target: str | None = None,
) -> str:
    """Run one dbt command against the scenario's warehouse and return its output.
    `target` picks another dbt target than the engine under test.

    dbt runs in a child process, as a user runs it, so that its DuckDB connection is
    closed before the test reads the file.
    """
    database_path = work_dir / "warehouse.duckdb"
    all_vars = {"load_demo_data": False, **(dbt_vars or {})}
    command = [
        str(Path(sys.executable).parent / "dbt"),
        *arguments,
        "--project-dir",
        str(PROJECT_DIR),
        "--profiles-dir",
        str(PROJECT_DIR),
        "--target-path",
        str(work_dir / "target"),
        "--log-path",
        str(work_dir / "logs"),
        "--vars",
        json.dumps(all_vars),
    ]
    environment = {
        **os.environ,
        "REFERRAL_INSIGHTS_DUCKDB_PATH": str(database_path),
        "REFERRAL_INSIGHTS_SPARK_DIR": str(work_dir / "spark"),
        "REFERRAL_INSIGHTS_SPARK_LOG_CONFIG": str(
            PROJECT_DIR / "config" / "spark-log4j2.properties"
        ),
        "SPARK_LOCAL_IP": "127.0.0.1",
    }
    if target is not None:
        environment["REFERRAL_INSIGHTS_TARGET"] = target
    completed = subprocess.run(
        command, env=environment, capture_output=True, text=True, check=False
    )
    if expect_success and completed.returncode != 0:
        raise DbtRunFailed(
            f"dbt {' '.join(arguments)} exited with {completed.returncode}:\n"
            + completed.stdout[-6000:]
            + completed.stderr[-2000:]
        )
    return completed.stdout


def build_scenario(
    work_dir: Path,
    tables: dict[str, list[dict]],
    dbt_vars: dict | None = None,
    api_names: bool = False,
) -> Warehouse:
    """Load the raw tables, build the mapping seed and every model, and return a
    connection to the result."""
    load_raw_tables(work_dir, tables, api_names=api_names)
    run_dbt(work_dir, BUILD_WITHOUT_TESTS, dbt_vars)
    return Warehouse(work_dir, read_only=True)


def fetch_rows(
    warehouse: Warehouse, model: str, columns: list[str], where: str = "true"
) -> list[dict]:
    """Return the named columns of a mart as dicts, ordered by those columns with NULL
    last. The order is Python's, so it does not depend on the engine's collation."""
    column_list = ", ".join(columns)
    rows = warehouse.query(f"select {column_list} from {{marts}}.{model} where {where}")
    rows.sort(key=lambda row: tuple((value is None, value) for value in row))
    return [dict(zip(columns, row, strict=True)) for row in rows]


def salesforce_id(key_prefix: str, number: int) -> str:
    """Return a valid 18-character id such as `00QAb0000000001` plus its checksum."""
    from referral_insights.demo_data import case_safe_id

    return case_safe_id(f"{key_prefix}Ab{number:010d}")


def lead_row(
    number: int,
    first_name: str,
    last_name: str,
    lead_source: str | None,
    created_date: str,
    **fields: str,
) -> dict:
    """Return a raw lead row with id `salesforce_id('00Q', number)`; fields add columns."""
    return {
        "id": salesforce_id("00Q", number),
        "is_deleted": "false",
        "first_name": first_name,
        "last_name": last_name,
        "lead_source": lead_source,
        "status": "Open - Not Contacted",
        "created_date": created_date,
        "is_converted": "false",
        **fields,
    }
