-- The lead that originated each live opportunity, and the generated source that follows
-- from it. The originating lead is the earliest lead converted into the opportunity
-- that was created no later than the opportunity. Without one, it is the lead behind
-- the opportunity's primary contact role. A lead converted into an older opportunity
-- influenced that opportunity but did not originate it.
with

opportunities as (
    select * from {{ ref('stg_salesforce__opportunities') }}
),

contact_roles as (
    select * from {{ ref('stg_salesforce__opportunity_contact_roles') }}
),

leads as (
    select * from {{ ref('stg_salesforce__leads') }}
),

people as (
    select * from {{ ref('int_referrals__people') }}
),

lead_generated_sources as (
    select * from {{ ref('int_referrals__lead_generated_sources') }}
),

lead_sources as (
    select * from {{ ref('int_referrals__lead_sources') }}
),

referrer_matches as (
    select * from {{ ref('int_referrals__referrer_matches') }}
),

lead_source_mapping as (
    select * from {{ ref('lead_source_mapping') }}
),

converted_leads as (
    select
        opportunities.opportunity_id,
        leads.lead_id,
        -- Unknown creation times count as eligible: nothing shows the lead came later.
        coalesce(leads.created_at <= opportunities.created_at, true) as is_eligible_origin,
        row_number() over (
            partition by opportunities.opportunity_id
            order by
                coalesce(leads.created_at <= opportunities.created_at, true) desc,
                leads.created_at nulls last,
                leads.lead_id asc
        ) as conversion_rank
    from opportunities
    inner join leads
        on opportunities.opportunity_id = leads.converted_opportunity_id
),

conversion_origins as (
    select
        opportunity_id,
        lead_id
    from converted_leads
    where conversion_rank = 1 and is_eligible_origin
),

influencing_leads as (
    select
        opportunity_id,
        count(*) as influencing_lead_count
    from converted_leads
    where not (conversion_rank = 1 and is_eligible_origin)
    group by opportunity_id
),

primary_contact_leads as (
    select
        contact_roles.opportunity_id,
        people.lead_id,
        row_number() over (
            partition by contact_roles.opportunity_id
            order by contact_roles.created_at nulls last, contact_roles.contact_role_id
        ) as contact_role_rank
    from contact_roles
    inner join people
        on contact_roles.contact_id = people.contact_id
    where contact_roles.is_primary and people.lead_id is not null
),

contact_role_origins as (
    select
        opportunity_id,
        lead_id
    from primary_contact_leads
    where contact_role_rank = 1
),

referrer_contacts as (
    select
        referrer_matches.lead_id,
        people.lead_id as referrer_lead_id,
        people.contact_id as referrer_contact_id
    from referrer_matches
    inner join people
        on referrer_matches.referrer_person_id = people.person_id
    where referrer_matches.referrer_status = 'resolved'
),

attributed as (
    select
        opportunities.opportunity_id,
        opportunities.account_id,
        opportunities.owner_id,
        coalesce(conversion_origins.lead_id, contact_role_origins.lead_id)
            as originating_lead_id,
        case
            when conversion_origins.lead_id is not null then 'conversion'
            when contact_role_origins.lead_id is not null then 'contact_role'
            else 'none'
        end as attach_method,
        coalesce(influencing_leads.influencing_lead_count, 0) as influencing_lead_count,
        opportunities.opportunity_name,
        opportunities.stage_name,
        opportunities.lead_source,
        opportunities.amount,
        opportunities.is_closed,
        opportunities.is_won,
        opportunities.close_date,
        opportunities.created_at,
        {{ passthrough_column_list('opportunity_passthrough_columns', 'opportunities') }}
        coalesce(
            {{ canonical_generated_source('opportunities.recorded_generated_source') }},
            {{ canonical_generated_source('origin_leads.rep_generated_source') }},
            opportunity_mapping.generated_source,
            'Unknown'
        ) as recorded_generated_source
    from opportunities
    left join conversion_origins
        on opportunities.opportunity_id = conversion_origins.opportunity_id
    left join contact_role_origins
        on opportunities.opportunity_id = contact_role_origins.opportunity_id
    left join influencing_leads
        on opportunities.opportunity_id = influencing_leads.opportunity_id
    left join leads as origin_leads
        on
            coalesce(conversion_origins.lead_id, contact_role_origins.lead_id)
            = origin_leads.lead_id
    left join lead_source_mapping as opportunity_mapping
        on lower(trim(opportunities.lead_source)) = opportunity_mapping.lead_source
),

opportunity_contacts as (
    select distinct
        opportunity_id,
        contact_id
    from contact_roles
),

classified as (
    select
        attributed.*,
        coalesce(lead_generated_sources.generated_source, attributed.recorded_generated_source)
            as generated_source,
        coalesce(lead_sources.is_referral, false) as is_referral_sourced,
        referrer_contacts.referrer_lead_id,
        referrer_contacts.referrer_contact_id,
        case
            when referrer_contacts.lead_id is not null
                then opportunity_contacts.contact_id is not null
        end as is_referrer_on_opportunity
    from attributed
    left join lead_generated_sources
        on attributed.originating_lead_id = lead_generated_sources.lead_id
    left join lead_sources
        on attributed.originating_lead_id = lead_sources.lead_id
    left join referrer_contacts
        on attributed.originating_lead_id = referrer_contacts.lead_id
    left join opportunity_contacts
        on
            attributed.opportunity_id = opportunity_contacts.opportunity_id
            and referrer_contacts.referrer_contact_id = opportunity_contacts.contact_id
)

select * from classified
