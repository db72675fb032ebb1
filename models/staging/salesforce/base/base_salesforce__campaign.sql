{{ stage_salesforce_table('campaign', [
    {'name': 'campaign_name', 'raw': 'name', 'type': 'text'},
    {'name': 'campaign_type', 'raw': 'type', 'type': 'text'},
    {'name': 'start_date', 'raw': 'start_date', 'type': 'date'},
]) }}
