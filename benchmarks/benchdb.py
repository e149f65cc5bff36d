"""The PostgreSQL server a benchmark measures on: NEWSBOT_BENCH_DATABASE_URL when set, else a
throw-away local server from the `pgserver` wheel (tests/postgres.py) with fsync ON, so that
the figures are for durable writes; stopped when the benchmark is done with it."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def bench_database() -> Iterator[str]:
    """The server's URL for the length of the `with` block."""
    url = os.environ.get("NEWSBOT_BENCH_DATABASE_URL", "").strip()
    if url:
        yield url
        return
    from tests.postgres import LocalServer

    server = LocalServer(fsync=True)
    try:
        yield server.url
    finally:
        server.stop()
