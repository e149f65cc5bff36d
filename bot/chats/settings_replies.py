"""The texts about a chat's settings, as Telegram HTML: the /settings screen, /digest,
/timezone, /quiet and /language. Moved out of bot/chats/replies.py (its size).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from bot.chats.replies import LANGUAGE_PREFIX, SETTING_PREFIX, Button, Reply, quoted
from bot.i18n import N_, Translator


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
    language: str = "English"  # the name of the reply language, in that language


def settings(t: Translator, chat: ChatSettings) -> Reply:
    """/settings: everything about the chat on one screen, with buttons for what a button
    can change (the rest names its command)."""
    if chat.digest == "hourly":
        delivery = t.gettext("an hourly digest")
    elif chat.digest == "daily":
        delivery = t.gettext("a daily digest at {time}").format(time=chat.digest_time)
    else:
        delivery = t.gettext("instant alerts")
    subscriptions = (
        t.gettext("{count}, {muted} muted").format(count=chat.subscriptions, muted=chat.muted)
        if chat.muted
        else str(chat.subscriptions)
    )
    alerts = t.gettext("⏸ paused (/resume)") if chat.paused else t.gettext("on (/pause)")
    previews = t.gettext("shown") if chat.previews else t.gettext("hidden")
    lines = [
        "<b>" + t.gettext("Settings of this chat") + "</b>",
        t.gettext("Alerts: {state}").format(state=alerts),
        t.gettext("Delivery: {delivery} (/digest)").format(delivery=escape(delivery)),
        t.gettext("Quiet hours: {quiet} (/quiet)").format(
            quiet=escape(chat.quiet) if chat.quiet else t.gettext("off")
        ),
        t.gettext("Time zone: {timezone} (/timezone)").format(
            timezone=escape(chat.timezone or "UTC")
        ),
        t.gettext("Link previews: {state}").format(state=previews),
        t.gettext("Sources: {sources} (/feeds)").format(sources=_sources(t, chat)),
        t.gettext("Subscriptions: {subscriptions} (/list)").format(subscriptions=subscriptions),
        t.gettext("Language: {language} (/language)").format(language=escape(chat.language)),
    ]
    on = SETTING_PREFIX
    buttons: list[Button] = [
        (t.gettext("▶️ Resume alerts"), f"{on}paused:off")
        if chat.paused
        else (t.gettext("⏸ Pause alerts"), f"{on}paused:on"),
        (t.gettext("🖼 Hide link previews"), f"{on}previews:off")
        if chat.previews
        else (t.gettext("🖼 Show link previews"), f"{on}previews:on"),
    ]
    modes = (
        ("off", t.gettext("Instant")),
        ("hourly", t.gettext("Hourly digest")),
        ("daily", t.gettext("Daily digest")),
    )
    for mode, label in modes:
        mark = "✓ " if chat.digest == mode else ""
        buttons.append((f"{mark}{label}", f"{on}digest:{mode}"))
    if chat.quiet:
        buttons.append((t.gettext("🌙 Quiet hours off"), f"{on}quiet:off"))
    return Reply("\n".join(lines), tuple(buttons), per_row=2)


def _sources(t: Translator, chat: ChatSettings) -> str:
    count = t.ngettext("{count} feed", "{count} feeds", chat.feeds).format(count=chat.feeds)
    if chat.own_only:
        return t.gettext("{feeds}, only this chat's own").format(feeds=count)
    if chat.own_feeds:
        return t.gettext("{feeds}, {own} of them this chat's own").format(
            feeds=count, own=chat.own_feeds
        )
    return count


_SETTING_NOTICES = {
    "paused:on": N_("Alerts paused."),
    "paused:off": N_("Alerts resumed."),
    "previews:on": N_("Link previews shown."),
    "previews:off": N_("Link previews hidden."),
    "digest:off": N_("Instant alerts."),
    "digest:hourly": N_("An hourly digest."),
    "digest:daily": N_("A daily digest."),
    "quiet:off": N_("Quiet hours off."),
}


def setting_changed_by_button(t: Translator, name: str) -> str:
    """The short notice of a /settings button (plain text)."""
    notice = _SETTING_NOTICES.get(name)
    return t.gettext(notice) if notice else t.gettext("Done.")


def setting_shown(t: Translator, current: str, usage: str) -> Reply:
    """/digest, /timezone or /quiet without an argument: the setting (already in the
    chat's language) and how to change it (a usage message id of bot/alerts/schedule)."""
    return Reply(f"{escape(current)}\n{escape(t.gettext(usage))}")


def setting_refused(t: Translator, usage: str, reason: str = "", value: str = "") -> Reply:
    """A setting that does not parse: the parser's reason (a message id with {value}),
    then the usage line."""
    said = t.gettext(reason).format(value=value) if reason else ""
    line = t.gettext(usage)
    return Reply(escape(f"{said} {line}" if said else line))


def digest_set(t: Translator, mode: str, at: str, timezone: str) -> Reply:
    """/digest off|hourly|daily HH:MM done."""
    if mode == "off":
        text = t.gettext("Digest off: alerts come as soon as stories are found.")
    elif mode == "hourly":
        text = t.gettext(
            "One digest an hour, at the top of the hour, listing the stories found since."
        )
    else:
        text = t.gettext("One digest a day at {at} ({timezone}).").format(
            at=at, timezone=timezone or "UTC"
        )
    return Reply(escape(text))


def timezone_set(t: Translator, name: str) -> Reply:
    """/timezone Area/City done."""
    return Reply(escape(t.gettext("Time zone set to {name}.").format(name=name)))


def quiet_set(t: Translator, window: str, timezone: str) -> Reply:
    """/quiet HH:MM-HH:MM or /quiet off done."""
    if not window:
        return Reply(t.gettext("Quiet hours off."))
    return Reply(
        escape(
            t.gettext(
                "Quiet hours {window} ({timezone}): alerts found then are held "
                "and sent as one digest when they end."
            ).format(window=window, timezone=timezone or "UTC")
        )
    )


# -- /language --


def language_shown(
    t: Translator, *, chosen: str, current: str, names: Sequence[tuple[str, str]]
) -> Reply:
    """/language without an argument: the reply language and a button for each language
    (`names`: (code, name) pairs), plus one to follow each person's Telegram setting."""
    name = dict(names).get(current, current)
    if chosen:
        text = t.gettext("Replies in this chat are in {language}.")
    else:
        text = t.gettext("Replies in this chat are in {language}, from your Telegram settings.")
    text = text.format(language=escape(name)) + "\n" + t.gettext("Choose a language:")
    buttons = tuple((label, f"{LANGUAGE_PREFIX}{code}") for code, label in names)
    automatic = (t.gettext("Automatic (Telegram's setting)"), LANGUAGE_PREFIX)
    return Reply(text, (*buttons, automatic))


def language_set(t: Translator, *, name: str, automatic: bool) -> Reply:
    """/language done, in the language just chosen."""
    if automatic:
        return Reply(
            t.gettext("Replies now follow each person's Telegram language, when I have it.")
        )
    return Reply(
        t.gettext("Replies in this chat are now in {language}.").format(language=escape(name))
    )


def language_unknown(t: Translator, code: str, available: Sequence[str]) -> Reply:
    """/language with a code the bot has no catalogue for."""
    return Reply(
        t.gettext("I have no language {code}. I speak: {available}, or auto.").format(
            code=quoted(code), available=", ".join(available)
        )
    )
