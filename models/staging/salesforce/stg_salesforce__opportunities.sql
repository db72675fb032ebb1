with

base_opportunities as (
    select * from {{ ref('base_salesforce__opportunity') }}
),

live_opportunities as (
    select
        record_id as opportunity_id,
        account_id,
        owner_id,
        opportunity_name,
        stage_name,
        lead_source,
        recorded_generated_source,
        amount,
        is_closed,
        is_won,
        close_date,
        {{ passthrough_column_list('opportunity_passthrough_columns') }}
        created_at
    from base_opportunities
    where rejection_reason is null
)

select * from live_opportunities
