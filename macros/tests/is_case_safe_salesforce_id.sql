{#
    Fails for each non-NULL value that is not an 18-character case-safe Salesforce id
    whose last three characters match the checksum of its first 15.
#}
{% test is_case_safe_salesforce_id(model, column_name) %}

with

ids as (
    select {{ column_name }} as id_value
    from {{ model }}
    where {{ column_name }} is not null
),

validation_errors as (
    select id_value as {{ column_name }}
    from ids
    where not {{ is_case_safe_id_text('id_value') }}
)

select * from validation_errors

{% endtest %}
