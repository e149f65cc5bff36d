"""The composition root: builds the store, the services and the PTB Application, and runs it.

The one place that wires Newsbot together. Handlers reach what they need through the
typed `Services` object kept in `application.bot_data["services"]`.
"""

from __future__ import annotations

import logging
import signal
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

import httpx
from telegram import BotCommand, LinkPreviewOptions
from telegram.constants import ParseMode
from telegram.error import InvalidToken, NetworkError
from telegram.ext import AIORateLimiter, Application, ApplicationBuilder, BaseHandler, Defaults

from bot.chats import replies
from bot.chats.subscriptions import ArticleSearch, QueryIndex, SubscriptionService
from bot.config import Settings
from bot.errors import ConfigError, NewsbotError
from storage.base import ChatStore

if TYPE_CHECKING:
    from bot.alerts.pipeline import AlertService
    from bot.alerts.sender import Notifier

log = logging.getLogger(__name__)

# How long a getUpdates long poll waits on the server (seconds). Shorter than Telegram's
# usual 50 s only matters at shutdown: PTB cancels the poll then, it does not wait for it.
POLL_TIMEOUT = 10
# Seconds the start-up check waits for the Bot API's answer.
STARTUP_TIMEOUT = 15.0
# The updates the bot reads: commands and button presses; Telegram sends nothing else.
ALLOWED_UPDATES = ("message", "callback_query")


class Background(Protocol):
    """Something that runs beside the handlers while the bot runs (the feed poller,
    the alert sender): started after start-up, stopped gracefully before the store closes."""

    async def start(self) -> None: ...

    async def stop(self) -> None: ...


@dataclass(eq=False)
class Services:
    """Everything the handlers use, built once by the composition root.

    Integration seams: `index` (bot.matching.index.SubscriptionIndex, kept in step by
    `subscriptions`), `search` (stored articles for dry runs and /latest), `background`
    (the feed poller and alert sender, started and stopped with the bot), `closers`
    (stores to close at shutdown), `extra` (anything a handler module of another part needs,
    under a name of its own, e.g. extra["alerts"]).
    """

    settings: Settings
    chats: ChatStore
    subscriptions: SubscriptionService
    index: QueryIndex | None = None
    search: ArticleSearch | None = None
    background: list[Background] = field(default_factory=list)
    closers: list[Callable[[], None]] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)


def build_services(
    settings: Settings,
    *,
    chats: ChatStore | None = None,
    index: QueryIndex | None = None,
    search: ArticleSearch | None = None,
) -> Services:
    """The services over the store at settings.db_path (or the given one), with the
    matching index built from its subscriptions (or the given one)."""
    if chats is None:
        chats = _open_chat_store(settings.db_path)
    if index is None:
        index = _build_index(chats)
    subscriptions = SubscriptionService(
        chats,
        max_subscriptions=settings.max_subscriptions,
        max_query_length=settings.max_query_length,
        index=index,
        search=search,
    )
    return Services(
        settings=settings,
        chats=chats,
        subscriptions=subscriptions,
        index=index,
        search=search,
        closers=[chats.close],
    )


def _open_chat_store(path: Path) -> ChatStore:
    from storage.chats import TinyChatStore

    store: ChatStore = TinyChatStore(path)
    return store


def _build_index(chats: ChatStore) -> QueryIndex:
    """The matching index of every stored subscription, which `subscriptions` keeps in step."""
    from bot.matching.index import SubscriptionIndex

    index = SubscriptionIndex()
    # In bulk: each distinct stored text is parsed and compiled once.
    stored = ((s.id, s.query) for s in chats.all_subscriptions())
    for _, text, _error in index.add_stored(stored, max_length=10_000):
        log.warning("stored query no longer parses: %r", text)
    return index


def handler_modules() -> list[list[BaseHandler[Any, Any, Any]]]:
    """The handlers of every handlers/ module, in the order they must be tried."""
    from handlers import admin, alert_buttons, alert_settings, buttons, chat, subscriptions

    return [
        chat.HANDLERS,
        subscriptions.HANDLERS,
        buttons.HANDLERS,
        alert_settings.HANDLERS,
        alert_buttons.HANDLERS,
        admin.HANDLERS,
    ]


