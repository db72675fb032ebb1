{#-
    Grants on the local Spark session. The public marts take their grants config from
    var mart_grants. dbt-spark 1.11.0 runs `grant select on <table> to <role>` for it,
    which Apache Spark's SQL parser rejects (pyspark 4.3.0: "INVALID_STATEMENT_OR_CLAUSE
    ... GRANT is not valid"). So on the local session (`method: session`) the grants are
    skipped with a log line. On a Thrift or HTTP connection, which may reach a service
    with grants such as Databricks, dbt-spark applies them as it always does.

    DuckDB needs nothing here: dbt-duckdb 1.11.1 skips grants and warns once per run
    "Grants for relations are not supported by DuckDB".
-#}
{% macro spark__apply_grants(relation, grant_config, should_revoke=True) %}
    {#- NOTE: `target` lacks the connection method on dbt-spark 1.11.0, so it is read from
        the adapter's credentials, which dbt-core 1.11 exposes but does not document. -#}
    {% if grant_config and adapter.config.credentials.method == 'session' %}
        {% do log(
            "referral_insights: grants " ~ tojson(grant_config) ~ " (var mart_grants) "
            ~ "not applied to " ~ relation ~ ": Apache Spark's local session has no "
            ~ "GRANT statement.",
            info=true
        ) %}
    {% else %}
        {% do default__apply_grants(relation, grant_config, should_revoke) %}
    {% endif %}
{% endmacro %}
