-- Built where snapshots are: not on the local Spark session, which writes Parquet.
{{ config(enabled=target.type != 'spark') }}

-- One row per change to a lead's classification fields between two snapshot versions,
-- for auditing reps' later edits, such as a generated source switched after the fact.
-- Lead Source Details values are masked unless var mask_personal_data is false.
with

snapshot_versions as (
    select * from {{ ref('lead_classification_snapshot') }}
),

versions as (
    select
        lead_id,
        owner_id,
        lead_source,
        rep_generated_source,
        lead_source_details,
        dbt_valid_from as changed_at,
        lag(owner_id) over (partition by lead_id order by dbt_valid_from)
            as previous_owner_id,
        lag(lead_source) over (partition by lead_id order by dbt_valid_from)
            as previous_lead_source,
        lag(rep_generated_source) over (partition by lead_id order by dbt_valid_from)
            as previous_rep_generated_source,
        lag(lead_source_details) over (partition by lead_id order by dbt_valid_from)
            as previous_lead_source_details,
        row_number() over (partition by lead_id order by dbt_valid_from) as version_number
    from snapshot_versions
),

field_changes as (
    {% for field in ['owner_id', 'lead_source', 'rep_generated_source', 'lead_source_details'] %}
        select
            lead_id,
            '{{ field }}' as field_name,
            {% if field == 'lead_source_details' %}
                {{ mask_personal_text('previous_' ~ field) }} as previous_value,
                {{ mask_personal_text(field) }} as new_value,
            {% else %}
                previous_{{ field }} as previous_value,
                {{ field }} as new_value,
            {% endif %}
            changed_at
        from versions
        where
            version_number > 1
            and coalesce(previous_{{ field }}, '') <> coalesce({{ field }}, '')
        {% if not loop.last %}union all{% endif %}
    {% endfor %}
)

select * from field_changes
