"""Measure how the DuckDB build's cost grows with the number of leads.

Run it from the project folder, after `make demo` has created the environment::

    python -m referral_insights.benchmark --leads 100000 1000000 10000000

For each size it generates the raw tables as Parquet, builds every model from those
files in a fresh DuckDB warehouse, runs the data tests, changes 1 % of the leads and
builds again incrementally. It prints one table row per size:

- generation time;
- full build time, as models (`dbt build` without tests) plus tests (`dbt test`);
- incremental build time after the change, again as models plus tests;
- the highest peak resident memory of any of those dbt runs;
- the engine floor: the time DuckDB takes to read every column of every raw table once
  and to join leads to opportunities. No build can be faster than that.

Each dbt command is timed as a user runs it, so the figures include dbt's own start-up
and parsing. The warehouse's memory limit and threads come from the environment
variables REFERRAL_INSIGHTS_DUCKDB_MEMORY_LIMIT and REFERRAL_INSIGHTS_THREADS, as in
`profiles.yml`, but with defaults of 6GB and 1 thread here. The generator uses every
core.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import duckdb

from referral_insights.generate import TABLES

PROJECT_DIR = Path(__file__).resolve().parents[1]

# Every node but the tests: the mapping seed, the models and the snapshot. The tests,
# data and unit, follow with `dbt test`.
MODELS = ["build", "--exclude", "resource_type:test", "resource_type:unit_test"]

# A child process that runs one command and writes its peak resident memory, in KiB, to
# the file named by its first argument. Linux reports ru_maxrss in KiB.
MEASURED_CHILD = (
    "import resource, subprocess, sys\n"
    "completed = subprocess.run(sys.argv[2:])\n"
    "peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss\n"
    "open(sys.argv[1], 'w').write(str(peak))\n"
    "sys.exit(completed.returncode)\n"
)


@dataclass
class Measurement:
    seconds: float
    peak_kib: int


@dataclass
class SizeResult:
    leads: int
    generation: Measurement
    full_models: Measurement
    full_tests: Measurement
    incremental_models: Measurement
    incremental_tests: Measurement
    floor_seconds: float
    changed_leads: int

    @property
    def peak_gib(self) -> float:
        peaks = [
            self.full_models.peak_kib,
            self.full_tests.peak_kib,
            self.incremental_models.peak_kib,
            self.incremental_tests.peak_kib,
        ]
        return max(peaks) / 1024 / 1024


def run_measured(command: list[str], environment: dict[str, str], log_path: Path) -> Measurement:
    """Run a command with its output in log_path and return its wall time and peak memory.

    Raise SystemExit with the log's last lines when the command fails."""
    peak_file = log_path.with_suffix(".peak")
    started = time.monotonic()
    with log_path.open("w") as log:
        completed = subprocess.run(
            [sys.executable, "-c", MEASURED_CHILD, str(peak_file), *command],
            env=environment,
            stdout=log,
            stderr=subprocess.STDOUT,
            check=False,
        )
    seconds = time.monotonic() - started
    if completed.returncode != 0:
        tail = "".join(log_path.read_text().splitlines(keepends=True)[-30:])
        raise SystemExit(
            f"benchmark: '{' '.join(command)}' failed with exit code {completed.returncode}. "
            f"Last lines of {log_path}:\n{tail}"
        )
    return Measurement(seconds, int(peak_file.read_text()))


def engine_floor(data_dir: Path, memory_limit: str) -> float:
    """Return the seconds DuckDB takes to read every column of every raw table once and
    to join leads to the opportunities they were converted into. DuckDB uses every core,
    as it does inside dbt, where the threads setting counts models, not cores."""
    connection = duckdb.connect()
    connection.execute(f"set memory_limit = '{memory_limit}'")
    started = time.monotonic()
    for table in TABLES:
        path = data_dir / f"{table}.parquet"
        # Hashing every column makes DuckDB read and decode all of them.
        connection.execute(f"select sum(hash(columns(*))) from read_parquet('{path}')").fetchall()
    connection.execute(
        f"""
        select count(*), sum(opportunity.amount)
        from read_parquet('{data_dir / "lead.parquet"}') as lead
        inner join read_parquet('{data_dir / "opportunity.parquet"}') as opportunity
            on lead.converted_opportunity_id = opportunity.id
        """
    ).fetchall()
    seconds = time.monotonic() - started
    connection.close()
    return seconds


