{#-
    SHA-256 of the text's UTF-8 bytes, as 64 lower-case hexadecimal characters; NULL for
    NULL. The three engines return the same string for the same text, so a hash made on
    one can be joined to a hash made on another, or to Python's
    hashlib.sha256(text.encode()).hexdigest().
-#}
{% macro sha256_hex(expression) -%}
    {{- return(adapter.dispatch('sha256_hex', 'referral_insights')(expression)) -}}
{%- endmacro %}

{#- PostgreSQL 11 and newer: sha256 takes bytea and returns bytea. -#}
{% macro default__sha256_hex(expression) -%}
    cast(encode(sha256(convert_to({{ expression }}, 'UTF8')), 'hex') as {{ dbt.type_string() }})
{%- endmacro %}

{% macro duckdb__sha256_hex(expression) -%}
    cast(sha256({{ expression }}) as {{ dbt.type_string() }})
{%- endmacro %}

{% macro spark__sha256_hex(expression) -%}
    cast(sha2({{ expression }}, 256) as {{ dbt.type_string() }})
{%- endmacro %}
