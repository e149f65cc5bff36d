"""Which of our child processes opened a loopback connection: read from Linux's /proc.

The fakes serve several `newsbot run` processes at once; a system test needs to know
which one sent a request (the one sending alerts holds the sender role, the one polling
getUpdates the updates role, two fetching one feed break the lease rule) without any
help from the bot. A connection's client port names a socket in /proc/net/tcp, its inode
names the process whose /proc/<pid>/fd holds it.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

UNKNOWN = "?"


def _hex_port(address: str) -> int:
    return int(address.rsplit(":", 1)[1], 16)


def socket_inode(client_port: int, server_port: int, proc: Path = Path("/proc")) -> str | None:
    """The inode of the client side of a loopback TCP connection, or None when gone."""
    for table in ("net/tcp", "net/tcp6"):
        try:
            lines = (proc / table).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            fields = line.split()
            if len(fields) < 10:
                continue
            if _hex_port(fields[1]) == client_port and _hex_port(fields[2]) == server_port:
                return fields[9]
    return None


def holds_socket(pid: int, inode: str, proc: Path = Path("/proc")) -> bool:
    """Whether process `pid` has the socket with this inode open."""
    wanted = f"socket:[{inode}]"
    try:
        fds = os.listdir(proc / str(pid) / "fd")
    except OSError:
        return False
    for fd in fds:
        try:
            if os.readlink(proc / str(pid) / "fd" / fd) == wanted:
                return True
        except OSError:
            continue
    return False


class Owners:
    """Labels of live child processes by pid; `of(client, server_port)` names a connection's.

    Thread-safe: the fakes ask from their request threads while the test starts and kills
    processes.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._labels: dict[int, str] = {}

    def add(self, pid: int, label: str) -> None:
        with self._lock:
            self._labels[pid] = label

    def remove(self, pid: int) -> None:
        with self._lock:
            self._labels.pop(pid, None)

    def of(self, client: tuple[str, int], server_port: int) -> str:
        """The label of the process holding the client end, or UNKNOWN."""
        inode = socket_inode(int(client[1]), server_port)
        if inode is None:
            return UNKNOWN
        with self._lock:
            labels = dict(self._labels)
        for pid, label in labels.items():
            if holds_socket(pid, inode):
                return label
        return UNKNOWN