def build_application(
    settings: Settings, services: Services
) -> Application[Any, Any, Any, Any, Any, Any]:
    """The PTB Application pointed at settings.api_url, with every handler registered."""
    from handlers import chat, errors, notifier

    token = settings.require_token()
    mask_secret(token)
    root = settings.api_url.rstrip("/")
    application: Application[Any, Any, Any, Any, Any, Any] = (
        ApplicationBuilder()
        .token(token)
        .base_url(f"{root}/bot")
        .base_file_url(f"{root}/file/bot")
        # max_retries stays 0: a 429 reaches the caller (the alert sender decides);
        # replies to commands ask for retries with rate_limit_args.
        .rate_limiter(AIORateLimiter())
        .defaults(
            Defaults(
                parse_mode=ParseMode.HTML,
                link_preview_options=LinkPreviewOptions(is_disabled=True),
            )
        )
        .post_init(start_services)
        .post_shutdown(stop_services)
        .build()
    )
    application.bot_data["services"] = services
    install_alerts(services, notifier.BotNotifier(application.bot))
    # Before every other handler: any message from a chat marked blocked reactivates it.
    application.add_handlers(notifier.BEFORE, group=-2)
    application.add_handlers(chat.BEFORE, group=-1)  # registers the chat on every command
    for handlers in handler_modules():
        application.add_handlers(handlers)
    application.add_handlers(chat.FALLBACK)  # unknown commands, stale buttons: last
    application.add_error_handler(errors.error)
    return application


def menu(application: Application[Any, Any, Any, Any, Any, Any]) -> list[BotCommand]:
    """The setMyCommands menu: the commands of replies.MENU that a handler serves."""
    handled: set[str] = set()
    for handlers in application.handlers.values():
        for handler in handlers:
            handled.update(getattr(handler, "commands", ()))
    return [BotCommand(name, text) for name, text in replies.MENU if name in handled]


