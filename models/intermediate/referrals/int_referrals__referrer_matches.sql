-- The referrer of each referral lead, looked for in this order: the lookup field, an
-- email address in the details, then a person's name in the details. Every method is
-- an equi-join on a normalised key, so the cost grows with the number of referrals and
-- the length of their details, not with the number of leads squared.
with

referral_details as (
    select * from {{ ref('int_referrals__referral_details') }}
),

people as (
    select * from {{ ref('int_referrals__people') }}
),

person_keys as (
    select * from {{ ref('int_referrals__person_keys') }}
),

person_merges as (
    select * from {{ ref('stg_salesforce__person_merges') }}
),

lead_source_mapping as (
    select * from {{ ref('lead_source_mapping') }}
),

lookup_candidates as (
    select
        referral_details.lead_id,
        'lookup_field' as match_method,
        coalesce(
            lead_people.person_id, merged_lead_people.person_id, contact_people.person_id
        ) as person_id,
        true as is_same_company,
        cast(null as integer) as name_end_position
    from referral_details
    left join people as lead_people
        on referral_details.referral_lead_id = lead_people.lead_id
    left join person_merges
        on
            referral_details.referral_lead_id = person_merges.merged_record_id
            and person_merges.record_type = 'lead'
    left join people as merged_lead_people
        on person_merges.merged_into_id = merged_lead_people.lead_id
    left join people as contact_people
        on referral_details.referral_contact_id = contact_people.contact_id
    where coalesce(
        lead_people.person_id, merged_lead_people.person_id, contact_people.person_id
    ) is not null
),

email_candidates as (
    select distinct
        referral_details.lead_id,
        'email' as match_method,
        person_keys.person_id,
        coalesce(
            referral_details.company_key = person_keys.company_key
            or referral_details.converted_account_id = person_keys.account_id,
            false
        ) as is_same_company,
        cast(null as integer) as name_end_position
    from referral_details
    inner join person_keys
        on referral_details.details_email_key = person_keys.email_key
    -- A person created after the referral cannot have referred it. Unknown times pass.
    where coalesce(person_keys.created_at <= referral_details.created_at, true)
),

-- Every place where a name could end: before a space, hyphen, comma or period, and at
-- the end of the text.
name_end_positions as (
    select
        referral_details.lead_id,
        referral_details.referrer_text_key,
        referral_details.referrer_text_display,
        positions.position as name_end_position
    from referral_details
    -- NOTE: only the first 999 characters of the details are searched.
    inner join {{ integer_positions() }} as positions
        on positions.position <= length(referral_details.referrer_text_key) + 1
    where
        referral_details.referrer_text_key is not null
        and (
            positions.position = length(referral_details.referrer_text_key) + 1
            or substr(referral_details.referrer_text_key, positions.position, 1)
            in (' ', '-', ',', '.')
        )
),

name_prefixes as (
    select
        lead_id,
        name_end_position,
        {{ regexp_replace_first(
            'substr(referrer_text_key, 1, name_end_position - 1)', '[\\s,.-]+$', ''
        ) }} as name_key
    from name_end_positions
),

-- The earliest people who carry each name: three per name, three per name and company,
-- and three per name and account. Whether a referral resolves depends only on whether
-- none, one or several people other than its own lead carry the name, and the people
-- created no later than the referral are always the earliest ones. So three candidates
-- per key decide every case, and the join's output stays bounded however common a name
-- is. Joining every person with the name would grow with the square of its frequency.
person_names as (
    select
        person_id,
        name_key,
        company_key,
        account_id,
        min(created_at) as created_at
    from person_keys
    where name_key is not null
    group by person_id, name_key, company_key, account_id
),

ranked_person_names as (
    select
        *,
        row_number() over (
            partition by name_key
            order by created_at nulls first, person_id
        ) as name_rank,
        row_number() over (
            partition by name_key, company_key
            order by created_at nulls first, person_id
        ) as company_rank,
        row_number() over (
            partition by name_key, account_id
            order by created_at nulls first, person_id
        ) as account_rank
    from person_names
),

name_prefix_referrals as (
    select
        name_prefixes.lead_id,
        name_prefixes.name_end_position,
        name_prefixes.name_key,
        referral_details.company_key,
        referral_details.converted_account_id,
        referral_details.created_at
    from name_prefixes
    inner join referral_details
        on name_prefixes.lead_id = referral_details.lead_id
),

earliest_by_name as (
    select
        name_prefix_referrals.*,
        ranked_person_names.person_id,
        ranked_person_names.company_key as person_company_key,
        ranked_person_names.account_id as person_account_id,
        ranked_person_names.created_at as person_created_at
    from name_prefix_referrals
    inner join ranked_person_names
        on name_prefix_referrals.name_key = ranked_person_names.name_key
    where ranked_person_names.name_rank <= 3
),

earliest_by_company as (
    select
        name_prefix_referrals.*,
        ranked_person_names.person_id,
        ranked_person_names.company_key as person_company_key,
        ranked_person_names.account_id as person_account_id,
        ranked_person_names.created_at as person_created_at
    from name_prefix_referrals
    inner join ranked_person_names
        on
            name_prefix_referrals.name_key = ranked_person_names.name_key
            and name_prefix_referrals.company_key = ranked_person_names.company_key
    where ranked_person_names.company_rank <= 3
),

