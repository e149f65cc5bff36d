"""/healthz's checks: the process answers (it runs them), its database answers a read, and
the roles that one instance at a time holds (the updates consumer, the sender) are held by
some instance: on the embedded store, this process; on PostgreSQL, whoever holds the
role's advisory lock (a role nobody holds means no updates read or no alert sent)."""

from __future__ import annotations

import logging
from collections.abc import Callable

from bot.config import Settings
from bot.ops.metrics import ROLES, SINGLE
from bot.ops.server import Health
from storage.base import ChatStore

log = logging.getLogger(__name__)

# role -> whether some instance holds it now (it may raise when the database is down).
RolesHeld = Callable[[], dict[str, bool]]


def health_check(settings: Settings, chats: ChatStore) -> Callable[[], Health]:
    """/healthz's check for this instance's settings."""
    url = settings.database_url
    if not url:
        return lambda: check_health(chats)
    from storage.postgres.locks import roles_held
    from storage.postgres.roles import SENDER_LOCK, UPDATES_LOCK

    # In webhook mode every instance serves updates: no updates role to hold.
    keys = {"sender": SENDER_LOCK}
    if settings.webhook_url is None:
        keys["updates"] = UPDATES_LOCK
    return lambda: check_health(chats, roles=lambda: roles_held(url, keys))


def check_health(chats: ChatStore, *, roles: RolesHeld | None = None) -> Health:
    """/healthz: the process answers, its database answers a read, and who holds the
    updates and sender roles: this process alone without `roles` (the embedded store),
    else `roles` tells whether some instance holds each (a role it does not name is not
    one instance's: "webhook", every instance serves updates)."""
    checks = {role: SINGLE for role in ROLES}
    try:
        chats.get_chat(0)
    except Exception as exc:
        log.warning("health check: the database did not answer: %s", exc)
        return Health(
            ok=False,
            checks={"database": f"failing: {type(exc).__name__}", **checks},
            reason=f"the database does not answer ({type(exc).__name__})",
        )
    if roles is None:
        return Health(ok=True, checks={"database": "ok", **checks})
    try:
        held = roles()
    except Exception as exc:
        log.warning("health check: cannot read who holds the roles: %s", exc)
        return Health(
            ok=False,
            checks={"database": f"failing: {type(exc).__name__}"},
            reason=f"cannot read who holds the roles ({type(exc).__name__})",
        )
    checks = {
        role: ("held" if held[role] else "not held") if role in held else "webhook"
        for role in ROLES
    }
    missing = [role for role in ROLES if held.get(role) is False]
    if missing:
        return Health(
            ok=False,
            checks={"database": "ok", **checks},
            reason=f"no instance holds the {' and '.join(missing)} role"
            + ("s" if len(missing) > 1 else ""),
        )
    return Health(ok=True, checks={"database": "ok", **checks})
