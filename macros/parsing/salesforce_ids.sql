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
    {%- set id_text = clean_text(expression) -%}
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
    coalesce(
        {{ regexp_full_match(clean_text(expression), '[A-Za-z0-9]{15}([A-Za-z0-9]{3})?') }}
        and substr({{ clean_text(expression) }}, 1, 15) <> '000000000000000'
        and (
            length({{ clean_text(expression) }}) = 15
            or substr({{ clean_text(expression) }}, 16, 3)
            = {{ salesforce_id_suffix(clean_text(expression)) }}
        ),
        false
    )
{%- endmacro %}
