-- Names and email addresses are masked unless var mask_personal_data is false.
with

leads as (
    select * from {{ ref('stg_salesforce__leads') }}
),

lead_sources as (
    select * from {{ ref('int_referrals__lead_sources') }}
),

lead_generated_sources as (
    select * from {{ ref('int_referrals__lead_generated_sources') }}
),

referrer_matches as (
    select * from {{ ref('int_referrals__referrer_matches') }}
),

referral_chains as (
    select * from {{ ref('int_referrals__referral_chains') }}
),

people as (
    select * from {{ ref('int_referrals__people') }}
),

final as (
    select
        leads.lead_id,
        leads.owner_id,
        referrer_people.lead_id as referrer_lead_id,
        referral_chains.origin_lead_id,
        leads.converted_opportunity_id,
        {{ mask_personal_text(person_display_name('leads.first_name', 'leads.last_name')) }}
            as lead_name,
        {{ mask_email('leads.email') }} as lead_email,
        leads.lead_source,
        lead_sources.channel,
        lead_generated_sources.generated_source,
        lead_generated_sources.generated_source_method,
        lead_generated_sources.rep_generated_source,
        lead_generated_sources.recorded_generated_source,
        lead_sources.is_referral,
        lead_generated_sources.is_generated_source_conflict,
        leads.is_converted,
        {{ passthrough_column_list('lead_passthrough_columns', 'leads') }}
        leads.created_at,
        {{ reporting_month('leads.created_at') }} as created_month
    from leads
    inner join lead_sources
        on leads.lead_id = lead_sources.lead_id
    inner join lead_generated_sources
        on leads.lead_id = lead_generated_sources.lead_id
    left join referrer_matches
        on leads.lead_id = referrer_matches.lead_id
    left join people as referrer_people
        on referrer_matches.referrer_person_id = referrer_people.person_id
    left join referral_chains
        on leads.lead_id = referral_chains.referral_lead_id
)

select * from final
