"""The catalogues (bot/locale) and the translation lookup (bot/i18n.py).

Every message id the code marks has a translation in every catalogue, keeps its
placeholders and markup, and the compiled .mo the bot reads says what the .po says.
"""

from __future__ import annotations

import gettext
import re
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from bot import i18n
from bot.chats import replies

ROOT = Path(__file__).resolve().parent.parent
CATALOGUES = [code for code in i18n.languages() if code != i18n.SOURCE_LANGUAGE]
_FIELD = re.compile(r"\{(\w*)\}")
_TAG = re.compile(r"</?\w+[^>]*>")

MessageId = tuple[str | None, str]  # (msgctxt, msgid)


def code_messages() -> dict[MessageId, str | tuple[str, ...]]:
    """Every message the code marks for translation, as pybabel extracts it (babel.cfg)."""
    found: dict[MessageId, str | tuple[str, ...]] = {}
    for folder in ("bot", "handlers"):
        for _file, _line, message, _comments, context in extract_from_dir(
            ROOT / folder, keywords={**_KEYWORDS}, comment_tags=()
        ):
            key = message if isinstance(message, str) else message[0]
            found[(context, key)] = message
    return found


# pybabel's default keywords plus N_ (marked where defined, translated where used).
_KEYWORDS = {
    "gettext": None,
    "ngettext": (1, 2),
    "pgettext": ((1, "c"), 2),
    "N_": None,
}


def texts(value: str | tuple[str, ...] | list[str]) -> tuple[str, ...]:
    """A catalogue entry's id or string as its forms: one, or a plural's several."""
    return (value,) if isinstance(value, str) else tuple(value)


def po(language: str) -> Catalog:
    with (i18n.LOCALE_DIR / language / "LC_MESSAGES" / f"{i18n.DOMAIN}.po").open("rb") as f:
        return read_po(f, locale=language)


def test_russian_is_there() -> None:
    assert "ru" in CATALOGUES
    assert i18n.language_name("ru") == "Русский"
    assert i18n.language_name("en") == "English"


def test_the_code_marks_the_replies_for_translation() -> None:
    messages = code_messages()
    assert len(messages) > 80
    for text in ("Hello!", replies.APOLOGY, replies.USAGE["subscribe"], replies.MENU[0][1]):
        assert (None, text) in messages
    assert ("language name", "English") in messages


@pytest.mark.parametrize("language", CATALOGUES)
def test_every_message_id_has_a_translation(language: str) -> None:
    catalogue = po(language)
    missing = []
    for (context, key), message in sorted(code_messages().items(), key=str):
        entry = catalogue.get(message if isinstance(message, str) else message[0], context)
        strings = texts(entry.string) if entry is not None and entry.string is not None else ()
        if entry is None or entry.fuzzy or not strings or not all(strings):
            missing.append(key)
    assert not missing, (
        f"{len(missing)} message(s) without a {language} translation (fill them in "
        f"bot/locale/{language}/LC_MESSAGES/newsbot.po, then run scripts/catalogues.sh):\n"
        + "\n".join(missing)
    )


@pytest.mark.parametrize("language", CATALOGUES)
def test_translations_keep_placeholders_and_markup(language: str) -> None:
    for entry in po(language):
        if not entry.id or not entry.string:
            continue
        ids, strings = texts(entry.id), texts(entry.string)
        fields = set(_FIELD.findall(ids[-1]))
        tags = sorted(_TAG.findall(ids[-1]))
        for string in strings:
            assert set(_FIELD.findall(string)) == fields, (entry.id, string)
            assert sorted(_TAG.findall(string)) == tags, (entry.id, string)


@pytest.mark.parametrize("language", CATALOGUES)
def test_the_compiled_catalogue_says_what_the_po_says(language: str) -> None:
    compiled = i18n.translator(language)
    assert isinstance(compiled, gettext.GNUTranslations)
    for entry in po(language):
        if not entry.id or entry.fuzzy:
            continue
        if not isinstance(entry.id, str):  # a plural: (singular, plural)
            for n, form in _plural_samples(compiled, entry.string):
                assert compiled.ngettext(entry.id[0], entry.id[1], n) == form, entry.id
        elif entry.context:
            assert compiled.pgettext(entry.context, entry.id) == entry.string
        else:
            assert compiled.gettext(entry.id) == entry.string, (
                f"{entry.id!r}: the .mo is older than the .po, run scripts/catalogues.sh"
            )


def _plural_samples(compiled: gettext.GNUTranslations, forms: object) -> list[tuple[int, str]]:
    """(n, expected text) for an n of each plural form, by the catalogue's own rule."""
    assert isinstance(forms, tuple)
    found: dict[int, int] = {}
    for n in range(0, 200):
        found.setdefault(compiled.plural(n), n)  # type: ignore[attr-defined]  # set at run time, not in the stubs
    return [(n, forms[index]) for index, n in found.items()]


def test_russian_plurals_follow_the_number() -> None:
    t = i18n.translator("ru")
    texts = {n: replies.stop_confirmation(t, n).html for n in (1, 3, 5, 21, 11)}
    assert "1 подписку" in texts[1]
    assert "3 подписки" in texts[3]
    assert "5 подписок" in texts[5]
    assert "21 подписку" in texts[21]
    assert "11 подписок" in texts[11]


@pytest.mark.parametrize(
    ("chat", "user", "expected"),
    [
        ("", "ru", "ru"),
        ("", "ru-RU", "ru"),
        ("", "RU", "ru"),
        ("", "de", "en"),  # no catalogue: English
        ("", None, "en"),
        ("en", "ru", "en"),  # the chat's choice wins
        ("ru", "en", "ru"),
        ("ru", None, "ru"),
        ("xx", "ru", "ru"),  # a chosen catalogue removed since: the person's language
    ],
)
def test_choose(chat: str, user: str | None, expected: str) -> None:
    assert i18n.choose(chat, user, ("en", "ru")) == expected


def test_a_language_without_catalogue_reads_english() -> None:
    t = i18n.translator("de")
    assert replies.start(t, group=False).html.startswith("Hello!")
    assert t.ngettext("one", "many", 5) == "many"


def test_adding_a_language_is_adding_a_catalogue(tmp_path: Path) -> None:
    catalogue = Catalog(locale="de", domain=i18n.DOMAIN)
    catalogue.add("English", "Deutsch", context="language name")
    catalogue.add("Hello!", "Hallo!")
    folder = tmp_path / "de" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    with (folder / f"{i18n.DOMAIN}.mo").open("wb") as f:
        write_mo(f, catalogue)
    assert i18n.languages(tmp_path) == ("en", "de")
    assert i18n.language_name("de", tmp_path) == "Deutsch"
    t = i18n.translator("de", tmp_path)
    assert replies.start(t, group=False).html.startswith("Hallo!")


@pytest.mark.parametrize("language", i18n.languages())
def test_every_menu_is_one_Telegram_accepts(language: str) -> None:
    t = i18n.translator(language)
    names = [name for name, _ in replies.MENU]
    menu = replies.menu(t, names)
    assert [name for name, _ in menu] == names
    for name, description in menu:
        assert re.fullmatch(r"[a-z0-9_]{1,32}", name)
        assert 3 <= len(description) <= 256
    if language != i18n.SOURCE_LANGUAGE:
        english = dict(replies.menu(i18n.translator(i18n.SOURCE_LANGUAGE), names))
        assert all(description != english[name] for name, description in menu)
