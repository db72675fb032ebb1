with

base_contacts as (
    select * from {{ ref('base_salesforce__contact') }}
),

live_contacts as (
    select
        record_id as contact_id,
        account_id,
        owner_id,
        first_name,
        last_name,
        email,
        name_key,
        lead_source,
        created_at
    from base_contacts
    where rejection_reason is null
)

select * from live_contacts
