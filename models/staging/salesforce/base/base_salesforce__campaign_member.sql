{{ stage_salesforce_table('campaign_member', [
    {'name': 'campaign_id', 'raw': 'campaign_id', 'type': 'id'},
    {'name': 'lead_id', 'raw': 'lead_id', 'type': 'id'},
    {'name': 'contact_id', 'raw': 'contact_id', 'type': 'id'},
    {'name': 'has_responded', 'raw': 'has_responded', 'type': 'flag'},
    {'name': 'created_at', 'raw': 'created_date', 'type': 'timestamp'},
    {'name': 'first_responded_date', 'raw': 'first_responded_date', 'type': 'date'},
]) }}
