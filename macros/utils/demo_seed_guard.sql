{#
    Guard against loading the demo seeds over real raw data. A demo seed writes into the
    source schema; if that schema already holds the table without the marker that an
    earlier demo load left, the table is someone's real data and the load stops.
#}
{% macro demo_seed_marker_relation() %}
    {{ return(api.Relation.create(
        database=this.database, schema=this.schema, identifier='referral_insights_demo_marker'
    )) }}
{% endmacro %}

{% macro check_demo_seed_target() %}
    {% if execute %}
        {% set existing = adapter.get_relation(
            database=this.database, schema=this.schema, identifier=this.identifier
        ) %}
        {% set marker = demo_seed_marker_relation() %}
        {% set existing_marker = adapter.get_relation(
            database=marker.database, schema=marker.schema, identifier=marker.identifier
        ) %}
        {% if existing is not none and existing_marker is none %}
            {{ exceptions.raise_compiler_error(
                "Demo seed '" ~ this.identifier ~ "' would overwrite " ~ existing
                ~ ", which the demo did not create. If that schema holds your raw CRM data, "
                ~ "run with --exclude path:seeds/demo or --vars '{load_demo_data: false}'. "
                ~ "If it is an old demo load, drop the table first."
            ) }}
        {% endif %}
    {% endif %}
    select 1
{% endmacro %}

{% macro mark_demo_seed_target() %}
    {% set marker = demo_seed_marker_relation() %}
    create table if not exists {{ marker }} as
    select 'Tables in this schema were loaded from seeds/demo.' as note
{% endmacro %}
