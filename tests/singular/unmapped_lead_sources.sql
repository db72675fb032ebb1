-- Lead sources that lead_source_mapping does not know, NULL and empty included. Their
-- leads are kept with channel Unknown; add a row to seeds/lead_source_mapping.csv to
-- give them a channel.
{{ config(severity='warn') }}

with

lead_sources as (
    select * from {{ ref('int_referrals__lead_sources') }}
),

validation_errors as (
    select
        lead_source,
        count(*) as leads
    from lead_sources
    where not is_lead_source_mapped
    group by lead_source
)

select * from validation_errors
