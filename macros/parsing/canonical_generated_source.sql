{#-
    The label from var generated_source_values that a rep-entered value spells, ignoring
    case and surrounding white space; NULL for an empty or unrecognised value.
-#}
{% macro canonical_generated_source(expression) -%}
    case lower({{ clean_text(expression) }})
        {%- for label in var('generated_source_values') if label != 'Unknown' %}
        when '{{ label | lower }}' then '{{ label }}'
        {%- endfor %}
    end
{%- endmacro %}
