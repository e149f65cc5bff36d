"""Alert messages: one story, or several as a numbered list, as Telegram HTML with buttons."""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime

from bot.alerts.decide import Delivery, DeliveryKind
from bot.models import Hit, OutboxEntry
from bot.telegram_text import MAX_MESSAGE, shorten, utf16_len, visible_len
from bot.text import safe_url

# Lengths below are UTF-16 units of the text a user sees, as Telegram counts them. A list
# message stays within MAX_MESSAGE both as HTML and as its plain-text fallback.
MESSAGE_BUDGET = MAX_MESSAGE
SUMMARY_CHARS = 300
TITLE_CHARS = 250
BUTTON_QUERY_CHARS = 24
MAX_LINK_IN_TEXT = 1000  # a longer address is a "link" anchor, and left out of plain text
MAX_BUTTON_SUBSCRIPTIONS = 3  # a story matching more subscriptions gets buttons for three


@dataclass(frozen=True, slots=True)
class Message:
    """One Telegram message to send: HTML, inline buttons, link preview, and the entries."""

    html: str
    buttons: tuple[tuple[str, str], ...] = ()  # (text, callback_data)
    preview_url: str | None = None
    keys: tuple[tuple[int, str], ...] = ()  # outbox keys this message delivers
    thread_id: int | None = None  # the forum topic it goes to

    @property
    def plain(self) -> str:
        """The same message without markup, for a chat where the HTML was rejected."""
        return to_plain(self.html)


def esc(text: str) -> str:
    """Escape an outside string for Telegram's HTML parse mode."""
    return html.escape(text, quote=True)


def format_time(when: datetime) -> str:
    """`14 Dec 2024 13:20 UTC`."""
    return when.astimezone(UTC).strftime("%d %b %Y %H:%M UTC").lstrip("0")


def _buttons(hits: Sequence[Hit]) -> tuple[tuple[str, str], ...]:
    shown = hits[:MAX_BUTTON_SUBSCRIPTIONS]
    buttons: list[tuple[str, str]] = []
    for hit in shown:
        name = shorten(hit.query, BUTTON_QUERY_CHARS)
        buttons.append((f"Mute “{name}”", f"mute:{hit.subscription_id}"))
        label = "Unsubscribe" if len(shown) == 1 else f"Unsubscribe “{name}”"
        buttons.append((label, f"unsub:{hit.subscription_id}"))
    return tuple(buttons)


def format_alert(entry: OutboxEntry) -> Message:
    """The alert for one story: bold title, summary, source · time, link, matched terms."""
    story = entry.story
    url = safe_url(story.url)
    lines = [f"🔔 <b>{esc(shorten(story.title, TITLE_CHARS) or 'Untitled')}</b>"]
    if story.summary:
        lines.append(esc(shorten(story.summary, SUMMARY_CHARS)))
    source = " · ".join(p for p in (story.source.strip(), format_time(story.when)) if p)
    lines.append(esc(shorten(source, 120)))
    if url:
        lines.append(esc(url) if len(url) <= MAX_LINK_IN_TEXT else f'<a href="{esc(url)}">link</a>')
    if entry.terms:
        lines.append(f"<i>matched: {esc(shorten(', '.join(entry.terms), 400))}</i>")
    return Message(
        html="\n".join(lines),
        buttons=_buttons(entry.hits),
        preview_url=url or None,
        keys=(entry.key,),
    )


def _item(entry: OutboxEntry, number: int) -> str:
    story = entry.story
    title = esc(shorten(story.title, TITLE_CHARS) or "Untitled")
    url = safe_url(story.url)
    linked = f'<a href="{esc(url)}">{title}</a>' if url and len(url) <= MAX_LINK_IN_TEXT else title
    source = " · ".join(p for p in (story.source.strip(), format_time(story.when)) if p)
    line = f"{number}. {linked}\n    {esc(shorten(source, 120))}"
    if entry.terms:
        line += f" — <i>matched: {esc(shorten(', '.join(entry.terms), 200))}</i>"
    return line


def _sizes(markup: str) -> tuple[int, int]:
    """(as HTML, as its plain-text fallback), in the UTF-16 units Telegram counts."""
    return visible_len(markup), utf16_len(to_plain(markup))


def format_list(heading: str, entries: Iterable[OutboxEntry]) -> list[Message]:
    """Several stories as numbered titles with links, newest first, split into as many
    messages as needed so that each fits Telegram's limit, as HTML and as plain text."""
    ordered = sorted(entries, key=lambda e: e.story.when, reverse=True)
    first = f"{heading} ({len(ordered)})"
    more = f"{heading} (continued)"
    messages: list[Message] = []
    lines: list[str] = [first]
    keys: list[tuple[int, str]] = []
    size, plain_size = _sizes(first)
    for number, entry in enumerate(ordered, 1):
        item = _item(entry, number)
        item_size, item_plain = _sizes(item)
        if keys and max(size + 1 + item_size, plain_size + 1 + item_plain) > MESSAGE_BUDGET:
            messages.append(Message("\n".join(lines), keys=tuple(keys)))
            lines, keys = [more], []
            size, plain_size = _sizes(more)
        lines.append(item)
        keys.append(entry.key)
        size += 1 + item_size
        plain_size += 1 + item_plain
    if keys:
        messages.append(Message("\n".join(lines), keys=tuple(keys)))
    return messages


def format_plan(plan: Delivery) -> list[Message]:
    """The message(s) that carry out a plan, to the forum topic of its entries."""
    messages = _plan_messages(plan)
    thread = plan.entries[0].thread_id if plan.entries else None
    return [replace(m, thread_id=thread) for m in messages] if thread is not None else messages


def _plan_messages(plan: Delivery) -> list[Message]:
    if plan.kind == DeliveryKind.SINGLE:
        return [format_alert(plan.entries[0])]
    heading = {
        DeliveryKind.BURST: "🔔 <b>New stories for you</b>",
        DeliveryKind.DIGEST: "🗞 <b>Your news digest</b>",
        DeliveryKind.QUIET: "🌙 <b>While your quiet hours were on</b>",
    }.get(plan.kind)
    if heading is None:
        return []
    return format_list(heading, plan.entries)


_TAG = re.compile(r"<[^>]+>")
_LINK = re.compile(r'<a href="([^"]*)">(.*?)</a>', re.DOTALL)


def to_plain(text: str) -> str:
    """HTML made by this module as plain text (tags dropped, entities decoded); a linked
    title keeps its address after it, or a list sent as text would lose every link."""
    linked = _LINK.sub(_plain_link, text)
    return html.unescape(_TAG.sub("", linked))


def _plain_link(found: re.Match[str]) -> str:
    address = found.group(1)
    if len(address) > MAX_LINK_IN_TEXT:  # the HTML showed "link": keep the text short
        return found.group(2)
    return f"{found.group(2)} {address}"
