"""What the two matching evaluations share (benchmarks/match_eval.py, match_heldout.py): the
labelled case, the real article bodies and the names in them, the operator cases labelled by
set logic, the matcher under test and the precision/recall/F1 of a category.

The scripts put the repository on sys.path before importing this module.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from pathlib import Path

from wordfreq import zipf_frequency

from bot.matching.document import prepare
from bot.matching.plan import match_query
from bot.matching.query import parse_query
from bot.models import Article

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("NEWSBOT_SHARED", ROOT.parent / "shared"))
GROUND_TRUTH = SHARED / "corpora" / "articles" / "scrapinghub" / "ground-truth.json"
NAME = re.compile(r"(?<=[a-z,] )([A-Z][a-z]{4,})\b")

# The operator forms over two words of the article (a, b) and one it lacks (absent), each
# with the answer set logic gives and the category match_eval.py reports it under.
OPERATOR_FORMS = (
    ("AND", "{a} {b}", True),
    ("AND", "{a} {absent}", False),
    ("OR", "{absent} OR {a}", True),
    ("OR", "{a} OR {b} {absent}", False),
    ("NOT", "{a} -{absent}", True),
    ("NOT", "{a} -{b}", False),
    ("group", "({a} {absent}) OR ({a} {b})", True),
    ("group", "{a} -({b} OR {absent})", False),
)


@dataclass(frozen=True)
class Case:
    category: str
    query: str
    text: str
    expected: bool
    note: str = ""  # the spelling planted in the article


def article_bodies() -> list[str]:
    """The scrapinghub ground truth's article bodies longer than 500 characters."""
    data = json.loads(GROUND_TRUTH.read_text(encoding="utf-8"))
    return [v["articleBody"] for _, v in sorted(data.items()) if len(v["articleBody"]) > 500]


def names_in(text: str) -> list[str]:
    """Capitalised words inside sentences (not the first word): names and places."""
    return sorted({n for n in NAME.findall(text) if zipf_frequency(n.lower(), "en") < 3.5})


def set_logic_cases(text: str, a: str, b: str, absent: str, category: str = "") -> list[Case]:
    """The eight operator cases of OPERATOR_FORMS on `text`, each under its form's category
    or all under `category`."""
    return [
        Case(category or form, query.format(a=a, b=b, absent=absent), text, expected)
        for form, query, expected in OPERATOR_FORMS
    ]


def newsbot(query: str, text: str) -> bool:
    """The bot's matcher: does the query match an article with this text?"""
    doc = prepare(Article(id="x", url="u", title="", text=text))
    return match_query(parse_query(query), doc) is not None


def outcome(got: bool, expected: bool) -> int:
    """Where an answer counts in [true positives, false positives, false negatives, true
    negatives]."""
    return (0 if got else 2) if expected else (1 if got else 3)


def score(counts: list[int]) -> tuple[float, float, float]:
    """Precision, recall and F1 of [tp, fp, fn, tn] (1.0 where nothing was to be found)."""
    tp, fp, fn, _tn = counts
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)
