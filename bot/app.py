"""The composition root: builds the stores, the services and the PTB Application, and runs.

The one place that wires Newsbot together, in one pass and in this order:

1. `build_bot`: the PTB bot (HTTP client, rate limiter, defaults) pointed at the Bot API;
2. `build_services`: every store and service, each collaborator passed to its constructor
   (tests pass fakes, stores of their own and a virtual clock as keyword arguments);
3. `build_application`: the PTB Application over that bot, with the handlers, which reach
   the services through their typed context (handlers/context.py);
4. `run`: long polling, or the webhook listener (`webhook_serving`), until SIGINT/SIGTERM.

It is also the only place that tunes the process: see `run` for the garbage collector.
"""

from __future__ import annotations

import asyncio
import gc
import logging
import signal
from collections.abc import AsyncIterator, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, asynccontextmanager, contextmanager, nullcontext
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import httpx
from telegram import LinkPreviewOptions
from telegram.constants import ParseMode
from telegram.error import InvalidToken, NetworkError
from telegram.ext import (
    Application,
    ApplicationBuilder,
    BaseHandler,
    ContextTypes,
    Defaults,
    ExtBot,
)
from telegram.request import HTTPXRequest

from bot import i18n
from bot.alerts.limits import PAID_BROADCAST_PACE, Limits
from bot.alerts.pipeline import AlertService
from bot.alerts.sender import Clock, Notifier, Sender, SystemClock
from bot.chats.feeds import FeedService, chat_feed_urls
from bot.chats.latest import StoredArticleSearch
from bot.chats.limits import CommandLimiter
from bot.chats.prepared import PreparedArticles
from bot.chats.status import StatusService
from bot.chats.subscriptions import ArticleSearch, SubscriptionService
from bot.config import Settings
from bot.errors import ConfigError, NewsbotError
from bot.logs import configure_logging, mask_secret
from bot.matching.index import SubscriptionIndex
from bot.models import Article, Chat, Sources, Subscription
from bot.ops.health import health_check
from bot.ops.metrics import MeteredNotifier, Metrics, StoreFigures
from bot.ops.server import OperatorServer
from bot.ops.updates import SharedUpdates
from bot.reading.discovery import ProbedFeed, probe_feed
from bot.reading.fetching import Fetcher, make_client
from bot.reading.poller import FeedPoller, feed_urls
from bot.services import Reader, Services
from handlers.context import SERVICES_KEY, Context, services_of
from handlers.menus import register_menus
from handlers.polling import EXIT_TOKEN_REFUSED, PollingRequest, UpdatesPolling, polling_serving
from handlers.webhook import WebhookListener
from storage.base import ArticleStore, ChatStore, FeedStateStore, OutboxStore
from storage.follow import Follower, StillIndex
from storage.lock import StoreLock

if TYPE_CHECKING:
    from storage.postgres.updates import PgUpdateClaims

log = logging.getLogger(__name__)

# How long a getUpdates long poll waits on the server (seconds). Shorter than Telegram's
# usual 50 s only matters at shutdown: PTB cancels the poll then, it does not wait for it.
POLL_TIMEOUT = 10
# Seconds the start-up check waits for the Bot API's answer.
STARTUP_TIMEOUT = 15.0
# The updates the bot reads: messages (commands), button presses and changes of the bot's
# own membership in a chat (my_chat_member); Telegram sends nothing else.
ALLOWED_UPDATES = ("message", "callback_query", "my_chat_member")
# Concurrent connections of the bot's HTTP client (PTB's own default for an Application):
# the sender keeps up to 64 sends in flight. getUpdates has a connection of its own.
CONNECTIONS = 256

# The Application as the handlers see it: the bot carries an AIORateLimiter (its per-call
# argument is a retry count) and every callback gets a handlers.context.Context.
App = Application[ExtBot[int], Context, dict[Any, Any], dict[Any, Any], dict[Any, Any], None]


# -- 1. the bot ---------------------------------------------------------------------------


