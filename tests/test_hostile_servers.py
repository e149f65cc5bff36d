"""Hostile servers: what a feed or page host sends can neither bloat nor stall the bot.

Each test reproduces an attack at the size that found it (issue 10, part 2).
"""

from __future__ import annotations

import asyncio
import functools
import gzip
import ipaddress
import random
import tracemalloc
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from bot.errors import FeedError, UnsafeURLError
from bot.reading import fetching
from bot.reading.decoding import BodyDecoder, DecodingError, TooLarge, supported_codings
from bot.reading.fetching import (
    MAX_FEED_BYTES,
    MAX_PAGE_BYTES,
    Fetcher,
    is_public_address,
    make_client,
)
from tests.fakes.feed_server import FeedServer, Item, Route, gzip_bomb, poller_for, rss

GIB = 1024 * 1024 * 1024


@functools.cache
def bomb() -> bytes:
    """gzip(gzip(1 GiB of zeros)): 1.8 KB on the wire."""
    return gzip_bomb(GIB, layers=2)


@pytest.fixture
def server() -> Iterator[FeedServer]:
    with FeedServer() as s:
        yield s


@pytest.mark.parametrize(
    ("trusted", "max_bytes"),
    [(True, MAX_FEED_BYTES), (False, MAX_PAGE_BYTES)],
    ids=["feed", "page"],
)
async def test_a_nested_gzip_bomb_is_cut_at_the_limit(
    server: FeedServer, trusted: bool, max_bytes: int
) -> None:
    body = bomb()
    assert len(body) < 4096
    url = server.route("/bomb", body=body, headers={"Content-Encoding": "gzip, gzip"})
    async with make_client() as client:
        fetcher = Fetcher(client, allow_private=True)
        tracemalloc.start()
        try:
            with pytest.raises(FeedError, match="too large"):
                await fetcher.get(url, trusted=trusted, max_bytes=max_bytes)
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
    # Unpacked whole, the bomb is 1 GiB; cut at the limit it costs a few times the limit.
    assert peak < 8 * max_bytes, f"peak {peak:,} bytes"


async def test_a_bomb_feed_fails_its_poll_alone(server: FeedServer, tmp_path: Path) -> None:
    bad = server.route("/bomb.xml", body=bomb(), headers={"Content-Encoding": "gzip, gzip"})
    async with make_client() as client, poller_for(tmp_path, [bad], client=client) as h:
        result = await h.poller.poll_once(bad)
    assert result.outcome == "failed"
    assert "too large" in result.error


async def test_a_bomb_page_costs_that_page_alone(server: FeedServer, tmp_path: Path) -> None:
    server.route("/story", body=bomb(), headers={"Content-Encoding": "gzip, gzip"})
    feed = server.route("/teasers.xml", body=rss([Item("A teaser", server.url("/story"))]))
    async with (
        make_client() as client,
        poller_for(tmp_path, [feed], client=client, fulltext=True, allow_private_urls=True) as h,
    ):
        tracemalloc.start()
        try:
            result = await h.poller.poll_once(feed)
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
    assert peak < 100 * 1024 * 1024, f"peak {peak:,} bytes"  # unpacked whole: 1 GiB
    assert len(server.requests_to("/story")) == 1  # the page was fetched, and refused
    assert result.outcome == "ok"
    assert [a.title for a in result.new] == ["A teaser"]
    assert h.articles.get(result.new[0].id) is not None


@pytest.mark.parametrize("coding", ["gzip, gzip, gzip", "gzip,deflate,gzip"])
async def test_more_than_two_codings_are_refused(server: FeedServer, coding: str) -> None:
    url = server.route("/x", body=b"whatever", headers={"Content-Encoding": coding})
    async with make_client() as client:
        with pytest.raises(FeedError, match="at most 2"):
            await Fetcher(client).get(url, trusted=True)


@pytest.mark.parametrize("coding", ["compress", "zstd", "x-bomb"])
async def test_unknown_codings_are_refused(server: FeedServer, coding: str) -> None:
    url = server.route("/x", body=b"whatever", headers={"Content-Encoding": coding})
    async with make_client() as client:
        with pytest.raises(FeedError, match="unsupported content coding"):
            await Fetcher(client).get(url, trusted=True)


def _deflate(data: bytes, wbits: int) -> bytes:
    c = zlib.compressobj(6, zlib.DEFLATED, wbits)
    return c.compress(data) + c.flush()


DOC = b"<rss><channel><title>News</title></channel></rss>" * 50


