"""The exception tree of Newsbot.

    NewsbotError
     ├── ConfigError(variable)   a setting is missing or malformed
     ├── QueryError              a subscription query that cannot be parsed
     ├── FeedError(url)          a feed or page could not be fetched or read
     │    └── UnsafeURLError     a URL that points at a private or non-HTTP address
     └── StorageError            the store could not be read or written

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
