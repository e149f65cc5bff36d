"""Every text the bot replies with, as Telegram HTML; user text is always escaped.

Pure functions from result values to (html, buttons): the edge sends them. Buttons are
(label, callback_data) pairs so that nothing here depends on Telegram's types.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
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
from bot.i18n import N_, Translator
from bot.models import Article, Subscription
from bot.telegram_text import shorten, visible_len
from bot.text import cut_chars, safe_url

Button = tuple[str, str]  # (label, callback_data)

# Callback data of the edge's own buttons (alert buttons use mute:/unsub:, see bot/alerts).
REMOVE_PREFIX = "rm:"
UNMUTE_PREFIX = "unmute:"  # the undo button under "Muted …", and in /list
MUTE_PREFIX, UNSUB_PREFIX = "mute:", "unsub:"  # as under an alert (bot/alerts/format.py)
SUBSCRIBE_PREFIX = "sub:"  # the hint's button: "sub:" and the text to follow
SETTING_PREFIX = "set:"  # the buttons of /settings: "set:<name>:<value>"
STOP_YES = "stop:yes"
STOP_NO = "stop:no"
LANGUAGE_PREFIX = "lang:"  # the /language picker: lang:<code>, or lang: for automatic

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


# The command menu registered with setMyCommands (only the commands actually handled),
# once per language; the descriptions are translated when the menus are built.
MENU: tuple[tuple[str, str], ...] = (
    ("subscribe", N_("Follow a topic: /subscribe syria -ukraine")),
    ("list", N_("Your subscriptions, with buttons to remove them")),
    ("unsubscribe", N_("Stop following a topic (query or number)")),
    ("latest", N_("The newest stored articles on a topic")),
    ("pause", N_("Pause alerts, keep subscriptions")),
    ("resume", N_("Resume alerts")),
    ("digest", N_("Instant alerts, or an hourly or daily digest")),
    ("timezone", N_("Your time zone for digests and quiet hours")),
    ("quiet", N_("Quiet hours, e.g. /quiet 22:00-07:00")),
    ("settings", N_("Everything about this chat, with buttons")),
    ("feeds", N_("The feeds this chat reads; add your own")),
    ("export", N_("Your feeds (OPML) and subscriptions (text) as files")),
    ("import", N_("Reply to an OPML or text file to import it")),
    ("language", N_("The language of the bot's replies")),
    ("help", N_("How to use the bot, with the query syntax")),
    ("start", N_("Start: a greeting and the short help")),
    ("stop", N_("Delete everything stored about this chat")),
    ("channel", N_("Manage a channel you run, from this private chat")),
)
# What a group's members who are not admins may run: the menu of the group-members scope.
MEMBER_COMMANDS = frozenset({"list", "latest", "help"})
# Commands only a private chat has: left out of the group admins' menu.
PRIVATE_COMMANDS = frozenset({"channel"})

USAGE: dict[str, str] = {
    "subscribe": N_("Usage: /subscribe &lt;query&gt;, e.g. <code>/subscribe syria -ukraine</code>"),
    "unsubscribe": N_("Usage: /unsubscribe &lt;query or its number in /list&gt;"),
    "list": N_("Usage: /list (no arguments)"),
    "settings": N_("Usage: /settings (no arguments)"),
    "latest": N_("Usage: /latest [topic], e.g. <code>/latest Tartus</code>"),
    "pause": N_("Usage: /pause (no arguments)"),
    "resume": N_("Usage: /resume (no arguments)"),
    "stop": N_("Usage: /stop (no arguments): deletes everything stored about this chat"),
    "start": N_("Usage: /start"),
    "help": N_("Usage: /help"),
    "language": N_("Usage: /language [code], e.g. <code>/language ru</code>, or /language auto"),
}

_SHORT_HELP = (
    N_("/subscribe &lt;query&gt; — follow a topic, e.g. <code>/subscribe Khmeimim</code>"),
    N_("/list — your subscriptions"),
    N_("/settings — this chat's settings, with buttons"),
    N_("/latest [topic] — the newest stored articles"),
    N_("/help — all commands and the query syntax"),
)

# One message id a line: a changed line needs only that line translated again.
_HELP = (
    N_(
        "<b>Newsbot</b> sends a short alert with a link when a news article matches one of "
        "this chat's subscriptions."
    ),
    "",
    N_("<b>Commands</b>"),
    N_(
        "/subscribe &lt;query&gt; (/sub, /add) — follow a topic; one a line to follow "
        "several; without a query, I ask for it"
    ),
    N_(
        "/unsubscribe &lt;query or number&gt; (/unsub, /remove) — stop following one; "
        "without an argument, buttons"
    ),
    N_("/list (/subscriptions) — numbered subscriptions, with buttons to remove them"),
    N_(
        "/latest [topic] (/news) — the newest stored articles on the topic, or for your "
        "subscriptions"
    ),
    N_("/pause, /resume — stop and restart alerts, keeping subscriptions"),
    N_("/digest off|hourly|daily HH:MM — instant alerts or a digest"),
    N_("/timezone Area/City — time zone for digests and quiet hours"),
    N_("/quiet HH:MM-HH:MM, /quiet off — hold alerts during quiet hours"),
    N_("/settings — everything about this chat on one screen, with buttons"),
    N_(
        "/feeds — the feeds this chat reads; /feeds add URL (a feed, or a site that announces "
        "one), /feeds remove N, /feeds only (just your own), /feeds all"
    ),
    N_(
        "/export — your feeds as OPML and your subscriptions as text; send such a file back "
        "(or reply /import to it) to import it"
    ),
    N_("/language — the language of the bot's replies in this chat"),
    N_("/stop — delete everything stored about this chat"),
    N_("/channel — in a private chat: manage a channel you run (/channel @name, /channel off)"),
    "",
    N_(
        "In groups, only admins change subscriptions and settings. In a forum, a "
        "subscription made in a topic alerts into that topic."
    ),
    "",
    N_("<b>Queries</b>"),
    N_("<code>syria russia</code> — both words"),
    N_('<code>"air base"</code> — the exact phrase'),
    N_("<code>kyiv OR kiev</code> — either word"),
    N_("<code>-ukraine</code> — must not occur"),
    N_("<code>russia (kyiv OR kiev)</code> — grouping"),
    N_(
        "Case and accents do not matter; plurals, typos and spelling variants of longer "
        "words are found (<code>Khmeimim</code> also finds Hmeimim)."
    ),
)

APOLOGY = N_("Sorry, something went wrong on my side. Please try again in a moment.")


def apology(t: Translator) -> str:
    """The apology of the error handler (plain text)."""
    return t.gettext(APOLOGY)


def menu(t: Translator, commands: Iterable[str]) -> list[tuple[str, str]]:
    """The command menu in one language: (command, description) of MENU, in its order,
    for the given commands only."""
    wanted = set(commands)
    return [(name, t.gettext(text)) for name, text in MENU if name in wanted]


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


def start(t: Translator, *, group: bool) -> Reply:
    """The greeting of /start with the short help."""
    hello = t.gettext("Hello everyone!") if group else t.gettext("Hello!")
    greeting = t.gettext("I send news alerts for the topics this chat follows.")
    return Reply(f"{hello} {greeting}\n\n{_lines(t, _SHORT_HELP)}")


def help_text(t: Translator) -> Reply:
    """The full help of /help."""
    return Reply(_lines(t, _HELP))


def slow_down(t: Translator, command: str, wait: float) -> Reply:
    """A chat sent too many searching commands at once (sent once, the rest are dropped)."""
    seconds = max(1, round(wait))
    return Reply(
        t.gettext(
            "Too many /{command} at once: please wait {seconds} s (until then they are ignored)."
        ).format(command=escape(command), seconds=seconds)
    )


def usage(t: Translator, command: str) -> Reply:
    """The one-line usage of a command."""
    if command in USAGE:
        return Reply(t.gettext(USAGE[command]))
    return Reply(t.gettext("Usage: /{command} — see /help").format(command=echo(command, 64)))


def unknown_command(t: Translator, command: str) -> Reply:
    """A command the bot does not know."""
    return Reply(
        t.gettext("I don't know /{command}. /help lists what I can do.").format(
            command=echo(command, 64)
        )
    )


def subscribed(t: Translator, result: SubscribeResult, *, now: datetime) -> Reply:
    """The answer to /subscribe."""
    if isinstance(result, Subscribed):
        text = t.gettext("Subscribed to {query}.").format(query=quoted(result.subscription.query))
        if result.ignored:
            words = ", ".join(quoted(word) for word in result.ignored)
            text += " " + t.gettext("Left out {words}: nothing to look for.").format(words=words)
        for hint in result.hints:  # message ids of bot/matching/query.py
            text += f"\n💡 {escape(t.gettext(hint))}"
        dry = result.dry_run
        if dry is not None and dry.scanned:
            text += " " + t.ngettext(
                "{matched} of the last {scanned} stored article would have matched.",
                "{matched} of the last {scanned} stored articles would have matched.",
                dry.scanned,
            ).format(matched=dry.matched, scanned=dry.scanned)
            if dry.newest is not None:
                newest = _article_line(t, dry.newest, now)
                text += "\n" + t.gettext("Newest: {article}").format(article=newest)
        elif dry is not None:
            text += " " + t.gettext("No articles are stored yet to try it on.")
        return Reply(text)
    if isinstance(result, AlreadySubscribed):
        return Reply(
            t.gettext("This chat already follows {query} (number {number} in /list).").format(
                query=quoted(result.subscription.query), number=result.number
            )
        )
    if isinstance(result, LimitReached):
        return Reply(
            t.gettext(
                "This chat already has the maximum of {limit} subscriptions: "
                "remove one with /unsubscribe first."
            ).format(limit=result.limit)
        )
    return invalid_query(t, result)


def invalid_query(t: Translator, result: InvalidQuery) -> Reply:
    """A query the parser refused, with its one-line reason (translated when the parser
    marked it as a message id; a reason quoting the query stays English)."""
    return Reply(f"⚠️ {echo(t.gettext(result.reason), REASON_LIMIT)}")


def unsubscribed(t: Translator, result: UnsubscribeResult) -> Reply:
    """The answer to /unsubscribe with an argument."""
    if isinstance(result, Unsubscribed):
        return Reply(
            t.gettext("Unsubscribed from {query}.").format(query=quoted(result.subscription.query))
        )
    if isinstance(result, NotSubscribed):
        what = result.what.removeprefix("#")
        if what.isdigit():
            if not result.count:
                text = t.gettext(
                    "There is no subscription number {number}: this chat has no subscriptions."
                )
            else:
                text = t.ngettext(
                    "There is no subscription number {number}: this chat has only {count}.",
                    "There is no subscription number {number}: this chat has only {count}.",
                    result.count,
                )
            return Reply(text.format(number=echo(what, 32), count=result.count))
        return Reply(
            t.gettext("This chat does not follow {query} (see /list).").format(
                query=quoted(result.what)
            )
        )
    return invalid_query(t, result)


def no_subscriptions(t: Translator) -> Reply:
    """/list or /unsubscribe in a chat without subscriptions."""
    return Reply(
        t.gettext("This chat has no subscriptions yet. Add one with /subscribe &lt;query&gt;.")
    )


def subscription_list(
    t: Translator, subscriptions: Sequence[Subscription], *, paused: bool = False
) -> Reply:
    """/list: numbered subscriptions with a remove button each, an unmute button for each
    muted one, and a first line saying so when the chat's alerts are paused."""
    if not subscriptions:
        return no_subscriptions(t)
    lines = _numbered(t, subscriptions)
    text = (
        "<b>"
        + t.gettext("This chat follows:")
        + "</b>\n"
        + "\n".join(lines)
        + "\n\n"
        + t.gettext("Tap a button to remove one.")
    )
    if any(s.muted for s in subscriptions):
        text += " " + t.gettext("🔕 marks a muted one: no alerts until you unmute it.")
    if paused:
        text = (
            t.gettext("⏸ <b>Alerts are paused</b> for this chat: /resume turns them on.")
            + "\n\n"
            + text
        )
    unmute = tuple(
        (
            t.gettext("🔔 Unmute {number}. {query}").format(
                number=n, query=cut_chars(s.query, _BUTTON_LABEL)
            ),
            f"{UNMUTE_PREFIX}{s.id}",
        )
        for n, s in enumerate(subscriptions, 1)
        if s.muted
    )
    return Reply(text, _remove_buttons(subscriptions) + unmute)