@pytest.mark.parametrize(
    ("coding", "body"),
    [
        ("gzip", gzip.compress(DOC)),
        ("x-gzip", gzip.compress(DOC)),
        ("GZIP , identity", gzip.compress(DOC)),
        ("gzip, gzip", gzip.compress(gzip.compress(DOC))),
        ("deflate", _deflate(DOC, zlib.MAX_WBITS)),  # zlib-wrapped, as the RFC says
        ("deflate", _deflate(DOC, -zlib.MAX_WBITS)),  # raw, as some servers send
        ("deflate, gzip", gzip.compress(_deflate(DOC, zlib.MAX_WBITS))),
        ("gzip", gzip.compress(DOC[:100]) + gzip.compress(DOC[100:])),  # two members
        ("", DOC),
    ],
)
async def test_honest_codings_decode(server: FeedServer, coding: str, body: bytes) -> None:
    headers = {"Content-Encoding": coding} if coding else {}
    url = server.route("/x", body=body, headers=headers)
    async with make_client() as client:
        download = await Fetcher(client).get(url, trusted=True)
    assert download.body == DOC
    assert "content-encoding" not in download.headers  # the body is no longer encoded


async def test_the_accept_encoding_names_only_what_we_decode(server: FeedServer) -> None:
    url = server.route("/x", body=b"ok")
    async with make_client() as client:
        await Fetcher(client).get(url, trusted=True)
    sent = {c.strip() for c in server.requests_to("/x")[0].headers["accept-encoding"].split(",")}
    assert sent == set(supported_codings())


async def test_corrupt_gzip_is_a_feed_error(server: FeedServer) -> None:
    url = server.route("/x", body=b"\x1f\x8bnot gzip at all", headers={"Content-Encoding": "gzip"})
    async with make_client() as client:
        with pytest.raises(FeedError, match="could not decode"):
            await Fetcher(client).get(url, trusted=True)


# The decoder alone, byte by byte.


def _feed_bytewise(decoder: BodyDecoder, data: bytes) -> bytes:
    out = [decoder.feed(data[i : i + 1]) for i in range(len(data))]
    return b"".join(out) + decoder.finish()


@pytest.mark.parametrize(
    ("coding", "body"),
    [
        ("gzip", gzip.compress(DOC)),
        ("deflate", _deflate(DOC, zlib.MAX_WBITS)),
        ("deflate", _deflate(DOC, -zlib.MAX_WBITS)),
        ("gzip, gzip", gzip.compress(gzip.compress(DOC))),
    ],
)
def test_the_decoder_takes_any_chunking(coding: str, body: bytes) -> None:
    assert _feed_bytewise(BodyDecoder(coding, len(DOC)), body) == DOC


def test_every_layer_is_bounded_not_only_the_last() -> None:
    # The inner layer is small; the outer one unpacks to 1 MiB of zeros.
    body = gzip.compress(bytes(1024 * 1024))
    with pytest.raises(TooLarge):
        BodyDecoder("gzip", 64 * 1024).feed(body)
    assert BodyDecoder("gzip", 1024 * 1024).feed(body) == bytes(1024 * 1024)


def test_a_single_dense_chunk_never_unpacks_past_the_limit() -> None:
    decoder = BodyDecoder("gzip", 1000)
    with pytest.raises(TooLarge):
        decoder.feed(gzip.compress(bytes(10 * 1024 * 1024)))
    assert decoder._layers[0].out == 1001  # type: ignore[attr-defined]  # the layer's counter


def test_br_is_refused_without_a_bounded_decoder() -> None:
    if "br" in supported_codings():
        pytest.skip("a brotli decoder is installed")
    with pytest.raises(DecodingError, match="unsupported"):
        BodyDecoder("br", 1000)


# The address check at connect time (DNS rebinding, IPv6 forms carrying IPv4).


class FakeDNS:
    """A resolver seam: answers from a table, and counts the questions."""

    def __init__(self, table: dict[str, list[str]]) -> None:
        self.table = table
        self.asked: list[str] = []

    async def __call__(self, host: str, port: int) -> list[str]:
        self.asked.append(host)
        if host not in self.table:
            raise OSError(-2, "Name or service not known")
        return self.table[host]


@pytest.mark.parametrize(
    "answer", [["127.0.0.1"], ["93.184.216.34", "127.0.0.1"], ["::ffff:127.0.0.1"]]
)
async def test_a_name_resolving_to_a_private_address_is_never_reached(
    server: FeedServer, answer: list[str]
) -> None:
    server.route("/admin", body=b"secret")
    dns = FakeDNS({"rebind.example": answer})
    async with make_client(resolver=dns) as client:
        with pytest.raises(UnsafeURLError, match="private address"):
            await Fetcher(client).get(f"http://rebind.example:{server.port}/admin")
    assert dns.asked == ["rebind.example"]  # resolved once, at connect time
    assert server.requests_to("/admin") == []


