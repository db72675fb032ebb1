with

base_campaign_members as (
    select * from {{ ref('base_salesforce__campaign_member') }}
),

live_campaign_members as (
    select
        record_id as campaign_member_id,
        campaign_id,
        lead_id,
        contact_id,
        has_responded,
        first_responded_date,
        created_at
    from base_campaign_members
    where rejection_reason is null
)

select * from live_campaign_members
