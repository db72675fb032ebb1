with

base_accounts as (
    select * from {{ ref('base_salesforce__account') }}
),

live_accounts as (
    select
        record_id as account_id,
        owner_id,
        account_name,
        company_key,
        created_at
    from base_accounts
    where rejection_reason is null
)

select * from live_accounts
