"""Settings, read once from the environment and a `.env` file (DESIGN §4).

Nothing else in Newsbot reads the environment: `load_settings` builds one frozen
`Settings` value that the composition root passes on.
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot.errors import ConfigError

_Getter = Callable[[str], str]

DEFAULT_API_URL = "https://api.telegram.org"
DEFAULT_DB = "data/newsbot.json"
DEFAULT_POLL_SECONDS = 300.0
# Seconds a new story stored but not handed on to the alert side (its instance died in
# between) waits before another instance hands it on (bot/reading/poller.py).
DEFAULT_STORY_HANDOVER_SECONDS = 120.0
DEFAULT_MAX_SUBSCRIPTIONS = 50
DEFAULT_MAX_QUERY_LENGTH = 200
DEFAULT_RETENTION_DAYS = 7
DEFAULT_MAX_FEEDS_PER_CHAT = 20
# Distinct chat-added feeds in all: each is polled like an operator feed, so this bounds
# the poller's work (a feed added by several chats counts once).
DEFAULT_MAX_FEEDS = 1000

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}
_TOKEN = re.compile(r"^\d+:[A-Za-z0-9_-]{20,}$")
LOG_FORMATS = ("text", "json")
# Where the webhook listener listens when NEWSBOT_WEBHOOK_LISTEN is unset.
DEFAULT_WEBHOOK_LISTEN = ("0.0.0.0", 8080)
# Telegram's rule for a webhook's secret token (setWebhook's secret_token).
_WEBHOOK_SECRET = re.compile(r"^[A-Za-z0-9_-]{1,256}$")


@dataclass(frozen=True, slots=True)
class Settings:
    """Every setting of DESIGN §4, validated."""

    token: str | None = None
    api_url: str = DEFAULT_API_URL
    db_path: Path = Path(DEFAULT_DB)
    # NEWSBOT_DATABASE_URL: the PostgreSQL stores when set, else the embedded ones at db_path.
    database_url: str = ""
    feeds: tuple[str, ...] = ()  # empty: the built-in list
    poll_seconds: float = DEFAULT_POLL_SECONDS
    story_handover_seconds: float = DEFAULT_STORY_HANDOVER_SECONDS
    admins: frozenset[int] = frozenset()
    max_subscriptions: int = DEFAULT_MAX_SUBSCRIPTIONS
    max_query_length: int = DEFAULT_MAX_QUERY_LENGTH
    retention_days: float = DEFAULT_RETENTION_DAYS
    fulltext: bool = True
    allow_private_urls: bool = False
    chat_feeds: bool = True  # chats may add their own feeds (/feeds add)
    # Telegram's paid broadcasts (allow_paid_broadcast, charged in Stars): the sender's
    # pace rises from 30 to PAID_BROADCAST_PACE messages a second.
    paid_broadcast: bool = False
    max_feeds_per_chat: int = DEFAULT_MAX_FEEDS_PER_CHAT
    max_feeds: int = DEFAULT_MAX_FEEDS
    log_level: str = "INFO"
    log_format: str = "text"  # "text" or "json": one JSON object a line
    # The operator's port (/healthz, /metrics) as (host, port); None: no such server.
    ops_listen: tuple[str, int] | None = None
    # Webhook mode: Telegram posts updates to this public URL; None: long polling.
    webhook_url: str | None = None
    webhook_listen: tuple[str, int] = DEFAULT_WEBHOOK_LISTEN  # where the listener listens
    webhook_secret: str | None = None  # checked on every request; never logged

    def __repr__(self) -> str:  # the token never reaches a log line
        shown = "***" if self.token else None
        return f"Settings(token={shown!r}, api_url={self.api_url!r}, db_path={str(self.db_path)!r})"

    def require_token(self) -> str:
        """The bot token, or ConfigError when it is missing (only `run` needs it)."""
        if not self.token:
            raise ConfigError("TELEGRAM_BOT_TOKEN", "is required (get one from @BotFather)")
        return self.token


def read_env_file(path: Path) -> dict[str, str]:
    """KEY=VALUE lines of a .env file; comments, blank lines and `export ` are allowed."""
    values: dict[str, str] = {}
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        return values
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(str(path), f"cannot read the settings file ({exc})") from exc
    for number, raw in enumerate(lines, 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        line = line.removeprefix("export ").strip()
        key, sep, value = line.partition("=")
        if not sep or not key.strip():
            raise ConfigError(f"{path}:{number}", "expected KEY=VALUE")
        value = value.strip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
            value = value[1:-1]
        elif " #" in value:
            value = value.split(" #", 1)[0].rstrip()
        values[key.strip()] = value
    return values


def load_settings(
    environ: Mapping[str, str] | None = None, env_file: Path | None = Path(".env")
) -> Settings:
    """Settings from `environ` (default: os.environ) over the `.env` file; ConfigError if bad."""
    env = dict(read_env_file(env_file)) if env_file is not None else {}
    env.update(os.environ if environ is None else environ)

    def get(name: str) -> str:
        return env.get(name, "").strip()

    token = get("TELEGRAM_BOT_TOKEN") or None
    if token is not None and not _TOKEN.match(token):
        raise ConfigError("TELEGRAM_BOT_TOKEN", "does not look like a bot token (digits:secret)")
    api_url = (get("TELEGRAM_API_URL") or DEFAULT_API_URL).rstrip("/")
    if not re.match(r"^https?://[^/\s]+", api_url):
        raise ConfigError("TELEGRAM_API_URL", f"must be an http(s) URL, not {api_url!r}")
    return Settings(
        token=token,
        api_url=api_url,
        db_path=Path(get("NEWSBOT_DB") or DEFAULT_DB),
        database_url=database_url(get("NEWSBOT_DATABASE_URL"), "NEWSBOT_DATABASE_URL"),
        feeds=_feeds(get("NEWSBOT_FEEDS"), get("NEWSBOT_FEEDS_FILE")),
        poll_seconds=_number("NEWSBOT_POLL_SECONDS", get, DEFAULT_POLL_SECONDS, minimum=1),
        story_handover_seconds=_number(
            "NEWSBOT_STORY_HANDOVER_SECONDS", get, DEFAULT_STORY_HANDOVER_SECONDS, minimum=1
        ),
        admins=_admins(get("NEWSBOT_ADMINS")),
        max_subscriptions=int(
            _number("NEWSBOT_MAX_SUBSCRIPTIONS", get, DEFAULT_MAX_SUBSCRIPTIONS, 1, whole=True)
        ),
        max_query_length=int(
            _number("NEWSBOT_MAX_QUERY_LENGTH", get, DEFAULT_MAX_QUERY_LENGTH, 1, whole=True)
        ),
        retention_days=_number("NEWSBOT_RETENTION_DAYS", get, DEFAULT_RETENTION_DAYS, minimum=0.01),
        fulltext=_flag("NEWSBOT_FULLTEXT", get, default=True),
        allow_private_urls=_flag("NEWSBOT_ALLOW_PRIVATE_URLS", get, default=False),
        chat_feeds=_flag("NEWSBOT_CHAT_FEEDS", get, default=True),
        paid_broadcast=_flag("NEWSBOT_PAID_BROADCAST", get, default=False),
        max_feeds_per_chat=int(
            _number("NEWSBOT_MAX_FEEDS_PER_CHAT", get, DEFAULT_MAX_FEEDS_PER_CHAT, 1, whole=True)
        ),
        max_feeds=int(_number("NEWSBOT_MAX_FEEDS", get, DEFAULT_MAX_FEEDS, 1, whole=True)),
        log_level=_log_level(get("NEWSBOT_LOG_LEVEL")),
        log_format=_choice("NEWSBOT_LOG_FORMAT", get, LOG_FORMATS),
        ops_listen=_listen("NEWSBOT_OPS_LISTEN", get("NEWSBOT_OPS_LISTEN")),
        **_webhook(get),
    )


def _number(
    name: str,
    get: _Getter,
    default: float,
    minimum: float,
    *,
    whole: bool = False,
) -> float:
    raw = get(name)
    if not raw:
        return default
    try:
        value = int(raw) if whole else float(raw)
    except ValueError:
        kind = "a whole number" if whole else "a number"
        raise ConfigError(name, f"must be {kind}, not {raw!r}") from None
    if value != value or value < minimum or value == float("inf"):
        raise ConfigError(name, f"must be at least {minimum:g}, not {raw!r}")
    return value


def database_url(raw: str, name: str) -> str:
    """A PostgreSQL URL (postgresql://user:password@host:port/database?...) or ""."""
    if raw and not re.match(r"^postgres(ql)?://", raw):
        raise ConfigError(name, "must be a postgresql:// URL")  # the value may hold a password
    return raw


def _flag(name: str, get: _Getter, *, default: bool) -> bool:
    raw = get(name).lower()
    if not raw:
        return default
    if raw in _TRUE:
        return True
    if raw in _FALSE:
        return False
    raise ConfigError(name, f"must be 1 or 0, not {raw!r}")


def _admins(raw: str) -> frozenset[int]:
    ids = set()
    for part in re.split(r"[,\s]+", raw):
        if not part:
            continue
        if not re.fullmatch(r"-?\d+", part):
            raise ConfigError("NEWSBOT_ADMINS", f"must be numeric user ids, not {part!r}")
        ids.add(int(part))
    return frozenset(ids)


def _log_level(raw: str) -> str:
    level = (raw or "INFO").upper()
    if level not in logging.getLevelNamesMapping():
        raise ConfigError("NEWSBOT_LOG_LEVEL", f"must be DEBUG, INFO, WARNING or ERROR: {raw!r}")
    return level


def _choice(name: str, get: _Getter, choices: tuple[str, ...]) -> str:
    raw = get(name).lower()
    if not raw:
        return choices[0]
    if raw not in choices:
        raise ConfigError(name, f"must be {' or '.join(choices)}, not {raw!r}")
    return raw


def _listen(name: str, raw: str) -> tuple[str, int] | None:
    """HOST:PORT (or :PORT, or PORT: every interface) as (host, port); None when unset."""
    if not raw:
        return None
    host, sep, port = raw.rpartition(":")
    if not sep:
        host, port = "", raw
    host = host.strip("[]") or "0.0.0.0"
    if not port.isdigit() or not 0 <= int(port) <= 65535:
        raise ConfigError(name, f"must be HOST:PORT with a port of 0-65535, not {raw!r}")
    return (host, int(port))


def _webhook(get: _Getter) -> dict[str, Any]:
    """The webhook settings: all three checked together (the URL needs a secret)."""
    url = get("NEWSBOT_WEBHOOK_URL") or None
    secret = get("NEWSBOT_WEBHOOK_SECRET") or None
    listen = _listen("NEWSBOT_WEBHOOK_LISTEN", get("NEWSBOT_WEBHOOK_LISTEN"))
    if url is not None and not re.match(r"^https?://[^/\s]+", url, re.IGNORECASE):
        raise ConfigError("NEWSBOT_WEBHOOK_URL", f"must be an http(s) URL, not {url!r}")
    if secret is not None and not _WEBHOOK_SECRET.match(secret):
        raise ConfigError(
            "NEWSBOT_WEBHOOK_SECRET", "must be 1-256 characters of A-Z, a-z, 0-9, _ and -"
        )
    if url is not None and secret is None:
        raise ConfigError(
            "NEWSBOT_WEBHOOK_SECRET",
            "is required with NEWSBOT_WEBHOOK_URL (Telegram sends it "
            "with every update, so nobody else can post updates to the bot)",
        )
    return {
        "webhook_url": url,
        "webhook_secret": secret,
        "webhook_listen": listen if listen is not None else DEFAULT_WEBHOOK_LISTEN,
    }


def _feeds(listed: str, file: str) -> tuple[str, ...]:
    urls = [u for u in re.split(r"[,\s]+", listed) if u]
    if file:
        urls.extend(_read_feeds_file(Path(file)))
    for url in urls:
        if not re.match(r"^https?://[^/\s]+", url, re.IGNORECASE):
            where = "NEWSBOT_FEEDS_FILE" if url not in listed else "NEWSBOT_FEEDS"
            raise ConfigError(where, f"not an http(s) URL: {url!r}")
    return tuple(dict.fromkeys(urls))


def _read_feeds_file(path: Path) -> list[str]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError("NEWSBOT_FEEDS_FILE", f"cannot read {path}: {exc}") from None
    if text.lstrip().startswith("<"):
        return _opml_urls(text)
    return [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]


def _opml_urls(text: str) -> list[str]:
    from defusedxml import ElementTree  # no entity expansion, no external entities

    try:
        root = ElementTree.fromstring(text)
    except Exception as exc:  # defusedxml and expat raise several unrelated types
        raise ConfigError("NEWSBOT_FEEDS_FILE", f"not a valid OPML file: {exc}") from None
    urls = [o.get("xmlUrl") or o.get("xmlurl") for o in root.iter("outline")]
    return [u.strip() for u in urls if u and u.strip()]
