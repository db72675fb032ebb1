{{ stage_salesforce_table('user', [
    {'name': 'user_name', 'raw': 'name', 'type': 'text'},
    {'name': 'email', 'raw': 'email', 'type': 'text'},
    {'name': 'is_active', 'raw': 'is_active', 'type': 'boolean'},
]) }}
