"""The matcher (DESIGN §3): what must match, what must not, explanations, and the index."""

from __future__ import annotations

import random
import re
from collections import Counter
from pathlib import Path

import pytest

from bot.config import Settings
from bot.matching.document import Document, prepare
from bot.matching.entries import SPREAD_FROM
from bot.matching.forms import inflections, skeleton
from bot.matching.index import Match, SubscriptionIndex
from bot.matching.normalise import fold, split_words
from bot.matching.plan import match_query
from bot.matching.query import parse_query
from bot.matching.terms import MatchedTerm
from bot.models import Article


def doc(text: str, title: str = "") -> Document:
    return prepare(Article(id="a", url="https://example.org/a", title=title, text=text))


def matches(query: str, text: str) -> tuple[MatchedTerm, ...] | None:
    return match_query(parse_query(query), doc(text))


MUST_MATCH: list[tuple[str, str, str]] = [
    # (query, article text, how the first term matched)
    ("Khmeimim", "Planes left the Hmeimim air base on Friday.", "typo"),
    ("Hmeimim", "Planes left the Khmeimim air base on Friday.", "typo"),
    ("Tartus", "a naval base in Tartous on the coast", "typo"),
    ("Tartous", "the port of Tartus", "typo"),
    ("Zelensky", "President Zelenskyy said on Monday", "typo"),
    ("Zelenskyy", "President Zelensky said on Monday", "typo"),
    ("Zelensky", "President Zelenskiy said on Monday", "typo"),
    ("Qaddafi", "the Kadhafi family", "typo"),
    ("Assad", "the Asad government", "typo"),
    ("Netanyahu", "prime minister Netanyhau said", "typo"),  # a typo (transposition)
    # Romanisation variants two edits apart: same skeleton, vowels differ (a name query).
    ("Muhammad", "the prophet Mohammed", "typo"),
    ("Hezbollah", "fighters of Hizballah", "alias"),  # WordNet lists both (org_aliases.tsv)
    ("Haniyeh", "Ismail Haniya said", "typo"),
    ("Tehran", "talks in Teheran", "alias"),  # German, Dutch, Polish ... (exonyms.tsv: CLDR)
    ("Qaeda", "al-Qaida fighters", "alias"),  # WordNet lists al-Qaida (org_aliases.tsv)
    ("Mujahideen", "the Mujahedin of the 1980s", "typo"),
    ("Tchaikovsky", "a concert of Chaikovsky", "typo"),
    ("Ahmadinejad", "President Ahmadinezhad", "typo"),
    ("Türkiye", "talks in turkiye today", "exact"),
    ("turkiye", "talks in TÜRKIYE today", "exact"),
    ("Erdoğan", "President Erdogan spoke", "exact"),
    ("Erdogan", "President Erdoğan spoke", "exact"),
    ("Kyiv", "in Ｋｙｉｖ, full width", "exact"),
    ("Russia", "Russia's navy", "exact"),
    ("Russia", "Russia’s navy (curly apostrophe)", "exact"),
    ("base", "two bases in Syria", "inflection"),
    ("bases", "a naval base in Syria", "inflection"),
    ("strike", "air strikes continued", "inflection"),
    ("strikes", "a drone strike hit", "inflection"),
    ("attack", "they attacked the convoy", "inflection"),
    ("city", "several cities were hit", "inflection"),
    ("al-Assad", "Bashar al Assad fled", "exact"),
    ("al-Assad", "Bashar al-Assad fled", "exact"),
    ("al Assad", "Bashar al-Assad fled", "exact"),
    ("al-Assad", "Bashar al‑Assad's regime (non-breaking hyphen)", "exact"),
    ("al-Assad", "Bashar alAssad fled", "exact"),
    ("Kyiv", "shelling of Kiev overnight", "alias"),
    ("Kiev", "shelling of Kyiv overnight", "alias"),
    ("Myanmar", "the generals of Burma", "alias"),
    ("Burma", "the generals of Myanmar", "alias"),
    ("Turkey", "a summit in Türkiye", "alias"),
    ("Türkiye", "a summit in Turkey", "alias"),
    ("Mumbai", "trains in Bombay", "alias"),
    ("Bombay", "trains in Mumbai", "alias"),
    ("Beijing", "the court at Peking", "alias"),
    ("Peking", "a statement from Beijing", "alias"),
    ("Munich", "the Oktoberfest in München", "alias"),
    ("Vienna", "talks in Wien", "alias"),
    ("Prague", "news from Praha", "alias"),
    ("Czechia", "the Czech Republic said", "alias"),
    ("Ceylon", "tea from Sri Lanka", "alias"),
    ("Eswatini", "the king of Swaziland", "alias"),
    ("Zaire", "the Democratic Republic of the Congo", "alias"),
    ('"air base"', "the Hmeimim air base at Latakia", "phrase"),
    ('"air base"', "the Hmeimim Air-Base at Latakia", "phrase"),
    ('"Air Base"', "the hmeimim air base", "phrase"),
    ("US", "the US Navy", "exact"),
    ("U.S.", "the U.S. Navy", "exact"),
    ("NATO", "Nato allies", "exact"),  # not a common word: case does not matter
    ("Iran", "Iran's nuclear programme", "exact"),
    ("Epstein", "the Epstein files", "exact"),
]


