with

base_campaigns as (
    select * from {{ ref('base_salesforce__campaign') }}
),

live_campaigns as (
    select
        record_id as campaign_id,
        campaign_name,
        campaign_type,
        start_date
    from base_campaigns
    where rejection_reason is null
)

select * from live_campaigns
