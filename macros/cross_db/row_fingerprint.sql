{#- A fingerprint of a raw row: equal rows give equal values, and a change in any of
    the expressions gives another value. Staging compares fingerprints to find the raw
    rows that changed since the last run.

    Arguments:
      expressions (list of string): SQL expressions, usually every raw column.
      salt (string): text mixed into every fingerprint, so that a change in how staging
        reads the rows (vars, columns) changes every fingerprint. -#}
{% macro row_fingerprint(expressions, salt) -%}
    {{- return(adapter.dispatch('row_fingerprint', 'referral_insights')(expressions, salt)) -}}
{%- endmacro %}

{% macro default__row_fingerprint(expressions, salt) -%}
    md5(concat_ws('|', {{ string_literal(salt) }}
    {%- for expression in expressions %},
        coalesce(cast({{ expression }} as {{ dbt.type_string() }}), '<null>')
    {%- endfor %}))
{%- endmacro %}

{#- DuckDB's own 64-bit hash reads each column in its type and is much faster than md5
    over text. -#}
{% macro duckdb__row_fingerprint(expressions, salt) -%}
    hash({{ string_literal(salt) }}
    {%- for expression in expressions %}, {{ expression }}{% endfor %})
{%- endmacro %}
