{#
    Use a custom schema name as it is written, without the target schema as a prefix.
    The demo seeds set their schema to var salesforce_schema, and they must land in
    exactly the schema that the sources read.
#}
{% macro generate_schema_name(custom_schema_name, node) -%}
    {%- if custom_schema_name is none -%}
        {{ target.schema }}
    {%- else -%}
        {{ custom_schema_name | trim }}
    {%- endif -%}
{%- endmacro %}
