"""The rule of who may change a chat (bot/chats/permissions.py), without Telegram."""

from __future__ import annotations

import pytest

from bot.chats.permissions import (
    Asker,
    MemberCache,
    Verdict,
    button_changes,
    command_changes,
    decide,
    refusal,
)
from bot.models import ChatKind

OPERATORS = frozenset({7})


@pytest.mark.parametrize(
    ("kind", "asker", "status", "verdict"),
    [
        (ChatKind.PRIVATE, Asker(42), None, Verdict.ALLOWED),
        (ChatKind.GROUP, Asker(42), None, Verdict.ASK),
        (ChatKind.SUPERGROUP, Asker(42), None, Verdict.ASK),
        (ChatKind.CHANNEL, Asker(42), None, Verdict.ASK),
        (ChatKind.GROUP, Asker(42), "member", Verdict.REFUSED),
        (ChatKind.GROUP, Asker(42), "restricted", Verdict.REFUSED),
        (ChatKind.GROUP, Asker(42), "left", Verdict.REFUSED),
        (ChatKind.GROUP, Asker(42), "administrator", Verdict.ALLOWED),
        (ChatKind.SUPERGROUP, Asker(42), "creator", Verdict.ALLOWED),
        (ChatKind.GROUP, Asker(7), None, Verdict.ALLOWED),
        (ChatKind.SUPERGROUP, Asker(1087968824, as_the_chat=True), None, Verdict.ALLOWED),
        (ChatKind.GROUP, Asker(None), None, Verdict.REFUSED),
    ],
    ids=[
        "private-person",
        "group-unknown-asks",
        "supergroup-unknown-asks",
        "channel-unknown-asks",
        "group-member-refused",
        "group-restricted-refused",
        "group-left-refused",
        "group-admin",
        "supergroup-creator",
        "operator-without-asking",
        "anonymous-admin",
        "nobody-refused",
    ],
)
def test_who_may_change_a_chat(
    kind: ChatKind, asker: Asker, status: str | None, verdict: Verdict
) -> None:
    assert decide(kind, asker, OPERATORS, status) == verdict


@pytest.mark.parametrize(
    ("command", "has_argument", "changes"),
    [
        ("subscribe", True, True),
        ("sub", False, True),
        ("unsubscribe", False, True),
        ("pause", False, True),
        ("resume", False, True),
        ("stop", False, True),
        ("digest", True, True),
        ("digest", False, False),
        ("timezone", True, True),
        ("quiet", False, False),
        ("list", False, False),
        ("latest", True, False),
        ("news", False, False),
        ("help", False, False),
        ("start", False, False),
    ],
)
def test_which_commands_change_the_chat(command: str, has_argument: bool, changes: bool) -> None:
    assert command_changes(command, has_argument) is changes


@pytest.mark.parametrize(
    ("data", "changes"),
    [
        ("rm:3", True),
        ("mute:3", True),
        ("unmute:3", True),
        ("unsub:3", True),
        ("stop:yes", True),
        ("stop:no", True),
        ("settings:digest", True),  # a button added later is guarded until listed as reading
    ],
)
def test_which_buttons_change_the_chat(data: str, changes: bool) -> None:
    assert button_changes(data) is changes


def test_the_refusal_is_one_line_naming_the_kind_of_chat() -> None:
    assert "group" in refusal(ChatKind.SUPERGROUP)
    assert "channel" in refusal(ChatKind.CHANNEL)
    assert "\n" not in refusal(ChatKind.GROUP)


def test_the_member_cache_forgets_after_its_ttl() -> None:
    now = [100.0]
    cache = MemberCache(ttl=60.0, clock=lambda: now[0])
    assert cache.get(-1, 5) is None
    cache.put(-1, 5, "administrator")
    now[0] = 159.0
    assert cache.get(-1, 5) == "administrator"
    assert cache.get(-1, 6) is None
    now[0] = 160.0
    assert cache.get(-1, 5) is None


def test_the_member_cache_forgets_a_chat() -> None:
    cache = MemberCache(clock=lambda: 0.0)
    cache.put(-1, 5, "member")
    cache.put(-2, 5, "member")
    cache.forget_chat(-1)
    assert cache.get(-1, 5) is None
    assert cache.get(-2, 5) == "member"
