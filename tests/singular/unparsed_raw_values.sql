-- Raw values that staging could not read and therefore stored as NULL (or, for a
-- boolean that must be true or false, as false): timestamps in an unknown format,
-- booleans spelled in an unknown way, amounts that are not numbers. Fix the data, or
-- add the timestamp format to var salesforce_timestamp_formats.
{{ config(severity='warn') }}

{% set table_models = salesforce_table_models() %}

with

validation_errors as (
    {% for entry in table_models %}
        select
            '{{ entry.table }}' as source_table,
            source_record_id,
            unparsed_values
        from {{ ref(entry.base_model) }}
        where unparsed_values is not null
        {% if not loop.last %}union all{% endif %}
    {% endfor %}
)

select * from validation_errors
