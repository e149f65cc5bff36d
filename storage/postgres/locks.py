"""Which of the roles' advisory locks some session holds now, for /healthz: one short
connection of its own per check, so that the answer also says the database is reachable."""

from __future__ import annotations

from collections.abc import Mapping

import psycopg

from bot.errors import StorageError
from storage.postgres.pool import first_line, redact
from storage.postgres.roles import lock_ids

# Seconds to reach the server before /healthz reports it unreachable.
CONNECT_TIMEOUT = 4


def roles_held(url: str, keys: Mapping[str, int]) -> dict[str, bool]:
    """role -> whether any session holds its lock key, in this database (advisory locks of
    other databases on the same server do not count). StorageError if it cannot tell."""
    try:
        with psycopg.connect(url, autocommit=True, connect_timeout=CONNECT_TIMEOUT) as conn:
            rows = conn.execute(
                "SELECT classid::bigint, objid::bigint FROM pg_locks"
                " WHERE locktype = 'advisory' AND granted AND objsubid = 1"
                " AND database = (SELECT oid FROM pg_database"
                " WHERE datname = current_database())"
            ).fetchall()
    except psycopg.Error as exc:
        raise StorageError(
            f"{redact(url)}: the database does not answer ({first_line(exc)})"
        ) from exc
    granted = {(int(classid), int(objid)) for classid, objid in rows}
    return {role: lock_ids(key) in granted for role, key in keys.items()}
