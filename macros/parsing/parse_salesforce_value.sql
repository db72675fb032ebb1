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
    of the strptime formats in var salesforce_timestamp_formats. Text without an offset
    is taken to be UTC already. Unparseable text is NULL.
-#}
{% macro parse_timestamp(expression) %}
    {{- return(adapter.dispatch('parse_timestamp', 'referral_insights')(expression)) -}}
{% endmacro %}

{% macro duckdb__parse_timestamp(expression) -%}
    coalesce(
        timezone('UTC', try_cast({{ clean_text(expression) }} as timestamptz)),
        try_strptime(
            {{ clean_text(expression) }},
            [{%- for format in var('salesforce_timestamp_formats') -%}
                {{ string_literal(format) }}{{ ', ' if not loop.last }}
            {%- endfor -%}]
        )
    )
{%- endmacro %}

{#-
    PostgreSQL has no safe cast, so each branch first checks the text's shape with a
    regular expression: ISO 8601, then each strptime format translated to a pattern
    and a to_timestamp template.
-#}
{% macro default__parse_timestamp(expression) -%}
    {%- set text = clean_text(expression) -%}
    case
        when {{ regexp_full_match(text, iso_timestamp_pattern() ~ '(Z|[+-][0-9]{2}(:?[0-9]{2})?)') }}
            then case
                when {{ iso_day_exists(text) }}
                    then cast(cast({{ text }} as timestamptz) at time zone 'UTC' as timestamp)
            end
        when {{ regexp_full_match(text, iso_timestamp_pattern()) }}
            then case when {{ iso_day_exists(text) }} then cast({{ text }} as timestamp) end
        {%- for format in var('salesforce_timestamp_formats') %}
        -- NOTE: text in the format's shape but out of range, such as 02/30/25, still
        -- makes to_timestamp raise an error on PostgreSQL instead of giving NULL.
        when {{ regexp_full_match(text, strptime_format_pattern(format)) }}
            -- to_timestamp reads the wall time in the session time zone; converting back
            -- to that zone returns the wall time as written.
            then cast(
                to_timestamp({{ text }}, {{ string_literal(strptime_to_postgres(format)) }})
                at time zone current_setting('TimeZone') as timestamp
            )
        {%- endfor %}
    end
{%- endmacro %}

{#- Spark reads ISO 8601 with to_timestamp and other formats with try_to_timestamp. With
    ANSI mode off, as dbt-spark sets it, both return NULL for text they cannot read. -#}
{% macro spark__parse_timestamp(expression) -%}
    {%- set text = clean_text(expression) -%}
    case
        when {{ regexp_full_match(text, iso_timestamp_pattern() ~ '(Z|[+-][0-9]{2}(:?[0-9]{2})?)?') }}
            then to_timestamp({{ text }})
        {%- for format in var('salesforce_timestamp_formats') %}
        when {{ regexp_full_match(text, strptime_format_pattern(format)) }}
            then try_to_timestamp({{ text }}, {{ string_literal(strptime_to_java(format)) }})
        {%- endfor %}
    end
{%- endmacro %}

{#- The Java DateTimeFormatter pattern, as Spark reads it, for a strptime format. -#}
{% macro strptime_to_java(format) %}
    {% set parts = {
        '%m': 'M', '%d': 'd', '%y': 'yy', '%Y': 'yyyy', '%H': 'H', '%I': 'h',
        '%M': 'mm', '%S': 'ss', '%p': 'a',
    } %}
    {{ return(strptime_translate(format, parts, escape_literals=false)) }}
{% endmacro %}

{#- ISO 8601 date and time, without the offset, with months, days, hours, minutes and
    seconds in range. -#}
{% macro iso_timestamp_pattern() -%}
    {{- return(
        '[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])'
        ~ '([ T]([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\.[0-9]+)?)?)?'
    ) -}}
{%- endmacro %}

{#- True when the day of an ISO date that matched iso_timestamp_pattern exists in its
    month, so that PostgreSQL's cast cannot fail on 2025-02-30. Call it inside a CASE
    branch that checked the pattern: on other text the integer casts would fail. -#}
{% macro iso_day_exists(text) -%}
    cast(substr({{ text }}, 9, 2) as integer) <= extract(
        day from make_date(
            cast(substr({{ text }}, 1, 4) as integer), cast(substr({{ text }}, 6, 2) as integer), 1
        ) + interval '1 month' - interval '1 day'
    )
{%- endmacro %}

{#- A regular expression for text written in a strptime format. -#}
{% macro strptime_format_pattern(format) %}
    {% set parts = {
        '%m': '[0-9]{1,2}', '%d': '[0-9]{1,2}', '%y': '[0-9]{2}', '%Y': '[0-9]{4}',
        '%H': '[0-9]{1,2}', '%I': '[0-9]{1,2}', '%M': '[0-9]{2}', '%S': '[0-9]{2}',
        '%p': '([AaPp][Mm])',
    } %}
    {{ return(strptime_translate(format, parts, escape_literals=true)) }}
{% endmacro %}

{#- The to_timestamp template for a strptime format. -#}
{% macro strptime_to_postgres(format) %}
    {% set parts = {
        '%m': 'MM', '%d': 'DD', '%y': 'YY', '%Y': 'YYYY', '%H': 'HH24', '%I': 'HH12',
        '%M': 'MI', '%S': 'SS', '%p': 'AM',
    } %}
    {{ return(strptime_translate(format, parts, escape_literals=false)) }}
{% endmacro %}

{% macro strptime_translate(format, parts, escape_literals) %}
    {% set result = namespace(text='', index=0) %}
    {% for position in range(format | length) %}
        {% if position >= result.index %}
            {% set directive = format[position:position + 2] %}
            {% if directive in parts %}
                {% set result.text = result.text ~ parts[directive] %}
                {% set result.index = position + 2 %}
            {% elif directive.startswith('%') %}
                {{ exceptions.raise_compiler_error(
                    "Var salesforce_timestamp_formats has the format '" ~ format ~ "' with "
                    ~ "the directive '" ~ directive ~ "', which this engine cannot read. "
                    ~ "Use only " ~ parts.keys() | join(', ') ~ "."
                ) }}
            {% else %}
                {% set character = format[position] %}
                {% if escape_literals and character in '.^$*+?()[]{}|\\' %}
                    {% set character = '\\' ~ character %}
                {% endif %}
                {% set result.text = result.text ~ character %}
                {% set result.index = position + 1 %}
            {% endif %}
        {% endif %}
    {% endfor %}
    {{ return(result.text) }}
{% endmacro %}


{% macro parse_date(expression) %}
    {{- return(adapter.dispatch('parse_date', 'referral_insights')(expression)) -}}
{% endmacro %}

{% macro duckdb__parse_date(expression) -%}
    coalesce(
        try_cast({{ clean_text(expression) }} as date),
        cast({{ parse_timestamp(expression) }} as date)
    )
{%- endmacro %}

{% macro default__parse_date(expression) -%}
    cast({{ parse_timestamp(expression) }} as date)
{%- endmacro %}


{#- Currency amount; thousands separators are removed. Unparseable text is NULL. -#}
{% macro parse_amount(expression) %}
    {{- return(adapter.dispatch('parse_amount', 'referral_insights')(expression)) -}}
{% endmacro %}

{% macro duckdb__parse_amount(expression) -%}
    try_cast(replace({{ clean_text(expression) }}, ',', '') as decimal(18, 2))
{%- endmacro %}

{% macro spark__parse_amount(expression) -%}
    try_cast(replace({{ clean_text(expression) }}, ',', '') as decimal(18, 2))
{%- endmacro %}

{% macro default__parse_amount(expression) -%}
    {%- set text = "replace(" ~ clean_text(expression) ~ ", ',', '')" -%}
    case
        when {{ regexp_full_match(text, '[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)') }}
            then cast({{ text }} as decimal(18, 2))
    end
{%- endmacro %}
