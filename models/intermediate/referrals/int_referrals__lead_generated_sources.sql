-- The generated source of every live lead, with how it was decided.
--   channel_default        a non-referral lead takes its channel's default
--   inherited_from_origin  a referral whose chain reaches an origin takes the origin's
--   details_channel_hint   a chain ending at an unresolved referral takes the channel
--                          named in that referral's details
--   rep_entered            ...else the value the rep entered on that referral
--   unknown                ...else the generated source is Unknown
-- Var generated_source_precedence = 'rep' lets a rep-entered value win instead.
with

leads as (
    select * from {{ ref('stg_salesforce__leads') }}
),

lead_sources as (
    select * from {{ ref('int_referrals__lead_sources') }}
),

referrer_matches as (
    select * from {{ ref('int_referrals__referrer_matches') }}
),

referral_chains as (
    select * from {{ ref('int_referrals__referral_chains') }}
),

people as (
    select * from {{ ref('int_referrals__people') }}
),

lead_source_mapping as (
    select * from {{ ref('lead_source_mapping') }}
),

-- What each lead records about its own generated source, before any lineage.
own_values as (
    select
        leads.lead_id,
        lead_sources.is_referral,
        lead_sources.channel_generated_source,
        {{ canonical_generated_source('leads.rep_generated_source') }} as rep_generated_source,
        referrer_matches.channel_hint,
        hint_mapping.channel as hint_channel,
        hint_mapping.generated_source as hint_generated_source
    from leads
    inner join lead_sources
        on leads.lead_id = lead_sources.lead_id
    left join referrer_matches
        on leads.lead_id = referrer_matches.lead_id
    left join lead_source_mapping as hint_mapping
        on
            {{ normalize_match_key('referrer_matches.channel_hint') }}
            = hint_mapping.lead_source
),

-- The value a referral chain ends on: the origin's own, or the last referral's.
chain_values as (
    select
        referral_chains.referral_lead_id,
        referral_chains.chain_status,
        case
            when referral_chains.chain_status = 'origin_reached'
                then coalesce(
                    origin_values.channel_generated_source,
                    origin_values.rep_generated_source,
                    people.channel_generated_source,
                    'Unknown'
                )
        end as origin_generated_source,
        end_values.hint_generated_source as end_hint_generated_source,
        end_values.rep_generated_source as end_rep_generated_source
    from referral_chains
    left join people
        on referral_chains.end_person_id = people.person_id
    left join own_values as origin_values
        on referral_chains.origin_lead_id = origin_values.lead_id
    -- In a cycle there is no end person, and each member keeps its own values.
    left join own_values as end_values
        on
            coalesce(referral_chains.end_person_id, referral_chains.referral_lead_id)
            = end_values.lead_id
),

lineage as (
    select
        own_values.lead_id,
        own_values.rep_generated_source,
        -- What the CRM shows today: the rep's value, else the lead source's default.
        coalesce(
            own_values.rep_generated_source, own_values.channel_generated_source, 'Unknown'
        ) as recorded_generated_source,
        case
            when not own_values.is_referral and own_values.channel_generated_source is not null
                then 'channel_default'
            when not own_values.is_referral and own_values.rep_generated_source is not null
                then 'rep_entered'
            when not own_values.is_referral then 'unknown'
            when chain_values.origin_generated_source is not null
                then 'inherited_from_origin'
            when chain_values.end_hint_generated_source is not null
                then 'details_channel_hint'
            when chain_values.end_rep_generated_source is not null then 'rep_entered'
            else 'unknown'
        end as lineage_method,
        case
            when not own_values.is_referral
                then coalesce(
                    own_values.channel_generated_source,
                    own_values.rep_generated_source,
                    'Unknown'
                )
            else coalesce(
                chain_values.origin_generated_source,
                chain_values.end_hint_generated_source,
                chain_values.end_rep_generated_source,
                'Unknown'
            )
        end as lineage_generated_source
    from own_values
    left join chain_values
        on own_values.lead_id = chain_values.referral_lead_id
),

generated_sources as (
    select
        lead_id,
        rep_generated_source,
        recorded_generated_source,
        lineage_generated_source,
        {% if var('generated_source_precedence') == 'rep' %}
        coalesce(rep_generated_source, lineage_generated_source) as generated_source,
        case
            when rep_generated_source is not null then 'rep_entered'
            else lineage_method
        end as generated_source_method,
        {% elif var('generated_source_precedence') == 'lineage' %}
            lineage_generated_source as generated_source,
            lineage_method as generated_source_method,
        {% else %}
        {{ exceptions.raise_compiler_error(
            "Var generated_source_precedence is '" ~ var('generated_source_precedence')
            ~ "'. Set it to 'lineage' (the referral lineage wins, the default) or 'rep' "
            ~ "(a rep-entered value wins)."
        ) }}
        {% endif %}
        coalesce(rep_generated_source <> lineage_generated_source, false)
            as is_generated_source_conflict
    from lineage
)

select * from generated_sources
