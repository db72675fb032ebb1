-- The opportunity name, free text that can name a person, is masked unless var
-- mask_personal_data is false.
with

opportunity_attribution as (
    select * from {{ ref('int_referrals__opportunity_attribution') }}
),

final as (
    select
        opportunity_id,
        account_id,
        owner_id,
        originating_lead_id,
        referrer_lead_id,
        referrer_contact_id,
        {{ mask_personal_text('opportunity_name') }} as opportunity_name,
        stage_name,
        lead_source,
        attach_method,
        recorded_generated_source,
        generated_source,
        influencing_lead_count,
        amount,
        case when is_won or not is_closed then amount end as pipeline_amount,
        case when is_won then amount end as won_amount,
        recorded_generated_source <> generated_source as is_reclassified,
        is_referral_sourced,
        is_referrer_on_opportunity,
        is_closed,
        is_won,
        close_date,
        {{ passthrough_column_list('opportunity_passthrough_columns') }}
        created_at,
        {{ reporting_month('created_at') }} as created_month
    from opportunity_attribution
)

select * from final
