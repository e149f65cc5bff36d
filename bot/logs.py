"""Log lines for people (text) or for log collectors (JSON, one object a line).

`JsonFormatter` writes what the text format shows, as fields: time, level, logger,
message, and the traceback when there is one. Secrets are masked before a record reaches
any formatter (bot.app.SecretMask), so both formats are covered.
"""

from __future__ import annotations

import json
import logging
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