async def start_services(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """After the bot connected: register the command menu, start background services."""
    services: Services = application.bot_data["services"]
    await application.bot.set_my_commands(menu(application))
    for item in services.background:
        await item.start()
    log.info("newsbot started as @%s", application.bot.username)


async def stop_services(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """At shutdown: stop background services (newest first), then close the stores."""
    services: Services = application.bot_data["services"]
    for item in reversed(services.background):
        try:
            await item.stop()
        except Exception:
            log.exception("stopping %r failed", item)
    close_stores(services)
    log.info("newsbot stopped")


def run(settings: Settings) -> int:
    """`newsbot run`: long polling until SIGINT/SIGTERM, then a clean shutdown. Exit code."""
    token = settings.require_token()
    configure_logging(settings.log_level, secrets=[token])
    check_bot_api(settings.api_url, token)
    services = build_services(settings)
    try:
        application = build_application(settings, services)
        install_reading(services)
        application.run_polling(
            timeout=POLL_TIMEOUT,
            allowed_updates=list(ALLOWED_UPDATES),
            stop_signals=(signal.SIGINT, signal.SIGTERM),
            close_loop=False,
            # The server answered a moment ago: a blip now is worth a few retries.
            bootstrap_retries=3,
        )
    except InvalidToken as exc:
        raise ConfigError("TELEGRAM_BOT_TOKEN", "was refused by the Bot API server") from exc
    except NetworkError as exc:
        raise NewsbotError(f"cannot reach the Bot API at {settings.api_url}: {exc}") from exc
    finally:
        close_stores(services)  # post_shutdown did it, unless start-up failed before
    return 0


def install_alerts(services: Services, notifier: Notifier) -> AlertService:
    """The alert side: the outbox beside the db, the sender over `notifier`, and the
    AlertService matching new stories with the services' index.

    Puts the AlertService in services.extra["alerts"], adds it to the background items
    (it runs the sender), makes /stop forget the chat's alerts, and makes removing or
    muting a subscription withdraw its queued ones.
    """
    from bot.alerts.pipeline import AlertService
    from bot.alerts.sender import Clock, Sender, SystemClock
    from bot.matching.document import prepare
    from storage.outbox import JsonOutbox, outbox_path

    settings = services.settings
    outbox = JsonOutbox(outbox_path(settings.db_path))
    clock: Clock = services.extra.get("alert_clock") or SystemClock()  # tests may set one
    sender = Sender(outbox=outbox, chats=services.chats, notifier=notifier, clock=clock)
    alerts = AlertService(
        index=services.index,  # type: ignore[arg-type]  # the index the subscription service feeds
        prepare=prepare,
        chats=services.chats,
        outbox=outbox,
        sender=sender,
        retention_days=settings.retention_days,
        clock=clock.now,
    )
    services.extra["alerts"] = alerts
    services.background.append(alerts)
    services.closers.append(outbox.close)
    services.subscriptions.on_forget.append(alerts.forget_chat)
    # Removing or muting a subscription withdraws its alerts still in the outbox.
    services.subscriptions.on_withdraw.append(alerts.withdraw)
    return alerts


class Reader:
    """The feed poller with the HTTP client it owns, as one background item."""

    def __init__(self, poller: Background, client: httpx.AsyncClient) -> None:
        self.poller, self.client = poller, client

    async def start(self) -> None:
        await self.poller.start()

    async def stop(self) -> None:
        try:
            await self.poller.stop()
        finally:
            await self.client.aclose()


def install_reading(services: Services) -> Reader:
    """The read side: article and feed-state stores beside the db, the feed poller handing
    new stories to the alert service, and the stored-article search of /latest and dry runs.

    Installed after the alert side, so the poller starts after the sender and stops before it.
    """
    from bot.chats.latest import StoredArticleSearch
    from bot.reading.fetching import make_client
    from bot.reading.poller import FeedPoller
    from storage.articles import TinyArticleStore, articles_path
    from storage.feedstate import TinyFeedStateStore, feeds_path

    settings = services.settings
    articles = TinyArticleStore(
        articles_path(settings.db_path), retention_days=settings.retention_days
    )
    states = TinyFeedStateStore(feeds_path(settings.db_path))
    services.closers.extend([articles.close, states.close])
    services.extra.update(articles=articles, feed_states=states)  # for /status
    services.search = services.subscriptions.search = StoredArticleSearch(articles)
    client = make_client()
    poller = FeedPoller(
        settings=settings,
        client=client,
        articles=articles,
        feed_states=states,
        on_new=services.extra["alerts"].on_new_stories,
    )
    reader = Reader(poller, client)
    services.background.append(reader)
    return reader


def check_bot_api(api_url: str, token: str) -> None:
    """Ask the Bot API who we are before anything starts: a wrong token or an unreachable
    server then stops start-up with one clear line instead of PTB's retry tracebacks."""
    url = f"{api_url.rstrip('/')}/bot{token}/getMe"
    try:
        response = httpx.post(url, timeout=STARTUP_TIMEOUT)
    except httpx.HTTPError as exc:
        reason = str(exc).replace(token, "***") or type(exc).__name__
        raise NewsbotError(f"cannot reach the Bot API at {api_url}: {reason}") from None
    if response.status_code in (401, 404):
        raise ConfigError("TELEGRAM_BOT_TOKEN", "was refused by the Bot API server")
    if response.status_code != 200:
        raise NewsbotError(
            f"the Bot API at {api_url} answered getMe with HTTP {response.status_code}"
        )


def close_stores(services: Services) -> None:
    """Close every store once (newest first); later calls do nothing."""
    while services.closers:
        close = services.closers.pop()
        try:
            close()
        except Exception:
            log.exception("closing a store failed")


# -- logging -----------------------------------------------------------------------------


class SecretMask:
    """A log record factory that removes secrets from every message and traceback.

    Installed process-wide, it covers every logger and handler, including httpx, whose
    request lines carry the token inside the URL.
    """

    def __init__(self, base: Callable[..., logging.LogRecord]) -> None:
        self.base = base
        self.secrets: set[str] = set()

    def __call__(self, *args: Any, **kwargs: Any) -> logging.LogRecord:
        record = self.base(*args, **kwargs)
        if not self.secrets:
            return record
        try:
            message = record.getMessage()
        except Exception:  # a bad format string: logging reports it later, unmasked args
            message = str(record.msg)
        record.msg, record.args = self.mask(message), None
        if record.exc_info and not record.exc_text:
            record.exc_text = self.mask(logging.Formatter().formatException(record.exc_info))
        if record.stack_info:
            record.stack_info = self.mask(record.stack_info)
        return record

    def mask(self, text: str) -> str:
        for secret in self.secrets:
            text = text.replace(secret, "***")
        return text


def mask_secret(token: str) -> None:
    """Never log the token (nor its secret half, which URLs may carry with ':' encoded)."""
    factory = logging.getLogRecordFactory()
    if not isinstance(factory, SecretMask):
        factory = SecretMask(factory)
        logging.setLogRecordFactory(factory)
    factory.secrets.update(s for s in (token, token.partition(":")[2]) if len(s) >= 8)


def configure_logging(level: str, *, secrets: Iterable[str] = ()) -> None:
    """Log lines to stderr at `level`; httpx's per-request lines only when debugging."""
    logging.basicConfig(
        level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s", force=True
    )
    if logging.getLevelName(level) > logging.DEBUG:
        logging.getLogger("httpx").setLevel(logging.WARNING)
    for secret in secrets:
        mask_secret(secret)
