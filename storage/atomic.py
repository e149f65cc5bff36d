"""A TinyDB storage that writes whole files atomically and keeps them in memory.

TinyDB rewrites its whole file on every write. This storage makes each such write
crash-safe (temporary file, flush, fsync, rename, fsync of the folder), so `kill -9`
at any instant leaves either the previous or the new file, never a torn one. Reads
come from memory: the file is parsed once, when the store opens.
"""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path
from typing import Any

from tinydb.storages import Storage

from bot.errors import StorageError


def write_atomically(path: Path, data: bytes) -> None:
    """Replace `path` with `data` so that a crash leaves the old or the new file, whole."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    try:
        with open(tmp, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
        dir_fd = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise StorageError(f"cannot write {path}: {exc}") from exc


class AtomicJSONStorage(Storage):
    """TinyDB storage: parse once, serve reads from memory, write atomically."""

    def __init__(self, path: str | Path, *, fsync: bool = True) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._fsync = fsync
        self._data: dict[str, dict[str, Any]] | None = None
        # Leftovers of a crash mid-write are never the real file: drop them.
        for stale in self.path.parent.glob(f".{self.path.name}.*.tmp"):
            stale.unlink(missing_ok=True)

    def read(self) -> dict[str, dict[str, Any]] | None:
        if self._data is None:
            try:
                raw = self.path.read_bytes()
            except FileNotFoundError:
                return None
            except OSError as exc:
                raise StorageError(f"cannot read {self.path}: {exc}") from exc
            if not raw.strip():
                return None
            try:
                self._data = json.loads(raw)
            except ValueError as exc:
                raise StorageError(f"{self.path} is not valid JSON: {exc}") from exc
        # TinyDB mutates what read() returns before handing it to write(): give it a copy
        # of the two levels it touches, so a failed write leaves memory as on disk.
        return {name: dict(table) for name, table in self._data.items()}

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        payload = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()
        if self._fsync:
            write_atomically(self.path, payload)
        else:  # only for throwaway stores in tests and benchmarks' baselines
            self.path.write_bytes(payload)
        self._data = data

    def close(self) -> None:
        self._data = None
