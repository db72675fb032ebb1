{#-
    Masking of personal data in the public marts. While var mask_personal_data is true
    (the default), a name, email address or free-text value becomes the SHA-256 of its
    text (see sha256_hex), so BI users can still count, group and join on it. NULL and
    empty text stay NULL. The intermediate models keep the plain text, because referrer
    matching needs it.

    NOTE: an unsalted hash is pseudonymisation, not anonymisation. Anyone who can guess
    a value, such as a colleague's email address, can hash it and find its rows.
-#}

{#- Return var mask_personal_data, and raise a compiler error unless it is a boolean. -#}
{% macro personal_data_is_masked() %}
    {% set value = var('mask_personal_data') %}
    {% if value is sameas true or value is sameas false %}
        {{ return(value) }}
    {% endif %}
    {{ exceptions.raise_compiler_error(
        "Var mask_personal_data is " ~ tojson(value) ~ ", which is not a boolean; "
        ~ "set it to true (mask names and email addresses in the marts) or false."
    ) }}
{% endmacro %}


{#-
    A name or free text, masked: the SHA-256 of the text with leading and trailing
    spaces removed. Letter case is kept, so `Ada Park` and `ada park` differ.
-#}
{% macro mask_personal_text(expression) -%}
    {%- if personal_data_is_masked() -%}
        {{ sha256_hex("nullif(trim(" ~ expression ~ "), '')") }}
    {%- else -%}
        {{ expression }}
    {%- endif -%}
{%- endmacro %}


{#-
    An email address, masked: the SHA-256 of the address with leading and trailing
    spaces removed and the ASCII letters A to Z lower-cased. Other letters keep their
    case, because lower() follows the database's locale on PostgreSQL and would hash
    differently from one database to another.
-#}
{% macro mask_email(expression) -%}
    {%- if personal_data_is_masked() -%}
        {#- lower() gives the same result on ASCII text and is much faster than
            translate, which took about 1 s per million addresses on DuckDB. -#}
        {%- set trimmed = "trim(" ~ expression ~ ")" -%}
        {{ sha256_hex(
            "nullif(case when " ~ is_ascii(trimmed) ~ " then lower(" ~ trimmed ~ ") "
            ~ "else translate(" ~ trimmed ~ ", "
            ~ "'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz') end, '')"
        ) }}
    {%- else -%}
        {{ expression }}
    {%- endif -%}
{%- endmacro %}


{#-
    A person's display name, first name then last name; NULL when both are missing. The
    cast keeps the type that the marts' contracts declare, because concat_ws returns
    text on PostgreSQL.
-#}
{% macro person_display_name(first_name, last_name) -%}
    cast(nullif(concat_ws(' ', {{ first_name }}, {{ last_name }}), '') as {{ dbt.type_string() }})
{%- endmacro %}


{#-
    A column that should hold a Salesforce id, masked like a name unless the value is
    shaped like an id (15 or 18 letters and digits). A raw row with other text in its id
    column, such as a report footer that names the user who ran the report, would
    otherwise show that text in the marts.
-#}
{% macro mask_unless_id_shaped(expression) -%}
    {%- if personal_data_is_masked() -%}
        case
            when {{ regexp_full_match(expression, '[A-Za-z0-9]{15}([A-Za-z0-9]{3})?') }}
                then {{ expression }}
            else {{ mask_personal_text(expression) }}
        end
    {%- else -%}
        {{ expression }}
    {%- endif -%}
{%- endmacro %}
