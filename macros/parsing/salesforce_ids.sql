{#
    Salesforce ids come in a 15-character case-sensitive form and an 18-character
    case-safe form; the last three characters encode which of the first 15 are upper
    case. Joins use the 18-character form, so that 'a0B...' and 'a0b...' never meet.
#}

{#-
    18-character case-safe id. The all-zero id and empty text are NULL. Text of any other
    length is kept as it is, so a malformed reference stays visible instead of vanishing.
-#}
{% macro to_case_safe_id(expression) %}
    {{- return(adapter.dispatch('to_case_safe_id', 'referral_insights')(expression)) -}}
{% endmacro %}

{% macro default__to_case_safe_id(expression) -%}
    {{ case_safe_id_from_text(clean_text(expression)) }}
{%- endmacro %}


{#- to_case_safe_id for an expression that is already clean text (trimmed, NULL for
    empty): the text is read once per character, so cleaning it here would be repeated
    as often. -#}
{% macro case_safe_id_from_text(id_text) -%}
    case
        when {{ id_text }} is null then null
        when substr({{ id_text }}, 1, 15) = '000000000000000' then null
        when length({{ id_text }}) in (15, 18)
            then substr({{ id_text }}, 1, 15) || {{ salesforce_id_suffix(id_text) }}
        else {{ id_text }}
    end
{%- endmacro %}


{#- The three checksum characters computed from the first 15 characters of an id. -#}
{% macro salesforce_id_suffix(id_text) -%}
    {%- for chunk in range(3) -%}
        substr(
            'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345',
            1
            {%- for position in range(5) %}
            + case
                when ascii(substr({{ id_text }}, {{ chunk * 5 + position + 1 }}, 1))
                    between 65 and 90
                    then {{ 2 ** position }}
                else 0
            end
            {%- endfor %},
            1
        )
        {{- ' || ' if not loop.last }}
    {%- endfor -%}
{%- endmacro %}


{#-
    True for a well-formed record id: 15 or 18 letters and digits, not all zeros, and for
    18 characters a checksum that matches the first 15.
-#}
{% macro is_valid_salesforce_id(expression) %}
    {{- return(adapter.dispatch('is_valid_salesforce_id', 'referral_insights')(expression)) -}}
{% endmacro %}

{% macro default__is_valid_salesforce_id(expression) -%}
    {{ is_valid_id_text(clean_text(expression)) }}
{%- endmacro %}


{#- is_valid_salesforce_id for an expression that is already clean text. -#}
{% macro is_valid_id_text(id_text) -%}
    coalesce(
        {{ regexp_full_match(id_text, '[A-Za-z0-9]{15}([A-Za-z0-9]{3})?') }}
        and substr({{ id_text }}, 1, 15) <> '000000000000000'
        and (
            length({{ id_text }}) = 15
            or substr({{ id_text }}, 16, 3) = {{ salesforce_id_suffix(id_text) }}
        ),
        false
    )
{%- endmacro %}


{#-
    True for an 18-character case-safe id whose checksum matches its first 15 characters.
    The expression must already be clean text, such as a staged id column: each character
    is read 15 times, so cleaning it inside would repeat the cleaning as often.
-#}
{% macro is_case_safe_id_text(expression) -%}
    coalesce(
        {{ regexp_full_match(expression, '[A-Za-z0-9]{18}') }}
        and substr({{ expression }}, 1, 15) <> '000000000000000'
        and substr({{ expression }}, 16, 3) = {{ salesforce_id_suffix(expression) }},
        false
    )
{%- endmacro %}
