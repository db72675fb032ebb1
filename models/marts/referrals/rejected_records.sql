-- Every raw row that staging left out, with the reason. Together with the staging
-- models it accounts for every raw row. Id columns that contain text other than an id
-- are masked unless var mask_personal_data is false.
{% set table_models = salesforce_table_models() %}

with

{% for entry in table_models %}
    rejected_{{ entry.table }} as (
        select
            '{{ entry.table }}' as source_table,
            source_record_id,
            record_id,
            rejection_reason,
            {% if entry.table in ['lead', 'contact'] %}
                merged_into_id,
            {% else %}
                cast(null as {{ dbt.type_string() }}) as merged_into_id,
            {% endif %}
            synced_at
        from {{ ref(entry.base_model) }}
        where rejection_reason is not null
    ),

{% endfor %}
all_rejected as (
    {% for entry in table_models %}
        select * from rejected_{{ entry.table }}
        {% if not loop.last %}union all{% endif %}
    {% endfor %}
),

final as (
    select
        source_table,
        {{ mask_unless_id_shaped('source_record_id') }} as source_record_id,
        {{ mask_unless_id_shaped('record_id') }} as record_id,
        {{ mask_unless_id_shaped('merged_into_id') }} as merged_into_id,
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