def change_one_percent(source_dir: Path, target_dir: Path) -> int:
    """Copy the raw tables with 1 % of the leads changed, and return how many changed.

    Of every 1,000 leads, 5 get another generated source, 2 are marked deleted and 3 new
    referral leads are added that name existing leads. Which leads change is a hash of
    their ids, so the change is the same on every run."""
    target_dir.mkdir(parents=True, exist_ok=True)
    for table in TABLES:
        if table != "lead":
            shutil.copyfile(source_dir / f"{table}.parquet", target_dir / f"{table}.parquet")
    source = source_dir / "lead.parquet"
    target = target_dir / "lead.parquet"
    connection = duckdb.connect()
    connection.execute(
        f"""
        copy (
            with source as (
                select *, hash(id, 'benchmark change') % 1000 as change_bucket
                from read_parquet('{source}')
            )

            select * exclude (change_bucket) replace (
                case
                    when change_bucket < 5 and generated_source_c = 'Sales Generated'
                        then 'Marketing Generated'
                    when change_bucket < 5 then 'Sales Generated'
                    else generated_source_c
                end as generated_source_c,
                is_deleted or change_bucket in (5, 6) as is_deleted
            )
            from source

            union all

            -- New referral leads: copies of existing leads that name the original. Their
            -- 15-character ids start 00QZ, which generated ids do not use, and staging
            -- adds the checksum.
            select * exclude (change_bucket) replace (
                '00QZ' || substr(id, 5, 11) as id,
                'Referral' as lead_source,
                'Referred by ' || first_name || ' ' || last_name as lead_source_details_c,
                null as generated_source_c,
                false as is_converted,
                null as converted_date,
                null as converted_account_id,
                null as converted_contact_id,
                null as converted_opportunity_id,
                null as master_record_id,
                false as is_deleted
            )
            from source
            where change_bucket in (7, 8, 9) and not is_deleted
        ) to '{target}' (format parquet)
        """
    )
    changed = connection.execute(
        f"""
        select count(*) from (
            select id, generated_source_c, is_deleted from read_parquet('{target}')
            except
            select id, generated_source_c, is_deleted from read_parquet('{source}')
        )
        """
    ).fetchone()[0]
    connection.close()
    return changed


def benchmark_size(
    leads: int, seed: int, work_dir: Path, threads: int, memory_limit: str
) -> SizeResult:
    size_dir = work_dir / f"{leads}-leads"
    shutil.rmtree(size_dir, ignore_errors=True)
    size_dir.mkdir(parents=True)
    data_dir = size_dir / "raw"
    changed_dir = size_dir / "raw-changed"
    environment = {
        **os.environ,
        "DBT_PROFILES_DIR": str(PROJECT_DIR),
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
        "REFERRAL_INSIGHTS_TARGET": "duckdb",
        "REFERRAL_INSIGHTS_DUCKDB_PATH": str(size_dir / "warehouse.duckdb"),
        "REFERRAL_INSIGHTS_THREADS": str(threads),
        "REFERRAL_INSIGHTS_DUCKDB_MEMORY_LIMIT": memory_limit,
    }

    def progress(step: str) -> None:
        print(f"[{leads:,} leads] {step}", file=sys.stderr, flush=True)

    progress("generating")
    generation = run_measured(
        [
            sys.executable,
            *("-m", "referral_insights.generate"),
            *("--leads", str(leads)),
            *("--seed", str(seed)),
            *("--output-dir", str(data_dir)),
        ],
        environment,
        size_dir / "generate.log",
    )

    def dbt(arguments: list[str], data: Path, log_name: str) -> Measurement:
        dbt_vars = {"salesforce_parquet_path": str(data), "load_demo_data": False}
        return run_measured(
            [
                str(Path(sys.executable).parent / "dbt"),
                *arguments,
                *("--project-dir", str(PROJECT_DIR)),
                *("--target-path", str(size_dir / "target")),
                *("--log-path", str(size_dir / "logs")),
                *("--vars", json.dumps(dbt_vars)),
            ],
            environment,
            size_dir / log_name,
        )

    progress("full build: models")
    full_models = dbt(MODELS, data_dir, "full-run.log")
    progress("full build: tests")
    full_tests = dbt(["test"], data_dir, "full-test.log")
    progress("changing 1 % of the leads")
    changed_leads = change_one_percent(data_dir, changed_dir)
    progress("incremental build: models")
    incremental_models = dbt(MODELS, changed_dir, "incremental-run.log")
    progress("incremental build: tests")
    incremental_tests = dbt(["test"], changed_dir, "incremental-test.log")
    progress("engine floor")
    floor_seconds = engine_floor(data_dir, memory_limit)
    return SizeResult(
        leads,
        generation,
        full_models,
        full_tests,
        incremental_models,
        incremental_tests,
        floor_seconds,
        changed_leads,
    )


