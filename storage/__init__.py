"""Persistence behind small Protocols; TinyDB files written atomically are the default."""