earliest_by_account as (
    select
        name_prefix_referrals.*,
        ranked_person_names.person_id,
        ranked_person_names.company_key as person_company_key,
        ranked_person_names.account_id as person_account_id,
        ranked_person_names.created_at as person_created_at
    from name_prefix_referrals
    inner join ranked_person_names
        on
            name_prefix_referrals.name_key = ranked_person_names.name_key
            and name_prefix_referrals.converted_account_id = ranked_person_names.account_id
    where ranked_person_names.account_rank <= 3
),

earliest_people as (
    select * from earliest_by_name
    union all
    select * from earliest_by_company
    union all
    select * from earliest_by_account
),

name_matches as (
    select distinct
        lead_id,
        name_end_position,
        person_id,
        coalesce(
            company_key = person_company_key
            or converted_account_id = person_account_id,
            false
        ) as is_same_company
    from earliest_people
    where coalesce(person_created_at <= created_at, true)
),

-- The longest leading part of the text that is a known person's name.
longest_name_matches as (
    select
        lead_id,
        max(name_end_position) as name_end_position
    from name_matches
    group by lead_id
),

name_candidates as (
    select distinct
        name_matches.lead_id,
        'name' as match_method,
        name_matches.person_id,
        name_matches.is_same_company,
        name_matches.name_end_position
    from name_matches
    inner join longest_name_matches
        on
            name_matches.lead_id = longest_name_matches.lead_id
            and name_matches.name_end_position = longest_name_matches.name_end_position
),

all_candidates as (
    select * from lookup_candidates
    union all
    select * from email_candidates
    union all
    select * from name_candidates
),

method_ranks as (
    select
        *,
        case match_method
            when 'lookup_field' then 1
            when 'email' then 2
            else 3
        end as method_rank
    from all_candidates
),

first_methods as (
    select
        lead_id,
        min(method_rank) as method_rank
    from method_ranks
    group by lead_id
),

chosen_candidates as (
    select method_ranks.*
    from method_ranks
    inner join first_methods
        on
            method_ranks.lead_id = first_methods.lead_id
            and method_ranks.method_rank = first_methods.method_rank
),

-- A lead is never its own candidate while someone else matches.
candidate_counts as (
    select
        lead_id,
        max(match_method) as match_method,
        max(name_end_position) as name_end_position,
        count(distinct case when person_id <> lead_id then person_id end) as other_people,
        count(
            distinct case when person_id <> lead_id and is_same_company then person_id end
        ) as other_people_at_company,
        max(case when person_id <> lead_id then person_id end) as any_other_person_id,
        max(
            case when person_id <> lead_id and is_same_company then person_id end
        ) as any_other_person_at_company_id
    from chosen_candidates
    group by lead_id
),

resolutions as (
    select
        lead_id,
        match_method,
        name_end_position,
        case
            when other_people = 0 then 'self_referral'
            when other_people = 1 then 'resolved'
            when other_people_at_company = 1 then 'resolved'
            else 'ambiguous'
        end as referrer_status,
        case
            when other_people = 1 then any_other_person_id
            when other_people_at_company = 1 then any_other_person_at_company_id
        end as referrer_person_id
    from candidate_counts
),

-- For details whose name matched no person, the channel hint is the longest trailing part
-- of the text that is a known lead source: `Ann Vo-Webinar` gives `Webinar`.
trailing_parts as (
    select
        lead_id,
        name_end_position,
        {{ trim_separators('substr(referrer_text_display, name_end_position + 1)') }}
            as trailing_text
    from name_end_positions
    where name_end_position <= length(referrer_text_key)
),

known_trailing_parts as (
    select
        trailing_parts.lead_id,
        trailing_parts.trailing_text,
        row_number() over (
            partition by trailing_parts.lead_id
            order by trailing_parts.name_end_position
        ) as trailing_rank
    from trailing_parts
    inner join lead_source_mapping
        on
            {{ normalize_match_key('trailing_parts.trailing_text') }}
            = lead_source_mapping.lead_source
),

matches as (
    select
        referral_details.lead_id,
        coalesce(resolutions.match_method, 'none') as referrer_match_method,
        case
            when resolutions.referrer_status is not null then resolutions.referrer_status
            when referral_details.lead_source_details is null then 'missing_details'
            else 'unresolved'
        end as referrer_status,
        resolutions.referrer_person_id,
        case
            when resolutions.match_method = 'name'
                then {{ trim_separators(
                    'substr(referral_details.referrer_text_display, '
                    ~ 'resolutions.name_end_position + 1)'
                ) }}
            when resolutions.match_method = 'email'
                then {{ trim_separators(
                    'substr(referral_details.referrer_text_display, '
                    ~ string_position(
                        'referral_details.referrer_text_key',
                        'referral_details.details_email_key'
                    ) ~ ' '
                    ~ '+ length(referral_details.details_email_key))'
                ) }}
            else known_trailing_parts.trailing_text
        end as channel_hint
    from referral_details
    left join resolutions
        on referral_details.lead_id = resolutions.lead_id
    left join known_trailing_parts
        on
            referral_details.lead_id = known_trailing_parts.lead_id
            and known_trailing_parts.trailing_rank = 1
)

select * from matches
