"""The operator's HTTP server: `/healthz` and `/metrics`, on a port of its own.

Off by default (NEWSBOT_OPS_LISTEN). It runs on the bot's event loop (tornado, which
PTB's `webhooks` extra brings), started with the background services and stopped last.
The stores are read in a worker thread (a scrape reads the whole unsent outbox, like
/status), so a scrape never holds up the chats; the stores are thread-safe.
"""

from __future__ import annotations

import asyncio
import json
import logging
import socket
from collections.abc import Callable
from dataclasses import dataclass, field

import tornado.httpserver
import tornado.netutil
import tornado.web

from bot.ops.metrics import CONTENT_TYPE, Metrics

log = logging.getLogger(__name__)

# Seconds /healthz waits for the database before it answers 503.
HEALTH_TIMEOUT = 5.0


@dataclass(frozen=True, slots=True)
class Health:
    """What /healthz reports: `ok` (HTTP 200) or not (503, with a one-line `reason`), and
    each check's word."""

    ok: bool
    checks: dict[str, str] = field(default_factory=dict)
    reason: str = ""


class OperatorServer:
    """Serves /healthz (from `health`, called at each request) and /metrics (`metrics`)."""

    def __init__(
        self, listen: tuple[str, int], *, metrics: Metrics, health: Callable[[], Health]
    ) -> None:
        self.listen = listen
        self.metrics = metrics
        self.health = health
        self._server: tornado.httpserver.HTTPServer | None = None
        self._sockets: list[socket.socket] = []

    @property
    def port(self) -> int:
        """The port it listens on (the one chosen when the setting's port was 0)."""
        if not self._sockets:
            raise RuntimeError("the operator server is not started")
        return int(self._sockets[0].getsockname()[1])

    async def start(self) -> None:
        app = tornado.web.Application(
            [
                (r"/healthz", _HealthHandler, {"server": self}),
                (r"/metrics", _MetricsHandler, {"server": self}),
            ]
        )
        host, port = self.listen
        self._sockets = tornado.netutil.bind_sockets(port, host)
        self._server = tornado.httpserver.HTTPServer(app)
        self._server.add_sockets(self._sockets)
        log.info("operator server on %s:%d (/healthz, /metrics)", host, self.port)

    async def stop(self) -> None:
        if self._server is not None:
            self._server.stop()
            await self._server.close_all_connections()
            self._server = None


class _OperatorHandler(tornado.web.RequestHandler):
    def initialize(self, server: OperatorServer) -> None:
        self.server = server


class _HealthHandler(_OperatorHandler):
    async def get(self) -> None:
        try:
            health = await asyncio.wait_for(asyncio.to_thread(self.server.health), HEALTH_TIMEOUT)
        except TimeoutError:
            health = Health(
                ok=False,
                checks={"database": f"no answer in {HEALTH_TIMEOUT:g} s"},
                reason=f"the database did not answer in {HEALTH_TIMEOUT:g} s",
            )
        self.set_status(200 if health.ok else 503)
        self.set_header("Content-Type", "application/json")
        reason = {} if health.ok else {"reason": health.reason or "failing"}
        self.finish(
            json.dumps({"status": "ok" if health.ok else "failing", **reason, **health.checks})
        )


class _MetricsHandler(_OperatorHandler):
    async def get(self) -> None:
        body = await asyncio.to_thread(self.server.metrics.exposition)
        self.set_header("Content-Type", CONTENT_TYPE)
        self.finish(body)
