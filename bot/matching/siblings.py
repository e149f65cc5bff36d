"""A country's adjective finds the country's other adjectives and people (Nepali: Nepalese;
Lao: Laotian; Filipino: Philippine, Filipinos), from bot/data/demonyms.tsv.

The table gives each adjective one country (scripts/demonym_data.py drops a word two
countries could claim: Dominican is the Dominican Republic's, not Dominica's; Congolese is
one Congo's; Korean, Indian, Guinean of Papua New Guinea are no one's), so a word of one
line has that line's other words as siblings and never another country's. A line of one
adjective (Georgian, Irish, Dominican, Congolese) has none.

Three words of the table are no one's siblings, neither found nor finding (the country's
own query still finds them): `malay`, CLDR's official language of Brunei, Malaysia and
Singapore and WordNet's "people of the Malay Peninsula and Archipelago", not Malaysia's
alone; `siamese`, of Siam, whose other senses WordNet gives (the Siamese cat, Siamese
twins); `flemings`, WordNet's "native of Flanders or a Flemish-speaking Belgian", a part
of Belgium's people (and Fleming a surname).

The query word must be typed with a capital, as English writes a country's adjective: a
word typed in lower case may be the ordinary word the adjective also is (polish, danish,
dutch, afghan: a blanket), and the sibling must be printed with a capital too (`Poles`).
"""

from __future__ import annotations

from functools import lru_cache

from bot.matching.variants import demonyms

SIBLING = "sibling"  # Nepalese for Nepali: another adjective of the same country
NO_SIBLING = frozenset({"malay", "siamese", "flemings"})  # (see above)


@lru_cache(maxsize=1)
def _lines() -> dict[str, tuple[str, ...]]:
    """Each adjective (and its plural) → its country's adjectives (bot/data/demonyms.tsv)."""
    found: dict[str, tuple[str, ...]] = {}
    twice: set[str] = set()  # (none today: a word two lines give is no one's sibling)
    for line in set(demonyms().values()):
        adjectives = tuple(a for a in line if a not in NO_SIBLING)
        for adjective in adjectives:
            for form in (adjective, adjective + "s"):
                if found.setdefault(form, adjectives) != adjectives:
                    twice.add(form)
    return {form: line for form, line in found.items() if form not in twice}


def siblings(words: tuple[str, ...]) -> tuple[str, ...]:
    """The other adjectives and people words of the country whose adjective (or its plural)
    `words` (folded) are, or (): `nepali` → (`nepalese`,)."""
    own = " ".join(words)
    line = _lines().get(own, ())
    return tuple(a for a in line if a != own and a + "s" != own)


def add_sibling_forms(
    words: tuple[str, ...],
    typed: str,
    single: dict[str, str],
    multi: list[tuple[tuple[str, ...], str]],
) -> None:
    """The forms of a query's country adjective's siblings, each with its plural (`Nepali`:
    Nepalese; `Sinhalese`: Sri Lankan, Sri Lankans), how SIBLING; only for a query typed
    with a capital (`typed`, as the user wrote it)."""
    if not typed[:1].isupper():
        return
    for adjective in siblings(words):
        add_adjective_forms(adjective, SIBLING, single, multi)


def add_adjective_forms(
    adjective: str, how: str, single: dict[str, str], multi: list[tuple[tuple[str, ...], str]]
) -> None:
    """A country's adjective (folded) and its plural, the people (`syrian`, `syrians`;
    `south korean`, `south koreans`), as forms of a term found `how`."""
    form = tuple(adjective.split())
    if len(form) == 1:
        single.setdefault(adjective, how)
        single.setdefault(adjective + "s", how)
    else:
        multi.append((form, how))
        multi.append(((*form[:-1], form[-1] + "s"), how))
