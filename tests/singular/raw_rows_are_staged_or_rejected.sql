-- Nothing is lost: every raw row is in its staging model or in rejected_records.
-- Returns one row per raw table whose counts do not add up.
{% set staged_models = {
    'lead': 'stg_salesforce__leads',
    'contact': 'stg_salesforce__contacts',
    'account': 'stg_salesforce__accounts',
    'opportunity': 'stg_salesforce__opportunities',
    'opportunity_contact_role': 'stg_salesforce__opportunity_contact_roles',
    'user': 'stg_salesforce__users',
    'campaign': 'stg_salesforce__campaigns',
    'campaign_member': 'stg_salesforce__campaign_members',
} %}

{% set raw_counts = {} %}
{% for table_name in staged_models %}
    {% set raw_source = salesforce_source(table_name, quiet=true) %}
    {% do raw_counts.update({table_name: '0' if raw_source.sql is none
        else '(select count(*) from ' ~ raw_source.sql ~ ')'}) %}
{% endfor %}

with

{% for table_name, model_name in staged_models.items() %}
    counts_{{ table_name }} as (
        select
            '{{ table_name }}' as source_table,
            {{ raw_counts[table_name] }} as raw_rows,
            (select count(*) from {{ ref(model_name) }}) as staged_rows,
            (
                select count(*) from {{ ref('rejected_records') }}
                where source_table = '{{ table_name }}'
            ) as rejected_rows
    ),

{% endfor %}
all_counts as (
    {% for table_name in staged_models %}
        select * from counts_{{ table_name }}
        {% if not loop.last %}union all{% endif %}
    {% endfor %}
),

validation_errors as (
    select *
    from all_counts
    where raw_rows <> staged_rows + rejected_rows
)

select * from validation_errors
