"""Alert messages: one story, or several as a numbered list, as Telegram HTML with buttons."""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime, tzinfo

from bot.alerts.decide import Delivery, DeliveryKind
from bot.alerts.schedule import zone
from bot.models import Chat, Hit, OutboxEntry
from bot.telegram_text import MAX_MESSAGE, shorten, utf16_len, visible_len
from bot.text import safe_url

# Lengths below are UTF-16 units of the text a user sees, as Telegram counts them. A list
# message stays within MAX_MESSAGE both as HTML and as its plain-text fallback.
MESSAGE_BUDGET = MAX_MESSAGE
SUMMARY_CHARS = 300
TITLE_CHARS = 250
BUTTON_QUERY_CHARS = 24
MAX_LINK_IN_TEXT = 1000  # a longer address is a "link" anchor, and left out of plain text
# Up to this many subscriptions, a single alert has a row [Mute “q”] [Unsubscribe “q”] for
# each; beyond, a Mute button for each (two a row) and one button opening the picker.
PAIRED_SUBSCRIPTIONS = 3
MAX_BUTTONS = 100  # Telegram's limit on the buttons of one keyboard
MUTE_PREFIX, UNSUB_PREFIX = "mute:", "unsub:"
# The button under a list or a crowded alert opens a picker of the subscriptions named in
# its data: "pick:" and their ids in base 36, joined by "."; "pick:" alone when they do
# not fit the 64 bytes of callback_data (the picker then offers all of the chat's).
PICK_PREFIX = "pick:"
MAX_CALLBACK_DATA = 64


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


def format_time(when: datetime, tz: tzinfo = UTC) -> str:
    """`14 Dec 2024 13:20 UTC`, or in the chat's zone: `14 Dec 2024 14:20 CET`, `… UTC+03`."""
    local = when.astimezone(tz)
    name = local.strftime("%Z") or "UTC"
    if name[0] in "+-":  # zones without an abbreviation print their offset: "+03"
        name = f"UTC{name}"
    return f"{local.strftime('%d %b %Y %H:%M').lstrip('0')} {name}"


def matched_text(hits: Sequence[Hit]) -> str:
    """The "matched:" line: each subscription once, its query as typed, and the article's
    word in quotes where it differs (`Khmeimim ≈ “Hmeimim”`, `syria, Tartus ≈ “Tartous”`).

    Labels come from bot.matching (`Q ≈ W` for a typo, `W → Q` for an alias or an
    inflection, `Q` for an exact word); the same text for two subscriptions shows once.
    """
    shown: dict[str, str] = {}
    for hit in hits:
        text = _describe_hit(hit)
        shown.setdefault(_fold(text), text)
    return ", ".join(shown.values())


def _fold(text: str) -> str:
    return " ".join(word.lstrip("#") for word in text.casefold().split())


def _describe_hit(hit: Hit) -> str:
    found: dict[str, str] = {}  # folded query word -> "Word ≈ “article word”"
    for label in hit.terms:
        if " ≈ " in label:
            query_word, _, article_word = label.partition(" ≈ ")
        elif " → " in label:
            article_word, _, query_word = label.partition(" → ")
        else:
            continue  # an exact word: the query already says it
        if _fold(query_word) != _fold(article_word):
            found.setdefault(_fold(query_word), f"{query_word} ≈ “{article_word}”")
    words = hit.query.split()
    if len(words) == 1 and _fold(words[0]) in found:
        return found[_fold(words[0])]
    if not found:
        return hit.query
    return f"{hit.query} ({'; '.join(found.values())})"


def _picker_data(hits: Sequence[Hit]) -> str:
    ids = ".".join(_base36(hit.subscription_id) for hit in hits)
    data = PICK_PREFIX + ids
    return data if len(data.encode()) <= MAX_CALLBACK_DATA else PICK_PREFIX


def _base36(number: int) -> str:
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    text = ""
    while True:
        number, rest = divmod(number, 36)
        text = digits[rest] + text
        if not number:
            return text


def parse_picker(data: str) -> tuple[int, ...] | None:
    """The subscription ids of a picker button's data (empty: all of the chat's), or None."""
    if not data.startswith(PICK_PREFIX):
        return None
    body = data.removeprefix(PICK_PREFIX)
    try:
        return tuple(int(part, 36) for part in body.split(".")) if body else ()
    except ValueError:
        return None


def _buttons(hits: Sequence[Hit]) -> tuple[tuple[str, str], ...]:
    """A mute and an unsubscribe button for each subscription that fired (laid out two a
    row by the notifier), or, for many, a mute button each and one "Unsubscribe…" picker."""
    hits = list({hit.subscription_id: hit for hit in hits}.values())
    buttons: list[tuple[str, str]] = []
    if len(hits) <= PAIRED_SUBSCRIPTIONS:
        for hit in hits:
            name = shorten(hit.query, BUTTON_QUERY_CHARS)
            buttons.append((f"Mute “{name}”", f"{MUTE_PREFIX}{hit.subscription_id}"))
            label = "Unsubscribe" if len(hits) == 1 else f"Unsubscribe “{name}”"
            buttons.append((label, f"{UNSUB_PREFIX}{hit.subscription_id}"))
        return tuple(buttons)
    for hit in hits[: MAX_BUTTONS - 1]:
        name = shorten(hit.query, BUTTON_QUERY_CHARS)
        buttons.append((f"Mute “{name}”", f"{MUTE_PREFIX}{hit.subscription_id}"))
    buttons.append(("Unsubscribe…", _picker_data(hits)))  # beside the last Mute, or alone
    return tuple(buttons)


