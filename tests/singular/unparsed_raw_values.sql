-- Raw values that staging could not read and therefore stored as NULL (or, for a
-- boolean that must be true or false, as false): timestamps in an unknown format,
-- booleans spelled in an unknown way, amounts that are not numbers. Fix the data, or
-- add the timestamp format to var salesforce_timestamp_formats.
{{ config(severity='warn') }}

{% set base_models = [
    ('lead', 'base_salesforce__lead'),
    ('contact', 'base_salesforce__contact'),
    ('account', 'base_salesforce__account'),
    ('opportunity', 'base_salesforce__opportunity'),
    ('opportunity_contact_role', 'base_salesforce__opportunity_contact_role'),
    ('user', 'base_salesforce__user'),
    ('campaign', 'base_salesforce__campaign'),
    ('campaign_member', 'base_salesforce__campaign_member'),
] %}

with

validation_errors as (
    {% for table_name, model_name in base_models %}
        select
            '{{ table_name }}' as source_table,
            source_record_id,
            unparsed_values
        from {{ ref(model_name) }}
        where unparsed_values is not null
        {% if not loop.last %}union all{% endif %}
    {% endfor %}
)

select * from validation_errors
