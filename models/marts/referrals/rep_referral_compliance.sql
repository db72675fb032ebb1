-- Each lead owner's adherence to the referral process, per month of referral.
-- Shares are between 0 and 1, and NULL where the owner had nothing to measure. The
-- owner's name is masked unless var mask_personal_data is false.
with

referrals as (
    select * from {{ ref('referrals') }}
),

users as (
    select * from {{ ref('stg_salesforce__users') }}
),

owner_months as (
    select
        owner_id,
        referral_month,
        count(*) as referral_leads,
        count(case when rep_generated_source is not null then 1 end)
            as with_generated_source,
        count(case when lead_source_details is not null then 1 end) as with_details,
        count(case when referrer_status = 'resolved' then 1 end) as resolved,
        count(case when is_referrer_on_opportunity is not null then 1 end)
            as with_opportunity,
        count(case when is_referrer_on_opportunity then 1 end)
            as with_referrer_on_opportunity
    from referrals
    group by 1, 2
),

final as (
    select
        owner_months.owner_id,
        {{ mask_personal_text('users.user_name') }} as owner_name,
        owner_months.referral_month,
        owner_months.referral_leads,
        owner_months.with_generated_source,
        owner_months.with_details,
        owner_months.resolved,
        owner_months.with_opportunity,
        owner_months.with_referrer_on_opportunity,
        cast(owner_months.with_generated_source as {{ type_double() }})
        / owner_months.referral_leads as with_generated_source_share,
        cast(owner_months.with_details as {{ type_double() }})
        / owner_months.referral_leads as with_details_share,
        cast(owner_months.resolved as {{ type_double() }})
        / owner_months.referral_leads as resolved_share,
        cast(owner_months.with_referrer_on_opportunity as {{ type_double() }})
        / nullif(owner_months.with_opportunity, 0) as referrer_on_opportunity_share
    from owner_months
    left join users
        on owner_months.owner_id = users.user_id
)

select * from final
