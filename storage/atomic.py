"""A TinyDB storage that writes whole files atomically and keeps them in memory.

TinyDB rewrites its whole file on every write. This storage makes each such write
crash-safe (temporary file, flush, fsync, rename, fsync of the folder), so `kill -9`
at any instant leaves either the previous or the new file, never a torn one. Reads
come from memory: the file is parsed once, when the store opens. `apply()` changes a
few documents and re-encodes only those, for stores that must write fast when large.
"""

from __future__ import annotations

import json
import os
import re
import threading
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from tinydb.storages import Storage

from bot.errors import StorageError

# table name -> document id -> document: TinyDB's layout, in memory and on disk.
Tables = dict[str, dict[str, dict[str, Any]]]
# table name -> document id -> the new document, or None to delete it.
Changes = Mapping[str, Mapping[str, Mapping[str, Any] | None]]

# One encoder, built once: json.dumps() builds a new one per call when given options.
_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))


def write_atomically(path: Path, data: bytes | Sequence[bytes]) -> None:
    """Replace `path` with `data` (bytes, or parts to write in turn) so that a crash leaves
    the old or the new file, whole."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    try:
        with open(tmp, "wb") as handle:
            handle.writelines([data] if isinstance(data, bytes) else data)
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


def _encode_member(key: str, value: Any) -> bytes:
    """`"key":value` as it appears inside a JSON object."""
    return f"{_ENCODER.encode(key)}:{_ENCODER.encode(value)}".encode()


def _file_parts(bodies: Mapping[str, bytes]) -> list[bytes]:
    """The whole file from each table's joined members, as parts: joining them would copy
    the file once more for nothing."""
    parts = [b"{"]
    for name, body in bodies.items():
        parts += [b"," if len(parts) > 1 else b"", _ENCODER.encode(name).encode(), b":{", body]
        parts.append(b"}")
    parts.append(b"}")
    return parts


class AtomicJSONStorage(Storage):
    """TinyDB storage: parse once, serve reads from memory, write atomically."""

    def __init__(self, path: str | Path, *, fsync: bool = True) -> None:
        self.path = Path(path)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StorageError(f"cannot create the folder of {self.path}: {exc}") from exc
        self._fsync = fsync
        self._data: Tables | None = None
        # Per table, each document already encoded: lets apply() re-encode only what changed.
        # None until first needed, and again after write() replaced everything.
        self._encoded: dict[str, dict[str, bytes]] | None = None
        self._bodies: dict[str, bytes] = {}  # per table, its members joined by commas
        # Stores hold their own locks; this one keeps the storage safe even if one does not.
        self._lock = threading.RLock()
        # Leftovers of a crash mid-write are never the real file: drop them. Only this file's
        # own pattern (pid.thread.tmp), so files beside it with longer names are left alone.
        leftover = re.compile(rf"\.{re.escape(self.path.name)}\.\d+\.\d+\.tmp")
        for stale in self.path.parent.glob(f".{self.path.name}.*.tmp"):
            if leftover.fullmatch(stale.name):
                stale.unlink(missing_ok=True)

    def read(self) -> Tables | None:
        with self._lock:
            data = self._load()
            if data is None:
                return None
            # TinyDB mutates what read() returns before handing it to write(): give it a copy
            # of the two levels it touches, so a failed write leaves memory as on disk.
            # (Table.update() also edits documents in place: stores use apply() instead.)
            return {name: dict(table) for name, table in data.items()}

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        with self._lock:
            payload = _ENCODER.encode(data).encode()
            self._write_bytes(payload)
            self._data = data
            self._encoded = None

    def apply(self, changes: Changes) -> None:
        """Upsert (a document) or delete (None) documents, in one atomic write of the file.

        Costs one encoding per changed document plus a join of the cached encodings of the
        rest, instead of encoding the whole file. Nothing changes in memory if the write fails.
        """
        with self._lock:
            self._apply(changes)

    def _apply(self, changes: Changes) -> None:
        data = self._load() or {}
        encoded = self._encode_documents()
        new_data = dict(data)
        new_encoded = dict(encoded)
        new_bodies = dict(self._bodies)
        for name, docs in changes.items():
            table = dict(new_data.get(name, {}))
            members = dict(new_encoded.get(name, {}))
            for doc_id, doc in docs.items():
                if doc is None:
                    table.pop(doc_id, None)
                    members.pop(doc_id, None)
                else:
                    table[doc_id] = dict(doc)
                    members[doc_id] = _encode_member(doc_id, table[doc_id])
            new_data[name] = table
            new_encoded[name] = members
            new_bodies[name] = b",".join(members.values())
        self._write_bytes(_file_parts(new_bodies))
        self._data = new_data
        self._encoded = new_encoded
        self._bodies = new_bodies

    def encode_documents(self) -> None:
        """Encode every document now (once), so later apply() calls pay only for changes."""
        with self._lock:
            self._encode_documents()

    def _encode_documents(self) -> dict[str, dict[str, bytes]]:
        if self._encoded is None:
            data = self._load() or {}
            self._encoded = {
                name: {doc_id: _encode_member(doc_id, doc) for doc_id, doc in table.items()}
                for name, table in data.items()
            }
            self._bodies = {name: b",".join(m.values()) for name, m in self._encoded.items()}
        return self._encoded

    def close(self) -> None:
        with self._lock:
            self._data = None
            self._encoded = None
            self._bodies = {}

    def _load(self) -> Tables | None:
        """The parsed file (parsed on first use), or None if there is no file yet."""
        if self._data is None:
            try:
                raw = self.path.read_bytes()
            except FileNotFoundError:
                return None
            except OSError as exc:
                raise StorageError(f"cannot read {self.path}: {exc}") from exc
            # Our writes never leave an empty file: one means something else truncated it,
            # and starting afresh over it could hide lost data.
            if not raw.strip():
                raise StorageError(f"{self.path} is empty (delete it to start with an empty store)")
            try:
                parsed = json.loads(raw)
            except ValueError as exc:
                raise StorageError(f"{self.path} is not valid JSON: {exc}") from exc
            self._data = _checked_tables(parsed, self.path)
        return self._data

    def _write_bytes(self, payload: bytes | Sequence[bytes]) -> None:
        if self._fsync:
            write_atomically(self.path, payload)
        else:  # only for throwaway stores in tests and benchmarks' baselines
            with open(self.path, "wb") as handle:
                handle.writelines([payload] if isinstance(payload, bytes) else payload)


def _checked_tables(parsed: Any, path: Path) -> Tables:
    """The parsed file if it has TinyDB's shape (tables of documents), else StorageError."""
    if not isinstance(parsed, dict):
        raise StorageError(f"{path} is not a TinyDB file: top level is not an object")
    for name, table in parsed.items():
        if not isinstance(table, dict):
            raise StorageError(f"{path} is not a TinyDB file: table {name!r} is not an object")
        for doc_id, doc in table.items():
            if not isinstance(doc, dict):
                raise StorageError(
                    f"{path} is not a TinyDB file: document {doc_id!r} of {name!r} is not an object"
                )
    return parsed
