"""The exception tree of Newsbot.

    NewsbotError
     ├── ConfigError(variable)   a setting is missing or malformed
     ├── QueryError              a subscription query that cannot be parsed
     ├── FeedError(url)          a feed or page could not be fetched or read
     │    └── UnsafeURLError     a URL that points at a private or non-HTTP address
     ├── StorageError            the store could not be read or written
     └── DeliveryError           Telegram did not accept a message (what a Notifier raises)
          ├── Blocked            403: the bot was blocked or removed from the chat
          ├── RetryLater(secs)   429: wait that long, then retry
          ├── ChatMoved(new_id)  the group became a supergroup with a new id
          ├── Rejected(reason)   400: Telegram refused the message (bad formatting, too long)
          ├── TransientError     network trouble or a server error, the message not
          │                      taken: retry with backoff
          └── Uncertain          the request went out but no answer came (a read
                                 timeout): Telegram may have it; not sent again

Library errors (httpx, feedparser, tinydb, json) are wrapped into these at the
boundary, so callers never need to know which library failed.
"""

from __future__ import annotations


class NewsbotError(Exception):
    """Base class of every error Newsbot raises on purpose."""


class ConfigError(NewsbotError):
    """A setting is missing or malformed; the message names the variable."""

    def __init__(self, variable: str, message: str) -> None:
        super().__init__(f"{variable}: {message}")
        self.variable = variable


class QueryError(NewsbotError):
    """A query that cannot be parsed; the message is a one-line reason for the user."""


class FeedError(NewsbotError):
    """A feed or article page could not be fetched or read."""

    def __init__(self, url: str, message: str) -> None:
        super().__init__(f"{url}: {message}")
        self.url = url
        self.reason = message

    def __reduce__(self) -> tuple[type[FeedError], tuple[str, str]]:
        # Both fields, so that it crosses from a worker process (bot.reading.workers) whole.
        return (type(self), (self.url, self.reason))


class UnsafeURLError(FeedError):
    """A URL that is not http(s), or resolves to a loopback/private/reserved address."""


class StorageError(NewsbotError):
    """The store could not be read or written."""


class DeliveryError(NewsbotError):
    """Base of what a Notifier raises when Telegram did not accept a message."""


class Blocked(DeliveryError):
    """The bot was blocked by the user or removed from the group (403)."""


class RetryLater(DeliveryError):
    """Flood control (429): retry after `seconds`."""

    def __init__(self, seconds: float) -> None:
        super().__init__(f"retry after {seconds:g} s")
        self.seconds = seconds


class ChatMoved(DeliveryError):
    """The group was upgraded to a supergroup: it now lives at `new_id`."""

    def __init__(self, new_id: int) -> None:
        super().__init__(f"chat moved to {new_id}")
        self.new_id = new_id


class Rejected(DeliveryError):
    """Telegram refused the message itself (e.g. "can't parse entities")."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class TransientError(DeliveryError):
    """Network trouble or a server error: the same message may succeed later."""


class Uncertain(DeliveryError):
    """The request was sent but its answer never came: Telegram may have accepted it.

    Telegram has no idempotency key and a bot cannot read a chat back, so this cannot be
    checked. The Notifier waits long for a send's answer (a slow "ok" is an ok); past that,
    the sender counts the alert as delivered rather than risk sending it twice.
    """
