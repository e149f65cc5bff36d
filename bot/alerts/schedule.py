"""When a chat's alerts may go out: digests, quiet hours and time zones (pure, no I/O).

Also parses the arguments of /digest, /timezone and /quiet, with one-line usage errors.
All datetimes in and out are aware and in UTC; local times use the chat's IANA zone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.errors import NewsbotError
from bot.models import Chat, DigestMode, HoldReason

DIGEST_USAGE = "Usage: /digest off | hourly | daily HH:MM (e.g. /digest daily 08:00)"
TIMEZONE_USAGE = "Usage: /timezone Area/City (e.g. /timezone Europe/Berlin), or /timezone UTC"
QUIET_USAGE = "Usage: /quiet HH:MM-HH:MM (e.g. /quiet 22:00-07:00), or /quiet off"

_HHMM = re.compile(r"^([01]?\d|2[0-3])[:.h]([0-5]\d)$")
_ZONE = re.compile(r"^[A-Za-z][A-Za-z0-9_+\-]*(/[A-Za-z0-9_+\-]+){0,2}$")


class SettingError(NewsbotError):
    """A malformed /digest, /timezone or /quiet argument; the message is the usage line."""


@dataclass(frozen=True, slots=True)
class DigestSetting:
    """What /digest asked for: mode in DIGEST_MODES and, for daily, the local HH:MM."""

    mode: DigestMode
    at: str = ""


def parse_hhmm(text: str) -> time:
    """`7:05`, `07:05`, `07.05` or `07h05` as a time; ValueError otherwise."""
    found = _HHMM.match(text.strip())
    if not found:
        raise ValueError(text)
    return time(int(found.group(1)), int(found.group(2)))


def _hhmm(value: time) -> str:
    return f"{value.hour:02d}:{value.minute:02d}"


def parse_digest(args: str) -> DigestSetting:
    """The argument of /digest; SettingError with the usage line when malformed."""
    words = args.lower().split()
    if words == ["off"] or words == ["instant"]:
        return DigestSetting(DigestMode.OFF)
    if words == ["hourly"]:
        return DigestSetting(DigestMode.HOURLY)
    if len(words) == 2 and words[0] == "daily":
        try:
            return DigestSetting(DigestMode.DAILY, _hhmm(parse_hhmm(words[1])))
        except ValueError:
            raise SettingError(f"“{words[1][:40]}” is not a time of day. {DIGEST_USAGE}") from None
    if words == ["daily"]:
        raise SettingError(f"Daily digests need a time. {DIGEST_USAGE}")
    raise SettingError(DIGEST_USAGE)


def parse_timezone(args: str) -> str:
    """The IANA zone name /timezone asked for, validated; SettingError when unknown."""
    name = args.strip()
    if not name or len(name.split()) != 1:
        raise SettingError(TIMEZONE_USAGE)
    if name.upper() in ("UTC", "GMT", "Z"):
        return "UTC"
    if not _ZONE.match(name):  # keeps paths such as ../../etc/passwd away from zoneinfo
        raise SettingError(f"“{name[:40]}” is not a time zone. {TIMEZONE_USAGE}")
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        raise SettingError(f"Unknown time zone “{name[:40]}”. {TIMEZONE_USAGE}") from None
    return name


def parse_quiet(args: str) -> str:
    """`HH:MM-HH:MM` normalised, or "" for off; SettingError when malformed."""
    text = args.strip().lower()
    if text in ("off", "none"):
        return ""
    start, sep, end = text.replace("–", "-").replace(" ", "").partition("-")
    if not sep:
        raise SettingError(QUIET_USAGE)
    for part in (start, end):
        try:
            parse_hhmm(part)
        except ValueError:
            raise SettingError(f"“{part[:20]}” is not a time of day. {QUIET_USAGE}") from None
    begin, finish = parse_hhmm(start), parse_hhmm(end)
    if begin == finish:
        raise SettingError(f"Quiet hours must not start and end at the same time. {QUIET_USAGE}")
    return f"{_hhmm(begin)}-{_hhmm(finish)}"


def zone(chat: Chat) -> tzinfo:
    """The chat's time zone; UTC when its stored name is unknown to this system."""
    try:
        return ZoneInfo(chat.timezone) if chat.timezone not in ("", "UTC") else UTC
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return UTC


