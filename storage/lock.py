"""One process per embedded store: an OS-level lock on the store's folder.

`newsbot run` takes it at start-up, before any store file is opened, and holds it until it
exits (the OS releases it even after `kill -9`). A second process on the same NEWSBOT_DB
is refused with one line naming the store and the process that holds it.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
from pathlib import Path
from typing import IO

from bot.errors import StorageError


def lock_path(db_path: Path) -> Path:
    """The lock file beside the main store file: data/newsbot.json → data/newsbot.lock."""
    return db_path.with_name(f"{db_path.stem}.lock")


class StoreLock:
    """An exclusive flock on the store's lock file, holding this process's id."""

    def __init__(self, db_path: Path) -> None:
        self.db_path = Path(db_path)
        self.path = lock_path(self.db_path)
        self._file: IO[str] | None = None

    def acquire(self) -> None:
        """Take the lock or raise StorageError naming the store and the holder's pid."""
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            handle = open(self.path, "a+", encoding="utf-8")  # noqa: SIM115  # held until release
        except OSError as exc:
            raise StorageError(f"{self.path}: cannot open the store's lock file: {exc}") from exc
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "unknown"
            handle.close()
            raise StorageError(
                f"the store {self.db_path} is in use by another newsbot (pid {holder}); "
                "one process per store"
            ) from None
        except OSError as exc:
            handle.close()
            raise StorageError(f"{self.path}: cannot lock the store: {exc}") from exc
        handle.seek(0)
        handle.truncate()
        handle.write(f"{os.getpid()}\n")
        handle.flush()
        self._file = handle

    def release(self) -> None:
        """Give the lock up (the file stays; the next process overwrites the pid)."""
        if self._file is None:
            return
        handle, self._file = self._file, None
        with contextlib.suppress(OSError):
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
        handle.close()

    def __enter__(self) -> StoreLock:
        self.acquire()
        return self

    def __exit__(self, *_: object) -> None:
        self.release()


class SoleRole:
    """A storage.base.Role of the only process on an embedded store (its StoreLock makes it
    the only one): always held."""

    def acquire(self) -> bool:
        return True

    def check(self) -> bool:
        return True

    @property
    def held(self) -> bool:
        return True

    def release(self) -> None:
        pass