def choose_removal(t: Translator, subscriptions: Sequence[Subscription]) -> Reply:
    """/unsubscribe without argument: the buttons to pick one."""
    if not subscriptions:
        return no_subscriptions(t)
    lines = _numbered(t, subscriptions)
    text = t.gettext("Which one should I remove?") + "\n" + "\n".join(lines)
    return Reply(text, _remove_buttons(subscriptions))


def pick_subscription(t: Translator, subscriptions: Sequence[Subscription]) -> Reply:
    """The picker under a combined message or digest: mute (or unmute) and unsubscribe
    buttons for each subscription behind it, two a row."""
    if not subscriptions:
        return Reply(t.gettext("Those subscriptions no longer exist. /list shows the ones left."))
    buttons: list[Button] = []
    for s in subscriptions:
        name = cut_chars(s.query, 24)
        if s.muted:
            buttons.append(
                (t.gettext("🔔 Unmute “{query}”").format(query=name), f"{UNMUTE_PREFIX}{s.id}")
            )
        else:
            buttons.append(
                (t.gettext("🔕 Mute “{query}”").format(query=name), f"{MUTE_PREFIX}{s.id}")
            )
        buttons.append(
            (t.gettext("✖ Unsubscribe “{query}”").format(query=name), f"{UNSUB_PREFIX}{s.id}")
        )
    return Reply(
        t.gettext(
            "Which one? Mute stops its alerts and keeps it in /list; Unsubscribe removes it."
        ),
        tuple(buttons),
        per_row=2,
    )


