"""British/American spellings no pattern rule writes (aluminium/aluminum, grey/gray,
artefact/artifact, sceptical/skeptical), from bot/data/british_american.tsv (breame's list
filtered with WordNet: scripts/british_american.py). `variants.british_american` adds
them to the pairs its patterns give."""

from __future__ import annotations

from collections import defaultdict
from functools import lru_cache
from importlib import resources


@lru_cache(maxsize=1)
def irregular_spellings() -> dict[str, frozenset[str]]:
    """Folded word → its other national spellings the table lists (both ways)."""
    found: dict[str, set[str]] = defaultdict(set)
    text = (resources.files("bot") / "data" / "british_american.tsv").read_text("utf-8")
    for line in text.splitlines():
        if line.startswith("#") or not line:
            continue
        british, _, american = line.partition("\t")
        found[british].add(american)
        found[american].add(british)
    return {word: frozenset(others) for word, others in found.items()}