def assert_index_empty(index: SubscriptionIndex) -> None:
    """Once each subscription is removed, every table of the index is empty."""
    assert len(index) == 0
    left = {name: size for name, size in index.stats().items() if size}
    assert not left, f"tables still holding entries: {left}"


@pytest.mark.parametrize(
    ("query", "text", "how"), MUST_MATCH, ids=[f"{q}~{t[:25]}" for q, t, _ in MUST_MATCH]
)
def test_must_match(query: str, text: str, how: str) -> None:
    found = matches(query, text)
    assert found is not None, f"{query!r} should match {text!r}"
    assert found[0].how == how


MUST_NOT_MATCH: list[tuple[str, str]] = [
    ("Iran", "troops in Iraq"),
    ("Iraq", "sanctions on Iran"),
    ("Mali", "holidays in Bali"),
    ("Bali", "the junta of Mali"),
    ("Austria", "bushfires in Australia"),
    ("Australia", "elections in Austria"),
    ("Tartus", "the ancient city of Tarsus"),
    ("Tarsus", "the port of Tartus"),
    ("Niger", "elections in Nigeria"),
    ("Nigeria", "the coup in Niger"),
    ("Paris", "the parish council met"),
    ("parish", "a summit in Paris"),
    ("Trump", "he played the trumpet"),
    ("AI", "she said"),
    ("Obama", "Osama bin Laden"),
    ("Biden", "plans to widen the road"),
    ("Gaza", "a steady gaze"),
    ("Putin", "putting it simply"),
    ("US", "he told us"),  # an acronym that is also a common word needs capitals
    ("WHO", "people who voted"),
    ("new", "the news tonight"),
    ("Epstein", "Einstein's theory"),
    ("Sudan", "the Sedan car"),
    ("Macron", "a box of macaron biscuits"),  # a capitalised query's typo needs a capital
    ("Putin", "a magic potion"),
    ("Putin", "Potion Of The Month"),  # capitalised, but a real word: not a variant
    ("Congo", "a Conga line"),  # another ending is another word
    ("Korea", "Korean food"),
    ("Michael", "Michel Barnier said"),  # a vowel fewer, and English uses Michel
    ("Boulder", "the Builder said"),
    ("Türkiye", "roast turkey for dinner"),  # an alias needs a capital: the bird
    ("Munich", "she said wien"),
    ("Libya", "Liberia's capital"),
    ("Kyiv", "the word kiwi"),
    ("Assad", "the salad bar"),
    ('"air base"', "the base of air support"),
    ('"air base"', "air force base"),
    ('"air base"', "the base, air"),
]


