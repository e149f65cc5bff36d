"""Webhook updates claimed in PostgreSQL, so that instances behind one load balancer handle
each `update_id` once (bot/ops/updates.py's `SharedUpdates` runs the handling).

A claim is one statement: the INSERT of a 'handling' row wins for exactly one instance
(the primary key serialises concurrent claims); the winner marks it 'done' or, when its
handler raised, deletes it so that Telegram's next delivery is handled afresh. A 'handling'
row older than `stale` belongs to an instance that died mid-handling: the next claim takes
it over.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from bot.ops.updates import Claim
from storage.postgres.pool import Database

# A claim still 'handling' after this long was abandoned (its instance died): handlers
# finish in seconds (searches run under a time limit of their own).
STALE = timedelta(minutes=2)
# How long rows are kept: Telegram stops redelivering an update long before.
KEEP = timedelta(days=1)


class PgUpdateClaims:
    """The `UpdateClaims` of bot/ops/updates.py on the `handled_updates` table."""

    def __init__(self, db: Database, *, stale: timedelta = STALE, keep: timedelta = KEEP) -> None:
        self._db = db.retain()
        self.stale, self.keep = stale, keep

    def claim(self, update_id: int) -> Claim:
        with self._db.connection() as conn:
            won = conn.execute(
                "INSERT INTO handled_updates (update_id, state, at)"
                " VALUES (%(id)s, 'handling', now())"
                " ON CONFLICT (update_id) DO UPDATE SET at = now()"
                " WHERE handled_updates.state = 'handling'"
                " AND handled_updates.at < now() - %(stale)s"
                " RETURNING update_id",
                {"id": update_id, "stale": self.stale},
            ).fetchone()
            if won is not None:
                return Claim.WON
            row: Any = conn.execute(
                "SELECT state FROM handled_updates WHERE update_id = %s", (update_id,)
            ).fetchone()
        if row is None:  # released between the two statements: try again
            return Claim.HANDLING
        return Claim.DONE if row[0] == "done" else Claim.HANDLING

    def finish(self, update_id: int) -> None:
        with self._db.connection() as conn:
            conn.execute(
                "UPDATE handled_updates SET state = 'done', at = now() WHERE update_id = %s",
                (update_id,),
            )

    def release(self, update_id: int) -> None:
        with self._db.connection() as conn:
            conn.execute(
                "DELETE FROM handled_updates WHERE update_id = %s AND state = 'handling'",
                (update_id,),
            )

    def prune(self) -> int:
        with self._db.connection() as conn:
            cur = conn.execute("DELETE FROM handled_updates WHERE at < now() - %s", (self.keep,))
            return cur.rowcount

    def close(self) -> None:
        self._db.release()
