"""HTTP for feeds and pages: one shared client, capped streaming downloads, safe URLs.

A URL the operator listed is trusted; any other (a link in a feed, a redirect to
another host) is refused when it resolves to a loopback, private, link-local,
multicast or reserved address, unless private URLs are allowed. With the client of
`make_client` the check is made at connect time, on every address the host resolves
to, and the socket is opened to the address checked: no request reaches a refused
address, whatever DNS answers a second time.
"""

from __future__ import annotations

import asyncio
import ipaddress
import logging
import socket
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin, urlsplit

import httpcore
import httpx

from bot.config import Settings
from bot.errors import FeedError, UnsafeURLError
from bot.reading.decoding import BodyDecoder, DecodingError, TooLarge, supported_codings

log = logging.getLogger(__name__)

USER_AGENT = "Newsbot/0.1 (Telegram news-alert bot; +https://github.com/newsbot/newsbot)"
CONNECT_TIMEOUT = 10.0
READ_TIMEOUT = 20.0
# A whole download (headers and body) never takes longer, however slowly bytes drip:
# a feed (a trusted URL) and a page or other link (untrusted) have their own budget.
TOTAL_TIMEOUT = 30.0
PAGE_TIMEOUT = 15.0
MAX_FEED_BYTES = 10 * 1024 * 1024
MAX_PAGE_BYTES = 5 * 1024 * 1024
MAX_REDIRECTS = 5
_REDIRECTS = frozenset({301, 302, 303, 307, 308})

_Address = ipaddress.IPv4Address | ipaddress.IPv6Address


# A request carrying this extension set to True skips the address check at connect time
# (an operator-listed feed, or NEWSBOT_ALLOW_PRIVATE_URLS); every other request is checked.
TRUSTED = "newsbot_trusted"

# host, port -> the IP addresses to try, in order. Tests give a fake one (no real DNS).
Resolver = Callable[[str, int], Awaitable[list[str]]]


async def system_resolver(host: str, port: int) -> list[str]:
    """The addresses the system resolver gives for `host`, in its order."""
    infos = await asyncio.get_running_loop().getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


class RefusedAddress(Exception):
    """Raised at connect time: the host resolved to an address we do not connect to."""


class _GuardedBackend(httpcore.AsyncNetworkBackend):
    """Resolves the host itself, checks every address, then connects to a checked IP.

    The connection is opened to the IP we checked, so a DNS answer that changes between
    a check and the connect (rebinding) cannot reach a private address. TLS still names
    the host (httpcore passes the URL's host as SNI), and so does the Host header.
    """

    def __init__(self, resolver: Resolver, *, check: bool) -> None:
        self._resolve = resolver
        self._check = check
        self._inner = httpcore.AnyIOBackend()

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,  # noqa: ASYNC109 (httpcore's signature)
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        literal = host.strip("[]")
        try:
            ipaddress.ip_address(literal.split("%", 1)[0])
            addresses = [literal]
        except ValueError:
            try:
                async with asyncio.timeout(timeout):
                    addresses = await self._resolve(host, port)
            except (OSError, TimeoutError) as exc:
                reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
                raise httpcore.ConnectError(f"cannot resolve {host}: {reason}") from None
        if not addresses:
            raise httpcore.ConnectError(f"cannot resolve {host}: no address")
        if self._check:
            for address in addresses:
                if not _public_peer(address):
                    raise RefusedAddress(f"{host} is a private address ({address})")
        error: Exception | None = None
        for address in addresses:
            try:
                return await self._inner.connect_tcp(
                    address, port, timeout, local_address, socket_options
                )
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                error = exc
        assert error is not None
        raise error

    async def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,  # noqa: ASYNC109 (httpcore's signature)
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        raise RefusedAddress("Unix sockets are not fetched")

    async def sleep(self, seconds: float) -> None:
        await self._inner.sleep(seconds)


class _BackendTransport(httpx.AsyncHTTPTransport):
    """httpx's own transport, its connection pool built over our network backend."""

    def __init__(self, backend: httpcore.AsyncNetworkBackend, limits: httpx.Limits) -> None:
        super().__init__(limits=limits, trust_env=False)
        # httpx has no parameter for the network backend: the pool is rebuilt with it.
        self._pool = httpcore.AsyncConnectionPool(
            ssl_context=httpx.create_ssl_context(trust_env=False),
            max_connections=limits.max_connections,
            max_keepalive_connections=limits.max_keepalive_connections,
            keepalive_expiry=limits.keepalive_expiry,
            network_backend=backend,
        )


class GuardedTransport(httpx.AsyncBaseTransport):
    """Checks the address at connect time, unless the request is marked TRUSTED.

    Trusted and checked requests use separate connection pools, so a checked request
    never reuses a connection that a trusted one opened without a check.
    """

    def __init__(self, limits: httpx.Limits, resolver: Resolver = system_resolver) -> None:
        self._checked = _BackendTransport(_GuardedBackend(resolver, check=True), limits)
        self._trusted = _BackendTransport(_GuardedBackend(resolver, check=False), limits)

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        trusted = request.extensions.get(TRUSTED) is True
        transport = self._trusted if trusted else self._checked
        return await transport.handle_async_request(request)

    async def aclose(self) -> None:
        await self._checked.aclose()
        await self._trusted.aclose()


