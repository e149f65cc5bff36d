"""The first test for spelled-out acronyms (`spelled.could_spell`): never False where the
name runs spell the acronym out, on made-up texts and on real article texts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.matching.document import MAX_RUN, MIN_RUN, Document, prepare, whole_words
from bot.matching.spelled import FEW, could_spell
from bot.models import Article


def _doc(text: str, title: str = "") -> Document:
    return prepare(Article(id="1", url="u", title=title, text=text))


@pytest.mark.parametrize(
    ("letters", "text", "found"),
    [
        ("snc", "a deal with Sierra Nevada Corporation today", True),
        ("boem", "the Bureau of Ocean Energy Management said", True),
        ("boem", "the Bureau of the Ocean Energy Management said", True),
        ("snc", "Sierra, Nevada; Corporation's", True),  # (punctuation is no word)
        ("snc", "sierra Nevada Corporation", False),  # no capital
        ("snc", "SIERRA NEVADA CORPORATION", False),  # no lower-case second letter
        ("snc", "Sierra and a Nevada Corporation", False),  # "a" is no small word of a name
        ("snc", "Sierra Corporation Nevada", False),
        ("unrwa", "the UN Relief and Works Agency said", True),  # a short acronym first
        ("unsc", "the UN Security Council met", True),
        ("unsc", "the UN Security met", False),  # the acronym and one word: no run
        ("unrwa", "the UNR Relief and Works Agency said", False),
        ("hts", "fighters of Hayat Tahrir al-Sham said", True),  # al: a small word
    ],
)
def test_could_spell(letters: str, text: str, found: bool) -> None:
    doc = _doc(text)
    assert could_spell([letters], doc) is found
    spelled = any(letters in initials for initials, _ in doc.name_runs)
    assert not spelled or found


def test_the_title_is_not_read() -> None:
    assert not could_spell(["snc"], _doc("nothing here", title="Sierra Nevada Corporation"))


def test_many_acronyms_are_not_tested() -> None:
    many = [f"x{chr(97 + i)}z" for i in range(FEW + 1)]
    assert could_spell(many, _doc("nothing here"))
    assert not could_spell(many[:FEW], _doc("nothing here"))


def test_never_false_where_a_run_spells_it(shared_dir: Path) -> None:
    """Every acronym the real texts' name runs spell out (each run's initials, every
    stretch of MIN_RUN to MAX_RUN letters) is let through."""
    truth = shared_dir / "corpora" / "articles" / "scrapinghub" / "ground-truth.json"
    bodies = [v["articleBody"] for v in json.loads(truth.read_text()).values()]
    spelled = 0
    for body in bodies:
        doc = _doc(body)
        for initials, names in doc.name_runs:
            for i in range(len(initials)):
                for j in range(i + MIN_RUN, min(i + MAX_RUN, len(initials)) + 1):
                    if whole_words(names, i, j):  # (not from inside a run's first acronym)
                        assert could_spell([initials[i:j]], doc), initials[i:j]
                        spelled += 1
    assert spelled > 1000
