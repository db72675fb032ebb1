{#- Text in Unicode normalisation form C (composed characters). -#}
{% macro unicode_nfc(expression) -%}
    {{- return(adapter.dispatch('unicode_nfc', 'referral_insights')(expression)) -}}
{%- endmacro %}

{% macro default__unicode_nfc(expression) -%}
    normalize({{ expression }}, nfc)
{%- endmacro %}

{% macro duckdb__unicode_nfc(expression) -%}
    nfc_normalize({{ expression }})
{%- endmacro %}

{% macro spark__unicode_nfc(expression) -%}
    {#- NOTE: Spark SQL has no Unicode normalisation function. Decomposed accents are
        still folded, because normalize_display_text removes combining marks. -#}
    {{ expression }}
{%- endmacro %}


{#- 1-based position of needle in haystack, 0 when absent. -#}
{% macro string_position(haystack, needle) -%}
    {{- return(adapter.dispatch('string_position', 'referral_insights')(haystack, needle)) -}}
{%- endmacro %}

{% macro default__string_position(haystack, needle) -%}
    strpos({{ haystack }}, {{ needle }})
{%- endmacro %}

{% macro spark__string_position(haystack, needle) -%}
    instr({{ haystack }}, {{ needle }})
{%- endmacro %}


{#- The engine's 8-byte floating point type. -#}
{% macro type_double() -%}
    {{- return(adapter.dispatch('type_double', 'referral_insights')()) -}}
{%- endmacro %}

{% macro default__type_double() -%}
    double precision
{%- endmacro %}

{% macro duckdb__type_double() -%}
    double
{%- endmacro %}

{% macro spark__type_double() -%}
    double
{%- endmacro %}


{#-
    A derived table `positions(position)` of the integers 1 to 1000, built from digits
    so that it needs no engine-specific series function.
-#}
{% macro integer_positions() -%}
    (
        select hundreds.digit * 100 + tens.digit * 10 + units.digit + 1 as position
        from {{ digits_table() }} as hundreds
        cross join {{ digits_table() }} as tens
        cross join {{ digits_table() }} as units
    )
{%- endmacro %}

{% macro digits_table() -%}
    (
        {%- for digit in range(10) %}
        select {{ digit }} as digit{{ ' union all' if not loop.last }}
        {%- endfor %}
    )
{%- endmacro %}


{#- True when the text holds only ASCII characters: as many bytes as characters. -#}
{% macro is_ascii(expression) -%}
    {{- return(adapter.dispatch('is_ascii', 'referral_insights')(expression)) -}}
{%- endmacro %}

{% macro default__is_ascii(expression) -%}
    octet_length({{ expression }}) = length({{ expression }})
{%- endmacro %}

{% macro duckdb__is_ascii(expression) -%}
    strlen({{ expression }}) = length({{ expression }})
{%- endmacro %}
