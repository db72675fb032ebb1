-- Leads and opportunities per month and generated source, as the CRM records them and
-- as corrected by the referral lineage. A difference column is corrected minus
-- recorded: positive where the correction moved leads or amounts into the source.
with

leads as (
    select * from {{ ref('leads') }}
),

opportunity_attribution as (
    select * from {{ ref('opportunity_attribution') }}
),

lead_facts as (
    select
        created_month as report_month,
        generated_source,
        1 as leads,
        0 as recorded_leads,
        0 as opportunities,
        0 as recorded_opportunities,
        0 as pipeline_amount,
        0 as recorded_pipeline_amount,
        0 as won_amount,
        0 as recorded_won_amount
    from leads

    union all

    select
        created_month as report_month,
        recorded_generated_source as generated_source,
        0 as leads,
        1 as recorded_leads,
        0 as opportunities,
        0 as recorded_opportunities,
        0 as pipeline_amount,
        0 as recorded_pipeline_amount,
        0 as won_amount,
        0 as recorded_won_amount
    from leads
),

opportunity_facts as (
    select
        created_month as report_month,
        generated_source,
        0 as leads,
        0 as recorded_leads,
        1 as opportunities,
        0 as recorded_opportunities,
        coalesce(pipeline_amount, 0) as pipeline_amount,
        0 as recorded_pipeline_amount,
        coalesce(won_amount, 0) as won_amount,
        0 as recorded_won_amount
    from opportunity_attribution

    union all

    select
        created_month as report_month,
        recorded_generated_source as generated_source,
        0 as leads,
        0 as recorded_leads,
        0 as opportunities,
        1 as recorded_opportunities,
        0 as pipeline_amount,
        coalesce(pipeline_amount, 0) as recorded_pipeline_amount,
        0 as won_amount,
        coalesce(won_amount, 0) as recorded_won_amount
    from opportunity_attribution
),

all_facts as (
    select * from lead_facts
    union all
    select * from opportunity_facts
),

totals as (
    select
        report_month,
        generated_source,
        cast(sum(leads) as bigint) as leads,
        cast(sum(recorded_leads) as bigint) as recorded_leads,
        cast(sum(opportunities) as bigint) as opportunities,
        cast(sum(recorded_opportunities) as bigint) as recorded_opportunities,
        cast(sum(pipeline_amount) as decimal(18, 2)) as pipeline_amount,
        cast(sum(recorded_pipeline_amount) as decimal(18, 2)) as recorded_pipeline_amount,
        cast(sum(won_amount) as decimal(18, 2)) as won_amount,
        cast(sum(recorded_won_amount) as decimal(18, 2)) as recorded_won_amount
    from all_facts
    group by 1, 2
),

final as (
    select
        report_month,
        generated_source,
        leads,
        recorded_leads,
        leads - recorded_leads as lead_difference,
        opportunities,
        recorded_opportunities,
        opportunities - recorded_opportunities as opportunity_difference,
        pipeline_amount,
        recorded_pipeline_amount,
        cast(pipeline_amount - recorded_pipeline_amount as decimal(18, 2))
            as pipeline_difference,
        won_amount,
        recorded_won_amount,
        cast(won_amount - recorded_won_amount as decimal(18, 2)) as won_difference
    from totals
)

select * from final
