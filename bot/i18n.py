"""Translations of the bot's replies: one gettext catalogue per language in bot/locale.

A language code in, a Translator out: nothing here holds a "current" language, callers
pass the chat's. English is the source language (the message ids), so it needs no
catalogue; adding a language means adding bot/locale/<code>/LC_MESSAGES/newsbot.po (and
its compiled .mo), see docs/languages.md.
"""

from __future__ import annotations

import gettext
from pathlib import Path
from typing import Protocol

DOMAIN = "newsbot"
LOCALE_DIR = Path(__file__).parent / "locale"
SOURCE_LANGUAGE = "en"


class Translator(Protocol):
    """What the replies need of a gettext translations object."""

    def gettext(self, message: str, /) -> str: ...

    def ngettext(self, singular: str, plural: str, n: int, /) -> str: ...

    def pgettext(self, context: str, message: str, /) -> str: ...


def N_(message: str) -> str:
    """Mark a message for extraction where it is defined; it is translated where used."""
    return message


def primary(code: str | None) -> str:
    """The primary language subtag of an IETF code, lower case: 'pt-BR' -> 'pt', None -> ''."""
    return (code or "").strip().replace("_", "-").split("-", 1)[0].lower()


def languages(locale_dir: Path = LOCALE_DIR) -> tuple[str, ...]:
    """The languages the bot speaks: English, then every language with a compiled catalogue."""
    found = sorted(
        path.parent.parent.name for path in locale_dir.glob(f"*/LC_MESSAGES/{DOMAIN}.mo")
    )
    return (SOURCE_LANGUAGE, *(code for code in found if code != SOURCE_LANGUAGE))


def choose(chat_language: str, user_language: str | None, available: tuple[str, ...]) -> str:
    """The language of a reply: the one chosen for the chat (/language), else the person's
    Telegram language_code when the bot has it, else English."""
    for code in (primary(chat_language), primary(user_language)):
        if code in available:
            return code
    return SOURCE_LANGUAGE


def translator(language: str, locale_dir: Path = LOCALE_DIR) -> Translator:
    """The translations of one language; English (the message ids) for a language without
    a catalogue. gettext keeps each parsed catalogue, so this is cheap per reply."""
    return gettext.translation(
        DOMAIN,
        localedir=locale_dir,
        languages=[primary(language) or SOURCE_LANGUAGE],
        fallback=True,
    )


def language_name(language: str, locale_dir: Path = LOCALE_DIR) -> str:
    """The language's name in that language ('Русский'), from its own catalogue."""
    # Every catalogue translates this one message into its own language's name.
    return translator(language, locale_dir).pgettext("language name", "English")
