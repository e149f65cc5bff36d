"""HTTP for feeds and pages: one shared client, capped streaming downloads, safe URLs.

A URL the operator listed is trusted; any other (a link in a feed, a redirect to
another host) is refused when it resolves to, or connects to, a loopback, private,
link-local, multicast or reserved address, unless private URLs are allowed.
"""

from __future__ import annotations

import asyncio
import ipaddress
import logging
import socket
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import httpx

from bot.config import Settings
from bot.errors import FeedError, UnsafeURLError
from bot.reading.decoding import BodyDecoder, DecodingError, TooLarge, supported_codings

log = logging.getLogger(__name__)

USER_AGENT = "Newsbot/0.1 (Telegram news-alert bot; +https://github.com/newsbot/newsbot)"
CONNECT_TIMEOUT = 10.0
READ_TIMEOUT = 20.0
# A whole download (headers and body) never takes longer, however slowly bytes drip.
TOTAL_TIMEOUT = 60.0
MAX_FEED_BYTES = 10 * 1024 * 1024
MAX_PAGE_BYTES = 5 * 1024 * 1024
MAX_REDIRECTS = 5
_REDIRECTS = frozenset({301, 302, 303, 307, 308})

_Address = ipaddress.IPv4Address | ipaddress.IPv6Address


def make_client(*, max_connections: int = 20) -> httpx.AsyncClient:
    """The one HTTP client the bot shares: named User-Agent, gzip, timeouts, no auto-redirects.

    Redirects are followed by `Fetcher`, which checks every hop.
    """
    return httpx.AsyncClient(
        headers={"User-Agent": USER_AGENT, "Accept-Encoding": ", ".join(supported_codings())},
        timeout=httpx.Timeout(READ_TIMEOUT, connect=CONNECT_TIMEOUT),
        limits=httpx.Limits(max_connections=max_connections, max_keepalive_connections=10),
        follow_redirects=False,
        trust_env=False,  # a proxy from the environment would hide the address we connect to
    )


@dataclass(frozen=True, slots=True)
class Download:
    """A finished HTTP exchange: the final URL after redirects, status, headers, body."""

    url: str
    status: int
    headers: dict[str, str] = field(default_factory=dict)  # lower-cased names
    body: bytes = b""
    peer: str = ""  # the IP address actually connected to, when known


def is_public_address(address: _Address) -> bool:
    """False for loopback, private, link-local, multicast, reserved and unspecified addresses."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return not (
        address.is_loopback
        or address.is_private
        or address.is_link_local
        or address.is_multicast
        or address.is_reserved
        or address.is_unspecified
        or not address.is_global
    )


def check_scheme(url: str) -> tuple[str, str, int]:
    """(scheme, host, port) of an http(s) URL, or UnsafeURLError."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise UnsafeURLError(url, f"not a valid URL ({exc})") from None
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        raise UnsafeURLError(url, "only http and https URLs are fetched")
    if not parts.hostname:
        raise UnsafeURLError(url, "the URL has no host")
    return scheme, parts.hostname, port or (443 if scheme == "https" else 80)


async def check_public(url: str) -> None:
    """UnsafeURLError unless every address the URL's host resolves to is public."""
    _, host, port = check_scheme(url)
    try:
        addresses: list[_Address] = [ipaddress.ip_address(host)]
    except ValueError:
        try:
            infos = await asyncio.get_running_loop().getaddrinfo(
                host, port, type=socket.SOCK_STREAM
            )
        except OSError as exc:
            raise FeedError(url, f"cannot resolve {host}: {exc.strerror or exc}") from None
        addresses = [ipaddress.ip_address(str(info[4][0]).split("%", 1)[0]) for info in infos]
    for address in addresses:
        if not is_public_address(address):
            raise UnsafeURLError(url, f"refused: {host} is a private address ({address})")


def _same_origin(a: str, b: str) -> bool:
    try:
        pa, pb = urlsplit(a), urlsplit(b)
        return (pa.scheme, pa.hostname, pa.port) == (pb.scheme, pb.hostname, pb.port)
    except ValueError:
        return False


def _peer_of(response: httpx.Response) -> str:
    stream = response.extensions.get("network_stream")
    if stream is None:
        return ""
    try:
        peer = stream.get_extra_info("server_addr")
    except Exception:  # a transport without that information (HTTP/2, mocks)
        return ""
    if isinstance(peer, tuple) and peer:
        return str(peer[0])
    return ""


def _public_peer(peer: str) -> bool:
    try:
        return is_public_address(ipaddress.ip_address(peer.split("%", 1)[0]))
    except ValueError:  # not an IP address (a Unix socket): nothing public about it
        return False


