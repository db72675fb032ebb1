{#-
    A select statement that returns one row per calendar day, from start_date to
    end_date inclusive, in a single date column named date_day.

    Arguments:
      start_date (string): first day, as YYYY-MM-DD.
      end_date (string): last day, as YYYY-MM-DD.
-#}
{% macro date_series(start_date, end_date) -%}
    {{- return(adapter.dispatch('date_series', 'referral_insights')(start_date, end_date)) -}}
{%- endmacro %}

{#-
    PostgreSQL and DuckDB both have generate_series over timestamps with a step. The
    timestamps have no time zone, so the session's zone cannot shift a day.
-#}
{% macro default__date_series(start_date, end_date) -%}
    select cast(days.day_start as date) as date_day
    from generate_series(
        cast({{ string_literal(start_date) }} as timestamp),
        cast({{ string_literal(end_date) }} as timestamp),
        interval '1 day'
    ) as days (day_start)
{%- endmacro %}

{% macro spark__date_series(start_date, end_date) -%}
    select explode(
        sequence(
            cast({{ string_literal(start_date) }} as date),
            cast({{ string_literal(end_date) }} as date),
            interval 1 day
        )
    ) as date_day
{%- endmacro %}
