"""Log lines for people (text) or for log collectors (JSON, one object a line).

`JsonFormatter` writes what the text format shows, as fields: time, level, logger,
message, and the traceback when there is one. Secrets are masked before a record reaches
any formatter (SecretMask, below), so both formats are covered.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from typing import Any

TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


class JsonFormatter(logging.Formatter):
    """One JSON object a line: `time` (UTC, ISO 8601), `level`, `logger`, `message`, and
    `exception` / `stack` when the record carries them."""

    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        if record.exc_info and not record.exc_text:
            record.exc_text = self.formatException(record.exc_info)
        if record.exc_text:
            line["exception"] = record.exc_text
        if record.stack_info:
            line["stack"] = self.formatStack(record.stack_info)
        # ensure_ascii: a line is one line whatever the message holds (newlines escaped).
        return json.dumps(line, ensure_ascii=True, default=str)


def formatter(log_format: str) -> logging.Formatter:
    """The formatter of NEWSBOT_LOG_FORMAT ("text" or "json")."""
    return JsonFormatter() if log_format == "json" else logging.Formatter(TEXT_FORMAT)


class SecretMask:
    """A log record factory that removes secrets from every message and traceback.

    Installed process-wide, it covers every logger and handler, including httpx, whose
    request lines carry the token inside the URL.
    """

    def __init__(self, base: Callable[..., logging.LogRecord]) -> None:
        self.base = base
        self.secrets: set[str] = set()

    def __call__(self, *args: Any, **kwargs: Any) -> logging.LogRecord:
        record = self.base(*args, **kwargs)
        if not self.secrets:
            return record
        try:
            message = record.getMessage()
        except Exception:  # a bad format string: logging reports it later, unmasked args
            message = str(record.msg)
        record.msg, record.args = self.mask(message), None
        if record.exc_info and not record.exc_text:
            record.exc_text = self.mask(logging.Formatter().formatException(record.exc_info))
        if record.stack_info:
            record.stack_info = self.mask(record.stack_info)
        return record

    def mask(self, text: str) -> str:
        for secret in self.secrets:
            text = text.replace(secret, "***")
        return text


def mask_secret(token: str) -> None:
    """Never log the token (nor its secret half, which URLs may carry with ':' encoded)."""
    factory = logging.getLogRecordFactory()
    if not isinstance(factory, SecretMask):
        factory = SecretMask(factory)
        logging.setLogRecordFactory(factory)
    factory.secrets.update(s for s in (token, token.partition(":")[2]) if len(s) >= 8)


def configure_logging(level: str, *, secrets: Iterable[str] = (), log_format: str = "text") -> None:
    """Log lines to stderr at `level`, as text or one JSON object a line (bot/logs.py);
    httpx's and tornado's per-request lines only when debugging."""
    handler = logging.StreamHandler()
    handler.setFormatter(formatter(log_format))
    logging.basicConfig(level=level, handlers=[handler], force=True)
    if logging.getLevelName(level) > logging.DEBUG:
        logging.getLogger("httpx").setLevel(logging.WARNING)
        # One line per webhook update and scrape; refusals (4xx) and errors still show.
        logging.getLogger("tornado.access").setLevel(logging.WARNING)
    for secret in secrets:
        mask_secret(secret)
