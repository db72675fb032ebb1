{{ stage_salesforce_table('account', [
    {'name': 'account_name', 'raw': 'name', 'type': 'text'},
    {'name': 'owner_id', 'raw': 'owner_id', 'type': 'id'},
    {'name': 'created_at', 'raw': 'created_date', 'type': 'timestamp'},
], derived_columns=[
    {'name': 'company_key', 'sql': normalize_match_key(normalize_display_text('account_name'))},
]) }}
