-- One row per person who can be named as a referrer. A contact converted from a lead is
-- the same person as that lead, so the lead row is that person. A contact that never
-- was a lead is a person of its own. person_id is the lead id, or the contact id for
-- contact-only people.
with

leads as (
    select * from {{ ref('stg_salesforce__leads') }}
),

contacts as (
    select * from {{ ref('stg_salesforce__contacts') }}
),

accounts as (
    select * from {{ ref('stg_salesforce__accounts') }}
),

lead_sources as (
    select * from {{ ref('int_referrals__lead_sources') }}
),

lead_source_mapping as (
    select * from {{ ref('lead_source_mapping') }}
),

-- When several leads were converted into one contact, the earliest lead is the person.
contact_converting_leads as (
    select
        converted_contact_id as contact_id,
        lead_id,
        row_number() over (
            partition by converted_contact_id
            order by created_at nulls last, lead_id
        ) as lead_rank
    from leads
    where converted_contact_id is not null
),

first_converting_leads as (
    select
        contact_id,
        lead_id
    from contact_converting_leads
    where lead_rank = 1
),

lead_people as (
    select
        leads.lead_id as person_id,
        leads.lead_id,
        first_converting_leads.contact_id,
        coalesce(leads.converted_account_id, contacts.account_id) as account_id,
        leads.company_key,
        lead_sources.channel,
        lead_sources.channel_generated_source,
        lead_sources.is_referral,
        leads.created_at
    from leads
    inner join lead_sources
        on leads.lead_id = lead_sources.lead_id
    left join first_converting_leads
        on leads.lead_id = first_converting_leads.lead_id
    left join contacts
        on first_converting_leads.contact_id = contacts.contact_id
),

contact_only_people as (
    select
        contacts.contact_id as person_id,
        cast(null as {{ dbt.type_string() }}) as lead_id,
        contacts.contact_id,
        contacts.account_id,
        accounts.company_key,
        coalesce(lead_source_mapping.channel, 'Unknown') as channel,
        lead_source_mapping.generated_source as channel_generated_source,
        -- A contact carries no referral details, so it always ends a referral chain.
        false as is_referral,
        contacts.created_at
    from contacts
    left join first_converting_leads
        on contacts.contact_id = first_converting_leads.contact_id
    left join accounts
        on contacts.account_id = accounts.account_id
    left join lead_source_mapping
        on lower(trim(contacts.lead_source)) = lead_source_mapping.lead_source
    where first_converting_leads.contact_id is null
),

people as (
    select * from lead_people
    union all
    select * from contact_only_people
)

select * from people