@pytest.mark.parametrize(
    ("query", "text"), MUST_NOT_MATCH, ids=[f"{q}!~{t[:25]}" for q, t in MUST_NOT_MATCH]
)
def test_must_not_match(query: str, text: str) -> None:
    assert matches(query, text) is None


OPERATORS: list[tuple[str, str, bool]] = [
    ("syria russia", "Russia and Syria signed", True),
    ("syria russia", "Syria alone", False),
    ("kyiv OR kiev", "news from Kiev", True),
    ("kyiv OR odesa", "news from Odesa", True),
    ("kyiv OR odesa", "news from Lviv", False),
    ("russia kyiv OR odesa", "Russia struck Odesa", True),
    ("russia kyiv OR odesa", "Russia struck Lviv", False),
    ("russia kyiv OR odesa", "Ukraine defended Odesa", False),
    ("war or peace", "war and peace", False),  # lower-case "or" is a word that must occur
    ("war or peace", "war or peace", True),
    ("syria -ukraine", "Syria and Russia", True),
    ("syria -ukraine", "Syria and Ukraine", False),
    ("syria -ukraine", "Syria and Ukraine's army", False),
    ('syria -"air base"', "Syria's naval base", True),
    ('syria -"air base"', "Syria's air base", False),
    ("(kyiv OR kiev) -(russia OR moscow)", "Kyiv welcomed talks", True),
    ("(kyiv OR kiev) -(russia OR moscow)", "Kyiv and Moscow", False),
    ("(syria russia) OR (iran iraq)", "Iran and Iraq met", True),
    ("(syria russia) OR (iran iraq)", "Iran and Russia met", False),
    ("syria -(russia ukraine)", "Syria and Russia", True),
    ("syria -(russia ukraine)", "Syria, Russia and Ukraine", False),
]


@pytest.mark.parametrize(
    ("query", "text", "expected"), OPERATORS, ids=[f"{q} | {t}" for q, t, _ in OPERATORS]
)
def test_operators(query: str, text: str, expected: bool) -> None:
    assert (matches(query, text) is not None) is expected


def test_explanations_name_the_article_words_and_how() -> None:
    text = "The Hmeimim air base and Kiev, Tartus, two bases."
    labels = {
        q: [t.label for t in (matches(q, text) or ())]
        for q in ("Khmeimim", "Kyiv", "Tartus", "base", '"air base"', "Kyiv Tartus")
    }
    assert labels == {
        "Khmeimim": ["Khmeimim ≈ Hmeimim"],
        "Kyiv": ["Kiev → Kyiv"],
        "Tartus": ["Tartus"],
        "base": ["base"],  # the exact word wins over the inflection "bases"
        '"air base"': ['"air base"'],
        "Kyiv Tartus": ["Kiev → Kyiv", "Tartus"],
    }
    assert matches("bases", "a naval base") == (MatchedTerm("bases", "base", "inflection"),)
    assert MatchedTerm("bases", "base", "inflection").label == "base → bases"


def test_or_explains_every_side_that_matched() -> None:
    found = matches("kyiv OR odesa", "Kyiv and Odesa")
    assert found is not None
    assert [t.article_word for t in found] == ["Kyiv", "Odesa"]


def test_fields_title_summary_and_text_all_count_but_phrases_do_not_span_them() -> None:
    article = Article(id="x", url="u", title="Strike on air", summary="Base news", text="Other")
    document = prepare(article)
    assert match_query(parse_query("strike"), document) is not None
    assert match_query(parse_query("base"), document) is not None
    assert match_query(parse_query('"air base"'), document) is None
    hit = match_query(parse_query("strike"), document)
    assert hit is not None
    assert hit[0].article_word == "Strike"  # the title's word, as written there


