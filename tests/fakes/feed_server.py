"""A local HTTP server for feeds and pages (real sockets on 127.0.0.1), and a poller harness.

Each path answers with a `Route`: a status, headers, a body (or a generated stream of
any size), an optional delay, and ETag/Last-Modified handling that answers 304. Every
request is recorded, so tests can check what the client sent. With `identify` (off by
default), each answer is also logged as a `Fetch`: which client process, from when to when.
"""

from __future__ import annotations

import contextlib
import gzip
import re
import sys
import threading
import time
import zlib
from collections.abc import AsyncIterator, Callable, Iterable, Iterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import datetime
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import TracebackType
from typing import Any
from xml.sax.saxutils import escape

import httpx

from bot.config import Settings
from bot.models import Article
from bot.reading.poller import FeedPoller
from storage.articles import TinyArticleStore, articles_path
from storage.feedstate import TinyFeedStateStore, feeds_path


@dataclass
class Route:
    """How the server answers one path."""

    body: bytes = b""
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds before the answer starts
    stream_size: int = 0  # >0: send this many filler bytes in chunks instead of `body`
    etag: str = ""  # when set, sent; a matching If-None-Match gets 304
    last_modified: str = ""  # when set, sent; an equal If-Modified-Since gets 304
    respond: Callable[[Request], Route] | None = None  # computes the answer per request
    trickle: float = 0.0  # >0: send `body` one byte every `trickle` seconds


@dataclass(frozen=True)
class Request:
    """A request as the server saw it."""

    path: str
    headers: dict[str, str]  # lower-cased names


@dataclass(frozen=True, slots=True)
class Fetch:
    """One answered request, logged when the server has `identify`: who asked, and when
    the request arrived and its answer was written (time.monotonic())."""

    path: str
    client: str
    started: float
    finished: float
    status: int


_HEADER_LINE = re.compile(rb"^\s*Header:\s*([^:\r\n]+):\s*(.*?)\s*$", re.MULTILINE)


def header_lines(body: bytes) -> dict[str, str]:
    """HTTP headers a feedparser test file asks to be served with (its `Header:` lines)."""
    head = body[:2000]
    if b"<!--" not in head:
        return {}
    comment = head[head.index(b"<!--") : head.find(b"-->") if b"-->" in head else len(head)]
    return {
        name.decode("latin-1").strip(): value.decode("latin-1")
        for name, value in _HEADER_LINE.findall(comment)
    }


class _QuietServer(ThreadingHTTPServer):
    """A client hanging up (a size cap, a deadline) is what hostile tests want: not news."""

    request_queue_size = 1024  # several pollers connect at once: socketserver's 5 drops some

    def handle_error(self, request: Any, client_address: Any) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


class FeedServer:
    """An HTTP server on 127.0.0.1 in a thread; use as a context manager."""

    def __init__(self, *, identify: Callable[[tuple[str, int], int], str] | None = None) -> None:
        """`identify(client address, server port)` names the client of a connection (asked
        once per connection); when given, every answer is logged in `fetches`."""
        self.routes: dict[str, Route] = {}
        self.requests: list[Request] = []
        self.fetches: list[Fetch] = []
        self.bytes_sent: dict[str, int] = {}
        self._identify = identify
        self._released = threading.Event()  # set at shutdown: delayed answers stop waiting
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            client = ""

            def do_GET(self) -> None:
                if server._identify is None:
                    server._answer(self)
                    return
                if not self.client:
                    self.client = server._identify(self.client_address, server.port)
                started = time.monotonic()
                status = server._answer(self)
                server.fetches.append(
                    Fetch(self.path, self.client, started, time.monotonic(), status)
                )

            def log_message(self, format: str, *args: object) -> None:
                return  # quiet: tests read `requests` instead

        self._httpd = _QuietServer(("127.0.0.1", 0), Handler)
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)

    @property
    def port(self) -> int:
        return int(self._httpd.server_address[1])

    def url(self, path: str, host: str = "127.0.0.1") -> str:
        return f"http://{host}:{self.port}{path}"

    def route(self, path: str, route: Route | None = None, **kwargs: object) -> str:
        """Serve `path` with this route (or Route(**kwargs)); its full URL."""
        self.routes[path] = route or Route(**kwargs)  # type: ignore[arg-type]  # Route checks them when built
        return self.url(path)

    def serve_file(self, path: str, file: Path, content_type: str = "application/xml") -> str:
        """Serve a file, with the headers of its `Header:` lines when it has some."""
        body = file.read_bytes()
        headers = header_lines(body) or {"Content-Type": content_type}
        return self.route(path, Route(body=body, headers=headers))

    def requests_to(self, path: str) -> list[Request]:
        return [r for r in self.requests if r.path == path]

    def __enter__(self) -> FeedServer:
        self._thread.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._released.set()
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(timeout=10)

    def _answer(self, handler: BaseHTTPRequestHandler) -> int:
        """Answer one request; the status answered (0: none, the server is closing)."""
        path = handler.path
        request = Request(path, {k.lower(): v for k, v in handler.headers.items()})
        self.requests.append(request)
        route = self.routes.get(path)
        if route is not None and route.respond is not None:
            route = route.respond(request)
        if route is None:
            route = Route(body=b"not found", status=404)
        if route.delay and self._released.wait(route.delay):
            return 0
        # The client may give up mid-answer (size cap, timeout): that is what tests want.
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            return self._send(handler, request, route)
        return 0

    def _send(self, handler: BaseHTTPRequestHandler, request: Request, route: Route) -> int:
        status = route.status
        cached = (route.etag and request.headers.get("if-none-match") == route.etag) or (
            route.last_modified and request.headers.get("if-modified-since") == route.last_modified
        )
        if cached:
            status = 304
        handler.send_response(status)
        for name, value in route.headers.items():
            handler.send_header(name, value)
        if route.etag:
            handler.send_header("ETag", route.etag)
        if route.last_modified:
            handler.send_header("Last-Modified", route.last_modified)
        if status == 304:
            handler.send_header("Content-Length", "0")
            handler.end_headers()
            return status
        if route.stream_size:
            handler.send_header("Transfer-Encoding", "chunked")
            handler.end_headers()
            sent = 0
            for chunk in _filler(route.stream_size):
                handler.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
                sent += len(chunk)
                self.bytes_sent[request.path] = sent
            handler.wfile.write(b"0\r\n\r\n")
            return status
        if not any(name.lower() == "content-length" for name in route.headers):
            handler.send_header("Content-Length", str(len(route.body)))
        handler.end_headers()
        if route.trickle:
            handler.wfile.flush()
            for i in range(len(route.body)):
                if self._released.wait(route.trickle):
                    return status
                handler.wfile.write(route.body[i : i + 1])
                handler.wfile.flush()
                self.bytes_sent[request.path] = i + 1
            return status
        handler.wfile.write(route.body)
        self.bytes_sent[request.path] = len(route.body)
        return status


