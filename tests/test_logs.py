"""NEWSBOT_LOG_FORMAT=json: one JSON object a line, secrets masked like in text lines."""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Iterator

import pytest

from bot.logs import configure_logging

TOKEN = "123456:ABCdefGHIjklMNOpqrSTUvwxYZ012345"


@pytest.fixture
def captured() -> Iterator[io.StringIO]:
    """configure_logging's handler, writing into a buffer; logging restored after."""
    factory = logging.getLogRecordFactory()
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    stream = io.StringIO()
    configure_logging("DEBUG", secrets=[TOKEN], log_format="json")
    (handler,) = root.handlers
    assert isinstance(handler, logging.StreamHandler)
    handler.setStream(stream)
    try:
        yield stream
    finally:
        logging.setLogRecordFactory(factory)
        root.handlers[:] = handlers
        root.setLevel(level)


def test_every_line_is_one_json_object_with_the_token_masked(captured: io.StringIO) -> None:
    log = logging.getLogger("newsbot.test")
    log.info("calling %s/bot%s/getMe", "https://api.example", TOKEN)
    try:
        raise RuntimeError(f"refused: {TOKEN}\nsecond line")
    except RuntimeError:
        log.exception("sending failed for chat %d", 42)
    lines = captured.getvalue().splitlines()
    assert len(lines) == 2  # a traceback's newlines stay inside its line
    first, second = (json.loads(line) for line in lines)
    assert first["level"] == "INFO"
    assert first["logger"] == "newsbot.test"
    assert first["message"].startswith("calling https://api.example/bot")
    assert first["message"].endswith("***/getMe")
    assert first["time"].endswith("+00:00")
    assert second["message"] == "sending failed for chat 42"
    assert second["level"] == "ERROR"
    assert "RuntimeError: refused: " in second["exception"]
    assert "***\nsecond line" in second["exception"]
    assert TOKEN.partition(":")[2] not in captured.getvalue()


def test_text_remains_the_default_format() -> None:
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    try:
        configure_logging("INFO")
        (handler,) = root.handlers
        record = logging.LogRecord("x", logging.INFO, __file__, 1, "hello", None, None)
        line = handler.format(record)
        assert line.endswith(" INFO x: hello")
        with pytest.raises(json.JSONDecodeError):
            json.loads(line)
    finally:
        root.handlers[:] = handlers
        root.setLevel(level)
