{#-
    Seed loading for dbt-spark's session method. dbt-spark 1.11.0 wraps each value of a
    seed row in single quotes without escaping, so an empty field in a text column loads
    as the string 'None', a value with an apostrophe (O'Hare) breaks the insert, and a
    backslash is dropped. This version writes each value as an escaped, typed literal
    and an empty field as NULL.
-#}
{% macro spark__load_csv_rows(model, agate_table) %}
    {% set batch_size = get_batch_size() %}
    {% set column_override = model['config'].get('column_types', {}) %}
    {% set statements = [] %}

    {% for chunk in agate_table.rows | batch(batch_size) %}
        {% set sql %}
            insert into {{ this.render() }} values
            {% for row in chunk -%}
                ({%- for column_name in agate_table.column_names -%}
                    {%- set inferred_type = adapter.convert_type(agate_table, loop.index0) -%}
                    {%- set column_type = column_override.get(column_name, inferred_type) -%}
                    {%- set value = row[loop.index0] -%}
                    {%- if value is none -%}
                        cast(null as {{ column_type }})
                    {%- else -%}
                        cast({{ string_literal(value | string) }} as {{ column_type }})
                    {%- endif -%}
                    {{- ', ' if not loop.last -}}
                {%- endfor -%}){{ ',' if not loop.last }}
            {% endfor %}
        {% endset %}
        {% do adapter.add_query(sql, abridge_sql_log=True) %}
        {% if loop.index0 == 0 %}
            {% do statements.append(sql) %}
        {% endif %}
    {% endfor %}

    {{ return(statements[0]) }}
{% endmacro %}