def gzip_bomb(unpacked: int, layers: int = 2) -> bytes:
    """`layers` nested gzip layers around `unpacked` zero bytes, built in constant memory:
    1 GiB in two layers is under 2 KB on the wire."""
    zeros = bytes(1024 * 1024)
    inner = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    parts = []
    left = unpacked
    while left > 0:
        parts.append(inner.compress(zeros[: min(left, len(zeros))]))
        left -= len(zeros)
    parts.append(inner.flush())
    body = b"".join(parts)
    for _ in range(layers - 1):
        body = gzip.compress(body, 9)
    return body


def _filler(size: int, chunk: int = 64 * 1024) -> Iterator[bytes]:
    block = (b"<item><title>filler</title></item>\n" * (chunk // 36 + 1))[:chunk]
    while size > 0:
        yield block[: min(chunk, size)]
        size -= chunk


# --- building feeds and pollers for tests -------------------------------------------


@dataclass(frozen=True)
class Item:
    """One RSS item for `rss()`."""

    title: str
    link: str
    description: str = ""
    published: datetime | None = None
    guid: str = ""


def rss(items: list[Item], title: str = "Test News") -> bytes:
    """An RSS 2.0 document with these items."""
    parts = [
        '<?xml version="1.0" encoding="utf-8"?>',
        f'<rss version="2.0"><channel><title>{escape(title)}</title>',
        "<link>http://example.com/</link><description>test</description>",
    ]
    for item in items:
        parts.append("<item>")
        parts.append(f"<title>{escape(item.title)}</title><link>{escape(item.link)}</link>")
        if item.description:
            parts.append(f"<description>{escape(item.description)}</description>")
        if item.published:
            parts.append(f"<pubDate>{format_datetime(item.published, usegmt=True)}</pubDate>")
        if item.guid:
            parts.append(f"<guid>{escape(item.guid)}</guid>")
        parts.append("</item>")
    parts.append("</channel></rss>")
    return "\n".join(parts).encode()


@dataclass
class Harness:
    """A FeedPoller over real stores in a temporary folder, collecting what it passes on."""

    poller: FeedPoller
    articles: TinyArticleStore
    states: TinyFeedStateStore
    received: list[Article]


@asynccontextmanager
async def poller_for(
    tmp_path: Path,
    feeds: list[str],
    *,
    client: httpx.AsyncClient | None = None,
    chat_feeds: Callable[[], Iterable[str]] | None = None,
    **settings: Any,
) -> AsyncIterator[Harness]:
    """A harness polling `feeds` (and `chat_feeds`, the feeds chats added); settings
    default to no full text and a 60 s interval."""
    settings.setdefault("fulltext", False)
    settings.setdefault("poll_seconds", 60.0)
    config = Settings(db_path=tmp_path / "newsbot.json", feeds=tuple(feeds), **settings)
    articles = TinyArticleStore(articles_path(config.db_path), fsync=False)
    states = TinyFeedStateStore(feeds_path(config.db_path), fsync=False)
    received: list[Article] = []

    async def on_new(stories: list[Article]) -> None:
        received.extend(stories)

    own_client = client is None
    http = client or httpx.AsyncClient(timeout=10.0, trust_env=False)
    poller = FeedPoller(
        settings=config,
        client=http,
        articles=articles,
        feed_states=states,
        on_new=on_new,
        feeds=feeds,  # exactly these: [] is no feed, not the built-in list
        chat_feeds=chat_feeds,
    )
    try:
        yield Harness(poller, articles, states, received)
    finally:
        await poller.stop()
        if own_client:
            await http.aclose()
        articles.close()
        states.close()
