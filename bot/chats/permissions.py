"""Who may change what in a chat: the one rule of group and channel administration (pure).

Everyone may read (/list, /latest, /help, a setting shown without an argument). Changing a
chat's subscriptions or settings (the commands and buttons below) is for the chat's
administrators and the bot's operators (NEWSBOT_ADMINS); in a private chat, for its person.
The Telegram edge (handlers/permissions.py) asks Telegram for a member's status only when
the rule needs it, and keeps the answer for a short while in a `MemberCache`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from bot.models import ChatKind

# Commands that change the chat whatever follows them.
CHANGING_COMMANDS = frozenset(
    {
        "subscribe",
        "sub",
        "add",
        "unsubscribe",
        "unsub",
        "remove",
        "pause",
        "resume",
        "stop",
        "import",
    }
)
# Commands that only show something without an argument and change the chat with one.
SETTING_COMMANDS = frozenset({"digest", "timezone", "quiet", "feeds", "language"})
# Every button changes the chat (remove rm:, the alert buttons mute:, unmute:, unsub:, the
# /stop confirmation stop:yes and stop:no, and any button added later) except those whose
# callback data starts with one of these: a new button is guarded until listed here.
READING_BUTTONS: tuple[str, ...] = ()

# Telegram's ChatMember statuses that administer a chat.
ADMIN_STATUSES = frozenset({"creator", "administrator"})
# The bot's own statuses in which it can no longer post to the chat.
GONE_STATUSES = frozenset({"left", "kicked"})
# How long a member's status is believed before Telegram is asked again (seconds).
MEMBER_TTL = 60.0

REFUSED_GROUP = "Only this group's admins can change its subscriptions and settings."
REFUSED_CHANNEL = "Only this channel's admins can change its subscriptions and settings."
UNCHECKED = "I could not check your admin rights just now. Please try again in a moment."


def command_changes(command: str, has_argument: bool) -> bool:
    """Whether the command (its name without '/' and '@bot', lower-case) changes the chat."""
    return command in CHANGING_COMMANDS or (command in SETTING_COMMANDS and has_argument)


def button_changes(data: str) -> bool:
    """Whether pressing the button with this callback data changes the chat."""
    return not data.startswith(READING_BUTTONS)


class Verdict(StrEnum):
    """What the rule says about one change asked by one person."""

    ALLOWED = "allowed"
    REFUSED = "refused"
    ASK = "ask"  # the person's status in the chat decides: ask Telegram, then decide again


@dataclass(frozen=True, slots=True)
class Asker:
    """Who asks for a change, as far as the update tells."""

    user_id: int | None  # None: no person (a channel post)
    # The message was sent on behalf of the group itself: only its admins can do that.
    as_the_chat: bool = False


def decide(
    kind: ChatKind, asker: Asker, operators: frozenset[int], status: str | None = None
) -> Verdict:
    """May `asker` change the chat? `status` is their ChatMember status, once known."""
    if kind == ChatKind.PRIVATE or asker.as_the_chat:
        return Verdict.ALLOWED
    if asker.user_id is None:
        return Verdict.REFUSED
    if asker.user_id in operators:
        return Verdict.ALLOWED
    if status is None:
        return Verdict.ASK
    return Verdict.ALLOWED if status in ADMIN_STATUSES else Verdict.REFUSED


def refusal(kind: ChatKind) -> str:
    """The one line a refused person gets."""
    return REFUSED_CHANNEL if kind == ChatKind.CHANNEL else REFUSED_GROUP


def channel_refusal(chat_type: str, user_status: str | None, bot_status: str | None) -> str | None:
    """Why a person may not manage this chat as a channel from a private chat with the bot
    (None: they may): it must be a channel, they one of its admins, and the bot an admin
    there (only admins post in a channel). A status is None when Telegram would not say."""
    if chat_type != ChatKind.CHANNEL:
        return "That is not a channel: groups are managed in the group itself."
    if bot_status != "administrator":
        return "I am not an admin of that channel: add me as an admin who can post, then try again."
    if user_status not in ADMIN_STATUSES:
        return "Only the channel's admins can manage its subscriptions."
    return None


def bot_presence(old: str, new: str) -> bool | None:
    """What a change of the bot's own status means (a my_chat_member update): False when it
    was removed from the chat, True when it is back, None when neither (e.g. promoted)."""
    was_there, is_there = old not in GONE_STATUSES, new not in GONE_STATUSES
    if was_there == is_there:
        return None
    return is_there


class MemberCache:
    """Members' statuses as Telegram last told them, each believed for `ttl` seconds.

    In memory only: a restart asks again. `clock` gives monotonic seconds.
    """

    def __init__(self, *, ttl: float = MEMBER_TTL, clock: Callable[[], float]) -> None:
        self.ttl = ttl
        self._clock = clock
        self._known: dict[tuple[int, int], tuple[str, float]] = {}

    def get(self, chat_id: int, user_id: int) -> str | None:
        """The remembered status, or None when unknown or too old."""
        found = self._known.get((chat_id, user_id))
        if found is None:
            return None
        status, until = found
        if self._clock() >= until:
            del self._known[(chat_id, user_id)]
            return None
        return status

    def put(self, chat_id: int, user_id: int, status: str) -> None:
        """Remember what Telegram said about the member."""
        self._known[(chat_id, user_id)] = (status, self._clock() + self.ttl)

    def forget_chat(self, chat_id: int) -> None:
        """Drop what is known about the chat's members (the bot left or was removed)."""
        for key in [k for k in self._known if k[0] == chat_id]:
            del self._known[key]
