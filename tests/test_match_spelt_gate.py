"""What the index's word look-up takes for granted (bot/matching/lookups.py).

`Spelt.may_read` False for an unknown article word means that the spell checker can read
it as no lower-case term's form: `terms.corrected` is then False for every term, so
`accepts(spelt=False)` (which leaves it out) answers as `accepts`. And the deletion keys'
set (`_delete_keys`) holds the deletion table's keys as terms come and go.
"""

from __future__ import annotations

from bot.matching.index import SubscriptionIndex
from bot.matching.lexicon import load_lexicon
from bot.matching.neighbourhood import neighbourhood
from bot.matching.query import Term, parse_query
from bot.matching.spelt import Spelt
from bot.matching.terms import accepts, compile_term, corrected, spelt_forms
from tests.index_agreement import assert_index_agrees

# Lower-case words the spell check reads misspellings as (the rows of
# tests/test_match_variants.py), words one edit apart (notion, nation), and names.
WORDS = [
    "government", "argument", "necessary", "recommend", "simultaneous", "requirements",
    "arrive", "setting", "channels", "descend", "notion", "nation", "execute", "academies",
    "express", "expert", "design", "critique", "lenient", "mistakes", "Cincinnati",
    "Netanyahu", "Afghanistan", "Tartus",
]  # fmt: skip
# Misspellings read back (excetute: execute, dezine: design) and others that are not.
READ = ["excetute", "acadamys", "dezine", "criteak", "leaneant", "misakes", "nottion"]
LETTERS = "aeioustnrl"


def _misspellings(word: str) -> set[str]:
    """`word` with one letter left out, two neighbours swapped, or a letter changed or
    added (of LETTERS), and those with one more letter left out: one and two edits."""
    ones = {word[:i] + word[i + 1 :] for i in range(len(word))}
    ones |= {word[:i] + word[i + 1] + word[i] + word[i + 2 :] for i in range(len(word) - 1)}
    for i in range(len(word) + 1):
        ones |= {word[:i] + c + word[i:] for c in LETTERS}
        ones |= {word[:i] + c + word[i + 1 :] for c in LETTERS if i < len(word)}
    twos = {w[:i] + w[i + 1 :] for w in ones for i in range(len(w))}
    return ones | twos


def test_corrected_never_where_may_read_says_no() -> None:
    lexicon = load_lexicon()
    specs = [compile_term(Term(word), lexicon) for word in WORDS]
    spelt = Spelt(lexicon.zipf, lexicon.places)
    for spec in specs:
        if spec.fuzzy:
            spelt.add(spec.word, spelt_forms(spec))
    spelt.prepare()
    words = set(READ)
    for spec in specs:
        words |= _misspellings(spec.word)
    words = {w for w in words if w.isalpha() and len(w) >= 4 and w not in lexicon.known}
    refused = read = 0
    for word in sorted(words):
        if spelt.may_read(word, neighbourhood(word, 1)[0]):
            read += any(corrected(spec, word, lexicon) for spec in specs)
            continue
        refused += 1
        for spec in specs:
            assert not corrected(spec, word, lexicon), (word, spec.word)
            assert accepts(spec, word, lexicon, spelt=False) == accepts(spec, word, lexicon)
    assert refused > 1000  # both sides of the test are exercised
    assert read > 50


def test_delete_keys_follow_the_deletion_table() -> None:
    index = SubscriptionIndex()
    for key, word in enumerate(WORDS):
        index.add(key, parse_query(word))
    index.add(len(WORDS), parse_query("government OR recommend"))
    assert index._delete_keys == set(index._deletes)
    assert len(index._delete_keys) > 500
    for key in range(0, len(WORDS), 2):
        index.remove(key)
    assert index._delete_keys == set(index._deletes)
    for key in range(len(WORDS) + 1):
        if key % 2 or key == len(WORDS):
            index.remove(key)
    assert index._delete_keys == set() == set(index._deletes)


def test_index_finds_the_misspellings_as_the_rules_do() -> None:
    texts = [f"They said {w} today." for w in READ] + [
        "The goverment and the argumnet.",
        "Nessecary steps to excetute.",
    ]
    assert_index_agrees(WORDS, texts)
