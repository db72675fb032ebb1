-- Nothing is lost: every raw row is in its staging model or in rejected_records.
-- Returns one row per raw table whose counts do not add up.
{% set table_models = salesforce_table_models() %}

{% set raw_counts = {} %}
{% for entry in table_models %}
    {% set raw_source = salesforce_source(entry.table, quiet=true) %}
    {% do raw_counts.update({entry.table: '0' if raw_source.sql is none
        else '(select count(*) from ' ~ raw_source.sql ~ ')'}) %}
{% endfor %}

with

{% for entry in table_models %}
    counts_{{ entry.table }} as (
        select
            '{{ entry.table }}' as source_table,
            {{ raw_counts[entry.table] }} as raw_rows,
            (select count(*) from {{ ref(entry.staging_model) }}) as staged_rows,
            (
                select count(*) from {{ ref('rejected_records') }}
                where source_table = '{{ entry.table }}'
            ) as rejected_rows
    ),

{% endfor %}
all_counts as (
    {% for entry in table_models %}
        select * from counts_{{ entry.table }}
        {% if not loop.last %}union all{% endif %}
    {% endfor %}
),

validation_errors as (
    select *
    from all_counts
    where raw_rows <> staged_rows + rejected_rows
)

select * from validation_errors
