"""Alert messages: one story, or several as a numbered list, as Telegram HTML with buttons."""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from bot.alerts.decide import Delivery, DeliveryKind
from bot.models import Hit, OutboxEntry
from bot.text import cut_at_word, safe_url

MAX_MESSAGE = 4096  # Telegram's limit on a message's text
# Leave room: the limit counts text after entity parsing, we measure the HTML (longer).
MESSAGE_BUDGET = 4000
SUMMARY_CHARS = 300
TITLE_CHARS = 250
BUTTON_QUERY_CHARS = 24
MAX_BUTTON_SUBSCRIPTIONS = 3  # a story matching more subscriptions gets buttons for three


@dataclass(frozen=True, slots=True)
class Message:
    """One Telegram message to send: HTML, inline buttons, link preview, and the entries."""

    html: str
    buttons: tuple[tuple[str, str], ...] = ()  # (text, callback_data)
    preview_url: str | None = None
    keys: tuple[tuple[int, str], ...] = ()  # outbox keys this message delivers

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
        name = cut_at_word(hit.query, BUTTON_QUERY_CHARS)
        buttons.append((f"Mute “{name}”", f"mute:{hit.subscription_id}"))
        label = "Unsubscribe" if len(shown) == 1 else f"Unsubscribe “{name}”"
        buttons.append((label, f"unsub:{hit.subscription_id}"))
    return tuple(buttons)


def format_alert(entry: OutboxEntry) -> Message:
    """The alert for one story: bold title, summary, source · time, link, matched terms."""
    story = entry.story
    url = safe_url(story.url)
    lines = [f"🔔 <b>{esc(cut_at_word(story.title, TITLE_CHARS) or 'Untitled')}</b>"]
    if story.summary:
        lines.append(esc(cut_at_word(story.summary, SUMMARY_CHARS)))
    source = " · ".join(p for p in (story.source.strip(), format_time(story.when)) if p)
    lines.append(esc(cut_at_word(source, 120)))
    if url:
        lines.append(esc(url) if len(url) <= 1000 else f'<a href="{esc(url)}">link</a>')
    if entry.terms:
        lines.append(f"<i>matched: {esc(cut_at_word(', '.join(entry.terms), 400))}</i>")
    return Message(
        html="\n".join(lines),
        buttons=_buttons(entry.hits),
        preview_url=url or None,
        keys=(entry.key,),
    )


def _item(entry: OutboxEntry, number: int) -> str:
    story = entry.story
    title = esc(cut_at_word(story.title, TITLE_CHARS) or "Untitled")
    url = safe_url(story.url)
    linked = f'<a href="{esc(url)}">{title}</a>' if url and len(url) <= 1000 else title
    source = " · ".join(p for p in (story.source.strip(), format_time(story.when)) if p)
    line = f"{number}. {linked}\n    {esc(cut_at_word(source, 120))}"
    if entry.terms:
        line += f" — <i>matched: {esc(cut_at_word(', '.join(entry.terms), 200))}</i>"
    return line


def format_list(heading: str, entries: Iterable[OutboxEntry]) -> list[Message]:
    """Several stories as numbered titles with links, newest first, split under 4096 chars."""
    ordered = sorted(entries, key=lambda e: e.story.when, reverse=True)
    first = f"{heading} ({len(ordered)})"
    more = f"{heading} (continued)"
    messages: list[Message] = []
    lines: list[str] = [first]
    keys: list[tuple[int, str]] = []
    size = len(first)
    for number, entry in enumerate(ordered, 1):
        item = _item(entry, number)
        if keys and size + 1 + len(item) > MESSAGE_BUDGET:
            messages.append(Message("\n".join(lines), keys=tuple(keys)))
            lines, keys, size = [more], [], len(more)
        lines.append(item)
        keys.append(entry.key)
        size += 1 + len(item)
    if keys:
        messages.append(Message("\n".join(lines), keys=tuple(keys)))
    return messages


def format_plan(plan: Delivery) -> list[Message]:
    """The message(s) that carry out a plan."""
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
    linked = _LINK.sub(lambda found: f"{found.group(2)} {found.group(1)}", text)
    return html.unescape(_TAG.sub("", linked))
