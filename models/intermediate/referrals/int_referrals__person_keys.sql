-- The names and email addresses by which each person can be named in referral details,
-- one row per person and key. A person is known by the lead's name and by the name of
-- the contact it became. A merged-away lead or contact still names its survivor, from
-- the time the merged-away record was created.
with

leads as (
    select * from {{ ref('stg_salesforce__leads') }}
),

contacts as (
    select * from {{ ref('stg_salesforce__contacts') }}
),

person_merges as (
    select * from {{ ref('stg_salesforce__person_merges') }}
),

people as (
    select * from {{ ref('int_referrals__people') }}
),

lead_names as (
    select
        people.person_id,
        leads.name_key,
        {{ email_key('leads.email') }} as email_key,
        people.created_at
    from people
    inner join leads
        on people.lead_id = leads.lead_id
),

contact_names as (
    select
        people.person_id,
        contacts.name_key,
        {{ email_key('contacts.email') }} as email_key,
        people.created_at
    from people
    inner join contacts
        on people.contact_id = contacts.contact_id
),

merged_lead_names as (
    select
        people.person_id,
        person_merges.name_key,
        {{ email_key('person_merges.email') }} as email_key,
        person_merges.created_at
    from person_merges
    inner join people
        on person_merges.merged_into_id = people.lead_id
    where person_merges.record_type = 'lead'
),

merged_contact_names as (
    select
        people.person_id,
        person_merges.name_key,
        {{ email_key('person_merges.email') }} as email_key,
        person_merges.created_at
    from person_merges
    inner join people
        on person_merges.merged_into_id = people.contact_id
    where person_merges.record_type = 'contact'
),

all_keys as (
    select * from lead_names
    union all
    select * from contact_names
    union all
    select * from merged_lead_names
    union all
    select * from merged_contact_names
),

person_keys as (
    select distinct
        all_keys.person_id,
        all_keys.name_key,
        all_keys.email_key,
        people.company_key,
        people.account_id,
        all_keys.created_at
    from all_keys
    inner join people
        on all_keys.person_id = people.person_id
)

select * from person_keys