def _local_at(day: datetime, at: time, tz: tzinfo) -> datetime:
    """`at` on the local calendar day of `day`, as UTC (DST gaps resolve forwards)."""
    local = datetime.combine(day.date(), at, tzinfo=tz)
    return local.astimezone(UTC)


def quiet_window(chat: Chat) -> tuple[time, time] | None:
    """The chat's quiet hours as (start, end) local times, or None."""
    if not chat.quiet:
        return None
    try:
        start, end = chat.quiet.split("-")
        return parse_hhmm(start), parse_hhmm(end)
    except ValueError:
        return None  # a malformed stored value never blocks alerts


def quiet_end(chat: Chat, when: datetime) -> datetime | None:
    """If `when` falls in the chat's quiet hours, the UTC instant they end; else None."""
    window = quiet_window(chat)
    if window is None:
        return None
    start, end = window
    tz = zone(chat)
    local = when.astimezone(tz)
    now_t = local.time().replace(tzinfo=None)
    if start < end:  # same-day window, e.g. 13:00-15:00
        inside = start <= now_t < end
        end_day = local
    else:  # crosses midnight, e.g. 22:00-07:00
        inside = now_t >= start or now_t < end
        end_day = local + timedelta(days=1) if now_t >= start else local
    if not inside:
        return None
    return _local_at(end_day, end, tz)


def next_digest(chat: Chat, after: datetime) -> datetime:
    """The first digest instant strictly after `after`, in UTC (hourly or daily at HH:MM)."""
    tz = zone(chat)
    local = after.astimezone(tz)
    if chat.digest == DigestMode.HOURLY:
        top = local.replace(minute=0, second=0, microsecond=0) + timedelta(hours=1)
        return top.astimezone(UTC)
    try:
        at = parse_hhmm(chat.digest_time)
    except ValueError:
        at = time(8, 0)
    candidate = _local_at(local, at, tz)
    if candidate <= after:
        candidate = _local_at(local + timedelta(days=1), at, tz)
    return candidate


@dataclass(frozen=True, slots=True)
class Release:
    """When queued alerts of a chat may go out, and as what kind of message."""

    at: datetime
    kind: str  # "instant", "digest" (the chat's /digest) or "quiet" (held by quiet hours)


def release(chat: Chat, created: datetime, now: datetime) -> Release:
    """When an alert queued at `created` for `chat` may be sent, seen at `now`.

    Digest chats get it at the next digest after it was queued; alerts queued in quiet
    hours wait for their end; nothing goes out while quiet hours last.
    """
    if chat.digest in (DigestMode.HOURLY, DigestMode.DAILY):
        due = next_digest(chat, created)
        later = quiet_end(chat, due)
        return Release(later or due, "digest")
    held = quiet_end(chat, created)
    if held is not None:
        return Release(held, "quiet")
    now_quiet = quiet_end(chat, now)
    if now_quiet is not None:
        return Release(now_quiet, "quiet")
    return Release(created, "instant")


def is_held(chat: Chat, now: datetime) -> HoldReason:
    """Why an alert found now would be held (digest, quiet hours) or NONE if it goes at once."""
    if chat.digest in (DigestMode.HOURLY, DigestMode.DAILY):
        return HoldReason.DIGEST
    return HoldReason.QUIET if quiet_end(chat, now) is not None else HoldReason.NONE


def describe(chat: Chat) -> str:
    """One line on the chat's delivery settings, for the replies of the setting commands."""
    if chat.digest == DigestMode.HOURLY:
        mode = "an hourly digest"
    elif chat.digest == DigestMode.DAILY:
        mode = f"a daily digest at {chat.digest_time}"
    else:
        mode = "instant alerts"
    quiet = f", quiet hours {chat.quiet}" if chat.quiet else ""
    return f"Delivery: {mode}{quiet} (time zone {chat.timezone or 'UTC'})."