def build_bot(settings: Settings, polling: HTTPXRequest | None = None) -> ExtBot[int]:
    """PTB's bot for settings.api_url: what the Application polls with (through `polling`,
    if given) and what the alert sender sends through (handlers/notifier.py)."""
    from handlers.notifier import SharedPacer

    token = settings.require_token()
    mask_secret(token)
    root = settings.api_url.rstrip("/")
    return ExtBot(
        token,
        base_url=f"{root}/bot",
        base_file_url=f"{root}/file/bot",
        request=HTTPXRequest(connection_pool_size=CONNECTIONS),
        get_updates_request=polling or HTTPXRequest(connection_pool_size=1),
        defaults=Defaults(
            parse_mode=ParseMode.HTML,
            link_preview_options=LinkPreviewOptions(is_disabled=True),
        ),
        # max_retries stays 0: a 429 reaches the caller (the alert sender decides);
        # replies to commands ask for retries with rate_limit_args. An AIORateLimiter that
        # also counts replies in the alert sender's limits (build_application wires it).
        rate_limiter=SharedPacer(),
    )


# -- 2. the services ----------------------------------------------------------------------


def build_services(
    settings: Settings,
    notifier: Notifier,
    *,
    chats: ChatStore | None = None,
    articles: ArticleStore | None = None,
    feed_states: FeedStateStore | None = None,
    outbox: OutboxStore | None = None,
    index: SubscriptionIndex | None = None,
    search: ArticleSearch | None = None,
    clock: Clock | None = None,
    client: httpx.AsyncClient | None = None,
    feeds: Sequence[str] | None = None,
    limits: CommandLimiter | None = None,
    metrics: Metrics | None = None,
) -> Services:
    """Every store and service of the bot, over the files beside settings.db_path.

    The keyword arguments replace one collaborator each (tests: an in-memory store, a
    fake index or search, a virtual clock, `feeds=()` for a poller polled by hand, `limits`
    for another allowance of searching commands).
    Nothing is started: `Services.start` does that once the bot is connected.
    """
    from storage.articles import TinyArticleStore, articles_path
    from storage.chats import TinyChatStore
    from storage.feedstate import TinyFeedStateStore, feeds_path
    from storage.outbox_sqlite import open_outbox

    db = settings.db_path
    if settings.database_url:  # PostgreSQL: every store not given shares one pool
        from storage.postgres import open_stores

        pg = open_stores(settings.database_url, retention_days=settings.retention_days)
        chats = chats if chats is not None else pg.chats
        articles = articles if articles is not None else pg.articles
        feed_states = feed_states if feed_states is not None else pg.feed_states
        outbox = outbox if outbox is not None else pg.outbox
        pg.close_unused(chats, articles, feed_states, outbox)
    chats = chats if chats is not None else TinyChatStore(db)
    articles = (
        articles
        if articles is not None
        else TinyArticleStore(articles_path(db), retention_days=settings.retention_days)
    )
    # /latest and dry runs search Documents prepared once per article, kept in step by
    # the poller's adds and prunes through this wrapper (bot/chats/prepared.py).
    articles = articles if isinstance(articles, PreparedArticles) else PreparedArticles(articles)
    feed_states = feed_states if feed_states is not None else TinyFeedStateStore(feeds_path(db))
    outbox = outbox if outbox is not None else open_outbox(db)
    index, follower = follow_subscriptions(settings, chats, index)
    search = search if search is not None else StoredArticleSearch(articles)
    clock = clock if clock is not None else SystemClock()

    metrics = metrics if metrics is not None else Metrics()
    notifier = MeteredNotifier(notifier, metrics)  # counts alerts sent and failed
    sender = Sender(
        outbox=outbox,
        chats=chats,
        notifier=notifier,
        clock=clock,
        **sending(settings, outbox, metrics),
    )
    client = client if client is not None else make_client()

    async def on_new(stories: list[Article]) -> None:
        await alerts.on_new_stories(stories)

    operator_feeds = tuple(feeds) if feeds is not None else feed_urls(settings)
    poller = FeedPoller(
        settings=settings,
        client=client,
        articles=articles,
        feed_states=feed_states,
        on_new=on_new,
        feeds=operator_feeds,
        chat_feeds=(lambda: chat_feed_urls(chats)) if settings.chat_feeds else None,
    )

    def sources(chat_id: int) -> Sources:
        chat = chats.get_chat(chat_id) or Chat(id=chat_id)
        return Sources.of(chat, poller.chat_added(), chat_feeds=settings.chat_feeds)

    alerts = AlertService(
        index=index,
        prepare=articles.document,  # the Document the poller's add prepared
        chats=chats,
        outbox=outbox,
        sender=sender,
        retention_days=settings.retention_days,
        clock=clock.now,
        chat_added=poller.chat_added,  # a chat sees those only if it added them
        chat_feeds=settings.chat_feeds,
    )
    subscriptions = SubscriptionService(
        chats,
        max_subscriptions=settings.max_subscriptions,
        max_query_length=settings.max_query_length,
        index=index,
        search=search,
        events=alerts,  # /stop, removals, mutes, settings and unblocking reach the outbox
        sources=sources,
    )
    # Removed or muted on any instance: queued alerts withdrawn; removed: a late add of a
    # subscription stored here a moment before stays out of the index.
    follower.follow(index, withdrawn=alerts.withdraw, removed=subscriptions.keep_out)
    status = StatusService(
        chats=chats,
        feed_states=feed_states,
        articles=articles,
        outbox=outbox,
        feeds_configured=len(feed_urls(settings)),
        pace=sender_limits(settings).overall,
    )
    fetcher = Fetcher.from_settings(client, settings)

    async def probe(url: str) -> ProbedFeed:
        # Parsed in the poller's time-limited worker processes: what a chat adds may be
        # built to hang a parser.
        return await probe_feed(fetcher, url, parse=poller.read_feed)

    def title(url: str) -> str:
        state = feed_states.get(url)
        return state.title if state is not None else ""

    feed_service = FeedService(
        chats,
        probe=probe,
        operator_feeds=operator_feeds,
        titles=title,
        enabled=settings.chat_feeds,
        max_per_chat=settings.max_feeds_per_chat,
        max_feeds=settings.max_feeds,
        on_change=poller.refresh,
    )
    metrics.watch(
        StoreFigures(
            feed_states=feed_states,
            articles=articles,
            outbox=outbox,
            index=index,
            feeds_configured=len(feed_urls(settings)),
            now=clock.now,
        )
    )
    operator = None
    if settings.ops_listen is not None:
        operator = OperatorServer(
            settings.ops_listen, metrics=metrics, health=health_check(settings, chats)
        )
    return Services(
        settings=settings,
        chats=chats,
        articles=articles,
        feed_states=feed_states,
        outbox=outbox,
        index=index,
        search=search,
        sender=sender,
        alerts=alerts,
        subscriptions=subscriptions,
        feeds=feed_service,
        status=status,
        limits=limits if limits is not None else CommandLimiter(),
        reader=Reader(poller, client),
        clock=clock,
        languages=i18n.languages(),
        metrics=metrics,
        operator=operator,
        follower=follower,
    )


