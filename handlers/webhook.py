"""Webhook mode's listener: Telegram posts each update here instead of the bot polling.

Unlike PTB's own webhook server (which answers 200 as soon as the update is queued), the
listener answers only after the update was handled: if the process dies meanwhile,
Telegram delivers the update again. Every request must carry the secret token set with
setWebhook (`X-Telegram-Bot-Api-Secret-Token`); a repeated `update_id` is not handled
twice (bot/ops/updates.py: within this process, or across instances on PostgreSQL).
"""

from __future__ import annotations

import asyncio
import hmac
import json
import logging
import re
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import tornado.httpserver
import tornado.netutil
import tornado.web
from telegram import Update
from telegram.ext import Application

from bot.ops.metrics import Metrics
from bot.ops.updates import RecentUpdates, UpdateBusy, UpdateGate

log = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
# An update is a few kilobytes; Telegram's largest are far below this.
MAX_BODY = 1024 * 1024
# Seconds a stopping listener waits for the updates being handled to finish.
STOP_GRACE = 30.0

AnyApp = Application[Any, Any, Any, Any, Any, Any]


class WebhookListener:
    """Serves POST `path` on `listen` for `application`, checking `secret` every time."""

    def __init__(
        self,
        application: AnyApp,
        *,
        listen: tuple[str, int],
        path: str,
        secret: str,
        metrics: Metrics,
        recent: UpdateGate | None = None,
    ) -> None:
        self.application = application
        self.listen = listen
        self.path = path or "/"
        self.secret = secret
        self.metrics = metrics
        self.recent: UpdateGate = recent if recent is not None else RecentUpdates()
        self._server: tornado.httpserver.HTTPServer | None = None
        self._sockets: list[socket.socket] = []
        self._busy = 0  # requests being handled
        self._idle = asyncio.Event()
        self._idle.set()

    @property
    def port(self) -> int:
        """The port it listens on (the one chosen when the setting's port was 0)."""
        if not self._sockets:
            raise RuntimeError("the webhook listener is not started")
        return int(self._sockets[0].getsockname()[1])

    async def start(self) -> None:
        app = tornado.web.Application([(_route(self.path), _UpdateHandler, {"listener": self})])
        host, port = self.listen
        self._sockets = tornado.netutil.bind_sockets(port, host)
        self._server = tornado.httpserver.HTTPServer(app, max_body_size=MAX_BODY)
        self._server.add_sockets(self._sockets)
        log.info("webhook listener on %s:%d%s", host, self.port, self.path)

    async def stop(self, *, grace: float = STOP_GRACE) -> None:
        """Stop taking requests, let the updates being handled finish and be answered
        (within `grace` seconds), then close the connections. The Application is still
        running when this is called."""
        if self._server is None:
            return
        self._server.stop()
        try:
            await asyncio.wait_for(self._idle.wait(), grace)
        except TimeoutError:
            log.warning("webhook: %d updates still being handled at shutdown", self._busy)
        await self._server.close_all_connections()
        self._server = None

    @contextmanager
    def handling(self) -> Iterator[None]:
        """Counts a request being handled, so that `stop` can wait for it."""
        self._busy += 1
        self._idle.clear()
        try:
            yield
        finally:
            self._busy -= 1
            if self._busy == 0:
                self._idle.set()

    async def handle(self, update: Update) -> None:
        """Run the update through the Application's own processor (the per-chat queues of
        handlers/fairness.py) and return once every handler ran."""
        app = self.application
        await app.update_processor.process_update(update, app.process_update(update))


def _route(path: str) -> str:
    return re.escape(path)


class _UpdateHandler(tornado.web.RequestHandler):
    def initialize(self, listener: WebhookListener) -> None:
        self.listener = listener

    async def post(self) -> None:
        listener = self.listener
        counted = listener.metrics.webhook_updates
        given = self.request.headers.get(SECRET_HEADER, "")
        if not hmac.compare_digest(given.encode(), listener.secret.encode()):
            counted.labels(outcome="refused").inc()
            log.warning("webhook request without the right secret from %s", self.request.remote_ip)
            self.set_status(403)
            return
        update = self._update()
        if update is None:
            counted.labels(outcome="malformed").inc()
            self.set_status(400)
            return
        with listener.handling():
            try:
                handled = await listener.recent.run_once(
                    update.update_id, lambda: listener.handle(update)
                )
            except UpdateBusy as busy:
                # Another instance is still at it: Telegram delivers it again later.
                counted.labels(outcome="busy").inc()
                log.info("webhook: %s; asking Telegram to deliver it again later", busy)
                self.set_status(503)
                return
        counted.labels(outcome="handled" if handled else "duplicate").inc()
        self.set_status(200)

    def _update(self) -> Update | None:
        try:
            data = json.loads(self.request.body)
            if not isinstance(data, dict) or not isinstance(data.get("update_id"), int):
                raise ValueError("no update_id")
            return Update.de_json(data, self.listener.application.bot)
        except (ValueError, TypeError, KeyError) as exc:
            log.warning("webhook request that is not an update: %s", exc)
            return None
