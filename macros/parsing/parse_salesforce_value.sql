{#
    Cast one raw value to its staging type.

    Arguments:
      expression (string): SQL expression of the raw value, any type.
      value_type (string): 'id', 'text', 'boolean', 'flag', 'timestamp', 'date' or 'number'.
#}
{% macro parse_salesforce_value(expression, value_type) %}
    {%- if value_type == 'id' -%}
        {{ to_case_safe_id(expression) }}
    {%- elif value_type == 'text' -%}
        {{ clean_text(expression) }}
    {%- elif value_type == 'boolean' -%}
        {{ parse_boolean(expression) }}
    {%- elif value_type == 'flag' -%}
        coalesce({{ parse_boolean(expression) }}, false)
    {%- elif value_type == 'timestamp' -%}
        {{ parse_timestamp(expression) }}
    {%- elif value_type == 'date' -%}
        {{ parse_date(expression) }}
    {%- elif value_type == 'number' -%}
        {{ parse_amount(expression) }}
    {%- else -%}
        {{ exceptions.raise_compiler_error(
            "Unknown value type '" ~ value_type ~ "' in parse_salesforce_value. Use one of "
            ~ "id, text, boolean, flag, timestamp, date, number."
        ) }}
    {%- endif -%}
{% endmacro %}


{#- Trimmed text, with empty strings and the spreadsheet marker #N/A read as NULL. -#}
{% macro clean_text(expression) %}
    {{- return(adapter.dispatch('clean_text', 'referral_insights')(expression)) -}}
{% endmacro %}

{% macro default__clean_text(expression) -%}
    nullif(nullif(trim(cast({{ expression }} as {{ dbt.type_string() }})), ''), '#N/A')
{%- endmacro %}


{#- true/false in any spelling (true, TRUE, t, 1, yes); blank is NULL. -#}
{% macro parse_boolean(expression) %}
    {{- return(adapter.dispatch('parse_boolean', 'referral_insights')(expression)) -}}
{% endmacro %}

{% macro default__parse_boolean(expression) -%}
    case
        when lower({{ clean_text(expression) }}) in ('true', 't', '1', 'yes', 'y', '1.0')
            then true
        when lower({{ clean_text(expression) }}) in ('false', 'f', '0', 'no', 'n', '0.0')
            then false
    end
{%- endmacro %}


{#-
    UTC timestamp from an ISO 8601 value (with or without an offset) or from text in one
    of the formats in var salesforce_timestamp_formats.
-#}
{% macro parse_timestamp(expression) %}
    {{- return(adapter.dispatch('parse_timestamp', 'referral_insights')(expression)) -}}
{% endmacro %}

{% macro default__parse_timestamp(expression) -%}
    coalesce(
        timezone('UTC', try_cast({{ clean_text(expression) }} as timestamptz)),
        try_strptime(
            {{ clean_text(expression) }},
            [{%- for format in var('salesforce_timestamp_formats') -%}
                '{{ format }}'{{ ', ' if not loop.last }}
            {%- endfor -%}]
        )
    )
{%- endmacro %}


{% macro parse_date(expression) %}
    {{- return(adapter.dispatch('parse_date', 'referral_insights')(expression)) -}}
{% endmacro %}

{% macro default__parse_date(expression) -%}
    coalesce(
        try_cast({{ clean_text(expression) }} as date),
        cast({{ parse_timestamp(expression) }} as date)
    )
{%- endmacro %}


{#- Currency amount; thousands separators are removed. -#}
{% macro parse_amount(expression) %}
    {{- return(adapter.dispatch('parse_amount', 'referral_insights')(expression)) -}}
{% endmacro %}

{% macro default__parse_amount(expression) -%}
    try_cast(replace({{ clean_text(expression) }}, ',', '') as decimal(18, 2))
{%- endmacro %}