def make_client(
    *, max_connections: int = 20, resolver: Resolver = system_resolver
) -> httpx.AsyncClient:
    """The one HTTP client the bot shares: named User-Agent, our codings, timeouts, no
    auto-redirects, and the private-address check made on the address connected to.

    Redirects are followed by `Fetcher`, which checks every hop.
    """
    limits = httpx.Limits(max_connections=max_connections, max_keepalive_connections=10)
    return httpx.AsyncClient(
        headers={"User-Agent": USER_AGENT, "Accept-Encoding": ", ".join(supported_codings())},
        timeout=httpx.Timeout(READ_TIMEOUT, connect=CONNECT_TIMEOUT),
        limits=limits,
        follow_redirects=False,
        trust_env=False,  # a proxy from the environment would hide the address we connect to
        transport=GuardedTransport(limits, resolver),
    )


def _is_guarded(client: httpx.AsyncClient) -> bool:
    return isinstance(getattr(client, "_transport", None), GuardedTransport)


@dataclass(frozen=True, slots=True)
class Download:
    """A finished HTTP exchange: the final URL after redirects, status, headers, body."""

    url: str
    status: int
    headers: dict[str, str] = field(default_factory=dict)  # lower-cased names
    body: bytes = b""
    peer: str = ""  # the IP address actually connected to, when known


_NAT64 = ipaddress.IPv6Network("64:ff9b::/96")  # the well-known NAT64 prefix (RFC 6052)
_IPV4_COMPATIBLE = ipaddress.IPv6Network("::/96")


def _embedded_ipv4(address: ipaddress.IPv6Address) -> list[ipaddress.IPv4Address]:
    """The IPv4 addresses an IPv6 address carries: 6to4, Teredo (server and client),
    NAT64, IPv4-compatible."""
    found: list[ipaddress.IPv4Address] = []
    if address.sixtofour is not None:
        found.append(address.sixtofour)
    if address.teredo is not None:
        found.extend(address.teredo)
    if address in _NAT64 or address in _IPV4_COMPATIBLE:
        found.append(ipaddress.IPv4Address(int(address) & 0xFFFFFFFF))
    return found


def is_public_address(address: _Address) -> bool:
    """False for loopback, private, link-local, site-local, multicast, reserved and
    unspecified addresses, and for IPv6 forms that carry such an IPv4 address.

    An IPv4-mapped or NAT64 address is the IPv4 address it carries (a NAT64 gateway
    connects to it); 6to4, Teredo and IPv4-compatible addresses must be public twice.
    """
    if isinstance(address, ipaddress.IPv6Address):
        if address.ipv4_mapped is not None:
            return is_public_address(address.ipv4_mapped)
        embedded = _embedded_ipv4(address)
        if any(not is_public_address(inner) for inner in embedded):
            return False
        if address in _NAT64:
            return True
        if address.is_site_local:  # fec0::/10: deprecated, but still routed inside sites
            return False
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


def check_literal(url: str) -> None:
    """UnsafeURLError when the URL is not http(s) or its host is a non-public IP literal."""
    _, host, _ = check_scheme(url)
    try:
        address = ipaddress.ip_address(host.split("%", 1)[0])
    except ValueError:
        return
    if not is_public_address(address):
        raise UnsafeURLError(url, f"refused: {host} is a private address ({address})")


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
    raw = 0
    async for chunk in response.aiter_raw():
        raw += len(chunk)
        if raw > max_bytes:
            raise TooLarge(f"over the {max_bytes:,}-byte limit")
        chunks.append(decoder.feed(chunk))
    chunks.append(decoder.finish())
    return b"".join(chunks)


class Fetcher:
    """Downloads with the safe-URL policy, manual redirects and a size cap while streaming."""

    def __init__(
        self,
        client: httpx.AsyncClient,
        *,
        allow_private: bool = False,
        total_timeout: float = TOTAL_TIMEOUT,
        page_timeout: float = PAGE_TIMEOUT,
    ) -> None:
        self.client = client
        self.page_timeout = page_timeout
        self._guarded = _is_guarded(client)
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
        deadline: float | None = None,
    ) -> Download:
        """GET `url`, following up to five redirects; FeedError/UnsafeURLError on failure.

        `trusted` marks a URL the operator listed: it and redirects on the same origin
        skip the private-address check. Statuses are returned, not raised. The whole
        exchange, body included, ends by `deadline` seconds: by default the feed budget
        for a trusted URL, the page budget for any other.
        """
        if deadline is None:
            deadline = self.total_timeout if trusted else self.page_timeout
        try:
            async with asyncio.timeout(deadline):
                return await self._get(url, trusted, headers or {}, max_bytes)
        except TimeoutError:
            raise FeedError(url, f"timed out after {deadline:g} s") from None

    async def _get(
        self, url: str, trusted: bool, headers: dict[str, str], max_bytes: int
    ) -> Download:
        origin = url
        current = url
        for _hop in range(MAX_REDIRECTS + 1):
            exempt = (trusted and _same_origin(origin, current)) or self.allow_private
            if exempt:
                check_scheme(current)
            elif self._guarded:
                # Names are checked by the transport on the address it connects to.
                check_literal(current)
            else:
                await check_public(current)
            download = await self._get_once(current, headers, max_bytes, exempt)
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
        self, url: str, headers: dict[str, str], max_bytes: int, exempt: bool
    ) -> Download:
        try:
            async with self.client.stream(
                "GET", url, headers=headers, extensions={TRUSTED: exempt}
            ) as response:
                peer = _peer_of(response)
                # A client without the guarded transport: judge at least what we reached.
                if peer and not exempt and not _public_peer(peer):
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
        except RefusedAddress as exc:
            raise UnsafeURLError(url, f"refused: {exc}") from None
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
