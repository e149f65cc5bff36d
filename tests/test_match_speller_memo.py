"""The spell checker's memo of an article word's neighbours (`Speller.nearer`), filled by
`Speller.corrections` on the way: the same words as `nearer` works out on its own."""

from __future__ import annotations

from bot.matching.lexicon import load_lexicon
from bot.matching.variants import Speller

TOKENS = ["nottion", "expers", "seting", "goverment", "adress", "accomodation", "recieve"]
MEANT = ["", "notion", "express", "setting", "government", "address", "receive"]


def test_corrections_remember_what_nearer_would_find() -> None:
    lexicon = load_lexicon()
    alone, corrected = Speller(lexicon.zipf, lexicon.places), Speller(lexicon.zipf, lexicon.places)
    for token in [*TOKENS, "ballot"]:  # (an established word: no corrections, no memo)
        corrected.corrections(token)
        assert (token in corrected._neighbours) == (token != "ballot")  # filled on the way
        assert [alone.nearer(token, m) for m in MEANT] == [
            corrected.nearer(token, m) for m in MEANT
        ]
        assert alone._neighbours[token] == corrected._neighbours[token]
    assert alone._neighbours["expers"] == {"expert", "experts"}  # (express: two edits)
