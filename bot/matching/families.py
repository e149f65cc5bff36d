"""A capitalised query word's spellings in the romanisation families (docs/matching.md,
"Transliteration"): each family's module gives the spellings it accepts, and this one
lists them in order for `terms`, which files them as forms of the word's term. A new
family is one more line in `name_spellings`."""

from __future__ import annotations

from collections.abc import Iterator

from bot.matching.arabic_names import arabic_spellings
from bot.matching.chinese import chinese_variants
from bot.matching.cyrillic_press import press_spellings
from bot.matching.forms import phonetic, spelling
from bot.matching.hebrew import hebrew_spellings
from bot.matching.indic import indic_spellings
from bot.matching.indonesian import indonesian_spellings
from bot.matching.japanese import long_vowel_spellings
from bot.matching.korean import korean_variants
from bot.matching.ks_x import ks_spellings
from bot.matching.lexicon import Lexicon
from bot.matching.places import place_spellings
from bot.matching.romanisation import cyrillic_variants
from bot.matching.schwa import schwa_spellings
from bot.matching.turkish_names import turkish_spellings
from bot.matching.variants import Speller, final_s_place, transliterations


def name_spellings(word: str, spell: Speller, lexicon: Lexicon) -> Iterator[tuple[str, ...]]:
    """The other spellings of a name (a folded query word written with a capital), one
    word or several (Tse tung), each family's in turn; the first family to give a
    spelling names it."""
    zipf, places = lexicon.zipf, lexicon.places
    yield from ((o,) for o in transliterations(word, spell, spelling, phonetic))
    yield from ((o,) for o in ks_spellings(word, spell))  # Maxim: Maksim
    yield from ((o,) for o in schwa_spellings(word, spell))  # Ganesh: Ganesha
    yield from ((o,) for o in hebrew_spellings(word, spell))  # Chaim: Haim
    yield from ((o,) for o in indic_spellings(word, spell))  # Lakshmi: Laxmi
    yield from ((o,) for o in place_spellings(word, zipf))  # Taiz: Taizz
    yield from ((o,) for o in arabic_spellings(word))  # Omar: Umar
    yield from ((o,) for o in turkish_spellings(word))  # Ahmet: Ahmed
    yield from ((o,) for o in long_vowel_spellings(word, zipf, places))  # Kono: Kohno
    yield from ((o,) for o in indonesian_spellings(word, zipf, places))  # Atjeh: Aceh
    # A Ukrainian, Russian or Belarusian name in the other systems (Lugansk, Kharkov).
    yield from ((o,) for o in cyrillic_variants(word, zipf, places))
    yield from ((o,) for o in press_spellings(word, zipf, places))  # Putin: Poutine
    # A Chinese name in Wade-Giles or postal spelling and in pinyin (Tientsin, Tianjin).
    yield from chinese_variants(word, zipf, places)
    # A Korean name in McCune-Reischauer and in Revised Romanisation (Kaesong, Gaeseong).
    yield from ((o,) for o in korean_variants(word, zipf, places))
    # The older English form of a place with an s (Tangiers, Lyons): the place.
    place = final_s_place(word, spell)
    if place:
        yield (place,)