async def test_the_checked_address_is_the_one_connected_to_and_the_name_is_kept(
    server: FeedServer,
) -> None:
    server.route("/feed", body=b"<rss/>")
    dns = FakeDNS({"feeds.example": ["127.0.0.1"]})
    async with make_client(resolver=dns) as client:
        download = await Fetcher(client).get(
            f"http://feeds.example:{server.port}/feed", trusted=True
        )
    assert download.body == b"<rss/>"
    assert download.peer == "127.0.0.1"
    assert server.requests_to("/feed")[0].headers["host"] == f"feeds.example:{server.port}"


async def test_a_trusted_connection_is_not_reused_by_an_untrusted_request(
    server: FeedServer,
) -> None:
    server.route("/x", body=b"ok")
    url = f"http://feeds.example:{server.port}/x"
    async with make_client(resolver=FakeDNS({"feeds.example": ["127.0.0.1"]})) as client:
        fetcher = Fetcher(client)
        assert (await fetcher.get(url, trusted=True)).body == b"ok"
        with pytest.raises(UnsafeURLError):
            await fetcher.get(url, trusted=False)  # the keep-alive connection is right there
    assert len(server.requests_to("/x")) == 1


async def test_a_redirect_to_a_rebinding_name_is_refused(server: FeedServer) -> None:
    server.route("/admin", body=b"secret")
    inside = f"http://inside.example:{server.port}/admin"
    feed = server.route("/feed", status=302, headers={"Location": inside})
    dns = FakeDNS({"inside.example": ["10.0.0.1", "127.0.0.1"]})
    async with make_client(resolver=dns) as client:
        with pytest.raises(UnsafeURLError):
            await Fetcher(client).get(feed, trusted=True)
    assert server.requests_to("/admin") == []


async def test_private_urls_allowed_reach_a_private_name(server: FeedServer) -> None:
    server.route("/page", body=b"intranet")
    dns = FakeDNS({"intranet.example": ["127.0.0.1"]})
    async with make_client(resolver=dns) as client:
        fetcher = Fetcher(client, allow_private=True)
        download = await fetcher.get(f"http://intranet.example:{server.port}/page")
    assert download.body == b"intranet"


async def test_a_name_that_does_not_resolve_is_a_feed_error(server: FeedServer) -> None:
    async with make_client(resolver=FakeDNS({})) as client:
        with pytest.raises(FeedError, match=r"cannot resolve nowhere\.example"):
            await Fetcher(client).get("http://nowhere.example/x", trusted=True)


@pytest.mark.parametrize(
    "address",
    [
        "2002:7f00:1::1",  # 6to4 of 127.0.0.1
        "2002:a00:1::",  # 6to4 of 10.0.0.1
        "2002:a9fe:a9fe::1",  # 6to4 of 169.254.169.254
        "2001:0:4136:e378:8000:63bf:80ff:fffe",  # Teredo, client 127.0.0.1
        "64:ff9b::7f00:1",  # NAT64 of 127.0.0.1
        "64:ff9b::a9fe:a9fe",  # NAT64 of 169.254.169.254
        "::127.0.0.1",  # IPv4-compatible
        "::ffff:10.0.0.1",  # IPv4-mapped
        "fec0::1",  # site-local
        "fec0:1:2:3::4",
    ],
)
def test_ipv6_forms_of_private_addresses_are_private(address: str) -> None:
    assert not is_public_address(ipaddress.ip_address(address))


@pytest.mark.parametrize("address", ["64:ff9b::808:808", "::ffff:8.8.8.8", "2002:808:808::1"])
def test_ipv6_forms_of_public_addresses_are_public(address: str) -> None:
    assert is_public_address(ipaddress.ip_address(address))


# Time budgets: a trickling answer is cut at its deadline and holds only its own slots.

TRICKLE = Route(body=b"<rss>" + b" " * 200 + b"</rss>", trickle=1.0)  # one byte a second


@pytest.mark.parametrize("trusted", [True, False], ids=["feed", "page"])
async def test_a_trickling_body_is_cut_at_the_deadline(server: FeedServer, trusted: bool) -> None:
    url = server.route("/slow", TRICKLE)
    async with make_client() as client:
        # The read timeout never fires (a byte a second); the deadline of the kind does.
        fetcher = Fetcher(
            client,
            allow_private=True,
            total_timeout=2.0 if trusted else 60.0,
            page_timeout=2.0 if not trusted else 60.0,
        )
        with pytest.raises(FeedError, match=r"timed out after 2 s"):
            await fetcher.get(url, trusted=trusted)
    assert server.bytes_sent.get("/slow", 0) < len(TRICKLE.body)


def test_deadlines_are_whole_response_budgets() -> None:
    assert 0 < fetching.PAGE_TIMEOUT <= fetching.TOTAL_TIMEOUT <= 60
    assert fetching.READ_TIMEOUT < fetching.TOTAL_TIMEOUT  # a read timeout alone is not enough


