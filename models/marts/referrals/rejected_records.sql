-- Every raw row that staging left out, with the reason. Together with the staging
-- models it accounts for every raw row.
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

{% for table_name, model_name in base_models %}
    rejected_{{ table_name }} as (
        select
            '{{ table_name }}' as source_table,
            source_record_id,
            record_id,
            rejection_reason,
            {% if table_name in ['lead', 'contact'] %}
                merged_into_id,
            {% else %}
                cast(null as {{ dbt.type_string() }}) as merged_into_id,
            {% endif %}
            synced_at
        from {{ ref(model_name) }}
        where rejection_reason is not null
    ),

{% endfor %}
all_rejected as (
    {% for table_name, model_name in base_models %}
        select * from rejected_{{ table_name }}
        {% if not loop.last %}union all{% endif %}
    {% endfor %}
),

final as (
    select
        source_table,
        source_record_id,
        record_id,
        merged_into_id,
        rejection_reason,
        cast(
            row_number() over (
                partition by source_table, source_record_id, rejection_reason
                order by synced_at nulls last
            ) as bigint
        ) as occurrence
    from all_rejected
)

select * from final
