{#-
    Replace every match of a regular expression.

    Arguments:
      expression (string): SQL expression of the text.
      pattern (string): the regular expression itself, not a SQL literal.
      replacement (string): replacement text, not a SQL literal; no backreferences.
-#}
{% macro regexp_replace_all(expression, pattern, replacement) -%}
    {{- return(adapter.dispatch('regexp_replace_all', 'referral_insights')(
        expression, pattern, replacement
    )) -}}
{%- endmacro %}

{% macro default__regexp_replace_all(expression, pattern, replacement) -%}
    regexp_replace({{ expression }}, {{ string_literal(pattern) }}, {{ string_literal(replacement) }}, 'g')
{%- endmacro %}

{% macro spark__regexp_replace_all(expression, pattern, replacement) -%}
    regexp_replace({{ expression }}, {{ string_literal(pattern) }}, {{ string_literal(replacement) }})
{%- endmacro %}


{#-
    Replace the first match of a regular expression. Spark's regexp_replace has no
    first-only form, so on Spark this macro is for anchored patterns (^... or ...$),
    where the first match is the only one.
-#}
{% macro regexp_replace_first(expression, pattern, replacement) -%}
    {{- return(adapter.dispatch('regexp_replace_first', 'referral_insights')(
        expression, pattern, replacement
    )) -}}
{%- endmacro %}

{% macro default__regexp_replace_first(expression, pattern, replacement) -%}
    regexp_replace({{ expression }}, {{ string_literal(pattern) }}, {{ string_literal(replacement) }})
{%- endmacro %}