def test_inflections_and_skeletons() -> None:
    assert {"bases", "based", "basing"} <= inflections("base", verbs=True)
    assert "base" in inflections("bases", verbs=True)
    assert inflections("new", verbs=True) == set()  # new/news: short words have none
    assert "trumped" not in inflections("trump", verbs=False)  # names: plurals only
    assert skeleton("khmeimim") == skeleton("hmeimim")
    assert skeleton("zelenskyy") == skeleton("zelensky") == skeleton("zelenskiy")
    assert skeleton("tartous") == skeleton("tartus") != skeleton("tarsus")
    assert skeleton("muhammad") == skeleton("mohammed") == skeleton("muhamad")
    assert skeleton("haniyeh") == skeleton("haniya")
    assert skeleton("tchaikovsky") == skeleton("chaikovsky")


def test_seed_article_matches_its_names_but_not_the_unrelated_headlines(seed_path: Path) -> None:
    from bot.reading.sources import read_source

    [article] = read_source(str(seed_path), settings=Settings())
    document = prepare(article)
    for query in (
        "Khmeimim",
        "Hmeimim",
        "Tartus",
        "Tartous",
        "Syria Russia",
        '"air base"',
        "Libya",
    ):
        assert match_query(parse_query(query), document) is not None, query
    for query in ("Epstein", "Bolsonaro", "Tarsus", "Iraq"):
        assert match_query(parse_query(query), document) is None, query


# ---------------------------------------------------------------- the index

VOCAB = [
    "syria", "russia", "Kyiv", "kiev", "Khmeimim", "Tartus", "base", "bases", "Iran", "Iraq",
    "Zelensky", "al-Assad", "Türkiye", "Myanmar", "US", "strike", "Paris", "Mali", "Bali",
    "Netanyahu", "Gaza", "Hamas", "ceasefire", "election", "Moscow", "Damascus", "Libya",
]  # fmt: skip
TEXT_WORDS = [
    "Syria", "Russia's", "Kiev", "Kyiv", "Hmeimim", "Tartous", "bases", "base", "Iran",
    "Iraq", "Zelenskyy", "al", "Assad", "Turkey", "Burma", "us", "US", "strikes", "parish",
    "Bali", "Netanyhau", "Gaza", "Hamas", "ceasefires", "elections", "Moscow", "Damascus",
    "the", "air", "said", "and", "of", "Libya", "Liberia", "Tarsus",
]  # fmt: skip


def random_query(rng: random.Random) -> str:
    def term() -> str:
        roll = rng.random()
        if roll < 0.15:
            return '"' + " ".join(rng.sample(["air", "base", "al", "Assad", "the"], 2)) + '"'
        return rng.choice(VOCAB)

    a, b, c = term(), term(), term()
    while len({fold(a), fold(b), fold(c)}) < 3:  # "a -a" can never match: parse refuses it
        a, b, c = term(), term(), term()
    shapes = [
        a,
        f"{a} {b}",  # a two-term AND: the pair table
        f"{a} OR {b}",  # triggered: any side fires
        f"{a} -{b}",  # triggered with an exclusion
        f"{a} OR {b} -{c}",
        f"{a} -{b} -{c}",
        f"{a} OR {b} OR {c}",
        f"{a} {b} -{c}",  # a pair with an exclusion
        f"{a} {b} {c}",  # verified one by one
        f"{a} {b} OR {c}",
        f"({a} {b}) OR {c}",  # a tree: walked
        f"{a} -({b} {c})",
    ]
    return rng.choice(shapes)


def random_doc(rng: random.Random, number: int) -> Document:
    words = [rng.choice(TEXT_WORDS) for _ in range(rng.randrange(3, 40))]
    return prepare(Article(id=str(number), url="u", title=words[0], text=" ".join(words[1:])))


# Small indexes keep OR queries' keys in key dicts, large ones in side arrays (SPREAD_FROM):
# the index tests run both ways.
SPREAD = pytest.mark.parametrize("spread_from", [0, SPREAD_FROM], ids=["arrays", "dicts"])

Explained = list[tuple[int, tuple[MatchedTerm, ...]]]  # (subscription key, matched terms)


