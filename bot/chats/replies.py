"""Every text the bot replies with, as Telegram HTML; user text is always escaped.

Pure functions from result values to (html, buttons): the edge sends them. Buttons are
(label, callback_data) pairs so that nothing here depends on Telegram's types.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from html import escape

from bot.chats.subscriptions import (
    AlreadySubscribed,
    InvalidQuery,
    Latest,
    LatestResult,
    LimitReached,
    NothingToFollow,
    NotSubscribed,
    Subscribed,
    SubscribeResult,
    Unsubscribed,
    UnsubscribeResult,
)
from bot.models import Article, Subscription
from bot.telegram_text import shorten, visible_len
from bot.text import ago, cut_chars, safe_url

Button = tuple[str, str]  # (label, callback_data)

# Callback data of the edge's own buttons (alert buttons use mute:/unsub:, see bot/alerts).
REMOVE_PREFIX = "rm:"
UNMUTE_PREFIX = "unmute:"  # the undo button under "Muted …", and in /list
MUTE_PREFIX, UNSUB_PREFIX = "mute:", "unsub:"  # as under an alert (bot/alerts/format.py)
SUBSCRIBE_PREFIX = "sub:"  # the hint's button: "sub:" and the text to follow
SETTING_PREFIX = "set:"  # the buttons of /settings: "set:<name>:<value>"
STOP_YES = "stop:yes"
STOP_NO = "stop:no"

# Room left under Telegram's 4096 characters for the header and footer of a list.
_LIST_BUDGET = 3600
_BUTTON_LABEL = 28


@dataclass(frozen=True, slots=True)
class Reply:
    """One message to send: HTML text and optional inline buttons, `per_row` a row.

    `ask`: the message asks for an answer (Telegram's ForceReply) instead of showing buttons.
    """

    html: str
    buttons: tuple[Button, ...] = ()
    per_row: int = 1
    ask: bool = False


# The command menu registered with setMyCommands (only the commands actually handled).
MENU: tuple[tuple[str, str], ...] = (
    ("subscribe", "Follow a topic: /subscribe syria -ukraine"),
    ("list", "Your subscriptions, with buttons to remove them"),
    ("unsubscribe", "Stop following a topic (query or number)"),
    ("latest", "The newest stored articles on a topic"),
    ("pause", "Pause alerts, keep subscriptions"),
    ("resume", "Resume alerts"),
    ("digest", "Instant alerts, or an hourly or daily digest"),
    ("timezone", "Your time zone for digests and quiet hours"),
    ("quiet", "Quiet hours, e.g. /quiet 22:00-07:00"),
    ("settings", "Everything about this chat, with buttons"),
    ("feeds", "The feeds this chat reads; add your own"),
    ("export", "Your feeds (OPML) and subscriptions (text) as files"),
    ("import", "Reply to an OPML or text file to import it"),
    ("help", "How to use the bot, with the query syntax"),
    ("start", "Start: a greeting and the short help"),
    ("stop", "Delete everything stored about this chat"),
    ("channel", "Manage a channel you run, from this private chat"),
)

USAGE: dict[str, str] = {
    "subscribe": "Usage: /subscribe &lt;query&gt;, e.g. <code>/subscribe syria -ukraine</code>",
    "unsubscribe": "Usage: /unsubscribe &lt;query or its number in /list&gt;",
    "list": "Usage: /list (no arguments)",
    "settings": "Usage: /settings (no arguments)",
    "latest": "Usage: /latest [topic], e.g. <code>/latest Tartus</code>",
    "pause": "Usage: /pause (no arguments)",
    "resume": "Usage: /resume (no arguments)",
    "stop": "Usage: /stop (no arguments): deletes everything stored about this chat",
    "start": "Usage: /start",
    "help": "Usage: /help",
}

_SHORT_HELP = (
    "/subscribe &lt;query&gt; — follow a topic, e.g. <code>/subscribe Khmeimim</code>\n"
    "/list — your subscriptions\n"
    "/settings — this chat's settings, with buttons\n"
    "/latest [topic] — the newest stored articles\n"
    "/help — all commands and the query syntax"
)

_HELP = (
    "<b>Newsbot</b> sends a short alert with a link when a news article matches one of "
    "this chat's subscriptions.\n\n"
    "<b>Commands</b>\n"
    "/subscribe &lt;query&gt; (/sub, /add) — follow a topic; one a line to follow "
    "several; without a query, I ask for it\n"
    "/unsubscribe &lt;query or number&gt; (/unsub, /remove) — stop following one; "
    "without an argument, buttons\n"
    "/list (/subscriptions) — numbered subscriptions, with buttons to remove them\n"
    "/latest [topic] (/news) — the newest stored articles on the topic, or for your "
    "subscriptions\n"
    "/pause, /resume — stop and restart alerts, keeping subscriptions\n"
    "/digest off|hourly|daily HH:MM — instant alerts or a digest\n"
    "/timezone Area/City — time zone for digests and quiet hours\n"
    "/quiet HH:MM-HH:MM, /quiet off — hold alerts during quiet hours\n"
    "/settings — everything about this chat on one screen, with buttons\n"
    "/feeds — the feeds this chat reads; /feeds add URL (a feed, or a site that announces "
    "one), /feeds remove N, /feeds only (just your own), /feeds all\n"
    "/export — your feeds as OPML and your subscriptions as text; send such a file back "
    "(or reply /import to it) to import it\n"
    "/stop — delete everything stored about this chat\n"
    "/channel — in a private chat: manage a channel you run (/channel @name, "
    "/channel off)\n\n"
    "In groups, only admins change subscriptions and settings. In a forum, a "
    "subscription made in a topic alerts into that topic.\n\n"
    "<b>Queries</b>\n"
    "<code>syria russia</code> — both words\n"
    '<code>"air base"</code> — the exact phrase\n'
    "<code>kyiv OR kiev</code> — either word\n"
    "<code>-ukraine</code> — must not occur\n"
    "<code>russia (kyiv OR kiev)</code> — grouping\n"
    "Case and accents do not matter; plurals, typos and spelling variants of longer "
    "words are found (<code>Khmeimim</code> also finds Hmeimim)."
)

APOLOGY = "Sorry, something went wrong on my side. Please try again in a moment."


# User text echoed in a reply is cut to this many UTF-16 units: a 4,096-character command
# echoed whole would make the reply longer than Telegram accepts.
ECHO_LIMIT = 200
REASON_LIMIT = 600


def echo(text: str, limit: int = ECHO_LIMIT) -> str:
    """User text to show in a reply: shortened as Telegram counts length, escaped for HTML."""
    return escape(shorten(text, limit))


def quoted(text: str) -> str:
    """User text in typographic quotes, shortened and escaped for HTML."""
    return f"“{echo(text)}”"


def start(*, group: bool) -> Reply:
    """The greeting of /start with the short help."""
    hello = "Hello everyone!" if group else "Hello!"
    return Reply(f"{hello} I send news alerts for the topics this chat follows.\n\n{_SHORT_HELP}")


def help_text() -> Reply:
    """The full help of /help."""
    return Reply(_HELP)


def slow_down(command: str, wait: float) -> Reply:
    """A chat sent too many searching commands at once (sent once, the rest are dropped)."""
    seconds = max(1, round(wait))
    return Reply(
        f"Too many /{escape(command)} at once: please wait {seconds} s "
        "(until then they are ignored)."
    )


def usage(command: str) -> Reply:
    """The one-line usage of a command."""
    return Reply(USAGE.get(command, f"Usage: /{echo(command, 64)} — see /help"))


def unknown_command(command: str) -> Reply:
    """A command the bot does not know."""
    return Reply(f"I don't know /{echo(command, 64)}. /help lists what I can do.")


def subscribed(result: SubscribeResult, *, now: datetime) -> Reply:
    """The answer to /subscribe."""
    if isinstance(result, Subscribed):
        text = f"Subscribed to {quoted(result.subscription.query)}."
        if result.ignored:
            words = ", ".join(quoted(word) for word in result.ignored)
            text += f" Left out {words}: nothing to look for."
        for hint in result.hints:
            text += f"\n💡 {escape(hint)}"
        dry = result.dry_run
        if dry is not None and dry.scanned:
            text += f" {dry.matched} of the last {dry.scanned} stored articles would have matched."
            if dry.newest is not None:
                text += f"\nNewest: {_article_line(dry.newest, now)}"
        elif dry is not None:
            text += " No articles are stored yet to try it on."
        return Reply(text)
    if isinstance(result, AlreadySubscribed):
        return Reply(
            f"This chat already follows {quoted(result.subscription.query)} "
            f"(number {result.number} in /list)."
        )
    if isinstance(result, LimitReached):
        return Reply(
            f"This chat already has the maximum of {result.limit} subscriptions: "
            "remove one with /unsubscribe first."
        )
    return invalid_query(result)


def invalid_query(result: InvalidQuery) -> Reply:
    """A query the parser refused, with its one-line reason."""
    return Reply(f"⚠️ {echo(result.reason, REASON_LIMIT)}")


def unsubscribed(result: UnsubscribeResult) -> Reply:
    """The answer to /unsubscribe with an argument."""
    if isinstance(result, Unsubscribed):
        return Reply(f"Unsubscribed from {quoted(result.subscription.query)}.")
    if isinstance(result, NotSubscribed):
        what = result.what.removeprefix("#")
        if what.isdigit():
            have = "no subscriptions" if not result.count else f"only {result.count}"
            return Reply(f"There is no subscription number {echo(what, 32)}: this chat has {have}.")
        return Reply(f"This chat does not follow {quoted(result.what)} (see /list).")
    return invalid_query(result)


def no_subscriptions() -> Reply:
    """/list or /unsubscribe in a chat without subscriptions."""
    return Reply("This chat has no subscriptions yet. Add one with /subscribe &lt;query&gt;.")


def subscription_list(subscriptions: Sequence[Subscription], *, paused: bool = False) -> Reply:
    """/list: numbered subscriptions with a remove button each, an unmute button for each
    muted one, and a first line saying so when the chat's alerts are paused."""
    if not subscriptions:
        return no_subscriptions()
    lines = _numbered(subscriptions)
    text = "<b>This chat follows:</b>\n" + "\n".join(lines) + "\n\nTap a button to remove one."
    if any(s.muted for s in subscriptions):
        text += " 🔕 marks a muted one: no alerts until you unmute it."
    if paused:
        text = "⏸ <b>Alerts are paused</b> for this chat: /resume turns them on.\n\n" + text
    unmute = tuple(
        (f"🔔 Unmute {n}. {cut_chars(s.query, _BUTTON_LABEL)}", f"{UNMUTE_PREFIX}{s.id}")
        for n, s in enumerate(subscriptions, 1)
        if s.muted
    )
    return Reply(text, _remove_buttons(subscriptions) + unmute)


def choose_removal(subscriptions: Sequence[Subscription]) -> Reply:
    """/unsubscribe without argument: the buttons to pick one."""
    if not subscriptions:
        return no_subscriptions()
    lines = _numbered(subscriptions)
    text = "Which one should I remove?\n" + "\n".join(lines)
    return Reply(text, _remove_buttons(subscriptions))


def pick_subscription(subscriptions: Sequence[Subscription]) -> Reply:
    """The picker under a combined message or digest: mute (or unmute) and unsubscribe
    buttons for each subscription behind it, two a row."""
    if not subscriptions:
        return Reply("Those subscriptions no longer exist. /list shows the ones left.")
    buttons: list[Button] = []
    for s in subscriptions:
        name = cut_chars(s.query, 24)
        if s.muted:
            buttons.append((f"🔔 Unmute “{name}”", f"{UNMUTE_PREFIX}{s.id}"))
        else:
            buttons.append((f"🔕 Mute “{name}”", f"{MUTE_PREFIX}{s.id}"))
        buttons.append((f"✖ Unsubscribe “{name}”", f"{UNSUB_PREFIX}{s.id}"))
    return Reply(
        "Which one? Mute stops its alerts and keeps it in /list; Unsubscribe removes it.",
        tuple(buttons),
        per_row=2,
    )


def ask_topic() -> Reply:
    """/subscribe without a query: ask for it (the answer to this message subscribes)."""
    return Reply(
        "What should I follow? Answer this message with a topic, e.g. <code>Khmeimim</code> "
        "or <code>syria -ukraine</code>; one a line to follow several.",
        ask=True,
    )


# A summary of many lines stays under Telegram's 4,096 characters: each query is shortened
# and the lines past this budget are counted instead of listed.
_SUMMARY_BUDGET = 3600
_SUMMARY_QUERY = 60


def subscribed_many(results: Sequence[tuple[str, SubscribeResult]]) -> Reply:
    """The one summary of a /subscribe with one query a line."""
    added = [r.subscription.query for _, r in results if isinstance(r, Subscribed)]
    known = [r.subscription.query for _, r in results if isinstance(r, AlreadySubscribed)]
    known = list(dict.fromkeys(known))  # a line given twice is "already followed" once
    lines: list[str] = []
    if added:
        lines.append(f"Subscribed to {len(added)}: {_quoted_list(added)}.")
    if known:
        lines.append(f"Already followed: {_quoted_list(known)}.")
    refused = []
    for text, result in results:
        if isinstance(result, LimitReached):
            refused.append(
                f"Not added {_short(text)}: this chat has the maximum of {result.limit} "
                "subscriptions."
            )
        elif isinstance(result, InvalidQuery):
            refused.append(f"⚠️ Not added {_short(text)}: {echo(result.reason, 200)}")
    size = sum(visible_len(line) + 1 for line in lines)
    for number, line in enumerate(refused):
        if size + visible_len(line) > _SUMMARY_BUDGET:
            lines.append(f"… and {len(refused) - number} more not added.")
            break
        lines.append(line)
        size += visible_len(line) + 1
    return Reply("\n".join(lines) or "Nothing to follow in that.")


def _short(text: str) -> str:
    return f"“{echo(text, _SUMMARY_QUERY)}”"


def _quoted_list(queries: Sequence[str], budget: int = _SUMMARY_BUDGET // 3) -> str:
    shown: list[str] = []
    for number, query in enumerate(queries):
        item = _short(query)
        budget -= visible_len(item) + 2
        if budget < 0:
            return ", ".join(shown) + f" and {len(queries) - number} more"
        shown.append(item)
    return ", ".join(shown)


# Room for the text in the hint's button: callback_data is at most 64 bytes.
_HINT_DATA_BYTES = 64 - len(SUBSCRIBE_PREFIX.encode())


def hint(text: str) -> Reply:
    """A plain message in a private chat: how to follow it, and a button that does."""
    topic = " ".join(text.split())
    if not topic:
        return Reply("Send <code>/subscribe Khmeimim</code> to follow a topic, or /help.")
    answer = (
        f"Send <code>/subscribe {echo(topic, 100)}</code> to follow it, or tap the button. "
        "/help lists everything I can do."
    )
    if len(topic.encode()) > _HINT_DATA_BYTES:
        return Reply(answer.replace(", or tap the button", ""))
    return Reply(answer, ((f"➕ Follow “{cut_chars(topic, 40)}”", SUBSCRIBE_PREFIX + topic),))


@dataclass(frozen=True, slots=True)
class ChatSettings:
    """What /settings shows: the chat's own settings and what it reads."""

    paused: bool
    digest: str  # "off", "hourly" or "daily"
    digest_time: str
    quiet: str
    timezone: str
    previews: bool
    feeds: int  # the sources its subscriptions see
    subscriptions: int
    muted: int
    own_feeds: int = 0  # of the feeds, the chat's own (/feeds add)
    own_only: bool = False  # /feeds only
    language: str = "English"


def settings(chat: ChatSettings) -> Reply:
    """/settings: everything about the chat on one screen, with buttons for what a button
    can change (the rest names its command)."""
    if chat.digest == "hourly":
        delivery = "an hourly digest"
    elif chat.digest == "daily":
        delivery = f"a daily digest at {chat.digest_time}"
    else:
        delivery = "instant alerts"
    muted = f", {chat.muted} muted" if chat.muted else ""
    lines = [
        "<b>Settings of this chat</b>",
        "Alerts: " + ("⏸ paused (/resume)" if chat.paused else "on (/pause)"),
        f"Delivery: {escape(delivery)} (/digest)",
        f"Quiet hours: {escape(chat.quiet) if chat.quiet else 'off'} (/quiet)",
        f"Time zone: {escape(chat.timezone or 'UTC')} (/timezone)",
        "Link previews: " + ("shown" if chat.previews else "hidden"),
        f"Sources: {_sources(chat)} (/feeds)",
        f"Subscriptions: {chat.subscriptions}{muted} (/list)",
        f"Language: {escape(chat.language)} (/language)",
    ]
    on = SETTING_PREFIX
    buttons: list[Button] = [
        ("▶️ Resume alerts", f"{on}paused:off")
        if chat.paused
        else ("⏸ Pause alerts", f"{on}paused:on"),
        ("🖼 Hide link previews", f"{on}previews:off")
        if chat.previews
        else ("🖼 Show link previews", f"{on}previews:on"),
    ]
    for mode, label in (("off", "Instant"), ("hourly", "Hourly digest"), ("daily", "Daily digest")):
        mark = "✓ " if chat.digest == mode else ""
        buttons.append((f"{mark}{label}", f"{on}digest:{mode}"))
    if chat.quiet:
        buttons.append(("🌙 Quiet hours off", f"{on}quiet:off"))
    return Reply("\n".join(lines), tuple(buttons), per_row=2)


def _sources(chat: ChatSettings) -> str:
    count = f"{chat.feeds} feed{'' if chat.feeds == 1 else 's'}"
    if chat.own_only:
        return f"{count}, only this chat's own"
    if chat.own_feeds:
        return f"{count}, {chat.own_feeds} of them this chat's own"
    return count


def setting_changed_by_button(name: str) -> str:
    """The short notice of a /settings button (plain text)."""
    return {
        "paused:on": "Alerts paused.",
        "paused:off": "Alerts resumed.",
        "previews:on": "Link previews shown.",
        "previews:off": "Link previews hidden.",
        "digest:off": "Instant alerts.",
        "digest:hourly": "An hourly digest.",
        "digest:daily": "A daily digest.",
        "quiet:off": "Quiet hours off.",
    }.get(name, "Done.")


def removed_by_button(subscription: Subscription | None) -> str:
    """The short notice shown when a remove button was pressed (plain text)."""
    if subscription is None:
        return "That subscription was already removed."
    return f"Unsubscribed from “{cut_chars(subscription.query, 60)}”."


def paused(changed: bool) -> Reply:
    if changed:
        return Reply("Paused: no alerts until /resume. Subscriptions are kept.")
    return Reply("Alerts are already paused. /resume turns them back on.")


def resumed(changed: bool) -> Reply:
    if changed:
        return Reply("Resumed: alerts are on again.")
    return Reply("Alerts are already on.")


def stop_confirmation(subscription_count: int) -> Reply:
    """/stop: what will be deleted, with the confirmation buttons."""
    if subscription_count == 0:  # "its 0 subscriptions" reads like a mistake
        what = "its settings (it has no subscriptions)"
    else:
        things = "subscription" if subscription_count == 1 else "subscriptions"
        what = f"its {subscription_count} {things} and its settings"
    return Reply(
        f"Delete everything stored about this chat: {what}? This cannot be undone.",
        (("Yes, delete everything", STOP_YES), ("Cancel", STOP_NO)),
    )


def stopped() -> Reply:
    return Reply("Done: everything stored about this chat is deleted. /start begins again.")


def stop_cancelled() -> Reply:
    return Reply("Cancelled: nothing was deleted.")


# -- alert buttons and delivery settings (handlers/alert_buttons.py, alert_settings.py) --

GONE = "That subscription no longer exists."  # a button of a removed subscription


def muted(subscription: Subscription) -> tuple[str, Reply]:
    """The button's short answer and the reply, with the button that undoes the mute."""
    query = subscription.query
    undo = (f"Unmute “{query[:28]}”", f"{UNMUTE_PREFIX}{subscription.id}")
    return f"Muted “{query}”", Reply(
        f"Muted {quoted(query)}: no alerts for it until you unmute it with the button "
        "below. It stays in /list.",
        (undo,),
    )


def unmuted(subscription: Subscription) -> tuple[str, Reply]:
    """The button's short answer and the reply after an unmute."""
    query = subscription.query
    return f"Unmuted “{query}”", Reply(f"Unmuted {quoted(query)}: its alerts come again.")


def unsubscribed_by_button(subscription: Subscription) -> tuple[str, Reply]:
    """The button's short answer and the reply after "Unsubscribe" under an alert."""
    query = subscription.query
    return f"Unsubscribed from “{query}”", Reply(
        f"Unsubscribed from {quoted(query)}. To follow it again: "
        f"<code>/subscribe {escape(query)}</code>"
    )


def setting_shown(current: str, usage: str) -> Reply:
    """/digest, /timezone or /quiet without an argument: the setting and how to change it."""
    return Reply(f"{escape(current)}\n{escape(usage)}")


def setting_refused(reason: str) -> Reply:
    """A setting that does not parse: the parser's one-line reason."""
    return Reply(escape(reason))


def digest_set(mode: str, at: str, timezone: str) -> Reply:
    """/digest off|hourly|daily HH:MM done."""
    if mode == "off":
        text = "Digest off: alerts come as soon as stories are found."
    elif mode == "hourly":
        text = "One digest an hour, at the top of the hour, listing the stories found since."
    else:
        text = f"One digest a day at {at} ({timezone or 'UTC'})."
    return Reply(escape(text))


def timezone_set(name: str) -> Reply:
    """/timezone Area/City done."""
    return Reply(escape(f"Time zone set to {name}."))


def quiet_set(window: str, timezone: str) -> Reply:
    """/quiet HH:MM-HH:MM or /quiet off done."""
    if not window:
        return Reply("Quiet hours off.")
    return Reply(
        escape(
            f"Quiet hours {window} ({timezone or 'UTC'}): alerts found then are held "
            "and sent as one digest when they end."
        )
    )


def latest(result: LatestResult, *, now: datetime) -> Reply:
    """The answer to /latest."""
    if isinstance(result, InvalidQuery):
        return invalid_query(result)
    if isinstance(result, NothingToFollow):
        return Reply(
            "This chat has no subscriptions to look for: give a topic, "
            "e.g. <code>/latest Tartus</code>."
        )
    assert isinstance(result, Latest)
    topic = quoted(result.topic) if result.topic is not None else "this chat's subscriptions"
    if not result.searchable:
        return Reply("No articles yet: the bot has not stored any news to search.")
    if not result.articles:
        return Reply(
            f"No stored article matches {topic} yet. Try a broader query: fewer words, "
            "or spellings joined with OR, e.g. <code>/latest kyiv OR kiev</code>."
        )
    lines = [f"<b>Latest for {topic}:</b>"]
    for number, article in enumerate(result.articles, 1):
        lines.append(f"{number}. {_article_line(article, now)}")
    return Reply("\n".join(lines))


def _article_line(article: Article, now: datetime) -> str:
    title = escape(cut_chars(article.title or article.url, 150))
    url = safe_url(article.url)  # a javascript: link never reaches a chat
    link = f'<a href="{escape(url, quote=True)}">{title}</a>' if url else title
    parts = [link]
    if article.source:
        parts.append(escape(article.source))
    parts.append(ago(article.when, now))
    return " · ".join(parts)


def _numbered(subscriptions: Sequence[Subscription]) -> list[str]:
    # Fifty queries of 200 characters would not fit one message: shorten when needed.
    width = max(40, _LIST_BUDGET // max(1, len(subscriptions)) - 8)
    lines = []
    for number, subscription in enumerate(subscriptions, 1):
        muted = " 🔕 (muted)" if subscription.muted else ""
        lines.append(f"{number}. {escape(cut_chars(subscription.query, width))}{muted}")
    return lines


def _remove_buttons(subscriptions: Sequence[Subscription]) -> tuple[Button, ...]:
    return tuple(
        (f"✖ {n}. {cut_chars(s.query, _BUTTON_LABEL)}", f"{REMOVE_PREFIX}{s.id}")
        for n, s in enumerate(subscriptions, 1)
    )
