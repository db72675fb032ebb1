{#
    Text normalisation for matching people named in free-text referral details.

    normalize_display_text keeps letter case and accents but unifies what reps and
    integrations write differently: HTML entities, typographic apostrophes and dashes,
    Unicode composition and runs of white space.

    normalize_match_key turns display text into a join key: casefolded, with accents
    folded. For composed (NFC) text it keeps the length, so a position found in the key
    is the same position in the display text.
#}
{% macro normalize_display_text(expression) %}
    {{- return(adapter.dispatch('normalize_display_text', 'referral_insights')(expression)) -}}
{% endmacro %}

{% macro default__normalize_display_text(expression) -%}
    {#- HTML entities that CRMs and form tools write into text fields, typographic
        apostrophes and dashes, then composed Unicode and single spaces. -#}
    nullif(trim(regexp_replace(nfc_normalize(
        replace(replace(replace(replace(
            regexp_replace(
                regexp_replace(
                    regexp_replace(
                        regexp_replace(
                            {{ clean_text(expression) }},
                            '&#0*39;|&#x0*27;|&apos;|[’‘ʼ`´′]', '''', 'g'
                        ),
                        '[–—‐‑]', '-', 'g'
                    ),
                    '&nbsp;|&#160;', ' ', 'g'
                ),
                '&quot;|&#34;', '"', 'g'
            ),
            '&lt;', '<'), '&gt;', '>'), '&#38;', '&'), '&amp;', '&')
    ), '\s+', ' ', 'g')), '')
{%- endmacro %}


{% macro normalize_match_key(expression) %}
    {{- return(adapter.dispatch('normalize_match_key', 'referral_insights')(expression)) -}}
{% endmacro %}

{% macro default__normalize_match_key(expression) -%}
    lower(strip_accents({{ expression }}))
{%- endmacro %}


{#- Join key for a person's full name from its first and last name. -#}
{% macro person_name_key(first_name, last_name) -%}
    {{ normalize_match_key(normalize_display_text(
        "concat_ws(' ', " ~ first_name ~ ", " ~ last_name ~ ")"
    )) }}
{%- endmacro %}


{#- Join key for an email address: trimmed and lower case. -#}
{% macro email_key(expression) -%}
    lower({{ clean_text(expression) }})
{%- endmacro %}


{#-
    Text with the separators around it removed: leading spaces, commas, periods, colons,
    semicolons, slashes and hyphens, and trailing spaces and punctuation. NULL when
    nothing is left. Used on the channel hint that follows a referrer's name.
-#}
{% macro trim_separators(expression) -%}
    nullif(
        regexp_replace(
            regexp_replace({{ expression }}, '^[\s,.:;/\-]+', ''),
            '[\s,.:;]+$',
            ''
        ),
        ''
    )
{%- endmacro %}
