-- Rows for proving the project's generic tests: each test runs once on rows it must
-- accept and once on rows it must reject. Built only with var generic_test_cases.
with

rows_to_check as (
    select
        'good' as case_name,
        '001bm00001ZL8U9AAL' as salesforce_id,
        cast('2025-01-01' as date) as report_month,
        'Webinar' as channel,
        1 as amount
    union all
    select
        'good' as case_name,
        '0016800000IxMxYAAV' as salesforce_id,
        cast('2025-02-01' as date) as report_month,
        'Webinar' as channel,
        2 as amount
    union all
    select
        'good' as case_name,
        null as salesforce_id,
        null as report_month,
        'Webinar' as channel,
        3 as amount
    union all
    -- A 15-character id, an 18-character id with a wrong checksum, and the zero id.
    select
        'bad' as case_name,
        '001bm00001ZL8U9' as salesforce_id,
        cast('2025-01-01' as date) as report_month,
        'Webinar' as channel,
        -1 as amount
    union all
    select
        'bad' as case_name,
        '001bm00001ZL8U9AAA' as salesforce_id,
        cast('2025-01-01' as date) as report_month,
        'Webinar' as channel,
        4 as amount
    union all
    select
        'bad' as case_name,
        '000000000000000AAA' as salesforce_id,
        null as report_month,
        'Webinar' as channel,
        5 as amount
    union all
    select
        'bad' as case_name,
        '001-bm0001ZL8U' as salesforce_id,
        null as report_month,
        'Webinar' as channel,
        null as amount
)

select * from rows_to_check
