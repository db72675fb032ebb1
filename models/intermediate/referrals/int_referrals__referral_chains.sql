-- Each referral lead walked back through its referrers to the end of its chain. The
-- walk stops at a person who is not a referral (the origin), at a referral whose own
-- referrer is not resolved, at a person already visited (a cycle), or after
-- var referral_chain_max_depth steps.
{% if target.type == 'spark' %}
    {#- Spark stops a recursive query at 100 levels with an error; allow the depth var. -#}
    {{ config(pre_hook=(
        "set spark.sql.cteRecursionLevelLimit = "
        ~ ([var('referral_chain_max_depth') | int + 1, 100] | max)
    )) }}
{% endif %}

with recursive

referrer_matches as (
    select * from {{ ref('int_referrals__referrer_matches') }}
),

people as (
    select * from {{ ref('int_referrals__people') }}
),

resolved_referrers as (
    select
        lead_id,
        referrer_person_id
    from referrer_matches
    where referrer_status = 'resolved'
),

chain_steps as (
    select
        lead_id as referral_lead_id,
        lead_id as person_id,
        0 as chain_depth,
        cast('/' || lead_id || '/' as {{ dbt.type_string() }}) as visited_path,
        false as is_revisit
    from referrer_matches

    union all

    select
        chain_steps.referral_lead_id,
        resolved_referrers.referrer_person_id as person_id,
        chain_steps.chain_depth + 1 as chain_depth,
        cast(
            chain_steps.visited_path || resolved_referrers.referrer_person_id || '/'
            as {{ dbt.type_string() }}
        ) as visited_path,
        {{ string_position(
            'chain_steps.visited_path',
            "'/' || resolved_referrers.referrer_person_id || '/'"
        ) }} > 0 as is_revisit
    from chain_steps
    inner join resolved_referrers
        on chain_steps.person_id = resolved_referrers.lead_id
    where
        not chain_steps.is_revisit
        and chain_steps.chain_depth < {{ var('referral_chain_max_depth') }}
),

last_steps as (
    select
        *,
        row_number() over (
            partition by referral_lead_id order by chain_depth desc
        ) as step_rank
    from chain_steps
),

chain_ends as (
    select
        last_steps.referral_lead_id,
        last_steps.person_id as end_person_id,
        last_steps.chain_depth,
        last_steps.is_revisit,
        -- A revisit of the starting lead closes a cycle through it. A revisit of another
        -- lead means the chain runs into a cycle that this lead is not part of.
        last_steps.is_revisit
        and last_steps.person_id = last_steps.referral_lead_id as is_in_cycle,
        end_matches.referrer_status as end_referrer_status
    from last_steps
    left join referrer_matches as end_matches
        on last_steps.person_id = end_matches.lead_id
    where last_steps.step_rank = 1
),

chains as (
    select
        chain_ends.referral_lead_id,
        case
            when chain_ends.is_revisit then 'cycle'
            when chain_ends.end_referrer_status = 'resolved' then 'depth_limit'
            when chain_ends.end_referrer_status is not null then 'unresolved_referrer'
            else 'origin_reached'
        end as chain_status,
        chain_ends.is_in_cycle,
        chain_ends.chain_depth,
        case
            when not chain_ends.is_revisit then chain_ends.end_person_id
        end as end_person_id,
        case
            when chain_ends.end_referrer_status is null and not chain_ends.is_revisit
                then people.lead_id
        end as origin_lead_id,
        case
            when chain_ends.end_referrer_status is null and not chain_ends.is_revisit
                then people.contact_id
        end as origin_contact_id,
        case
            when chain_ends.end_referrer_status is null and not chain_ends.is_revisit
                then people.channel
        end as origin_channel
    from chain_ends
    left join people
        on chain_ends.end_person_id = people.person_id
)

select * from chains