def brute_force(subs: dict[int, str], document: Document) -> Explained:
    out = []
    for key, text in sorted(subs.items()):
        found = match_query(parse_query(text), document)
        if found is not None:
            out.append((key, found))
    return out


def counted(subs: dict[int, str], documents: list[Document]) -> dict[int, int]:
    """How many of the documents each key matches by brute force (keys matching none left out)."""
    return dict(Counter(key for d in documents for key, _ in brute_force(subs, d)))


def explained(matches: list[Match]) -> Explained:
    return sorted((m.key, m.terms) for m in matches)


@SPREAD
def test_index_equals_brute_force_matching_through_adds_and_removes(spread_from: int) -> None:
    rng = random.Random(4)
    index = SubscriptionIndex(spread_from=spread_from)
    subs: dict[int, str] = {}
    next_key = 0
    for round_number in range(30):
        for _ in range(rng.randrange(5, 30)):
            next_key += 1
            subs[next_key] = random_query(rng)
            index.add(next_key, parse_query(subs[next_key]))
        for key in rng.sample(sorted(subs), k=min(len(subs), rng.randrange(0, 12))):
            del subs[key]
            index.remove(key)
        assert len(index) == len(subs)
        documents = [random_doc(rng, round_number * 10 + number) for number in range(5)]
        assert index.count(iter(documents)) == counted(subs, documents)
        for document in documents:
            expected = brute_force(subs, document)
            assert explained(index.match(document)) == expected
            # The same through the other way out: keys first, explained on demand (in a
            # different order than `match` reads them).
            found = index.find(document)
            assert sorted(found.keys) == [key for key, _ in expected]
            assert [(key, found.explain(key)) for key, _ in reversed(expected)] == expected[::-1]


@SPREAD
def test_index_equals_brute_force_with_few_atoms_shared_by_every_shape(spread_from: int) -> None:
    # Four atoms only: every shape (one term, OR, exclusions, ANDs, trees) shares its terms
    # with the others, each query text is held by several keys, and keys are removed one
    # at a time (one of several holders, the last holder, an excluded-atom query) or
    # replaced by another query; a Found made before a change still explains its keys.
    rng = random.Random(11)
    atoms = ["Kyiv", "Moscow", "strike", "Tartus"]
    texts = sorted({random_query_over(rng, atoms) for _ in range(400)})
    assert len(texts) > 40
    index = SubscriptionIndex(spread_from=spread_from)
    subs: dict[int, str] = {}
    for round_number in range(40):
        for _ in range(rng.randrange(3, 25)):
            key = rng.randrange(200)  # reused keys: a key already present is replaced
            subs[key] = rng.choice(texts)
            index.add(key, parse_query(subs[key]))
        document = random_doc_over(rng, round_number)
        before = index.find(document)
        expected_before = brute_force(subs, document)
        for key in rng.sample(sorted(subs), k=min(len(subs), rng.randrange(0, 10))):
            if rng.random() < 0.3:
                subs[key] = rng.choice(texts)
                index.add(key, parse_query(subs[key]))
            else:
                del subs[key]
                index.remove(key)
        assert sorted(before.keys) == [key for key, _ in expected_before]
        assert [(key, before.explain(key)) for key, _ in expected_before] == expected_before
        assert explained(before.matches()) == expected_before
        assert len(index) == len(subs)
        documents = [random_doc_over(rng, number) for number in range(4)]
        assert index.count(documents) == counted(subs, documents)
        for document in documents:
            expected = brute_force(subs, document)
            assert explained(index.match(document)) == expected
            found = index.find(document)
            assert sorted(found.keys) == [key for key, _ in expected]
            assert [(key, found.explain(key)) for key, _ in expected] == expected
    for key in list(subs):
        index.remove(key)
    assert_index_empty(index)


