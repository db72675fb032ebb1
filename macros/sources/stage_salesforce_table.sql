{#
    Build the typed, checked select over one raw Salesforce table. Every raw row comes
    out once, with `rejection_reason` NULL for rows that staging keeps and one of the
    reasons in var rejection_reasons otherwise.

    Arguments:
      table_name (string): the source contract's table name, for example 'lead'.
      columns (list of dict): one entry per output column, with keys
        name  - output column name
        raw   - raw column name in the contract's snake_case shape
        type  - 'id', 'text', 'boolean', 'flag' (boolean, NULL read as false),
                'timestamp', 'date' or 'number'
        var   - optional: the var that names this raw column, quoted in the log line
                when the column is missing
      derived_columns (list of dict): optional columns computed from the typed ones, with
        keys name and sql, such as the normalised match keys. Computing them here means
        an incremental run computes them only for the rows it stages.

    The raw table's primary key is always its `id` column. Raw columns are found by
    name with case and underscores ignored, so `LeadSource` (an export or API-style
    loader) and `lead_source` (a snake_case loader) both match `lead_source`.
#}
{% macro stage_salesforce_table(table_name, columns, derived_columns=[]) %}
    {% set raw_source = salesforce_source(table_name) %}
    {% set raw_by_key = {} %}
    {% for raw_name in raw_source.columns %}
        {% do raw_by_key.update({salesforce_column_key(raw_name): raw_name}) %}
    {% endfor %}

    {% set system_columns = {
        'id': 'id',
        'is_deleted': 'is_deleted',
        'fivetran_deleted': '_fivetran_deleted',
        'fivetran_active': '_fivetran_active',
        'fivetran_synced': '_fivetran_synced',
    } %}
    {% set found_system = {} %}
    {% for key, raw_name in system_columns.items() %}
        {% set match = raw_by_key.get(salesforce_column_key(raw_name)) %}
        {% if match %}{% do found_system.update({key: adapter.quote(match)}) %}{% endif %}
    {% endfor %}

    {% if execute and raw_source.sql is not none and 'id' not in found_system %}
        {{ exceptions.raise_compiler_error(
            "Raw table '" ~ table_name ~ "' (" ~ raw_source.sql ~ ") has no id column. "
            ~ "Its columns are: " ~ raw_source.columns | join(', ') ~ ". Point the source "
            ~ "vars at the Salesforce " ~ table_name ~ " table."
        ) }}
    {% endif %}

{#- Build order only: when the demo seeds load into the source schema, read after them. #}
{% if var('load_demo_data') and not var('salesforce_export_path')
    and not var('salesforce_parquet_path') %}
-- depends_on: {{ ref(table_name) }}
{% endif %}

with

{#- Staging reads a raw row again only when its fingerprint changed. The salt holds
    everything else that decides the parsed values, so a change there re-stages every
    row. -#}
{% set fingerprint_salt = local_md5(tojson({
    'staging_version': 1,
    'columns': columns,
    'derived_columns': derived_columns,
    'raw_columns': raw_source.columns,
    'origin': raw_source.origin,
    'timestamp_formats': var('salesforce_timestamp_formats'),
})) %}

{% set quoted_raw_columns = [] %}
{% for raw_name in raw_source.columns %}
    {% do quoted_raw_columns.append(adapter.quote(raw_name)) %}
{% endfor %}

raw_rows as (
    {% if raw_source.sql is none %}
    select
        1 as placeholder_column,
        cast(null as {{ dbt.type_string() }}) as record_key,
        {{ row_fingerprint(['null'], fingerprint_salt) }} as row_fingerprint
    where 1 = 0
    {% else %}
    select
        *,
        {{ salesforce_record_key(found_system.get('id', 'null')) }} as record_key,
        {{ row_fingerprint(quoted_raw_columns, fingerprint_salt) }} as row_fingerprint
    from {{ raw_source.sql }}
    {% endif %}
),

{% if is_incremental() %}
-- The records with a raw row that is new, changed or gone since the last run. Every raw
-- row of such a record is staged again, because duplicates are ranked within a record.
raw_fingerprints as (
    select
        record_key,
        row_fingerprint,
        count(*) as row_count
    from raw_rows
    group by record_key, row_fingerprint
),

staged_fingerprints as (
    select
        record_key,
        row_fingerprint,
        count(*) as row_count
    from {{ this }}
    group by record_key, row_fingerprint
),

changed_records as (
    select distinct coalesce(raw_fingerprints.record_key, staged_fingerprints.record_key)
        as record_key
    from raw_fingerprints
    full outer join staged_fingerprints
        on
            raw_fingerprints.record_key = staged_fingerprints.record_key
            and raw_fingerprints.row_fingerprint = staged_fingerprints.row_fingerprint
    where
        raw_fingerprints.row_count is null
        or staged_fingerprints.row_count is null
        or raw_fingerprints.row_count <> staged_fingerprints.row_count
),

rows_to_stage as (
    select raw_rows.*
    from raw_rows
    inner join changed_records
        on raw_rows.record_key = changed_records.record_key
),
{% else %}
rows_to_stage as (
    select * from raw_rows
),
{% endif %}

-- Id columns as clean text, once: the checksum reads each id character by character.
id_texts as (
    select
        *,
        {%- for column in columns if column.type == 'id'
            and raw_by_key.get(salesforce_column_key(column.raw)) %}
        {{ clean_text(adapter.quote(raw_by_key.get(salesforce_column_key(column.raw)))) }}
            as id_text__{{ column.name }},
        {%- endfor %}
        {{ clean_text(found_system.get('id', 'null')) }} as id_text__record
    from rows_to_stage
),

typed as (
    select
        record_key,
        row_fingerprint,
        id_text__record as source_record_id,
        {{ case_safe_id_from_text('id_text__record') }} as record_id,
        {% for column in columns %}
        {% set match = raw_by_key.get(salesforce_column_key(column.raw)) %}
        {% if match and column.type == 'id' %}
        {{ case_safe_id_from_text('id_text__' ~ column.name) }} as {{ column.name }},
        {% elif match %}
        {{ parse_salesforce_value(adapter.quote(match), column.type) }} as {{ column.name }},
        {% else %}
        {% if execute and raw_source.sql is not none %}
        {% do log("referral_insights: column '" ~ column.raw ~ "' ("
            ~ salesforce_api_name(column.raw) ~ " in an export) not found in raw table '"
            ~ table_name ~ "'; " ~ column.name ~ " is NULL."
            ~ (" Set var " ~ column.var ~ " to the org's field name." if column.var else ""),
            info=true) %}
        {% endif %}
        {{ parse_salesforce_value('null', column.type) }} as {{ column.name }},
        {% endif %}
        {% endfor %}
        (
            {{ parse_salesforce_value(found_system.get('is_deleted', 'null'), 'flag') }}
            or {{ parse_salesforce_value(found_system.get('fivetran_deleted', 'null'), 'flag') }}
        ) as is_deleted_row,
        {% if 'fivetran_active' in found_system %}
        -- History mode keeps every version of a row; only the active one is current.
        coalesce(
            {{ parse_salesforce_value(found_system['fivetran_active'], 'boolean') }}, true
        ) as is_active_history_row,
        {% else %}
        true as is_active_history_row,
        {% endif %}
        {{ parse_salesforce_value(found_system.get('fivetran_synced', 'null'), 'timestamp') }}
            as synced_at,
        {#- Raw text that a typed column could not read, as `column=value` pairs. -#}
        nullif(concat_ws(', ', cast(null as {{ dbt.type_string() }})
            {%- for column in columns if column.type in ['timestamp', 'date', 'number', 'boolean', 'flag'] %}
            {%- set match = raw_by_key.get(salesforce_column_key(column.raw)) %}
            {%- if match %},
            case
                when {{ clean_text(adapter.quote(match)) }} is not null
                    and {{ parse_salesforce_value(adapter.quote(match),
                        'boolean' if column.type == 'flag' else column.type) }} is null
                    then {{ string_literal(column.raw ~ '=') }} || {{ clean_text(adapter.quote(match)) }}
            end
            {%- endif %}
            {%- endfor %}
        ), '') as unparsed_values,
        {% set other_columns = raw_source.columns
            | reject('equalto', raw_by_key.get('id')) | list %}
        {% if raw_source.origin == 'export' and other_columns %}
        -- Report exports end with lines such as "Generated By: ..." that fill only the
        -- first column.
        coalesce(
            {%- for raw_name in other_columns %}
            {{ clean_text(adapter.quote(raw_name)) }}{{ ',' if not loop.last }}
            {%- endfor %}
        ) is null as is_report_footer
        {% else %}
        false as is_report_footer
        {% endif %}
    from id_texts
),

derived as (
    select
        {%- for column in derived_columns %}
        {{ column.sql }} as {{ column.name }},
        {%- endfor %}
        *
    from typed
),

ranked as (
    select
        *,
        row_number() over (
            partition by record_id, is_active_history_row
            order by synced_at desc nulls last, is_deleted_row asc
        ) as duplicate_rank
    from derived
),

checked as (
    select
        *,
        case
            when not {{ is_valid_id_text('source_record_id') }} and is_report_footer
                then 'report_footer'
            when not {{ is_valid_id_text('source_record_id') }} then 'invalid_id'
            when not is_active_history_row then 'inactive_history_row'
            when duplicate_rank > 1 then 'duplicate'
            {% if 'merged_into_id' in columns | map(attribute='name') | list %}
            when is_deleted_row and merged_into_id is not null then 'merged'
            {% endif %}
            when is_deleted_row then 'deleted'
        end as rejection_reason
    from ranked
)

select * from checked
{% endmacro %}


{#- Post-hook of the incremental base models: remove the staged rows of records that are
    no longer in the raw table at all. Staging re-reads records that changed, but a
    record that is gone has no raw row left to replace its staged rows. -#}
{% macro delete_vanished_salesforce_records() %}
    {% if not execute or model.config.materialized != 'incremental' %}
        {{ return('') }}
    {% endif %}
    {% set table_name = model.name.replace('base_salesforce__', '') %}
    {% set raw_source = salesforce_source(table_name, quiet=true) %}
    {% if raw_source.sql is none %}
        {{ return('delete from ' ~ this) }}
    {% endif %}
    {% set found = namespace(id_column=none) %}
    {% for raw_name in raw_source.columns %}
        {% if salesforce_column_key(raw_name) == 'id' %}
            {% set found.id_column = adapter.quote(raw_name) %}
        {% endif %}
    {% endfor %}
    delete from {{ this }} as staged_rows
    where not exists (
        select 1
        from {{ raw_source.sql }} as raw_rows
        where {{ salesforce_record_key('raw_rows.' ~ found.id_column) }} = staged_rows.record_key
    )
{% endmacro %}


{#- The key that ties a raw row to its record: the first 15 characters of its id, which
    are the same in the 15- and the 18-character form. A row without an id gets the
    empty key. -#}
{% macro salesforce_record_key(id_expression) %}
    {{- return("coalesce(substr(" ~ clean_text(id_expression) ~ ", 1, 15), '')") -}}
{% endmacro %}


{#- The Salesforce API spelling of a snake_case column: lead_source gives LeadSource, and
    the custom field generated_source_c gives Generated_Source__c. -#}
{% macro salesforce_api_name(column_name) %}
    {% if column_name.endswith('_c') %}
        {% set parts = column_name[:-2].split('_') %}
        {{ return(parts | map('capitalize') | join('_') ~ '__c') }}
    {% endif %}
    {{ return(column_name.split('_') | map('capitalize') | join('')) }}
{% endmacro %}


{% macro salesforce_column_key(column_name) %}
    {{ return(column_name | lower | replace('_', '') | replace(' ', '')) }}
{% endmacro %}
