"""The shipped bot/data/british_american.tsv obeys its generator's filters
(scripts/british_american.py): its source named, pairs of two lower-case English words
that no pattern rule of `british_american` writes, no pair of two words."""

from __future__ import annotations

from pathlib import Path

from wordfreq import zipf_frequency

from bot.matching.spellings import irregular_spellings
from bot.matching.variants import pattern_spellings
from scripts.british_american import MIN_ZIPF

DATA = Path(__file__).resolve().parents[1] / "bot" / "data" / "british_american.tsv"
TWO_WORDS = {("storey", "story"), ("cheque", "check"), ("tyre", "tire"), ("kerb", "curb"),
             ("draught", "draft"), ("instil", "instill"), ("tonne", "ton")}  # fmt: skip


def pairs() -> list[tuple[str, str]]:
    lines = DATA.read_text("utf-8").splitlines()
    return [(gb, us) for gb, _, us in (line.partition("\t") for line in lines[1:])]


def test_the_header_names_the_source_and_its_version() -> None:
    header = DATA.read_text("utf-8").splitlines()[0]
    assert header.startswith("# PyPI breame 0.1.2")
    assert "WordNet 3.1" in header


def test_pairs_are_english_words_the_patterns_do_not_write() -> None:
    assert pairs()
    for gb, us in pairs():
        assert gb.isalpha(), gb
        assert us.isalpha(), us
        assert gb.islower(), gb
        assert us.islower(), us
        assert min(zipf_frequency(gb, "en"), zipf_frequency(us, "en")) >= MIN_ZIPF, (gb, us)
        assert us not in pattern_spellings(gb), (gb, us)
        assert gb not in pattern_spellings(us), (gb, us)
        assert (gb, us) not in TWO_WORDS


def test_the_table_joins_both_ways() -> None:
    table = irregular_spellings()
    assert table["grey"] == {"gray"}
    assert table["gray"] == {"grey"}
