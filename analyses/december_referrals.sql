-- The "December referrals" view: referral leads created in December of each year, by
-- the channel that started their chain, with the pipeline they originated.
-- Compile with `dbt compile --select december_referrals` and run the SQL in target/.
with

monthly as (
    select * from {{ ref('referral_insights_monthly') }}
),

december_referrals as (
    select
        referral_month,
        origin_channel,
        generated_source,
        referral_leads,
        resolved_referral_leads,
        opportunities,
        pipeline_amount,
        won_amount
    from monthly
    where extract(month from referral_month) = 12
)

select * from december_referrals
