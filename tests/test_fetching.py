"""The fetcher: safe-URL policy, connected-address check, redirects, size cap, timeouts."""

from __future__ import annotations

import ipaddress
from collections.abc import Iterator

import httpx
import pytest

import bot.reading.fetching
from bot.errors import FeedError, UnsafeURLError
from bot.reading.fetching import USER_AGENT, Fetcher, check_public, is_public_address, make_client
from tests.fakes.feed_server import FeedServer, Route


@pytest.fixture
def server() -> Iterator[FeedServer]:
    with FeedServer() as s:
        yield s


@pytest.mark.parametrize(
    "address",
    ["127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254", "224.0.0.1",
     "0.0.0.0", "240.0.0.1", "100.64.0.1", "::1", "fe80::1", "fc00::1", "::ffff:127.0.0.1"],
)  # fmt: skip
def test_private_addresses(address: str) -> None:
    assert not is_public_address(ipaddress.ip_address(address))


@pytest.mark.parametrize("address", ["8.8.8.8", "151.101.0.81", "2a04:4e42::81"])
def test_public_addresses(address: str) -> None:
    assert is_public_address(ipaddress.ip_address(address))


@pytest.mark.parametrize(
    "url",
    ["http://127.0.0.1/x", "http://localhost:8080/", "http://[::1]/", "http://10.0.0.1/",
     "http://169.254.169.254/latest/meta-data/"],
)  # fmt: skip
async def test_check_public_refuses_private_hosts(url: str) -> None:
    with pytest.raises(UnsafeURLError, match="private address"):
        await check_public(url)


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://a.com/x", "gopher://a", "http://"])
async def test_only_http_and_https(url: str) -> None:
    with pytest.raises(UnsafeURLError):
        await check_public(url)


async def test_client_names_the_bot_and_asks_for_gzip(server: FeedServer) -> None:
    url = server.route("/x", body=b"ok")
    async with make_client() as client:
        download = await Fetcher(client).get(url, trusted=True)
    assert download.body == b"ok"
    sent = server.requests_to("/x")[0].headers
    assert sent["user-agent"] == USER_AGENT
    assert "gzip" in sent["accept-encoding"]


async def test_the_shared_client_has_connect_and_read_timeouts() -> None:
    async with make_client() as client:
        timeout = client.timeout
    assert timeout.connect == bot.reading.fetching.CONNECT_TIMEOUT
    assert timeout.read == bot.reading.fetching.READ_TIMEOUT
    assert 0 < timeout.connect <= 30
    assert 0 < timeout.read <= 60
    assert not client.follow_redirects  # the Fetcher checks every hop itself


async def test_gzip_bodies_are_decoded(server: FeedServer) -> None:
    import gzip

    url = server.route("/z", body=gzip.compress(b"<rss/>" * 100),
                       headers={"Content-Encoding": "gzip"})  # fmt: skip
    async with make_client() as client:
        download = await Fetcher(client).get(url, trusted=True)
    assert download.body == b"<rss/>" * 100


async def test_untrusted_private_url_is_refused_before_connecting(server: FeedServer) -> None:
    url = server.route("/page", body=b"secret")
    async with make_client() as client:
        with pytest.raises(UnsafeURLError):
            await Fetcher(client).get(url, trusted=False)
        assert server.requests_to("/page") == []
        allowed = await Fetcher(client, allow_private=True).get(url, trusted=False)
    assert allowed.body == b"secret"


async def test_connected_address_is_checked_too(
    server: FeedServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A client without the guarded transport of make_client (tests/test_hostile_servers.py)
    still judges the address it reached, when the name looked public when checked."""

    async def looks_public(url: str) -> None:
        return None

    monkeypatch.setattr(bot.reading.fetching, "check_public", looks_public)
    url = server.route("/page", body=b"secret")
    async with httpx.AsyncClient(trust_env=False) as client:
        with pytest.raises(UnsafeURLError, match=r"connected to private address 127\.0\.0\.1"):
            await Fetcher(client).get(url, trusted=False)


async def test_every_redirect_hop_is_checked(server: FeedServer) -> None:
    server.route("/inner", body=b"secret")
    hop = server.route("/hop", status=302, headers={"Location": server.url("/inner", "localhost")})
    async with make_client() as client:
        with pytest.raises(UnsafeURLError):
            await Fetcher(client).get(hop, trusted=True)
    assert server.requests_to("/inner") == []


async def test_redirect_loops_end(server: FeedServer) -> None:
    loop = server.route("/loop", status=302, headers={"Location": "/loop"})
    async with make_client() as client:
        with pytest.raises(FeedError, match="redirects"):
            await Fetcher(client).get(loop, trusted=True)


async def test_conditional_headers_and_304(server: FeedServer) -> None:
    url = server.route("/f", Route(body=b"x", etag='"1"'))
    async with make_client() as client:
        download = await Fetcher(client).get(url, trusted=True, headers={"If-None-Match": '"1"'})
    assert download.status == 304
    assert download.body == b""


async def test_total_timeout_bounds_a_slow_answer(server: FeedServer) -> None:
    url = server.route("/slow", Route(body=b"x", delay=30))
    async with httpx.AsyncClient(timeout=60, trust_env=False) as client:
        with pytest.raises(FeedError, match="timed out"):
            await Fetcher(client, total_timeout=0.5).get(url, trusted=True)


async def test_size_cap(server: FeedServer) -> None:
    url = server.route("/big", Route(stream_size=50 * 1024 * 1024))
    async with make_client() as client:
        with pytest.raises(FeedError, match="too large"):
            await Fetcher(client).get(url, trusted=True, max_bytes=1024 * 1024)
    assert server.bytes_sent["/big"] < 20 * 1024 * 1024
