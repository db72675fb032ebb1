with

base_users as (
    select * from {{ ref('base_salesforce__user') }}
),

live_users as (
    select
        record_id as user_id,
        user_name,
        email,
        is_active
    from base_users
    where rejection_reason is null
)

select * from live_users