def format_table(results: list[SizeResult]) -> str:
    header = (
        "| leads | generation | full: models + tests = total | "
        "incremental: models + tests = total | incremental / full | peak memory | "
        "engine floor |\n"
        "|---:|---:|---:|---:|---:|---:|---:|\n"
    )
    rows = []
    for result in results:
        full = result.full_models.seconds + result.full_tests.seconds
        incremental = result.incremental_models.seconds + result.incremental_tests.seconds
        rows.append(
            f"| {result.leads:,} "
            f"| {result.generation.seconds:.1f} s "
            f"| {result.full_models.seconds:.1f} + {result.full_tests.seconds:.1f} "
            f"= {full:.1f} s "
            f"| {result.incremental_models.seconds:.1f} + "
            f"{result.incremental_tests.seconds:.1f} = {incremental:.1f} s "
            f"| {incremental / full:.0%} "
            f"| {result.peak_gib:.2f} GiB "
            f"| {result.floor_seconds:.1f} s |"
        )
    return header + "\n".join(rows) + "\n"


def machine_description(threads: int, memory_limit: str) -> str:
    memory_gib = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 1024**3
    return (
        f"{os.cpu_count()} cores, {memory_gib:.0f} GiB, {platform.system()} "
        f"{platform.machine()}, Python {platform.python_version()}, "
        f"DuckDB {duckdb.__version__}; dbt threads {threads}, "
        f"DuckDB memory limit {memory_limit}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m referral_insights.benchmark",
        description="Time the DuckDB build on generated data of several sizes.",
    )
    parser.add_argument(
        "--leads",
        type=int,
        nargs="+",
        default=[100_000, 1_000_000, 10_000_000],
        metavar="N",
        help="lead counts to measure (default: 100000 1000000 10000000)",
    )
    parser.add_argument("--seed", type=int, default=20241201, help="generator seed")
    parser.add_argument(
        "--work-dir",
        type=Path,
        default=PROJECT_DIR / "target" / "benchmark",
        help="folder for the generated data and warehouses (default: target/benchmark)",
    )
    parser.add_argument(
        "--keep-data",
        action="store_true",
        help="keep each size's data and warehouse instead of deleting them afterwards",
    )
    arguments = parser.parse_args(argv)
    if any(leads < 1000 for leads in arguments.leads):
        parser.error("every --leads value must be at least 1000, so that 1 % is a change")

    # DuckDB's limit covers its buffers, not the whole dbt process. On 10M leads with
    # the profile's 2 threads and 8GB, the process peaked at 8.2 GiB, and with 6GB two
    # models built at once ran out of memory. One model at a time with 6GB peaked at
    # 6.2 GiB and was as fast, because each model then has both cores.
    threads = int(os.environ.get("REFERRAL_INSIGHTS_THREADS", "1"))
    memory_limit = os.environ.get("REFERRAL_INSIGHTS_DUCKDB_MEMORY_LIMIT", "6GB")
    results = []
    for leads in arguments.leads:
        results.append(
            benchmark_size(leads, arguments.seed, arguments.work_dir, threads, memory_limit)
        )
        if not arguments.keep_data:
            shutil.rmtree(arguments.work_dir / f"{leads}-leads")
        print(format_table(results[-1:]), file=sys.stderr, flush=True)

    print(f"Machine: {machine_description(threads, memory_limit)}")
    sizes = " ".join(str(leads) for leads in arguments.leads)
    print(f"Command: python -m referral_insights.benchmark --leads {sizes}")
    print()
    print(format_table(results), end="")
    for result in results:
        print(f"\n{result.leads:,} leads: {result.changed_leads:,} leads changed or added")
    return 0


if __name__ == "__main__":
    sys.exit(main())
