"""Cyrillic к+с and Greek ξ written x or ks (docs/matching.md, "Romanisation families";
bot/matching/forms.py `ks_as_x`, bot/matching/ks_x.py): one name spelled both ways, and
the look-alikes the rule must keep apart. Sources: BGN/PCGN 1947 (Russian) and 2019
(Ukrainian, Ukraine's national system of 2010), ALA-LC, ELOT 743 (Greek), the US Census
1990 name lists (Dixon and Dickson, Marx and Marks: separate surnames; Max, Alex, Felix:
given names), the word list (Jinx, Lex)."""

from __future__ import annotations

import pytest

from bot.matching.forms import ks_as_x, phonetic, skeleton
from bot.matching.ks_x import swapped
from tests.index_agreement import assert_row

ROWS = [
    # The vowels alike: one key (`phonetic`, `skeleton`), both ways, x first or inside.
    ("x/ks", "Maxim", "Talks with Maksim Oreshkin ended.", True),
    ("x/ks", "Maksim", "Talks with Maxim Oreshkin ended.", True),
    ("x/ks", "Ksenia", "A statement by Xenia Sobchak followed.", True),
    ("x/ks", "Xenia", "A statement by Ksenia Sobchak followed.", True),
    ("x/ks", "Alexei", "Aleksei Navalny's allies said so.", True),
    ("x/ks", "Aleksey", "Alexey Navalny's allies said so.", True),
    ("x/ks", "Oleksii", "Olexii Reznikov met his counterpart.", True),
    ("x/ks", "Maximov", "Maksimov was named later.", True),
    ("x/ks", "Alexeyev", "General Alekseyev was wounded.", True),
    ("x/ks", "Xanthi", "Floods hit Ksanthi overnight.", True),
    ("x/ks", "Naksos", "Ferries to Naxos were cancelled.", True),
    ("x/ks", "Feliks", "A statue of Felix Dzerzhinsky stood there.", True),
    # One vowel written differently, added or left out on top (`ks_x`).
    ("x/ks and a vowel", "Alexander", "Aleksandr Lukashenko spoke.", True),
    ("x/ks and a vowel", "Aleksandr", "Alexander Lukashenko spoke.", True),
    ("x/ks and a vowel", "Oleksandr", "Olexander Usyk won the fight.", True),
    ("x/ks and a vowel", "Olexander", "Oleksandr Usyk won the fight.", True),
    ("x/ks and a vowel", "Aleksandar", "Alexander Vucic said so.", True),
    # English cks is no к+с (the tables write к k): separate surnames.
    ("x/ks apart", "Dixon", "Dickson said so.", False),
    ("x/ks apart", "Dickson", "Dixon said so.", False),
    ("x/ks apart", "Hicks", "Hix said so.", False),
    # Two established words: Marx and Marks, Saks and Sax.
    ("x/ks apart", "Marks", "Marx wrote it.", False),
    # A common English word typed with a capital, no name (Taxes/Takses, Boxing/Boksing).
    ("x/ks apart", "Taxes", "Takses were raised.", False),
    ("x/ks apart", "Boxing", "Boksing clubs opened.", False),
    ("x/ks apart", "taxes", "takses were raised.", False),
    # A final ks, mostly the English plural, with a vowel written differently.
    ("x/ks apart", "Chromebooks", "Chromebox sales rose.", False),
    # The ks spelling of an established name is that name's (Alexandra, not Alexandria).
    ("x/ks apart", "Alexandria", "Aleksandra Petrova won.", False),
    ("x/ks apart", "Aleksandra", "Alexandria was quiet.", False),
    # A short name with a vowel written differently on top: Banksy is no Benxi (pinyin x).
    ("x/ks apart", "Benxi", "A mural by Banksy appeared.", False),
    # A ks that is a vowel left out still finds the name (the consonant table keeps ks).
    ("x/ks apart", "Praksh", "Prakash Javadekar said so.", True),
    # A first ks is no pinyin x: Ksenia is no Senia (Xenia/Senia: the postal S).
    ("x/ks apart", "Ksenia", "Senia Rodriguez won.", False),
    ("x/ks apart", "Senia", "Ksenia Rodriguez won.", False),
    # A final x against a final ks: a given name's (Макс, Алекс: Max, Alex, Felix of the US
    # Census lists), else a short English word's or surname's own (`final_ks`).
    ("x/ks final", "Maks", "Max Verstappen won.", True),
    ("x/ks final", "Aleks", "Alex Salmond spoke.", True),
    ("x/ks final", "Saks", "Sax sales rose.", False),
    ("x/ks final", "Sax", "Saks said so.", False),
    ("x/ks final", "Diks", "Dix said so.", False),
    ("x/ks final", "Jinks", "Jinx said so.", False),
    ("x/ks final", "Minks", "Minx said so.", False),
    ("x/ks final", "Leks", "Lex said so.", False),
    ("x/ks final", "Niks", "Nix said so.", False),
]


@pytest.mark.parametrize(("rule", "query", "text", "expected"), ROWS)
def test_ks_x_rows(rule: str, query: str, text: str, expected: bool) -> None:
    assert_row(query, text, expected, rule)


def test_ks_is_x_in_the_keys_not_cks() -> None:
    assert ks_as_x("aleksandr") == "alexandr"
    assert ks_as_x("ksenia") == "xenia"
    assert ks_as_x("eriksson") == "erixon"  # (a ks before a doubled s: one x)
    assert ks_as_x("dickson") == "dickson"
    assert phonetic("maksim") == phonetic("maxim")
    assert skeleton("oleksii") == skeleton("olexii")
    assert skeleton("dickson") != skeleton("dixon")


def test_swapped_both_ways() -> None:
    assert swapped("aleksandra") == "alexandra"
    assert swapped("alexandra") == "aleksandra"
