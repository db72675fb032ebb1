-- Referral leads with their free-text details split into the part that names the
-- referrer. `Referred by: Ivan Soto - Google Adv` gives the name text
-- `ivan soto - google adv` (the key form) beside `Ivan Soto - Google Adv` (the display
-- form, which keeps the case for the channel hint).
with

leads as (
    select * from {{ ref('stg_salesforce__leads') }}
),

lead_sources as (
    select * from {{ ref('int_referrals__lead_sources') }}
),

referral_leads as (
    select
        leads.lead_id,
        leads.referral_lead_id,
        leads.referral_contact_id,
        leads.converted_account_id,
        leads.lead_source_details,
        leads.company_key,
        leads.details_display,
        leads.details_key,
        leads.created_at
    from leads
    inner join lead_sources
        on leads.lead_id = lead_sources.lead_id
    where lead_sources.is_referral
),

-- The introduction reps type before the name: "Referred by", "referred by:", "Ref by",
-- "Referral from", "Referrer -". Its length cuts both forms at the same place.
introductions as (
    select
        *,
        coalesce(
            length({{ regexp_first_match(
                'details_key',
                '^\\s*(referred|referral|referrer|ref)\\.?(\\s+(by|from))?\\s*[:-]?\\s*'
            ) }}),
            0
        ) as introduction_length
    from referral_leads
),

split_details as (
    select
        lead_id,
        referral_lead_id,
        referral_contact_id,
        converted_account_id,
        company_key,
        lead_source_details,
        nullif(substr(details_key, introduction_length + 1), '') as referrer_text_key,
        nullif(substr(details_display, introduction_length + 1), '') as referrer_text_display,
        {{ regexp_first_match('details_key', '[a-z0-9._%+-]+@[a-z0-9.-]+\\.[a-z]{2,}') }}
            as details_email_key,
        created_at
    from introductions
)

select * from split_details