def ask_topic(t: Translator) -> Reply:
    """/subscribe without a query: ask for it (the answer to this message subscribes)."""
    return Reply(
        t.gettext(
            "What should I follow? Answer this message with a topic, e.g. <code>Khmeimim</code> "
            "or <code>syria -ukraine</code>; one a line to follow several."
        ),
        ask=True,
    )


# A summary of many lines stays under Telegram's 4,096 characters: each query is shortened
# and the lines past this budget are counted instead of listed.
_SUMMARY_BUDGET = 3600
_SUMMARY_QUERY = 60


def subscribed_many(t: Translator, results: Sequence[tuple[str, SubscribeResult]]) -> Reply:
    """The one summary of a /subscribe with one query a line."""
    added = [r.subscription.query for _, r in results if isinstance(r, Subscribed)]
    known = [r.subscription.query for _, r in results if isinstance(r, AlreadySubscribed)]
    known = list(dict.fromkeys(known))  # a line given twice is "already followed" once
    lines: list[str] = []
    if added:
        lines.append(
            t.ngettext(
                "Subscribed to {count}: {queries}.",
                "Subscribed to {count}: {queries}.",
                len(added),
            ).format(count=len(added), queries=_quoted_list(t, added))
        )
    if known:
        lines.append(
            t.gettext("Already followed: {queries}.").format(queries=_quoted_list(t, known))
        )
    refused = []
    for text, result in results:
        if isinstance(result, LimitReached):
            refused.append(
                t.ngettext(
                    "Not added {query}: this chat has the maximum of {limit} subscription.",
                    "Not added {query}: this chat has the maximum of {limit} subscriptions.",
                    result.limit,
                ).format(query=_short(text), limit=result.limit)
            )
        elif isinstance(result, InvalidQuery):
            refused.append(
                t.gettext("⚠️ Not added {query}: {reason}").format(
                    query=_short(text), reason=echo(t.gettext(result.reason), 200)
                )
            )
    size = sum(visible_len(line) + 1 for line in lines)
    for number, line in enumerate(refused):
        if size + visible_len(line) > _SUMMARY_BUDGET:
            more = len(refused) - number
            lines.append(
                t.ngettext(
                    "… and {count} more not added.", "… and {count} more not added.", more
                ).format(count=more)
            )
            break
        lines.append(line)
        size += visible_len(line) + 1
    return Reply("\n".join(lines) or t.gettext("Nothing to follow in that."))


