{{ stage_salesforce_table('opportunity', [
    {'name': 'account_id', 'raw': 'account_id', 'type': 'id'},
    {'name': 'opportunity_name', 'raw': 'name', 'type': 'text'},
    {'name': 'stage_name', 'raw': 'stage_name', 'type': 'text'},
    {'name': 'amount', 'raw': 'amount', 'type': 'number'},
    {'name': 'close_date', 'raw': 'close_date', 'type': 'date'},
    {'name': 'is_closed', 'raw': 'is_closed', 'type': 'flag'},
    {'name': 'is_won', 'raw': 'is_won', 'type': 'flag'},
    {'name': 'lead_source', 'raw': 'lead_source', 'type': 'text'},
    {'name': 'owner_id', 'raw': 'owner_id', 'type': 'id'},
    {'name': 'created_at', 'raw': 'created_date', 'type': 'timestamp'},
    {'name': 'recorded_generated_source', 'raw': var('opportunity_generated_source_field'),
        'type': 'text', 'var': 'opportunity_generated_source_field'},
]) }}
