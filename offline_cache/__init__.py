"""Local storage: the durable outbox, catalog and status caches, encryption at rest.

Typical wiring (composition root)::

    db = Database(settings.db_path)
    keys = KeyRing.load_or_create(settings.key_path)
    outbox = SqliteOutbox(db, keys, retention=timedelta(days=7), max_attempts=100)
"""
