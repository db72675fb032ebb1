{{ stage_salesforce_table('opportunity_contact_role', [
    {'name': 'opportunity_id', 'raw': 'opportunity_id', 'type': 'id'},
    {'name': 'contact_id', 'raw': 'contact_id', 'type': 'id'},
    {'name': 'contact_role', 'raw': 'role', 'type': 'text'},
    {'name': 'is_primary', 'raw': 'is_primary', 'type': 'flag'},
    {'name': 'created_at', 'raw': 'created_date', 'type': 'timestamp'},
]) }}
