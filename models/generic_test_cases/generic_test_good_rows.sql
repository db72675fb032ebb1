with

case_rows as (
    select * from {{ ref('generic_test_case_rows') }}
),

good_rows as (
    select
        case_name,
        salesforce_id,
        report_month,
        channel,
        amount
    from case_rows
    where case_name = 'good'
)

select * from good_rows
