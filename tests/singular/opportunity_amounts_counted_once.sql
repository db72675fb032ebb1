-- Amounts are never counted twice: the monthly and summary marts add up to the
-- opportunity mart's totals.
with

opportunity_totals as (
    select
        coalesce(sum(pipeline_amount), 0) as pipeline_amount,
        coalesce(sum(won_amount), 0) as won_amount
    from {{ ref('opportunity_attribution') }}
),

summary_totals as (
    select
        coalesce(sum(pipeline_amount), 0) as pipeline_amount,
        coalesce(sum(won_amount), 0) as won_amount,
        coalesce(sum(recorded_pipeline_amount), 0) as recorded_pipeline_amount
    from {{ ref('generated_source_summary') }}
),

referral_sourced_totals as (
    select coalesce(sum(pipeline_amount), 0) as pipeline_amount
    from {{ ref('opportunity_attribution') }}
    where is_referral_sourced
),

monthly_totals as (
    select coalesce(sum(pipeline_amount), 0) as pipeline_amount
    from {{ ref('referral_insights_monthly') }}
),

validation_errors as (
    select
        'generated_source_summary' as model_name,
        summary_totals.pipeline_amount as model_amount,
        opportunity_totals.pipeline_amount as expected_amount
    from summary_totals
    cross join opportunity_totals
    where
        summary_totals.pipeline_amount <> opportunity_totals.pipeline_amount
        or summary_totals.recorded_pipeline_amount <> opportunity_totals.pipeline_amount
        or summary_totals.won_amount <> opportunity_totals.won_amount

    union all

    select
        'referral_insights_monthly' as model_name,
        monthly_totals.pipeline_amount as model_amount,
        referral_sourced_totals.pipeline_amount as expected_amount
    from monthly_totals
    cross join referral_sourced_totals
    where monthly_totals.pipeline_amount <> referral_sourced_totals.pipeline_amount
)

select * from validation_errors
