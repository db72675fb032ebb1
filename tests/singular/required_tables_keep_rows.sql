-- A required raw table whose every row was rejected leaves the marts empty, which is
-- almost always a misread source rather than real data: for example ids whose last
-- three characters are not the case-safe checksum of the first fifteen. Returns each
-- such table with its rejection reasons; see rejected_records for the rows.
with

rejected as (
    select * from {{ ref('rejected_records') }}
),

staged_counts as (
    select
        'lead' as source_table,
        count(*) as staged_rows
    from {{ ref('stg_salesforce__leads') }}
    union all
    select
        'contact' as source_table,
        count(*) as staged_rows
    from {{ ref('stg_salesforce__contacts') }}
    union all
    select
        'opportunity' as source_table,
        count(*) as staged_rows
    from {{ ref('stg_salesforce__opportunities') }}
),

validation_errors as (
    select
        rejected.source_table,
        rejected.rejection_reason,
        count(*) as rejected_rows
    from rejected
    inner join staged_counts
        on rejected.source_table = staged_counts.source_table
    where staged_counts.staged_rows = 0
    group by rejected.source_table, rejected.rejection_reason
)

select * from validation_errors
