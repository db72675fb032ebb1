{#
    Resolve where one raw Salesforce table is read from.

    Returns a dict:
      sql      - text usable after FROM, or none when an optional table is missing
      columns  - the raw column names (empty until execution)
      origin   - 'schema', 'export' or 'parquet', for log lines and errors

    Arguments:
      table_name (string): the source contract's table name, for example 'lead'.
      quiet (boolean): skip the log line for a missing optional table, for callers
        other than the staging model, which logs it once.
#}


{% macro salesforce_export_file_names() %}
    {{ return({
        'lead': 'Lead.csv',
        'contact': 'Contact.csv',
        'account': 'Account.csv',
        'opportunity': 'Opportunity.csv',
        'opportunity_contact_role': 'OpportunityContactRole.csv',
        'user': 'User.csv',
        'campaign': 'Campaign.csv',
        'campaign_member': 'CampaignMember.csv',
    }) }}
{% endmacro %}

{% macro salesforce_optional_tables() %}
    {{ return(['opportunity_contact_role', 'campaign', 'campaign_member', 'user', 'account']) }}
{% endmacro %}

{% macro salesforce_source(table_name, quiet=false) %}
    {% set export_path = var('salesforce_export_path') %}
    {% set parquet_path = var('salesforce_parquet_path') %}
    {% set is_optional = table_name in salesforce_optional_tables() %}

    {% if export_path and parquet_path %}
        {{ exceptions.raise_compiler_error(
            "Both vars salesforce_export_path and salesforce_parquet_path are set. "
            ~ "Set only one of them: the export path for Salesforce CSV exports, "
            ~ "or the Parquet path for snake_case Parquet files."
        ) }}
    {% endif %}

    {% if export_path or parquet_path %}
        {% if target.type != 'duckdb' %}
            {{ exceptions.raise_compiler_error(
                "Vars salesforce_export_path and salesforce_parquet_path work only on the "
                ~ "DuckDB target, but the target is '" ~ target.type ~ "'. Load the files "
                ~ "into a schema and set salesforce_schema instead."
            ) }}
        {% endif %}
        {% if export_path %}
            {% set file_path = export_path.rstrip('/') ~ '/'
                ~ salesforce_export_file_names()[table_name] %}
            {% set reader = salesforce_export_reader(file_path) %}
            {% set origin = 'export' %}
        {% else %}
            {% set file_path = parquet_path.rstrip('/') ~ '/' ~ table_name ~ '.parquet' %}
            {% set reader = "read_parquet('" ~ file_path ~ "')" %}
            {% set origin = 'parquet' %}
        {% endif %}
        {% if not execute %}
            {{ return({'sql': reader, 'columns': [], 'origin': origin}) }}
        {% endif %}
        {% set found = run_query(
            "select count(*) from glob('" ~ file_path | replace("'", "''") ~ "')"
        ).columns[0].values()[0] %}
        {% if found == 0 %}
            {% if is_optional %}
                {% if not quiet %}
                    {{ log("referral_insights: optional file " ~ file_path ~ " not found; "
                        ~ "table '" ~ table_name ~ "' is read as empty.", info=true) }}
                {% endif %}
                {{ return({'sql': none, 'columns': [], 'origin': origin}) }}
            {% endif %}
            {{ exceptions.raise_compiler_error(
                "Required file " ~ file_path ~ " for table '" ~ table_name
                ~ "' was not found. Check the var "
                ~ ('salesforce_export_path' if export_path else 'salesforce_parquet_path')
                ~ " (now '" ~ (export_path or parquet_path) ~ "')."
            ) }}
        {% endif %}
        {% set described = run_query("describe select * from " ~ reader) %}
        {{ return({
            'sql': reader,
            'columns': described.columns[0].values() | list,
            'origin': origin,
        }) }}
    {% endif %}

    {% set relation = source('salesforce', table_name) %}
    {% if not execute %}
        {{ return({'sql': relation, 'columns': [], 'origin': 'schema'}) }}
    {% endif %}
    {% set existing = adapter.get_relation(
        database=relation.database, schema=relation.schema, identifier=relation.identifier
    ) %}
    {% if existing is none %}
        {% if is_optional %}
            {% if not quiet %}
            {{ log("referral_insights: optional table " ~ relation ~ " not found; it is read "
                ~ "as empty. Set var salesforce_" ~ table_name ~ "_identifier if it has "
                ~ "another name.", info=true) }}
            {% endif %}
            {{ return({'sql': none, 'columns': [], 'origin': 'schema'}) }}
        {% endif %}
        {{ exceptions.raise_compiler_error(
            "Required table " ~ relation ~ " for '" ~ table_name ~ "' was not found. "
            ~ "Set var salesforce_schema (now '" ~ var('salesforce_schema') ~ "'), "
            ~ "salesforce_database or salesforce_" ~ table_name ~ "_identifier to where "
            ~ "the raw table is."
        ) }}
    {% endif %}
    {% set columns = adapter.get_columns_in_relation(existing) %}
    {{ return({
        'sql': existing,
        'columns': columns | map(attribute='name') | list,
        'origin': 'schema',
    }) }}
{% endmacro %}

{% macro salesforce_export_reader(file_path) %}
    {#- Every column is read as text: staging parses each value itself. The dialect is
        fixed instead of sniffed, because footer lines in report exports mislead the
        sniffer. null_padding reads a footer line as a row with only its first column,
        and it needs the serial reader to allow line breaks inside quoted fields. A UTF-8
        byte-order mark, CRLF line ends and blank lines are handled by read_csv. -#}
    {{ return(
        "read_csv('" ~ file_path | replace("'", "''") ~ "', header = true, "
        ~ "all_varchar = true, delim = ',', quote = '\"', escape = '\"', "
        ~ "null_padding = true, parallel = false)"
    ) }}
{% endmacro %}


{#-
    The raw tables of the source contract with the models that stage them, in one place
    for every model and test that goes through all of them. Each entry is a dict with
    keys table (the contract's name), base_model and staging_model.
-#}
{% macro salesforce_table_models() %}
    {% set staging_names = {
        'lead': 'stg_salesforce__leads',
        'contact': 'stg_salesforce__contacts',
        'account': 'stg_salesforce__accounts',
        'opportunity': 'stg_salesforce__opportunities',
        'opportunity_contact_role': 'stg_salesforce__opportunity_contact_roles',
        'user': 'stg_salesforce__users',
        'campaign': 'stg_salesforce__campaigns',
        'campaign_member': 'stg_salesforce__campaign_members',
    } %}
    {% set entries = [] %}
    {% for table_name, staging_model in staging_names.items() %}
        {% do entries.append({
            'table': table_name,
            'base_model': 'base_salesforce__' ~ table_name,
            'staging_model': staging_model,
        }) %}
    {% endfor %}
    {{ return(entries) }}
{% endmacro %}
