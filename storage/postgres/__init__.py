"""Newsbot's stores on PostgreSQL (psycopg 3, plain SQL), selected by NEWSBOT_DATABASE_URL.

`pool.Database` owns the connection pool and applies the numbered migrations in
`migrations/` at open, under an advisory lock; one module per store family implements
the Protocols of storage.base over it.
"""
