"""The texts of /feeds, /export and /import, as Telegram HTML; outside text is escaped.

Pure functions from bot.chats.feeds and bot.chats.transfer results to replies.
"""

from __future__ import annotations

from html import escape

from bot.chats.feeds import (
    AddResult,
    FeedAdded,
    FeedKnown,
    FeedLine,
    FeedList,
    FeedRemoved,
    RemoveResult,
    ScopeChanged,
    ScopeResult,
    feed_key,
)
from bot.chats.replies import REASON_LIMIT, Button, Reply, echo
from bot.chats.transfer import ImportSummary
from bot.reading.feeds import host_of
from bot.text import cut_chars

FEED_REMOVE_PREFIX = "feedrm:"  # + feed_key(url)
FEEDS_USAGE = "Usage: /feeds, /feeds add URL, /feeds remove N, /feeds only or /feeds all"
EXPORT_USAGE = "Usage: /export (no arguments): this chat's feeds as OPML, its subscriptions as text"
IMPORT_USAGE = (
    "Usage: reply /import to an OPML file of feeds or a text file of queries (one a line); "
    "in a private chat, just send me the file."
)
# The operator's list is shown in full up to this many feeds, then counted.
_OPERATOR_SHOWN = 25
_BUTTON_LABEL = 28
# Visible characters for the list of a chat's own feeds (Telegram takes 4096 in all), in
# lines of at least 56 characters, each with its remove button (/feeds remove N reaches
# any feed beyond).
_OWN_BUDGET = 2400
_OWN_SHOWN = _OWN_BUDGET // 56
_LINE_WIDTH = 70


def _name(line: FeedLine, width: int = _LINE_WIDTH) -> str:
    """A feed as a line: its title (when read) and its URL, escaped."""
    url = escape(cut_chars(line.url, width))
    if line.title:
        return f"{escape(cut_chars(line.title, 50))} — {url}"
    return url


def _short_name(line: FeedLine) -> str:
    """An operator's feed in a few words: its title, else its host."""
    return escape(cut_chars(line.title or host_of(line.url) or line.url, 50))


def feed_list(sources: FeedList) -> Reply:
    """/feeds: the sources the chat's subscriptions see, own feeds numbered with buttons."""
    parts: list[str] = []
    if sources.only:
        parts.append(
            "<b>This chat's subscriptions see only its own feeds</b> (/feeds all to add the bot's)."
        )
    else:
        parts.append(f"<b>The bot's feeds</b> ({len(sources.operator)}):")
        shown = sources.operator[:_OPERATOR_SHOWN]
        parts.extend(f"• {_short_name(line)}" for line in shown)
        if len(sources.operator) > len(shown):
            parts.append(f"… and {len(sources.operator) - len(shown)} more")
    if sources.own:
        parts.append("")
        parts.append(f"<b>This chat's own feeds</b> ({len(sources.own)}):")
        # However many feeds an operator allows, the list stays within one message.
        shown_own = sources.own[:_OWN_SHOWN]
        width = _OWN_BUDGET // len(shown_own) - 8
        for n, line in enumerate(shown_own, 1):
            name = _name(line) if width >= 130 else escape(cut_chars(line.url, width))
            parts.append(f"{n}. {name}")
        if len(sources.own) > len(shown_own):
            parts.append(f"… and {len(sources.own) - len(shown_own)} more (/feeds remove N)")
        parts.append("")
        parts.append("Tap a button to remove one; /feeds only to follow just these.")
    elif sources.enabled:
        parts.append("")
        parts.append("Add a feed of your own: /feeds add https://example.com/rss")
    text = "\n".join(parts)
    buttons: tuple[Button, ...] = tuple(
        (
            f"✖ {n}. {cut_chars(line.title or line.url, _BUTTON_LABEL)}",
            FEED_REMOVE_PREFIX + feed_key(line.url),
        )
        for n, line in enumerate(sources.own[:_OWN_SHOWN], 1)
    )
    return Reply(text, buttons)


def feed_added(result: AddResult) -> Reply:
    """The answer to /feeds add."""
    if isinstance(result, FeedAdded):
        title = escape(cut_chars(result.title, 80)) if result.title else "(untitled)"
        entries = "1 entry" if result.entries == 1 else f"{result.entries} entries"
        return Reply(
            f"Added feed {result.number}: <b>{title}</b>, {entries} now.\n"
            f"{escape(cut_chars(result.url, 200))}"
        )
    if isinstance(result, FeedKnown):
        if result.number == 0:
            return Reply("The bot already reads that feed for every chat.")
        return Reply(f"This chat already has that feed (number {result.number} in /feeds).")
    return refused(result.reason)


def feed_removed(result: RemoveResult) -> Reply:
    """The answer to /feeds remove N (or its button)."""
    if isinstance(result, FeedRemoved):
        name = result.title or result.url
        return Reply(f"Removed the feed {escape(cut_chars(name, 100))}.")
    return refused(result.reason)


def removed_notice(result: RemoveResult) -> str:
    """The short plain-text notice of a remove button (at most 200 characters)."""
    if isinstance(result, FeedRemoved):
        return f"Removed the feed {cut_chars(result.title or result.url, 100)}."
    return cut_chars(result.reason[:1].upper() + result.reason[1:] + ".", 190)


def scope_set(result: ScopeResult) -> Reply:
    """The answer to /feeds only and /feeds all."""
    if isinstance(result, ScopeChanged):
        if result.only:
            again = "" if result.changed else "Already so: "
            return Reply(f"{again}This chat's subscriptions now see only its own feeds.")
        again = "" if result.changed else "Already so: "
        return Reply(f"{again}This chat's subscriptions see the bot's feeds and its own.")
    return refused(result.reason)


def refused(reason: str) -> Reply:
    """A one-line refusal: the reason, capitalised."""
    return Reply(f"⚠️ {echo(reason[:1].upper() + reason[1:], REASON_LIMIT)}.")


def exported(feeds: int, subscriptions: int) -> Reply:
    """The message after the export files (or instead of them, when there is nothing)."""
    if not feeds and not subscriptions:
        return Reply("This chat has no feeds of its own and no subscriptions to export.")
    return Reply(
        f"Exported {feeds} feed{'s' if feeds != 1 else ''} and {subscriptions} "
        f"subscription{'s' if subscriptions != 1 else ''}. Send a file back to me to import it."
    )


def imported(summary: ImportSummary) -> Reply:
    """The summary of /import: added, duplicates, refused and why."""
    what = "feeds" if summary.kind == "feeds" else "subscriptions"
    lines = [
        f"Imported {what}: {summary.added} added, {summary.duplicates} already there, "
        f"{len(summary.refused)} refused."
    ]
    for item, reason in summary.refused[:20]:
        lines.append(f"• {echo(cut_chars(item, 80))}: {echo(reason, 200)}")
    if len(summary.refused) > 20:
        lines.append(f"… and {len(summary.refused) - 20} more")
    return Reply("\n".join(lines))  # at most 21 lines of about 300 characters


def feeds_usage() -> Reply:
    return Reply(FEEDS_USAGE)


def export_usage() -> Reply:
    return Reply(EXPORT_USAGE)


def import_usage() -> Reply:
    return Reply(IMPORT_USAGE)


def import_refused(reason: str) -> Reply:
    """A file that could not be imported, with the one-line reason."""
    return Reply(f"⚠️ Nothing imported: {echo(reason, REASON_LIMIT)}.")
