{#
    Fails for each non-NULL value that is not an 18-character case-safe Salesforce id
    whose last three characters match the checksum of its first 15.
#}
{% test is_case_safe_salesforce_id(model, column_name) %}

with

validation_errors as (
    select {{ column_name }}
    from {{ model }}
    where
        {{ column_name }} is not null
        and not (
            length({{ column_name }}) = 18
            and {{ is_valid_salesforce_id(column_name) }}
        )
)

select * from validation_errors

{% endtest %}
