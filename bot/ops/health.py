"""/healthz's checks: the process answers (it runs them), its database answers a read, and
who holds the roles that one instance at a time holds."""

from __future__ import annotations

import logging

from bot.ops.metrics import ROLES, SINGLE
from bot.ops.server import Health
from storage.base import ChatStore

log = logging.getLogger(__name__)


def check_health(chats: ChatStore) -> Health:
    """/healthz: the process answers, its database answers a read, and who holds the
    updates and sender roles (this process alone, on the embedded store)."""
    checks = {role: SINGLE for role in ROLES}
    try:
        chats.get_chat(0)
    except Exception as exc:
        log.warning("health check: the database did not answer: %s", exc)
        return Health(ok=False, checks={"database": f"failing: {type(exc).__name__}", **checks})
    return Health(ok=True, checks={"database": "ok", **checks})