def sending(settings: Settings, outbox: OutboxStore, metrics: Metrics) -> dict[str, Any]:
    """The sender's role and pace. The role: on a PostgreSQL outbox, shared by every
    instance, an advisory lock (one sender at a time, bot/alerts/sender.py), reported in
    newsbot_role_held; on the embedded one, always held. The pace: Telegram's 30 messages
    a second, or up to PAID_BROADCAST_PACE with paid broadcasts (NEWSBOT_PAID_BROADCAST)."""
    from storage.postgres.outbox import PgOutbox
    from storage.postgres.pace import PgPacer

    found: dict[str, Any] = {"limits": sender_limits(settings)}
    if isinstance(outbox, PgOutbox):
        metrics.hold("sender", False)  # standing by until the role is taken
        found["role"] = outbox.sender_role()
        found["on_role"] = lambda held: metrics.hold("sender", held)
        # Every instance's messages count in the limits: slots in the database.
        found["pacer"] = PgPacer(settings.database_url, found["limits"])
    return found


def sender_limits(settings: Settings) -> Limits:
    """Telegram's flood limits, the overall one raised for paid broadcasts."""
    return Limits(overall=PAID_BROADCAST_PACE) if settings.paid_broadcast else Limits()


def build_index(
    chats: ChatStore, subscriptions: Iterable[Subscription] | None = None
) -> SubscriptionIndex:
    """The matching index of every stored subscription (`subscriptions`, if already read),
    which `subscriptions` keeps in step."""
    index = SubscriptionIndex()
    index.prepare()  # the spelling tables now, not on a user's first /subscribe
    # In bulk: each distinct stored text is parsed and compiled once.
    subs = chats.all_subscriptions() if subscriptions is None else subscriptions
    stored = ((s.id, s.query) for s in subs)
    for _, text, _error in index.add_stored(stored, max_length=10_000):
        log.warning("stored query no longer parses: %r", text)
    return index