async def _until(condition: Callable[[], bool]) -> None:
    """Wait for the servers (threads that cannot set an asyncio.Event) to see requests."""
    while not condition():  # noqa: ASYNC110
        await asyncio.sleep(0.02)


async def test_trickling_feeds_do_not_delay_a_feed_on_another_server(tmp_path: Path) -> None:
    """Two feeds of a hostile site trickle; a good feed on another server is polled meanwhile."""
    with FeedServer() as hostile, FeedServer() as good:
        slow = [hostile.route("/a.xml", TRICKLE), hostile.route("/b.xml", TRICKLE)]
        fine = good.route("/feed.xml", body=rss([Item("Good news", good.url("/1"), "x" * 700)]))
        async with make_client() as client, poller_for(tmp_path, [*slow, fine]) as h:
            h.poller.fetcher = Fetcher(client, allow_private=True, total_timeout=20)
            stuck = [asyncio.create_task(h.poller.poll_once(url)) for url in slow]
            await _until(lambda: len(hostile.requests) == 2)
            result = await h.poller.poll_once(fine)
            still_trickling = [not task.done() for task in stuck]
            for task in stuck:
                task.cancel()
            await asyncio.gather(*stuck, return_exceptions=True)
    assert result.outcome == "ok"
    assert [a.title for a in result.new] == ["Good news"]
    assert all(still_trickling)


async def test_trickling_pages_do_not_hold_the_slots_feeds_poll_with(tmp_path: Path) -> None:
    """A feed's entries link to pages that trickle; another feed on the pages' own server
    is still polled: pages and feeds have separate slots."""
    with FeedServer() as site, FeedServer() as other:
        for n in range(4):
            site.route(f"/story/{n}", TRICKLE)
        teasers = other.route(
            "/teasers.xml",
            body=rss([Item(f"Teaser {n}", site.url(f"/story/{n}")) for n in range(4)]),
        )
        fine = site.route("/feed.xml", body=rss([Item("Good news", site.url("/1"), "x" * 700)]))
        async with (
            make_client() as client,
            poller_for(tmp_path, [teasers, fine], fulltext=True, allow_private_urls=True) as h,
        ):
            h.poller.fetcher = Fetcher(client, allow_private=True, page_timeout=20)
            stuck = asyncio.create_task(h.poller.poll_once(teasers))
            await _until(lambda: len([r for r in site.requests if "/story/" in r.path]) >= 2)
            result = await h.poller.poll_once(fine)
            still_reading = not stuck.done()
            stuck.cancel()
            await asyncio.gather(stuck, return_exceptions=True)
    assert result.outcome == "ok"
    assert [a.title for a in result.new] == ["Good news"]
    assert still_reading


# Any coding header and any bytes: decoded bytes within the limit, or a DecodingError.

_TOKENS = ["gzip", "x-gzip", "deflate", "br", "identity", "GZip", "compress", "", " ", "gzip;q=1"]


def _random_case(rng: random.Random) -> tuple[str, bytes]:
    header = ",".join(rng.choice(_TOKENS) for _ in range(rng.randint(0, 4)))
    data = rng.randbytes(rng.randint(0, 3000))
    if rng.random() < 0.3:
        data = bytes(rng.randint(0, 200_000))  # dense: unpacks far past the limit
    kind = rng.random()
    if kind < 0.3:
        data = gzip.compress(data)
    elif kind < 0.5:
        data = _deflate(data, rng.choice([zlib.MAX_WBITS, -zlib.MAX_WBITS]))
    elif kind < 0.6:
        data = gzip.compress(gzip.compress(data))
    if data and rng.random() < 0.3:  # corrupt or cut it
        i = rng.randrange(len(data))
        data = (
            data[:i] + bytes([data[i] ^ 0xFF]) + data[i + 1 :] if rng.random() < 0.5 else data[:i]
        )
    return header, data


@pytest.mark.parametrize("seed", range(8))
def test_any_coding_and_bytes_give_bounded_bytes_or_a_decoding_error(seed: int) -> None:
    rng = random.Random(seed)
    limit = 50_000
    outcomes = set()
    for _ in range(250):
        header, data = _random_case(rng)
        try:
            decoder = BodyDecoder(header, limit)
            out = []
            i = 0
            while i < len(data):
                step = rng.randint(1, 4096)
                out.append(decoder.feed(data[i : i + step]))
                i += step
            out.append(decoder.finish())
        except DecodingError:
            outcomes.add("error")
            continue
        outcomes.add("bytes")
        assert sum(map(len, out)) <= limit
    assert outcomes == {"bytes", "error"}  # both kinds of input were generated
