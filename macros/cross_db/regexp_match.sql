{#- True when the whole text matches the regular expression; NULL for NULL text. -#}
{% macro regexp_full_match(expression, pattern) -%}
    {{- return(adapter.dispatch('regexp_full_match', 'referral_insights')(expression, pattern)) -}}
{%- endmacro %}

{% macro default__regexp_full_match(expression, pattern) -%}
    ({{ expression }} ~ {{ string_literal('^(' ~ pattern ~ ')$') }})
{%- endmacro %}

{% macro duckdb__regexp_full_match(expression, pattern) -%}
    regexp_full_match({{ expression }}, {{ string_literal(pattern) }})
{%- endmacro %}

{% macro spark__regexp_full_match(expression, pattern) -%}
    ({{ expression }} rlike {{ string_literal('^(' ~ pattern ~ ')$') }})
{%- endmacro %}


{#- The first match of the regular expression in the text, or NULL when none. -#}
{% macro regexp_first_match(expression, pattern) -%}
    {{- return(adapter.dispatch('regexp_first_match', 'referral_insights')(expression, pattern)) -}}
{%- endmacro %}

{% macro default__regexp_first_match(expression, pattern) -%}
    {#- regexp_match returns the capture groups; the outer group is the whole match. -#}
    (regexp_match({{ expression }}, {{ string_literal('(' ~ pattern ~ ')') }}))[1]
{%- endmacro %}

{% macro duckdb__regexp_first_match(expression, pattern) -%}
    nullif(regexp_extract({{ expression }}, {{ string_literal(pattern) }}), '')
{%- endmacro %}

{% macro spark__regexp_first_match(expression, pattern) -%}
    nullif(regexp_extract({{ expression }}, {{ string_literal(pattern) }}, 0), '')
{%- endmacro %}
