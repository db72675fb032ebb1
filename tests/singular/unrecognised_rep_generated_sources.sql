-- Generated source values that reps entered but that match no label in var
-- generated_source_values. They are read as NULL; fix them in the CRM or add the label.
{{ config(severity='warn') }}

with

leads as (
    select * from {{ ref('stg_salesforce__leads') }}
),

validation_errors as (
    select
        rep_generated_source,
        count(*) as leads
    from leads
    where
        rep_generated_source is not null
        and {{ canonical_generated_source('rep_generated_source') }} is null
    group by rep_generated_source
)

select * from validation_errors
