"""An Arabic or Persian given name in its Turkish (Azerbaijani, Bosnian) spelling and in
the Arabic press's (docs/matching.md, "Agencies' spellings of one name"): Ahmet/Ahmed,
Murat/Murad, Cemal/Jamal, Vahit/Wahid, Kerim/Karim.

No rule of shape alone: both spellings are names of Jörg Michael's first-name dictionary,
the Turkish one common in Turkey, Azerbaijan or Bosnia and the other in the Arabic list
(bot/data/arabic_names.txt), and the one is the other with the published correspondences
of Turkish orthography with Arabic applied (a final voiced stop written voiceless, j
written c, w v, th and dh s and z, a fatha e): bot/data/turkish_names.txt, made by
scripts/turkish_names.py. The Turkish name joins its Arabic names and their spellings of
the list (Ahmet: Ahmed, Ahmad), and the Turkish names of the same Arabic name (Esat, Esad).
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

from bot.matching.arabic_names import arabic_spellings


@lru_cache(maxsize=1)
def _groups() -> dict[str, tuple[str, ...]]:
    """Each name of a Turkish pair (either side, and the Arabic side's other spellings of
    the list) with the others it is one name with."""
    text = (resources.files("bot") / "data" / "turkish_names.txt").read_text("utf-8")
    by_arabic: dict[str, set[str]] = {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            turkish, _, arabic = line.partition("\t")
            names = {turkish}
            for name in arabic.split(","):
                names.update((name, *arabic_spellings(name)))
            for name in arabic.split(","):
                by_arabic.setdefault(name, set()).update(names)
    groups: dict[str, set[str]] = {}
    for names in by_arabic.values():
        for name in names:
            groups.setdefault(name, set()).update(names)
    return {name: tuple(sorted(others - {name})) for name, others in groups.items()}


def turkish_spellings(word: str) -> tuple[str, ...]:
    """The other spellings of a folded given name of a Turkish pair (ahmet: ahmad, ahmed;
    jamal: cemal), or ()."""
    return _groups().get(word, ())