def follow_subscriptions(
    settings: Settings, chats: ChatStore, index: SubscriptionIndex | None
) -> tuple[SubscriptionIndex, Follower]:
    """The matching index (built from the store unless given) and its follower: on
    PostgreSQL, what applies the subscription changes other instances make
    (storage/postgres/follow.py), started and stopped with the services; on the embedded
    store, nothing to follow. `build_services` tells it what to follow (`follow`)."""
    follower: Follower = StillIndex(chats)
    if settings.database_url:
        from storage.postgres.chats import PgChatStore
        from storage.postgres.follow import PgFollower

        if isinstance(chats, PgChatStore):
            follower = PgFollower(chats)
    if index is None:
        # The subscriptions and the change log's position, read together.
        index = build_index(chats, follower.snapshot())
    return index, follower


# -- 3. the Application -------------------------------------------------------------------


def handler_modules() -> list[list[BaseHandler[Any, Any, Any]]]:
    """The handlers of every handlers/ module, in the order they must be tried."""
    from handlers import (
        admin,
        alert_buttons,
        alert_settings,
        buttons,
        channels,
        chat,
        feeds,
        language,
        membership,
        settings,
        subscriptions,
    )

    return [
        chat.HANDLERS,
        membership.HANDLERS,
        channels.HANDLERS,
        subscriptions.HANDLERS,
        settings.HANDLERS,
        feeds.HANDLERS,
        buttons.HANDLERS,
        alert_settings.HANDLERS,
        alert_buttons.HANDLERS,
        language.HANDLERS,
        admin.HANDLERS,
    ]


def build_application(services: Services, bot: ExtBot[int]) -> App:
    """The PTB Application over `bot` (the one the services' notifier sends through),
    with every handler registered and the services in its typed context."""
    from handlers import chat, errors, fairness, notifier, permissions

    application: App = (
        ApplicationBuilder()
        .bot(bot)
        .context_types(ContextTypes(context=Context))
        .job_queue(None)  # nothing runs on PTB's job queue: the sender has its own timing
        # One chat's updates in order, other chats' meanwhile (handlers/fairness.py).
        .concurrent_updates(fairness.ChatQueues())
        .post_init(start_services)
        # Background work stops in post_stop, while the bot's HTTP client is still open:
        # a send in flight can finish. post_shutdown runs after PTB closed that client.
        .post_stop(stop_services)
        .post_shutdown(close_stores)
        .build()
    )
    application.bot_data[SERVICES_KEY] = services
    # Replies count in the alert sender's limits (handlers/notifier.SharedPacer).
    notifier.share_pacing(bot, services.sender.pacer)
    application.add_handlers(fairness.BEFORE, group=-4)  # per-chat limit of searches
    # Before every other handler: any message from a chat marked blocked reactivates it.
    application.add_handlers(notifier.BEFORE, group=-3)
    application.add_handlers(chat.BEFORE, group=-2)  # registers the chat on every command
    # Then the admin check: a change refused there goes no further.
    application.add_handlers(permissions.GUARD, group=-1)
    for handlers in handler_modules():
        application.add_handlers(handlers)
    application.add_handlers(chat.FALLBACK)  # unknown commands, stale buttons: last
    application.add_error_handler(errors.error)
    return application


