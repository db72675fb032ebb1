with

base_contact_roles as (
    select * from {{ ref('base_salesforce__opportunity_contact_role') }}
),

live_contact_roles as (
    select
        record_id as contact_role_id,
        opportunity_id,
        contact_id,
        contact_role,
        is_primary,
        created_at
    from base_contact_roles
    where rejection_reason is null
)

select * from live_contact_roles