@dataclass(frozen=True, slots=True)
class Look:
    """What a chat's settings change in its messages: the time zone and link previews."""

    tz: tzinfo = UTC
    previews: bool = True

    @classmethod
    def of(cls, chat: Chat | None) -> Look:
        return cls() if chat is None else cls(zone(chat), chat.previews)


def format_alert(entry: OutboxEntry, look: Look = Look()) -> Message:
    """The alert for one story: bold title, summary, source · time, link, matched terms."""
    story = entry.story
    url = safe_url(story.url)
    lines = [f"🔔 <b>{esc(shorten(story.title, TITLE_CHARS) or 'Untitled')}</b>"]
    if story.summary:
        lines.append(esc(shorten(story.summary, SUMMARY_CHARS)))
    source = " · ".join(p for p in (story.source.strip(), format_time(story.when, look.tz)) if p)
    lines.append(esc(shorten(source, 120)))
    if url:
        lines.append(esc(url) if len(url) <= MAX_LINK_IN_TEXT else f'<a href="{esc(url)}">link</a>')
    if entry.hits:
        lines.append(f"<i>matched: {esc(shorten(matched_text(entry.hits), 400))}</i>")
    return Message(
        html="\n".join(lines),
        buttons=_buttons(entry.hits),
        preview_url=(url or None) if look.previews else None,
        keys=(entry.key,),
    )


def _item(entry: OutboxEntry, number: int, look: Look) -> str:
    story = entry.story
    title = esc(shorten(story.title, TITLE_CHARS) or "Untitled")
    url = safe_url(story.url)
    linked = f'<a href="{esc(url)}">{title}</a>' if url and len(url) <= MAX_LINK_IN_TEXT else title
    source = " · ".join(p for p in (story.source.strip(), format_time(story.when, look.tz)) if p)
    line = f"{number}. {linked}\n    {esc(shorten(source, 120))}"
    if entry.hits:
        line += f" — <i>matched: {esc(shorten(matched_text(entry.hits), 200))}</i>"
    return line


def _sizes(markup: str) -> tuple[int, int]:
    """(as HTML, as its plain-text fallback), in the UTF-16 units Telegram counts."""
    return visible_len(markup), utf16_len(to_plain(markup))


def format_list(heading: str, entries: Iterable[OutboxEntry], look: Look = Look()) -> list[Message]:
    """Several stories as numbered titles with links, newest first, split into as many
    messages as needed so that each fits Telegram's limit, as HTML and as plain text.
    Each message carries a button opening a picker of the subscriptions behind its stories
    (to mute or unsubscribe one)."""
    ordered = sorted(entries, key=lambda e: e.story.when, reverse=True)
    first = f"{heading} ({len(ordered)})"
    more = f"{heading} (continued)"
    messages: list[Message] = []
    lines: list[str] = [first]
    keys: list[tuple[int, str]] = []
    hits: list[Hit] = []
    size, plain_size = _sizes(first)

    def close() -> None:
        picker = (
            "Mute or unsubscribe…",
            _picker_data(list({h.subscription_id: h for h in hits}.values())),
        )
        messages.append(Message("\n".join(lines), buttons=(picker,), keys=tuple(keys)))

    for number, entry in enumerate(ordered, 1):
        item = _item(entry, number, look)
        item_size, item_plain = _sizes(item)
        if keys and max(size + 1 + item_size, plain_size + 1 + item_plain) > MESSAGE_BUDGET:
            close()
            lines, keys, hits = [more], [], []
            size, plain_size = _sizes(more)
        lines.append(item)
        keys.append(entry.key)
        hits.extend(entry.hits)
        size += 1 + item_size
        plain_size += 1 + item_plain
    if keys:
        close()
    return messages


def format_plan(plan: Delivery, chat: Chat | None = None) -> list[Message]:
    """The message(s) that carry out a plan, to the forum topic of its entries, in the
    chat's time zone and preview setting."""
    messages = _plan_messages(plan, Look.of(chat))
    thread = plan.entries[0].thread_id if plan.entries else None
    return [replace(m, thread_id=thread) for m in messages] if thread is not None else messages


def _plan_messages(plan: Delivery, look: Look) -> list[Message]:
    if plan.kind == DeliveryKind.SINGLE:
        return [format_alert(plan.entries[0], look)]
    heading = {
        DeliveryKind.BURST: "🔔 <b>New stories for you</b>",
        DeliveryKind.DIGEST: "🗞 <b>Your news digest</b>",
        DeliveryKind.QUIET: "🌙 <b>While your quiet hours were on</b>",
    }.get(plan.kind)
    if heading is None:
        return []
    return format_list(heading, plan.entries, look)


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
