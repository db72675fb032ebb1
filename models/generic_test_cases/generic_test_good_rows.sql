select * from {{ ref('generic_test_case_rows') }} where case_name = 'good'
