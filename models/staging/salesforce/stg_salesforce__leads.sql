with

base_leads as (
    select * from {{ ref('base_salesforce__lead') }}
),

live_leads as (
    select
        record_id as lead_id,
        owner_id,
        created_by_id,
        converted_account_id,
        converted_contact_id,
        converted_opportunity_id,
        referral_lead_id,
        referral_contact_id,
        first_name,
        last_name,
        email,
        company_name,
        lead_source,
        lead_status,
        rep_generated_source,
        lead_source_details,
        name_key,
        company_key,
        details_display,
        details_key,
        is_converted,
        converted_date,
        {{ passthrough_column_list('lead_passthrough_columns') }}
        created_at
    from base_leads
    where rejection_reason is null
)

select * from live_leads
