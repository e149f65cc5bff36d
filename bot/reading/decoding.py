"""Content-Encoding undone by hand, with a limit on the unpacked size of every layer.

httpx unpacks a compressed layer whole before anyone can count its bytes, so a
1.8 KB answer of gzip(gzip(1 GiB of zeros)) costs gigabytes. Here each layer gives
out at most `limit` bytes in total and a chunk is never unpacked past that limit:
a bomb costs the limit, not its unpacked size.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable
from typing import Protocol

# More layers than this is an attack or a broken server: no real site stacks three.
MAX_CODINGS = 2


class DecodingError(ValueError):
    """The body cannot be decoded: unknown coding, corrupt data, or over the limit."""


class TooLarge(DecodingError):
    """A layer unpacked to more than the limit."""


class _Layer(Protocol):
    def feed(self, data: bytes) -> bytes: ...

    def finish(self) -> bytes: ...


class _Zlib:
    """gzip (every member of a multi-member file) or deflate (zlib-wrapped or raw)."""

    def __init__(self, coding: str, limit: int) -> None:
        self.coding = coding
        self.limit = limit
        self.out = 0
        self._head = b""  # deflate: the first bytes, until we know which framing
        self._d: zlib._Decompress | None = None
        if coding == "gzip":
            self._d = zlib.decompressobj(16 + zlib.MAX_WBITS)

    def feed(self, data: bytes) -> bytes:
        if self._d is None:  # deflate: a zlib header, or raw deflate (as some servers send)
            self._head += data
            if len(self._head) < 2:
                return b""
            cmf, flg = self._head[0], self._head[1]
            wrapped = cmf & 0x0F == 8 and (cmf << 8 | flg) % 31 == 0
            self._d = zlib.decompressobj(zlib.MAX_WBITS if wrapped else -zlib.MAX_WBITS)
            data, self._head = self._head, b""
        parts: list[bytes] = []
        while data:
            d = self._d
            try:
                # Never more than one byte past the limit, however dense the input.
                chunk = d.decompress(data, self.limit - self.out + 1)
            except zlib.error as exc:
                raise DecodingError(f"corrupt {self.coding} data ({exc})") from None
            self._count(chunk)
            parts.append(chunk)
            # Output under max_length means all the input was taken; what is left
            # after the end of a gzip member is the next member.
            data = d.unused_data if d.eof and self.coding == "gzip" else b""
            if data:
                self._d = zlib.decompressobj(16 + zlib.MAX_WBITS)
        return b"".join(parts)

    def finish(self) -> bytes:
        if self._d is None:
            if self._head:
                raise DecodingError(f"truncated {self.coding} data")
            return b""
        try:
            tail = self._d.flush(self.limit - self.out + 1)
        except zlib.error as exc:
            raise DecodingError(f"corrupt {self.coding} data ({exc})") from None
        self._count(tail)
        return tail

    def _count(self, chunk: bytes) -> None:
        self.out += len(chunk)
        if self.out > self.limit:
            raise TooLarge(f"{self.coding} layer unpacks to over {self.limit:,} bytes")


def _brotli_layer() -> Callable[[int], _Layer] | None:
    """A br layer when a brotli decoder that can bound its output is installed."""
    try:
        import brotli  # type: ignore[import-not-found]  # optional
    except ImportError:
        return None
    if not hasattr(brotli.Decompressor(), "can_accept_more_data"):
        return None  # an old decoder: it would unpack a whole chunk, however large

    class _Brotli:
        def __init__(self, limit: int) -> None:
            self.limit = limit
            self.out = 0
            self._d = brotli.Decompressor()

        def feed(self, data: bytes) -> bytes:
            parts: list[bytes] = []
            try:
                chunk = self._d.process(data, output_buffer_limit=self.limit - self.out + 1)
                while True:
                    self.out += len(chunk)
                    parts.append(chunk)
                    if self.out > self.limit:
                        raise TooLarge(f"br layer unpacks to over {self.limit:,} bytes")
                    if self._d.can_accept_more_data():
                        break
                    chunk = self._d.process(b"", output_buffer_limit=self.limit - self.out + 1)
            except brotli.error as exc:
                raise DecodingError(f"corrupt br data ({exc})") from None
            return b"".join(parts)

        def finish(self) -> bytes:
            return b""

    return _Brotli


_BROTLI = _brotli_layer()


def supported_codings() -> tuple[str, ...]:
    """The codings to name in Accept-Encoding."""
    return ("gzip", "deflate", "br") if _BROTLI else ("gzip", "deflate")


def parse_codings(header: str) -> list[str]:
    """The codings of a Content-Encoding header, in the order they were applied."""
    codings = [c.strip().lower() for c in header.split(",")]
    codings = [c for c in codings if c and c != "identity"]
    if len(codings) > MAX_CODINGS:
        raise DecodingError(
            f"{len(codings)} content codings ({', '.join(codings)}); at most {MAX_CODINGS}"
        )
    for coding in codings:
        if coding not in ("gzip", "x-gzip", "deflate") and not (coding == "br" and _BROTLI):
            raise DecodingError(f"unsupported content coding {coding!r}")
    return codings


class BodyDecoder:
    """Undoes a Content-Encoding chunk by chunk; no layer, and not the body itself (even
    with no coding), gives out more than `limit` bytes."""

    def __init__(self, content_encoding: str, limit: int) -> None:
        self.limit = limit
        self.size = 0
        layers: list[_Layer] = []
        # Applied left to right, so undone right to left.
        for coding in reversed(parse_codings(content_encoding)):
            if coding == "br" and _BROTLI:
                layers.append(_BROTLI(limit))
            else:
                layers.append(_Zlib("gzip" if coding == "x-gzip" else coding, limit))
        self._layers = layers

    def feed(self, data: bytes) -> bytes:
        for layer in self._layers:
            if not data:
                return b""
            data = layer.feed(data)
        return self._count(data)

    def finish(self) -> bytes:
        data = b""
        for layer in self._layers:
            data = layer.feed(data) if data else b""
            data += layer.finish()
        return self._count(data)

    def _count(self, data: bytes) -> bytes:
        self.size += len(data)
        if self.size > self.limit:
            raise TooLarge(f"over the {self.limit:,}-byte limit")
        return data
