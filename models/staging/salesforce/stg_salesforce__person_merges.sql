-- Leads and contacts that lost a merge. Salesforce deletes the loser and sets its
-- master_record_id to the survivor; a referral that names the loser's person still
-- means the survivor.
with

base_leads as (
    select * from {{ ref('base_salesforce__lead') }}
),

base_contacts as (
    select * from {{ ref('base_salesforce__contact') }}
),

merged_leads as (
    select
        record_id as merged_record_id,
        'lead' as record_type,
        merged_into_id,
        first_name,
        last_name,
        email,
        name_key,
        created_at
    from base_leads
    where rejection_reason = 'merged'
),

merged_contacts as (
    select
        record_id as merged_record_id,
        'contact' as record_type,
        merged_into_id,
        first_name,
        last_name,
        email,
        name_key,
        created_at
    from base_contacts
    where rejection_reason = 'merged'
),

person_merges as (
    select * from merged_leads
    union all
    select * from merged_contacts
)

select * from person_merges
