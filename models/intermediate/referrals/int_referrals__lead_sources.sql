-- Every live lead with its lead source mapped to a channel, a default generated source
-- and the referral flag.
with

leads as (
    select * from {{ ref('stg_salesforce__leads') }}
),

lead_source_mapping as (
    select * from {{ ref('lead_source_mapping') }}
),

mapped_leads as (
    select
        leads.lead_id,
        leads.lead_source,
        coalesce(lead_source_mapping.channel, 'Unknown') as channel,
        lead_source_mapping.generated_source as channel_generated_source,
        coalesce(lead_source_mapping.is_referral, false) as is_referral,
        lead_source_mapping.lead_source is not null as is_lead_source_mapped
    from leads
    left join lead_source_mapping
        on lower(trim(leads.lead_source)) = lead_source_mapping.lead_source
)

select * from mapped_leads
