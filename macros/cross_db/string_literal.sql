{#-
    A SQL string literal for a Jinja string, quoted for the engine. Spark SQL reads
    backslash escapes inside literals, so there a backslash is doubled too.
-#}
{% macro string_literal(value) -%}
    {{- return(adapter.dispatch('string_literal', 'referral_insights')(value)) -}}
{%- endmacro %}

{% macro default__string_literal(value) -%}
    '{{ value | replace("'", "''") }}'
{%- endmacro %}

{% macro spark__string_literal(value) -%}
    '{{ value | replace("\\", "\\\\") | replace("'", "\\'") }}'
{%- endmacro %}
