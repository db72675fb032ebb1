-- Referral leads by month, origin channel and corrected generated source, with the
-- opportunities they originated. Each opportunity counts once, in the row of the
-- referral lead that originated it.
with

referrals as (
    select * from {{ ref('referrals') }}
),

opportunity_attribution as (
    select * from {{ ref('opportunity_attribution') }}
),

referral_groups as (
    select
        lead_id,
        referral_month,
        -- Without an origin, the channel named in the details is the best evidence.
        coalesce(origin_channel, channel_hint_channel, 'Unknown') as origin_channel,
        generated_source,
        referrer_status,
        is_converted
    from referrals
),

originated_opportunities as (
    select
        referral_groups.referral_month,
        referral_groups.origin_channel,
        referral_groups.generated_source,
        count(*) as opportunities,
        sum(coalesce(opportunity_attribution.pipeline_amount, 0)) as pipeline_amount,
        sum(coalesce(opportunity_attribution.won_amount, 0)) as won_amount
    from opportunity_attribution
    inner join referral_groups
        on opportunity_attribution.originating_lead_id = referral_groups.lead_id
    group by 1, 2, 3
),

lead_counts as (
    select
        referral_month,
        origin_channel,
        generated_source,
        count(*) as referral_leads,
        count(case when referrer_status = 'resolved' then 1 end)
            as resolved_referral_leads,
        count(case when is_converted then 1 end) as converted_referral_leads
    from referral_groups
    group by 1, 2, 3
),

final as (
    select
        lead_counts.referral_month,
        lead_counts.origin_channel,
        lead_counts.generated_source,
        lead_counts.referral_leads,
        lead_counts.resolved_referral_leads,
        lead_counts.converted_referral_leads,
        coalesce(originated_opportunities.opportunities, 0) as opportunities,
        cast(coalesce(originated_opportunities.pipeline_amount, 0) as decimal(18, 2))
            as pipeline_amount,
        cast(coalesce(originated_opportunities.won_amount, 0) as decimal(18, 2))
            as won_amount
    from lead_counts
    left join originated_opportunities
        on
            lead_counts.origin_channel = originated_opportunities.origin_channel
            and lead_counts.generated_source = originated_opportunities.generated_source
            and (
                lead_counts.referral_month = originated_opportunities.referral_month
                or (
                    lead_counts.referral_month is null
                    and originated_opportunities.referral_month is null
                )
            )
)

select * from final