async def _read_body(response: httpx.Response, coding: str, max_bytes: int) -> bytes:
    """The body from the raw stream, unpacked here: neither the bytes on the wire nor
    any unpacked layer may pass `max_bytes` (DecodingError/TooLarge otherwise)."""
    decoder = BodyDecoder(coding, max_bytes)  # refuses unknown or too many codings first
    chunks: list[bytes] = []
    raw = size = 0
    async for chunk in response.aiter_raw():
        raw += len(chunk)
        if raw > max_bytes:
            raise TooLarge(f"over the {max_bytes:,}-byte limit")
        data = decoder.feed(chunk)
        size += len(data)
        if size > max_bytes:
            raise TooLarge(f"over the {max_bytes:,}-byte limit")
        chunks.append(data)
    tail = decoder.finish()
    if size + len(tail) > max_bytes:
        raise TooLarge(f"over the {max_bytes:,}-byte limit")
    chunks.append(tail)
    return b"".join(chunks)


class Fetcher:
    """Downloads with the safe-URL policy, manual redirects and a size cap while streaming."""

    def __init__(
        self,
        client: httpx.AsyncClient,
        *,
        allow_private: bool = False,
        total_timeout: float = TOTAL_TIMEOUT,
    ) -> None:
        self.client = client
        self.allow_private = allow_private
        self.total_timeout = total_timeout

    @classmethod
    def from_settings(cls, client: httpx.AsyncClient, settings: Settings) -> Fetcher:
        return cls(client, allow_private=settings.allow_private_urls)

    async def get(
        self,
        url: str,
        *,
        trusted: bool = False,
        headers: dict[str, str] | None = None,
        max_bytes: int = MAX_FEED_BYTES,
    ) -> Download:
        """GET `url`, following up to five redirects; FeedError/UnsafeURLError on failure.

        `trusted` marks a URL the operator listed: it and redirects on the same origin
        skip the private-address check. Statuses are returned, not raised.
        """
        try:
            async with asyncio.timeout(self.total_timeout):
                return await self._get(url, trusted, headers or {}, max_bytes)
        except TimeoutError:
            raise FeedError(url, f"timed out after {self.total_timeout:g} s") from None

    async def _get(
        self, url: str, trusted: bool, headers: dict[str, str], max_bytes: int
    ) -> Download:
        origin = url
        current = url
        for _hop in range(MAX_REDIRECTS + 1):
            checked = trusted and _same_origin(origin, current)
            if not checked and not self.allow_private:
                await check_public(current)
            else:
                check_scheme(current)
            download = await self._get_once(current, headers, max_bytes, checked)
            if download.status not in _REDIRECTS:
                return download
            location = download.headers.get("location", "").strip()
            if not location:
                return download
            current = urljoin(current, location)
            # Conditional headers belong to the first URL only.
            headers = {
                k: v
                for k, v in headers.items()
                if k.lower() not in ("if-none-match", "if-modified-since")
            }
        raise FeedError(url, f"more than {MAX_REDIRECTS} redirects")

    async def _get_once(
        self, url: str, headers: dict[str, str], max_bytes: int, trusted: bool
    ) -> Download:
        try:
            async with self.client.stream("GET", url, headers=headers) as response:
                peer = _peer_of(response)
                # DNS may answer differently the second time: judge what we reached.
                if peer and not trusted and not self.allow_private and not _public_peer(peer):
                    raise UnsafeURLError(url, f"refused: connected to private address {peer}")
                status = response.status_code
                head = {k.lower(): v for k, v in response.headers.items()}
                if status in _REDIRECTS or status == 304 or status >= 400:
                    return Download(url, status, head, b"", peer)
                declared = head.get("content-length", "")
                if declared.isdigit() and int(declared) > max_bytes:
                    raise FeedError(
                        url, f"too large ({int(declared):,} bytes, limit {max_bytes:,})"
                    )
                body = await _read_body(response, head.pop("content-encoding", ""), max_bytes)
                return Download(str(response.url), status, head, body, peer)
        except TooLarge as exc:
            raise FeedError(url, f"too large ({exc})") from None
        except DecodingError as exc:
            raise FeedError(url, f"could not decode the response: {exc}") from None
        except httpx.TimeoutException as exc:
            raise FeedError(url, f"timed out ({type(exc).__name__})") from None
        except httpx.DecodingError as exc:
            raise FeedError(url, f"could not decode the response ({exc})") from None
        except httpx.HTTPError as exc:
            raise FeedError(url, f"{type(exc).__name__}: {exc}".rstrip(": ")) from None
