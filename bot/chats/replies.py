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
from bot.telegram_text import shorten
from bot.text import ago, cut_chars, safe_url

Button = tuple[str, str]  # (label, callback_data)

# Callback data of the edge's own buttons (alert buttons use mute:/unsub:, see bot/alerts).
REMOVE_PREFIX = "rm:"
UNMUTE_PREFIX = "unmute:"  # the undo button under "Muted …"
STOP_YES = "stop:yes"
STOP_NO = "stop:no"

# Room left under Telegram's 4096 characters for the header and footer of a list.
_LIST_BUDGET = 3600
_BUTTON_LABEL = 28


@dataclass(frozen=True, slots=True)
class Reply:
    """One message to send: HTML text and optional inline buttons, one per row."""

    html: str
    buttons: tuple[Button, ...] = ()


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
    "/latest [topic] — the newest stored articles\n"
    "/help — all commands and the query syntax"
)

_HELP = (
    "<b>Newsbot</b> sends a short alert with a link when a news article matches one of "
    "this chat's subscriptions.\n\n"
    "<b>Commands</b>\n"
    "/subscribe &lt;query&gt; (/sub, /add) — follow a topic\n"
    "/unsubscribe &lt;query or number&gt; (/unsub, /remove) — stop following one; "
    "without an argument, buttons\n"
    "/list (/subscriptions) — numbered subscriptions, with buttons to remove them\n"
    "/latest [topic] (/news) — the newest stored articles on the topic, or for your "
    "subscriptions\n"
    "/pause, /resume — stop and restart alerts, keeping subscriptions\n"
    "/digest off|hourly|daily HH:MM — instant alerts or a digest\n"
    "/timezone Area/City — time zone for digests and quiet hours\n"
    "/quiet HH:MM-HH:MM, /quiet off — hold alerts during quiet hours\n"
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


def subscription_list(subscriptions: Sequence[Subscription]) -> Reply:
    """/list: numbered subscriptions with a remove button each."""
    if not subscriptions:
        return no_subscriptions()
    lines = _numbered(subscriptions)
    text = "<b>This chat follows:</b>\n" + "\n".join(lines) + "\n\nTap a button to remove one."
    return Reply(text, _remove_buttons(subscriptions))


def choose_removal(subscriptions: Sequence[Subscription]) -> Reply:
    """/unsubscribe without argument: the buttons to pick one."""
    if not subscriptions:
        return no_subscriptions()
    lines = _numbered(subscriptions)
    text = "Which one should I remove?\n" + "\n".join(lines)
    return Reply(text, _remove_buttons(subscriptions))


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
        muted = " (muted)" if subscription.muted else ""
        lines.append(f"{number}. {escape(cut_chars(subscription.query, width))}{muted}")
    return lines


def _remove_buttons(subscriptions: Sequence[Subscription]) -> tuple[Button, ...]:
    return tuple(
        (f"✖ {n}. {cut_chars(s.query, _BUTTON_LABEL)}", f"{REMOVE_PREFIX}{s.id}")
        for n, s in enumerate(subscriptions, 1)
    )