async def start_services(application: App) -> None:
    """After the bot connected: register the command menus, start background services."""
    services = services_of(application)
    await register_menus(application, services.languages)
    await services.start()
    if isinstance(services.articles, PreparedArticles):
        await services.articles.start()  # prepares the stored articles, in a thread
    log.info("newsbot started as @%s", application.bot.username)


async def stop_services(application: App) -> None:
    """When the Application stops: stop background services (newest first) while the
    bot can still send, so the sender lets what is in flight finish."""
    services = services_of(application)
    if isinstance(services.articles, PreparedArticles):
        await services.articles.stop()
    await services.stop()


async def close_stores(application: App) -> None:
    """At shutdown, after everything stopped: close the stores."""
    services_of(application).close()
    log.info("newsbot stopped")


# -- 4. running ---------------------------------------------------------------------------


def run(settings: Settings) -> int:
    """`newsbot run`: long polling (or the webhook listener, with NEWSBOT_WEBHOOK_URL)
    until SIGINT/SIGTERM, then a clean shutdown. Exit code."""
    token = settings.require_token()
    secrets = [token] + ([settings.webhook_secret] if settings.webhook_secret else [])
    configure_logging(settings.log_level, secrets=secrets, log_format=settings.log_format)
    from bot.cli.webhook import check_webhook

    # One process per embedded store, before any file is opened; on PostgreSQL nothing is
    # stored in NEWSBOT_DB and instances share the database by their roles.
    lock: AbstractContextManager[object] = (
        nullcontext() if settings.database_url else StoreLock(settings.db_path)
    )
    with lock:
        check_bot_api(settings.api_url, token)
        check_webhook(settings)
        return _run(settings)


def _run(settings: Settings) -> int:
    from handlers.notifier import BotNotifier

    polling = PollingRequest()
    bot = build_bot(settings, polling)
    with collector_paused():
        services = build_services(
            settings, BotNotifier(bot, paid_broadcast=settings.paid_broadcast)
        )
    freeze_collector()
    try:
        application = build_application(services, bot)
        polling.confirm_after(application.update_queue)  # at least once (handlers/polling.py)

        def stop_running() -> None:
            # The first poll can come back before the Application counts as running,
            # when stop_running would do nothing: try again a moment later.
            if application.running:
                application.stop_running()
            else:
                asyncio.get_running_loop().call_later(0.1, stop_running)

        polling.on_refused = stop_running
        if settings.webhook_url is not None:
            asyncio.run(serve_webhook(application, settings))
        elif settings.database_url:  # instances share the database: one of them polls
            asyncio.run(serve_polling(application, settings, polling))
        else:
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
        services.close()  # post_shutdown did it, unless start-up failed before
    if polling.webhook_set:
        raise NewsbotError(
            "a webhook was set while polling (Telegram refuses getUpdates now): set "
            "NEWSBOT_WEBHOOK_URL to run in webhook mode, or run `newsbot webhook delete` first"
        )
    return EXIT_TOKEN_REFUSED if polling.refused else 0


