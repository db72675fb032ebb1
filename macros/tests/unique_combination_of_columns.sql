{#
    Fails for each combination of the given columns that occurs more than once. NULL
    counts as a value, so two rows with a NULL month and the same other columns fail.

    Arguments:
      combination (list of string): the columns that together form the grain.
#}
{% test unique_combination_of_columns(model, combination) %}

with

validation_errors as (
    select
        {{ combination | join(', ') }},
        count(*) as occurrences
    from {{ model }}
    group by {{ combination | join(', ') }}
    having count(*) > 1
)

select * from validation_errors

{% endtest %}
