{#
    Fails for each row where the SQL expression is false or NULL.

    Arguments:
      expression (string): a boolean SQL expression over the model's columns.
      row_condition (string): optional filter; only rows where it is true are checked.
#}
{% test expression_is_true(model, expression, row_condition=none) %}

with

validation_errors as (
    select *
    from {{ model }}
    where
        not coalesce({{ expression }}, false)
        {% if row_condition %}and ({{ row_condition }}){% endif %}
)

select * from validation_errors

{% endtest %}
