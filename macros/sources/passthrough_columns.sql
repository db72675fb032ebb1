{#
    Column specs for the org-specific raw columns named in a passthrough var. Each is
    staged as text under its own lower-case name and carried to the marts.

    Arguments:
      var_name (string): 'lead_passthrough_columns' or 'opportunity_passthrough_columns'.
      reserved_names (list of string): the model's own columns, which a passthrough
        column may not shadow.
#}
{% macro passthrough_column_specs(var_name, reserved_names=[]) %}
    {% set specs = [] %}
    {% for column_name in var(var_name) %}
        {% set name = column_name | lower %}
        {% if not modules.re.fullmatch('[a-z_][a-z0-9_]*', name) %}
            {{ exceptions.raise_compiler_error(
                "Var " ~ var_name ~ " lists '" ~ column_name ~ "', which is not a plain "
                ~ "column name. Use the raw column's snake_case or API name, for example "
                ~ "'industry' or 'Industry'."
            ) }}
        {% endif %}
        {% if name in reserved_names %}
            {{ exceptions.raise_compiler_error(
                "Var " ~ var_name ~ " lists '" ~ column_name ~ "', but the mart already has "
                ~ "a column of that name. Remove it from the var."
            ) }}
        {% endif %}
        {% do specs.append({'name': name, 'raw': column_name, 'type': 'text'}) %}
    {% endfor %}
    {{ return(specs) }}
{% endmacro %}


{#- The passthrough columns of a var as a select list, each followed by a comma. -#}
{% macro passthrough_column_list(var_name, relation_alias=none) -%}
    {%- for column_name in var(var_name) %}
        {{ relation_alias ~ '.' if relation_alias }}{{ column_name | lower }},
    {%- endfor %}
{%- endmacro %}
