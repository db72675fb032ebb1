{#-
    First day of the month, in the IANA time zone of var reporting_timezone, of a UTC
    timestamp. The conversion uses the time zone database, so daylight saving time
    moves a timestamp near midnight into the right month.
-#}
{% macro reporting_month(utc_timestamp) %}
    {{- return(adapter.dispatch('reporting_month', 'referral_insights')(utc_timestamp)) -}}
{% endmacro %}

{% macro default__reporting_month(utc_timestamp) -%}
    cast(
        date_trunc(
            'month',
            timezone('{{ var("reporting_timezone") }}', timezone('UTC', {{ utc_timestamp }}))
        ) as date
    )
{%- endmacro %}

{#- from_utc_timestamp is right only in a UTC session, which the spark target sets. -#}
{% macro spark__reporting_month(utc_timestamp) -%}
    cast(
        date_trunc(
            'month', from_utc_timestamp({{ utc_timestamp }}, '{{ var("reporting_timezone") }}')
        ) as date
    )
{%- endmacro %}
