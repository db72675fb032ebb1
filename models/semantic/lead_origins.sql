-- One row per live lead with the channel where its referral chain starts. MetricFlow
-- joins referral leads and opportunities to it through their lead, so both group by
-- the same origin channel.
with

leads as (
    select * from {{ ref('leads') }}
),

referrals as (
    select * from {{ ref('referrals') }}
),

final as (
    select
        leads.lead_id,
        case
            -- A lead that is not a referral is the origin of its own chain.
            when referrals.lead_id is null then leads.channel
            -- Without an origin, the channel named in the details decides, else Unknown,
            -- as in referral_insights_monthly, so that both give the same groups.
            else coalesce(referrals.origin_channel, referrals.channel_hint_channel, 'Unknown')
        end as origin_channel
    from leads
    left join referrals
        on leads.lead_id = referrals.lead_id
)

select * from final
