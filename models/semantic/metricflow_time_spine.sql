-- One row per day for MetricFlow's time-based joins. The range is an estimate of the
-- CRM history a project holds. A metric joined to the spine finds no day outside it.
{{ config(materialized='table') }}

with

days as (
    {{ date_series('2000-01-01', '2049-12-31') }}
),

final as (
    select date_day
    from days
)

select * from final
