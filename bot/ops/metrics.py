"""The bot's Prometheus metrics, on a registry of its own built by the composition root.

Two kinds: counters the running code increments (alerts sent and failed, through
`MeteredNotifier`; webhook updates, by the listener), and figures read from the stores at
each scrape (`StoreFigures`: feeds, stories, the outbox, the index), so that nothing has
to keep them in step. prometheus-client's default registry is a process-wide singleton;
each `Metrics` has its own, so tests and several bots in one process never share counts.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sized
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from prometheus_client import CollectorRegistry, Counter, generate_latest
from prometheus_client.core import GaugeMetricFamily, Metric
from prometheus_client.registry import Collector

from bot.alerts.sender import Notifier
from bot.models import OutboxStatus
from storage.base import ArticleStore, FeedStateStore, OutboxStore

# What /metrics answers with (Prometheus text format 0.0.4).
CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"
# The roles one instance at a time holds, and how: one process on the embedded store
# holds both (SINGLE); on PostgreSQL an advisory lock decides (LOCK), and an instance
# standing by reports 0.
SINGLE = "single"
LOCK = "lock"
ROLES = ("updates", "sender")


class Metrics:
    """The registry and the counters the running bot increments."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry(auto_describe=True)
        self.alerts_sent = Counter(
            "newsbot_alerts_sent", "Alerts Telegram accepted.", registry=self.registry
        )
        self.alerts_failed = Counter(
            "newsbot_alerts_failed",
            "Alert sends Telegram refused or that failed, by error.",
            ["error"],
            registry=self.registry,
        )
        self.webhook_updates = Counter(
            "newsbot_webhook_updates",
            "Requests to the webhook listener by outcome: handled, duplicate (an update_id "
            "handled already), busy (being handled by another instance: 503, Telegram "
            "retries), refused (no or a wrong secret), malformed.",
            ["outcome"],
            registry=self.registry,
        )

        # role -> (mode, held now), read at each scrape: what `hold` last said.
        self.roles: dict[str, tuple[str, bool]] = {role: (SINGLE, True) for role in ROLES}
        self.registry.register(_RoleFigures(self.roles))

    def hold(self, role: str, held: bool, *, mode: str = LOCK) -> None:
        """Whether this instance holds `role` now (0/1 in newsbot_role_held)."""
        self.roles[role] = (mode, held)

    def watch(self, collector: Collector) -> None:
        """Add figures read at each scrape."""
        self.registry.register(collector)

    def exposition(self) -> bytes:
        """Every metric in Prometheus text format, read now."""
        return generate_latest(self.registry)


class MeteredNotifier:
    """A Notifier that counts what it sends: sent when the inner one returns, failed (by
    exception class) when it raises. The exception goes on to the sender unchanged."""

    def __init__(self, inner: Notifier, metrics: Metrics) -> None:
        self.inner, self.metrics = inner, metrics

    async def send(self, chat_id: int, html: str, **options: Any) -> None:
        # The options (buttons, preview, topic...) go to the inner Notifier as they came:
        # one added to the protocol passes through without a change here.
        try:
            await self.inner.send(chat_id, html, **options)
        except Exception as exc:
            self.metrics.alerts_failed.labels(error=type(exc).__name__).inc()
            raise
        self.metrics.alerts_sent.inc()


@dataclass(frozen=True, eq=False)
class StoreFigures:
    """A collector of the figures the stores hold, read at each scrape."""

    feed_states: FeedStateStore
    articles: ArticleStore
    outbox: OutboxStore
    index: Sized
    feeds_configured: int
    now: Callable[[], datetime]

    def collect(self) -> Iterator[Metric]:
        states = self.feed_states.all()
        feeds = GaugeMetricFamily("newsbot_feeds", "Feeds by state.", labels=["state"])
        feeds.add_metric(["configured"], self.feeds_configured)
        feeds.add_metric(["polled"], sum(1 for s in states if s.last_polled is not None))
        feeds.add_metric(["failing"], sum(1 for s in states if s.failures))
        yield feeds
        yield GaugeMetricFamily(
            "newsbot_stories", "Stories stored (kept for the retention period).", len(self.articles)
        )
        unsent = self.outbox.unsent_summary()  # one aggregate, not the entries
        queued = GaugeMetricFamily(
            "newsbot_alerts_queued",
            "Alerts not sent yet: pending (due now), held (digests, quiet hours) or sending"
            " (in flight to Telegram).",
            labels=["status"],
        )
        queued.add_metric([OutboxStatus.PENDING.value], unsent.pending)
        queued.add_metric([OutboxStatus.HELD.value], unsent.held)
        queued.add_metric([OutboxStatus.SENDING.value], unsent.sending)
        yield queued
        oldest = unsent.oldest_pending
        lag = (self.now() - oldest).total_seconds() if oldest is not None else 0.0
        yield GaugeMetricFamily(
            "newsbot_send_lag_seconds",
            "How long the oldest pending alert has waited (0: nothing pending).",
            max(lag, 0.0),
        )
        yield GaugeMetricFamily(
            "newsbot_index_subscriptions", "Subscriptions in the matching index.", len(self.index)
        )

    def describe(self) -> Iterator[Metric]:
        return iter(())  # read at scrape time only: nothing to check at registration


@dataclass(frozen=True, eq=False)
class _RoleFigures:
    """newsbot_role_held, from Metrics.roles at each scrape."""

    roles: dict[str, tuple[str, bool]]

    def collect(self) -> Iterator[Metric]:
        family = GaugeMetricFamily(
            "newsbot_role_held",
            "Whether this instance holds the role (1) or stands by (0), and how the role is "
            "decided: single = the only instance, lock = an advisory lock in PostgreSQL.",
            labels=["role", "mode"],
        )
        for role, (mode, held) in sorted(self.roles.items()):
            family.add_metric([role, mode], 1 if held else 0)
        yield family

    def describe(self) -> Iterator[Metric]:
        return iter(())