def _short(text: str) -> str:
    return f"“{echo(text, _SUMMARY_QUERY)}”"


def _quoted_list(t: Translator, queries: Sequence[str], budget: int = _SUMMARY_BUDGET // 3) -> str:
    shown: list[str] = []
    for number, query in enumerate(queries):
        item = _short(query)
        budget -= visible_len(item) + 2
        if budget < 0:
            more = len(queries) - number
            return t.ngettext(
                "{queries} and {count} more", "{queries} and {count} more", more
            ).format(queries=", ".join(shown), count=more)
        shown.append(item)
    return ", ".join(shown)


# Room for the text in the hint's button: callback_data is at most 64 bytes.
_HINT_DATA_BYTES = 64 - len(SUBSCRIBE_PREFIX.encode())


def hint(t: Translator, text: str) -> Reply:
    """A plain message in a private chat: how to follow it, and a button that does."""
    topic = " ".join(text.split())
    if not topic:
        return Reply(
            t.gettext("Send <code>/subscribe Khmeimim</code> to follow a topic, or /help.")
        )
    if len(topic.encode()) > _HINT_DATA_BYTES:
        return Reply(
            t.gettext(
                "Send <code>/subscribe {topic}</code> to follow it. "
                "/help lists everything I can do."
            ).format(topic=echo(topic, 100))
        )
    answer = t.gettext(
        "Send <code>/subscribe {topic}</code> to follow it, or tap the button. "
        "/help lists everything I can do."
    ).format(topic=echo(topic, 100))
    label = t.gettext("➕ Follow “{topic}”").format(topic=cut_chars(topic, 40))
    return Reply(answer, ((label, SUBSCRIBE_PREFIX + topic),))


def removed_by_button(t: Translator, subscription: Subscription | None) -> str:
    """The short notice shown when a remove button was pressed (plain text)."""
    if subscription is None:
        return t.gettext("That subscription was already removed.")
    return t.gettext("Unsubscribed from “{query}”.").format(query=cut_chars(subscription.query, 60))


def paused(t: Translator, changed: bool) -> Reply:
    if changed:
        return Reply(t.gettext("Paused: no alerts until /resume. Subscriptions are kept."))
    return Reply(t.gettext("Alerts are already paused. /resume turns them back on."))


def resumed(t: Translator, changed: bool) -> Reply:
    if changed:
        return Reply(t.gettext("Resumed: alerts are on again."))
    return Reply(t.gettext("Alerts are already on."))


def stop_confirmation(t: Translator, subscription_count: int) -> Reply:
    """/stop: what will be deleted, with the confirmation buttons."""
    if subscription_count == 0:  # "its 0 subscriptions" reads like a mistake
        text = t.gettext(
            "Delete everything stored about this chat: its settings (it has no "
            "subscriptions)? This cannot be undone."
        )
    else:
        text = t.ngettext(
            "Delete everything stored about this chat: its {count} subscription and its "
            "settings? This cannot be undone.",
            "Delete everything stored about this chat: its {count} subscriptions and its "
            "settings? This cannot be undone.",
            subscription_count,
        ).format(count=subscription_count)
    return Reply(
        text,
        ((t.gettext("Yes, delete everything"), STOP_YES), (t.gettext("Cancel"), STOP_NO)),
    )


def stopped(t: Translator) -> Reply:
    return Reply(
        t.gettext("Done: everything stored about this chat is deleted. /start begins again.")
    )


def stop_cancelled(t: Translator) -> Reply:
    return Reply(t.gettext("Cancelled: nothing was deleted."))


def stale_button(t: Translator) -> str:
    """The answer to a button no handler knows (an old message), plain text."""
    return t.gettext("This button no longer works.")


# -- alert buttons and delivery settings (handlers/alert_buttons.py, alert_settings.py) --

GONE = N_("That subscription no longer exists.")  # a button of a removed subscription


def gone(t: Translator) -> str:
    """The answer to a button of a subscription that was removed since (plain text)."""
    return t.gettext(GONE)


def muted(t: Translator, subscription: Subscription) -> tuple[str, Reply]:
    """The button's short answer and the reply, with the button that undoes the mute."""
    query = subscription.query
    undo = (
        t.gettext("Unmute “{query}”").format(query=query[:28]),
        f"{UNMUTE_PREFIX}{subscription.id}",
    )
    return t.gettext("Muted “{query}”").format(query=query), Reply(
        t.gettext(
            "Muted {query}: no alerts for it until you unmute it with the button "
            "below. It stays in /list."
        ).format(query=quoted(query)),
        (undo,),
    )


def unmuted(t: Translator, subscription: Subscription) -> tuple[str, Reply]:
    """The button's short answer and the reply after an unmute."""
    query = subscription.query
    return t.gettext("Unmuted “{query}”").format(query=query), Reply(
        t.gettext("Unmuted {query}: its alerts come again.").format(query=quoted(query))
    )


def unsubscribed_by_button(t: Translator, subscription: Subscription) -> tuple[str, Reply]:
    """The button's short answer and the reply after "Unsubscribe" under an alert."""
    query = subscription.query
    return t.gettext("Unsubscribed from “{query}”").format(query=query), Reply(
        t.gettext("Unsubscribed from {query}. To follow it again: {command}").format(
            query=quoted(query), command=f"<code>/subscribe {escape(query)}</code>"
        )
    )


def latest(t: Translator, result: LatestResult, *, now: datetime) -> Reply:
    """The answer to /latest."""
    if isinstance(result, InvalidQuery):
        return invalid_query(t, result)
    if isinstance(result, NothingToFollow):
        return Reply(
            t.gettext(
                "This chat has no subscriptions to look for: give a topic, "
                "e.g. <code>/latest Tartus</code>."
            )
        )
    assert isinstance(result, Latest)
    if not result.searchable:
        return Reply(t.gettext("No articles yet: the bot has not stored any news to search."))
    if result.topic is not None:
        topic = quoted(result.topic)
        empty = t.gettext(
            "No stored article matches {topic} yet. Try a broader query: fewer words, "
            "or spellings joined with OR, e.g. <code>/latest kyiv OR kiev</code>."
        )
        header = t.gettext("Latest for {topic}:")
    else:
        topic = ""
        empty = t.gettext(
            "No stored article matches this chat's subscriptions yet. Try a broader query: "
            "fewer words, or spellings joined with OR, e.g. <code>/latest kyiv OR kiev</code>."
        )
        header = t.gettext("Latest for this chat's subscriptions:")
    if not result.articles:
        return Reply(empty.format(topic=topic))
    lines = [f"<b>{header.format(topic=topic)}</b>"]
    for number, article in enumerate(result.articles, 1):
        lines.append(f"{number}. {_article_line(t, article, now)}")
    return Reply("\n".join(lines))


def _lines(t: Translator, lines: Sequence[str]) -> str:
    return "\n".join(t.gettext(line) if line else "" for line in lines)


def _ago(t: Translator, when: datetime, now: datetime) -> str:
    """A short relative time: just now, 5 min ago, 3 h ago, 2 d ago."""
    seconds = max(0.0, (now - when).total_seconds())
    if seconds < 60:
        return t.gettext("just now")
    if seconds < 3600:
        return t.gettext("{n} min ago").format(n=int(seconds // 60))
    if seconds < 48 * 3600:
        return t.gettext("{n} h ago").format(n=int(seconds // 3600))
    return t.gettext("{n} d ago").format(n=int(seconds // 86400))


def _article_line(t: Translator, article: Article, now: datetime) -> str:
    title = escape(cut_chars(article.title or article.url, 150))
    url = safe_url(article.url)  # a javascript: link never reaches a chat
    link = f'<a href="{escape(url, quote=True)}">{title}</a>' if url else title
    parts = [link]
    if article.source:
        parts.append(escape(article.source))
    parts.append(_ago(t, article.when, now))
    return " · ".join(parts)


def _numbered(t: Translator, subscriptions: Sequence[Subscription]) -> list[str]:
    # Fifty queries of 200 characters would not fit one message: shorten when needed.
    width = max(40, _LIST_BUDGET // max(1, len(subscriptions)) - 8)
    mark = " 🔕 " + t.gettext("(muted)")
    lines = []
    for number, subscription in enumerate(subscriptions, 1):
        muted = mark if subscription.muted else ""
        lines.append(f"{number}. {escape(cut_chars(subscription.query, width))}{muted}")
    return lines


def _remove_buttons(subscriptions: Sequence[Subscription]) -> tuple[Button, ...]:
    return tuple(
        (f"✖ {n}. {cut_chars(s.query, _BUTTON_LABEL)}", f"{REMOVE_PREFIX}{s.id}")
        for n, s in enumerate(subscriptions, 1)
    )