def random_query_over(rng: random.Random, atoms: list[str]) -> str:
    a, b, c = rng.sample(atoms, 3)
    shapes = [
        a,
        a.lower(),  # the same term written another way: another query, the same key set
        f"{a} OR {b}",
        f"{a} -{b}",
        f"{a} OR {b} -{c}",
        f"{a} OR {a}",
        f"{a} {b}",
        f"{a} {b} -{c}",
        f"{a} {b} OR {c}",  # a two-clause AND: filed under both pairs
        f"{a} OR {b} {c} OR {a}",  # a term in both clauses: verified
        f"{a} {b} {c}",
        f"({a} {b}) OR {c}",
        f"{a} -({b} {c})",
    ]
    return rng.choice(shapes)


def random_doc_over(rng: random.Random, number: int) -> Document:
    words = ["Kiev", "Moscow", "strikes", "Tartous", "and", "the", "said"]
    text = [rng.choice(words) for _ in range(rng.randrange(1, 8))]
    return prepare(Article(id=str(number), url="u", title=text[0], text=" ".join(text[1:])))


@SPREAD
def test_removing_holders_of_one_query_one_by_one_keeps_the_others_until_the_last(
    spread_from: int,
) -> None:
    index = SubscriptionIndex(spread_from=spread_from)
    queries = ["Kyiv OR Odesa -Moscow", "Syria Russia -Iran", "Tartus", "syria russia iran"]
    queries += ["Tartus Syria Odesa", "tartus"]  # a longer AND; another one-term query
    for key in range(60):
        index.add(key, parse_query(queries[key % 6]))
    document = doc("Kiev and Odesa; Syria, Russia and Tartous")
    live = set(range(60))
    order = list(range(60))
    random.Random(3).shuffle(order)
    for key in order:
        expected = sorted(k for k in live if k % 6 in (0, 1, 2, 4, 5))
        assert sorted(m.key for m in index.match(document)) == expected
        index.remove(key)
        live.discard(key)
    assert_index_empty(index)


@SPREAD
def test_found_explains_matched_keys_only_and_is_a_snapshot(spread_from: int) -> None:
    index = SubscriptionIndex(spread_from=spread_from)
    index.add(1, parse_query("Kyiv OR Odesa"))
    index.add(2, parse_query("Kyiv OR Odesa"))
    index.add(3, parse_query("Lviv"))
    found = index.find(doc("shelling of Kiev"))
    index.remove(2)  # after the match: the result does not change
    assert sorted(found.keys) == [1, 2]
    assert found.explain(2) == (MatchedTerm("Kyiv", "Kiev", "alias"),)
    with pytest.raises(KeyError):
        found.explain(3)


@SPREAD
def test_bulk_start_up_build_equals_one_by_one_adds_and_reports_bad_texts(spread_from: int) -> None:
    rng = random.Random(5)
    stored = [(key, random_query(rng)) for key in range(300)]
    stored += [(300, "(unclosed"), (5, "replaced OR again"), (301, stored[0][1])]
    bulk = SubscriptionIndex(spread_from=spread_from)
    refused = bulk.add_stored(stored)
    assert [(key, text) for key, text, _ in refused] == [(300, "(unclosed")]
    one_by_one = SubscriptionIndex(spread_from=spread_from)
    for key, text in stored[:300] + stored[301:]:
        one_by_one.add(key, parse_query(text))
    assert len(bulk) == len(one_by_one) == 301
    for number in range(20):
        document = random_doc(rng, number)
        by_key = explained(bulk.match(document))
        assert by_key == explained(one_by_one.match(document))
        found = bulk.find(document)
        assert sorted((k, found.explain(k)) for k in found.keys) == by_key


@SPREAD
def test_index_removes_everything_it_added(spread_from: int) -> None:
    index = SubscriptionIndex(spread_from=spread_from)
    texts = ["Khmeimim", "Kyiv OR kiev", '"air base" syria', "a -b", "Odesa OR Lviv OR Syria"]
    for key, text in enumerate(texts):
        index.add(key, parse_query(text))
    index.add(1, parse_query("Tartus"))  # replacing a key's query
    assert len(index) == 5
    document = doc("Tartous and Hmeimim air base in Syria, a, Odesa")
    assert sorted(m.key for m in index.match(document)) == [0, 1, 2, 3, 4]
    for key in range(5):
        index.remove(key)
    index.remove(99)  # unknown keys are ignored
    assert len(index) == 0
    assert index.match(document) == []
    assert_index_empty(index)


