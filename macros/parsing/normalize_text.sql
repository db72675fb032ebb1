{#
    Text normalisation for matching people named in free-text referral details.

    normalize_display_text keeps letter case but unifies what reps and integrations
    write differently: HTML entities, typographic apostrophes and dashes, Unicode
    composition, combining accents that composition left over, and runs of white space.

    normalize_match_key turns display text into a join key: accents folded, then lower
    case. It keeps the length of the text, so a position found in the key is the same
    position in the display text. Both are built from the same parts on every engine,
    so every engine gives the same key.
#}
{% macro normalize_display_text(expression) -%}
    {%- set cleaned = clean_text(expression) -%}
    {%- set text = namespace(sql=cleaned) -%}
    {%- for pattern, replacement in [
        ("&#0*39;|&#[xX]0*27;|&apos;|[’‘ʼ`´′]", "'"),
        ("[–—‐‑]", "-"),
        ("&nbsp;|&#160;", " "),
        ("&quot;|&#34;", '"'),
        ("&#38;|&amp;", "&"),
    ] -%}
        {%- set text.sql = regexp_replace_all(text.sql, pattern, replacement) -%}
    {%- endfor -%}
    {%- set text.sql = regexp_replace_all(unicode_nfc(text.sql), "[̀-ͯ]", "") -%}
    {#- Most names are plain ASCII with single spaces, which none of the replacements
        above would change. Skipping them for such text makes staging several times
        faster on large tables. -#}
    case
        when {{ is_plain_text(cleaned) }} then {{ cleaned }}
        else nullif(trim({{ regexp_replace_all(text.sql, "\\s+", " ") }}), '')
    end
{%- endmacro %}


{#- True for ASCII text without HTML entities, backticks, control characters or double
    spaces: text that normalize_display_text returns as it is. -#}
{% macro is_plain_text(expression) -%}
    (
        {{ is_ascii(expression) }}
        and {{ expression }} not like '%&%'
        and {{ expression }} not like '%`%'
        and {{ expression }} not like '%  %'
        and length({{ expression }}) = length(
            {%- set stripped = namespace(sql=expression) -%}
            {%- for code in [9, 10, 11, 12, 13] -%}
                {%- set stripped.sql = "replace(" ~ stripped.sql ~ ", chr(" ~ code ~ "), '')" -%}
            {%- endfor -%}
            {{ stripped.sql }}
        )
    )
{%- endmacro %}


{#- Accented Latin letters, upper and lower case, and the base letter of each. -#}
{% macro accented_letters() -%}
    ÀÁÂÃÄÅĀĂĄàáâãäåāăąÇĆĈĊČçćĉċčĎĐďđÈÉÊËĒĔĖĘĚèéêëēĕėęěĜĞĠĢĝğġģĤĦĥħÌÍÎÏĨĪĬĮİìíîïĩīĭįıĴĵĶķĹĻĽĿŁĺļľŀłÑŃŅŇñńņňŉÒÓÔÕÖØŌŎŐòóôõöøōŏőŔŖŘŕŗřŚŜŞŠśŝşšŢŤŦţťŧÙÚÛÜŨŪŬŮŰŲùúûüũūŭůűųŴŵÝŸŶýÿŷŹŻŽźżž
{%- endmacro %}

{% macro unaccented_letters() -%}
    aaaaaaaaaaaaaaaaaaccccccccccddddeeeeeeeeeeeeeeeeeegggggggghhhhiiiiiiiiiiiiiiiiiijjkkllllllllllnnnnnnnnnoooooooooooooooooorrrrrrssssssssttttttuuuuuuuuuuuuuuuuuuuuwwyyyyyyzzzzzz
{%- endmacro %}

{#- ASCII text has no accents to fold, so it skips the folding. -#}
{% macro normalize_match_key(expression) -%}
    lower(
        case
            when {{ is_ascii(expression) }} then {{ expression }}
            else {{ fold_accents(expression) }}
        end
    )
{%- endmacro %}


{#- The text with each letter of accented_letters() replaced by its base letter. Other
    characters are kept. The base letter's case can differ between engines, so callers
    lower-case the result. -#}
{% macro fold_accents(expression) -%}
    {{- return(adapter.dispatch('fold_accents', 'referral_insights')(expression)) -}}
{%- endmacro %}

{% macro default__fold_accents(expression) -%}
    translate({{ expression }}, '{{ accented_letters() }}', '{{ unaccented_letters() }}')
{%- endmacro %}

{#- DuckDB's translate over the whole letter list took about 11 s per million names,
    and strip_accents is several times faster. strip_accents also folds letters outside
    the list, which the other engines keep, so it is used only when every non-ASCII
    character is in the list. It keeps the letters whose stroke or dot is not a
    separable accent, and a short translate folds those. -#}
{% macro duckdb__fold_accents(expression) -%}
    case
        when regexp_full_match({{ expression }}, '[\x00-\x7F{{ accented_letters() }}]*')
            then translate(
                strip_accents({{ expression }}), 'ĐđĦħıĿŁŀłŉØøŦŧ', 'ddhhillllnoott'
            )
        else {{ default__fold_accents(expression) }}
    end
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
        {{ regexp_replace_first(
            regexp_replace_first(expression, "^[\\s,.:;/-]+", ""),
            "[\\s,.:;]+$",
            ""
        ) }},
        ''
    )
{%- endmacro %}