async def serve_polling(application: App, settings: Settings, polling: PollingRequest) -> None:
    """Long polling on PostgreSQL until SIGINT/SIGTERM: getUpdates only while this instance
    holds the updates role (handlers/polling.py). NewsbotError, after a clean shutdown,
    when the role was taken while a webhook is registered."""
    from bot.cli.webhook import registered_webhook
    from storage.postgres.roles import UPDATES_LOCK, AdvisoryLock

    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    polling.on_refused = stop.set  # the token refused: stop (exit code EXIT_TOKEN_REFUSED)
    updates = UpdatesPolling(
        application,
        registered=lambda: registered_webhook(settings),
        on_refusal=stop.set,
        timeout=POLL_TIMEOUT,
        allowed_updates=ALLOWED_UPDATES,
    )
    lock = AdvisoryLock(str(settings.database_url), UPDATES_LOCK, name="updates")
    async with polling_serving(
        application, updates, lock, metrics=services_of(application).metrics
    ):
        await stop.wait()
    if updates.refusal is not None:
        raise updates.refusal


async def serve_webhook(application: App, settings: Settings) -> None:
    """Webhook mode until SIGINT/SIGTERM (see `webhook_serving`)."""
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    async with webhook_serving(application, settings):
        await stop.wait()


@asynccontextmanager
async def webhook_serving(application: App, settings: Settings) -> AsyncIterator[WebhookListener]:
    """The Application served by handlers/webhook.py's listener, for the block.

    What PTB's run_webhook does, in its order (initialize, post_init, start; then stop,
    post_stop, shutdown, post_shutdown), with our listener instead of PTB's: it answers
    Telegram only once the update was handled. Registering the webhook is
    `newsbot webhook set`'s job, not every start's.
    """
    if settings.webhook_url is None or settings.webhook_secret is None:
        raise ConfigError("NEWSBOT_WEBHOOK_URL", "is needed for webhook mode")
    claims = open_update_claims(settings)
    listener = WebhookListener(
        application,
        listen=settings.webhook_listen,
        path=urlsplit(settings.webhook_url).path or "/",
        secret=settings.webhook_secret,
        metrics=services_of(application).metrics,
        recent=SharedUpdates(claims) if claims is not None else None,
    )
    await application.initialize()
    started = False
    try:
        started = True  # from here on, stop_services has something to stop
        await start_services(application)
        await application.start()
        await listener.start()
        yield listener
    finally:
        await listener.stop()  # no new update; the ones being handled finish first
        if application.running:
            await application.stop()
        if started:
            await stop_services(application)
        await application.shutdown()
        await close_stores(application)
        if claims is not None:
            claims.close()


def open_update_claims(settings: Settings) -> PgUpdateClaims | None:
    """On PostgreSQL, the update_ids claimed by every instance behind the load balancer
    (a pool of its own, small: one short statement per update); None on the embedded
    store, whose one process remembers them itself (bot/ops/updates.py)."""
    if not settings.database_url:
        return None
    from storage.postgres.pool import Database
    from storage.postgres.updates import PgUpdateClaims

    return PgUpdateClaims(Database(settings.database_url, max_size=4))


# -- process-wide tuning: the garbage collector --------------------------------------------
#
# The matching index is millions of small objects (tuples, dicts, arrays) that live as long
# as the process and hold no garbage. Python's cyclic collector would walk them again and
# again: while they are built (measured: two thirds of the build time at 1M subscriptions)
# and on every full collection afterwards. So, for `newsbot run` only (tests and the other
# commands leave the collector alone):
# - the collector is paused while the stores are read and the index is built;
# - then everything alive is moved to the permanent generation (gc.freeze), out of the
#   collector's way for good;
# - and the youngest generation is collected every YOUNG_COLLECTION allocations instead of
#   700: matching an article allocates many short-lived tuples, and at 100,000
#   subscriptions the default threshold halved the matching rate (measured by
#   benchmarks/match_cli_bench.py: 369 articles/s with the freeze alone, 743 with both).
# Objects made later are collected as usual.
YOUNG_COLLECTION = 100_000


@contextmanager
def collector_paused() -> Iterator[None]:
    """The cyclic garbage collector off for the block (on again after, if it was on)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def freeze_collector() -> None:
    """Move every object alive now (the index above all) out of the collector's way, and
    collect the youngest generation less often."""
    gc.freeze()
    _, middle, old = gc.get_threshold()
    gc.set_threshold(YOUNG_COLLECTION, middle, old)


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
