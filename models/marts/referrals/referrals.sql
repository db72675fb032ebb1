-- Names and the free-text details are masked unless var mask_personal_data is false.
with

leads as (
    select * from {{ ref('stg_salesforce__leads') }}
),

contacts as (
    select * from {{ ref('stg_salesforce__contacts') }}
),

contact_roles as (
    select * from {{ ref('stg_salesforce__opportunity_contact_roles') }}
),

referrer_matches as (
    select * from {{ ref('int_referrals__referrer_matches') }}
),

referral_chains as (
    select * from {{ ref('int_referrals__referral_chains') }}
),

lead_generated_sources as (
    select * from {{ ref('int_referrals__lead_generated_sources') }}
),

people as (
    select * from {{ ref('int_referrals__people') }}
),

lead_source_mapping as (
    select * from {{ ref('lead_source_mapping') }}
),

opportunity_contacts as (
    select distinct
        opportunity_id,
        contact_id
    from contact_roles
),

final as (
    select
        referrer_matches.lead_id,
        leads.owner_id,
        referrer_people.lead_id as referrer_lead_id,
        referrer_people.contact_id as referrer_contact_id,
        referral_chains.origin_lead_id,
        referral_chains.origin_contact_id,
        leads.converted_opportunity_id,
        -- A person who was a lead goes by the lead's name, else by the contact's.
        {{ mask_personal_text(
            'coalesce('
            ~ person_display_name('referrer_leads.first_name', 'referrer_leads.last_name')
            ~ ', '
            ~ person_display_name('referrer_contacts.first_name', 'referrer_contacts.last_name')
            ~ ')'
        ) }} as referrer_name,
        {{ mask_personal_text('leads.lead_source_details') }} as lead_source_details,
        -- A hint that is a known lead source names no one, so it stays readable.
        case
            when hint_mapping.channel is not null then referrer_matches.channel_hint
            else {{ mask_personal_text('referrer_matches.channel_hint') }}
        end as channel_hint,
        hint_mapping.channel as channel_hint_channel,
        referrer_matches.referrer_match_method,
        referrer_matches.referrer_status,
        referral_chains.chain_status,
        referral_chains.origin_channel,
        lead_generated_sources.rep_generated_source,
        lead_generated_sources.generated_source,
        lead_generated_sources.generated_source_method,
        referral_chains.chain_depth,
        referral_chains.is_in_cycle,
        lead_generated_sources.is_generated_source_conflict,
        leads.is_converted,
        case
            when leads.converted_opportunity_id is not null
                then opportunity_contacts.contact_id is not null
        end as is_referrer_on_opportunity,
        leads.created_at,
        {{ reporting_month('leads.created_at') }} as referral_month
    from referrer_matches
    inner join leads
        on referrer_matches.lead_id = leads.lead_id
    inner join referral_chains
        on referrer_matches.lead_id = referral_chains.referral_lead_id
    inner join lead_generated_sources
        on referrer_matches.lead_id = lead_generated_sources.lead_id
    left join people as referrer_people
        on referrer_matches.referrer_person_id = referrer_people.person_id
    left join leads as referrer_leads
        on referrer_people.lead_id = referrer_leads.lead_id
    left join contacts as referrer_contacts
        on referrer_people.contact_id = referrer_contacts.contact_id
    left join lead_source_mapping as hint_mapping
        on
            {{ normalize_match_key('referrer_matches.channel_hint') }}
            = hint_mapping.lead_source
    left join opportunity_contacts
        on
            leads.converted_opportunity_id = opportunity_contacts.opportunity_id
            and referrer_people.contact_id = opportunity_contacts.contact_id
)

select * from final
