{{ stage_salesforce_table('contact', [
    {'name': 'merged_into_id', 'raw': 'master_record_id', 'type': 'id'},
    {'name': 'account_id', 'raw': 'account_id', 'type': 'id'},
    {'name': 'first_name', 'raw': 'first_name', 'type': 'text'},
    {'name': 'last_name', 'raw': 'last_name', 'type': 'text'},
    {'name': 'email', 'raw': 'email', 'type': 'text'},
    {'name': 'lead_source', 'raw': 'lead_source', 'type': 'text'},
    {'name': 'owner_id', 'raw': 'owner_id', 'type': 'id'},
    {'name': 'created_at', 'raw': 'created_date', 'type': 'timestamp'},
], derived_columns=[
    {'name': 'name_key', 'sql': person_name_key('first_name', 'last_name')},
]) }}