def test_index_looks_for_spelled_out_acronyms_only_while_it_holds_one(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # An acronym typed as a query (SNC) finds capitalised words whose initials spell it;
    # while the index holds no such query, an article's runs of capitalised words are
    # never worked out (the rule costs nothing then).
    runs_read: list[Document] = []
    runs = Document.name_runs

    def counted_runs(document: Document) -> list[tuple[str, list[int]]]:
        runs_read.append(document)
        real: list[tuple[str, list[int]]] = runs.__get__(document)  # (property's: Any)
        return real

    monkeypatch.setattr(Document, "name_runs", property(counted_runs))
    text = "In Kyiv. The Sierra Nevada Corporation said."
    index = SubscriptionIndex()
    index.add(1, parse_query("Kyiv"))
    index.add(2, parse_query("SNC"))
    found = index.find(doc(text))
    assert sorted(found.keys) == [1, 2]
    assert found.explain(2) == (MatchedTerm("SNC", "Sierra Nevada Corporation", "acronym"),)
    assert runs_read
    index.remove(2)
    assert index.stats()["initials"] == 0
    runs_read.clear()
    assert list(index.find(doc(text)).keys) == [1]
    assert runs_read == []
    index.add(3, parse_query("SNC"))
    assert sorted(index.find(doc(text)).keys) == [1, 3]
    assert runs_read


def test_index_reads_no_acronym_in_a_persons_names() -> None:
    # Clara Ingrid Adams is no CIA (a given name, then given names or surnames); the
    # agency's name further on is, and the explanation names it.
    index = SubscriptionIndex()
    index.add(1, parse_query("CIA"))
    assert list(index.find(doc("Meet Clara Ingrid Adams today.")).keys) == []
    found = index.find(doc("Clara Ingrid Adams joined the Central Intelligence Agency."))
    assert list(found.keys) == [1]
    assert [t.article_word for t in found.explain(1)] == ["Central Intelligence Agency"]


def test_same_query_held_by_many_subscriptions_is_verified_once_and_reported_for_each() -> None:
    index = SubscriptionIndex()
    for key in range(50):
        index.add(key, parse_query("Kyiv" if key % 2 else "kyiv"))
    found = sorted(index.match(doc("Kiev today")), key=lambda m: m.key)
    assert [m.key for m in found] == list(range(50))
    assert found[1].terms == (MatchedTerm("Kyiv", "Kiev", "alias"),)


def test_words_that_matched_nothing_match_terms_added_later() -> None:
    # The index remembers words that satisfy no term, to skip them; a new term (one
    # word, a typo of one, or a multi-word form) must bring them back.
    index = SubscriptionIndex()
    index.add(1, parse_query("Lviv"))
    article = doc("Drones hit the Hmeimim air base near Odesa")
    assert list(index.find(article).keys) == []
    index.add(2, parse_query("Odesa"))
    index.add(3, parse_query("Khmeimim"))
    index.add(4, parse_query('"air base"'))
    found = index.find(article)
    assert sorted(found.keys) == [2, 3, 4]
    assert found.explain(3) == (MatchedTerm("Khmeimim", "Hmeimim", "typo"),)
    index.remove(2)
    index.remove(4)
    index.add(5, parse_query("Odesa -Hmeimim"))
    assert sorted(index.find(article).keys) == [3]


def test_bulk_build_decides_how_ors_are_held_by_its_whole_size_even_from_a_generator() -> None:
    texts = ["Kyiv OR Odesa", "Lviv", "Lviv OR Kharkiv", "strike", "Odesa"]
    index = SubscriptionIndex(spread_from=len(texts))
    assert index.add_stored((key, text) for key, text in enumerate(texts)) == []
    assert index.stats()["spread_sides"]  # the first OR already spread: the size was known
    found = index.find(doc("Strikes on Kyiv and Odesa, not Lviv"))
    assert sorted(found.keys) == [0, 1, 2, 3, 4]
    assert found.explain(0) == (
        MatchedTerm("Kyiv", "Kyiv", "exact"),
        MatchedTerm("Odesa", "Odesa", "exact"),
    )
    small = SubscriptionIndex(spread_from=len(texts) + 1)
    small.add_stored((key, text) for key, text in enumerate(texts))
    assert not small.stats()["spread_sides"]


@SPREAD
def test_exclusion_queries_drop_their_keys_only_when_an_excluded_term_is_present(
    spread_from: int,
) -> None:
    index = SubscriptionIndex(spread_from=spread_from)
    texts = {1: "Kyiv -Odesa", 2: "Kyiv OR Lviv -Odesa", 3: "Kyiv OR Lviv", 4: "Lviv -Kharkiv"}
    for key, text in texts.items():
        index.add(key, parse_query(text))
    # Large indexes hold exclusion queries in side arrays, not in the key dicts.
    stats = index.stats()
    assert bool(stats["spread_sides"]) == (spread_from == 0)
    assert bool(stats["fired_terms"]) == (spread_from != 0)
    assert sorted(index.find(doc("Kyiv and Lviv")).keys) == [1, 2, 3, 4]
    assert sorted(index.find(doc("Kyiv, Lviv and Odesa")).keys) == [3, 4]
    assert sorted(index.find(doc("Lviv and Kharkiv")).keys) == [2, 3]
    assert list(index.find(doc("Odesa and Kharkiv")).keys) == []
    index.remove(1)
    index.remove(2)
    assert sorted(index.find(doc("Kyiv and Lviv")).keys) == [3, 4]
    index.remove(4)
    assert index.stats()["side_excludes"] == index.stats()["key_excludes"] == 0


def test_split_words_keeps_the_words_a_backtracking_word_pattern_finds() -> None:
    # The word pattern's possessive quantifiers are only a speed-up: the plain greedy
    # form (written out here) must split every text into the same words.
    plain = re.compile(
        r"(?=[^\W_])(?:(?=.\.)(?:[^\W\d_]\.)+[^\W\d_]\b|[^\W_]+(?:['’‘ʼʻ`´′][^\W_]+)*)"
    )
    rng = random.Random(5)
    alphabet = "aZé5_.'’ -\u0301x."
    for _ in range(20_000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 14)))
        assert split_words(text) == plain.findall(text), text
    assert split_words("U.S. officials' o'clock twitter.com end.Next") == [
        "U.S",
        "officials",
        "o'clock",
        "twitter",
        "com",
        "end",
        "Next",
    ]


@pytest.mark.parametrize(
    ("title", "text", "words", "in_a_row"),
    [
        ("", "The prime minister said", ("prime", "minister"), True),
        ("", "Prime time for the minister", ("prime", "minister"), False),
        ("", "The minister's prime concern", ("prime", "minister"), False),
        ("", "the al-Assad family", ("al", "assad"), True),
        ("Talks with the Prime", "Minister said", ("prime", "minister"), False),  # two fields
        ("", "The prime minister said", ("minister",), True),
        ("", "The prime minister said", ("minist",), False),  # whole words only
    ],
)
def test_has_run_tells_whether_words_stand_in_a_row(
    title: str, text: str, words: tuple[str, ...], in_a_row: bool
) -> None:
    assert doc(text, title).has_run(words) == in_a_row


def test_positions_found_on_demand_equal_every_position_of_the_word() -> None:
    document = doc("Kyiv talks. Kyiv, Odesa and Kyiv again; talks on talks in Kyiv")
    for token in [*document.vocab, "absent"]:
        expected = [at for at, word in enumerate(document.tokens) if word == token]
        assert list(document.starts(token)) == expected
    assert list(document.starts("kyiv")) == [1, 3, 6, 12]
