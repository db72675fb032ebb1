-- Referral chains that were cut at var referral_chain_max_depth before reaching an
-- origin. Their generated source comes from the last referral reached; raise the var
-- if real chains are this long.
{{ config(severity='warn') }}

select
    lead_id,
    chain_depth
from {{ ref('referrals') }}
where chain_status = 'depth_limit'
