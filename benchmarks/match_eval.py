"""Matching quality: precision, recall and F1 per category over labelled (query, article) cases.

    python benchmarks/match_eval.py            # needs ../shared (or NEWSBOT_SHARED)

The cases are built from the real article bodies of ../shared/corpora (scrapinghub) and
the seed, read at run time (nothing is copied into the repository). Expectations come by
construction, never from the matcher: a copy of a real article with one name re-spelled
(by a random typo, by a real transliteration variant, by a real alternative name) must
match the original spelling; the same copy with the name replaced by a different real word
or place that merely looks alike must not; queries with operators are labelled by set
logic over the words the article contains. Hand-made pairs (variants, aliases, traps) are
listed below with the source of each.
"""

from __future__ import annotations

import itertools
import random
import re
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from rapidfuzz.distance import OSA  # noqa: E402
from wordfreq import zipf_frequency  # noqa: E402

from benchmarks.matchcases import (  # noqa: E402
    GROUND_TRUTH,
    SHARED,
    Case,
    article_bodies,
    names_in,
    newsbot,
    outcome,
    score,
    set_logic_cases,
)
from bot.matching.normalise import fold  # noqa: E402

SEED = SHARED / "seed" / "000_3827e3caecbd4bea.txt"

# Real transliteration variants seen in English-language news (the first is the query).
VARIANTS = [
    ("Khmeimim", "Hmeimim"), ("Hmeimim", "Khmeimim"), ("Tartus", "Tartous"),
    ("Tartous", "Tartus"), ("Zelensky", "Zelenskyy"), ("Zelenskyy", "Zelensky"),
    ("Zelensky", "Zelenskiy"), ("Qaddafi", "Kadhafi"), ("Gaddafi", "Qaddafi"),
    ("Gaddafi", "Gadhafi"), ("Assad", "Asad"), ("Mohammed", "Mohamed"),
    ("Muhammad", "Mohammed"), ("Hezbollah", "Hizbollah"), ("Hezbollah", "Hizballah"),
    ("Qaeda", "Qaida"), ("Kharkiv", "Kharkov"), ("Odesa", "Odessa"), ("Luhansk", "Lugansk"),
    ("Navalny", "Navalnyy"), ("Medvedev", "Medvedyev"), ("Shoigu", "Shoygu"),
    ("Raqqa", "Rakka"), ("Mosul", "Mossul"), ("Qatar", "Katar"), ("Houthi", "Huthi"),
    ("Netanyahu", "Netanyahou"), ("Haniyeh", "Haniya"), ("Tehran", "Teheran"),
    ("Chechnya", "Chechnia"), ("Kadyrov", "Kadirov"), ("Yanukovych", "Yanukovich"),
    ("Tymoshenko", "Timoshenko"), ("Gorbachev", "Gorbachov"), ("Khrushchev", "Khrushchov"),
    ("Mahmoud", "Mahmud"), ("Muammar", "Moammar"), ("Hosni", "Husni"), ("Taliban", "Taleban"),
    ("Pashtun", "Pushtun"), ("Mujahideen", "Mujahedin"), ("Tskhinvali", "Tshinvali"),
    ("Hodeidah", "Hudaydah"), ("Benghazi", "Bengazi"), ("Misrata", "Misurata"),
    ("Ahmadinejad", "Ahmadinezhad"), ("Kazakhstan", "Kazakstan"), ("Kyrgyzstan", "Kirgizstan"),
    ("Tajikistan", "Tadjikistan"), ("Abkhazia", "Abhazia"),
    # Added with the skeleton rule, listed before it was measured on them (held out):
    ("Tchaikovsky", "Chaikovsky"), ("Khodorkovsky", "Chodorkowski"), ("Gaddafi", "Kadhafi"),
    ("Nasrallah", "Nasrollah"), ("Rouhani", "Rohani"), ("Abdullah", "Abdallah"),
    ("Osama", "Usama"), ("Hussein", "Husain"), ("Kandahar", "Qandahar"), ("Helmand", "Hilmand"),
    ("Karzai", "Karzay"), ("Fallujah", "Falluja"), ("Zawahiri", "Zawahri"),
    ("Prigozhin", "Prigojine"), ("Yevgeny", "Evgeny"),
]  # fmt: skip

# Alternative names of the same place (the first is the query).
ALIASES = [
    ("Kyiv", "Kiev"), ("Kiev", "Kyiv"), ("Myanmar", "Burma"), ("Burma", "Myanmar"),
    ("Türkiye", "Turkey"), ("Turkey", "Türkiye"), ("Mumbai", "Bombay"), ("Bombay", "Mumbai"),
    ("Beijing", "Peking"), ("Peking", "Beijing"), ("Chennai", "Madras"), ("Yangon", "Rangoon"),
    ("Volgograd", "Stalingrad"), ("Kolkata", "Calcutta"), ("Bengaluru", "Bangalore"),
    ("Istanbul", "Constantinople"), ("Mecca", "Makkah"), ("Nanjing", "Nanking"),
    ("Guangzhou", "Canton"), ("Cologne", "Köln"), ("Munich", "München"), ("Vienna", "Wien"),
    ("Prague", "Praha"), ("Warsaw", "Warszawa"), ("Lviv", "Lvov"), ("Gdansk", "Danzig"),
    ("Eswatini", "Swaziland"), ("Czechia", "Czech Republic"), ("Thailand", "Siam"),
    ("Ceylon", "Sri Lanka"), ("Saigon", "Ho Chi Minh City"), ("Almaty", "Alma-Ata"),
    ("Chittagong", "Chattogram"), ("Algiers", "Alger"), ("Ankara", "Angora"),
]  # fmt: skip

# Different real words or places that look alike (the first is the query): must not match.
TRAPS = [
    ("Iran", "Iraq"), ("Iraq", "Iran"), ("Mali", "Bali"), ("Bali", "Mali"),
    ("Austria", "Australia"), ("Australia", "Austria"), ("Tartus", "Tarsus"),
    ("Tarsus", "Tartus"), ("Niger", "Nigeria"), ("Nigeria", "Niger"), ("Paris", "parish"),
    ("Trump", "trumpet"), ("AI", "said"), ("Obama", "Osama"), ("Biden", "widen"),
    ("Gaza", "gaze"), ("Putin", "putting"), ("Epstein", "Einstein"), ("Sudan", "Sedan"),
    ("Libya", "Liberia"), ("Syria", "Serbia"), ("Russia", "Prussia"), ("Hamas", "Hama"),
    ("Kiev", "kiwi"), ("Sweden", "Swede"), ("Slovenia", "Slovakia"), ("Gambia", "Zambia"),
    ("Guinea", "Guyana"), ("Jordan", "Jordin"), ("Chile", "China"),
    ("Oman", "Omaha"), ("Peru", "Perm"), ("Georgia", "Georgian"), ("Congo", "Conga"),
    ("Bolivia", "Olivia"), ("Korea", "Korean"), ("Yemen", "Yemeni"), ("Malta", "Yalta"),
    ("Cuba", "Tuba"), ("Nepal", "Neal"), ("Dubai", "Dubois"), ("Macron", "macaron"),
    ("Sunak", "Sunk"), ("Modi", "mode"), ("Musk", "musk"), ("Xi", "Xia"), ("Kim", "Kimi"),
    # Added with the skeleton rule, listed before it was measured on them (held out):
    ("Putin", "potion"), ("Boulder", "builder"), ("Sanders", "senders"), ("Kabul", "Kabuki"),
    ("Malawi", "Malay"), ("Tunisia", "Tunis"), ("Haiti", "Tahiti"), ("Samoa", "samosa"),
    ("Sunni", "sunny"), ("Biden", "bidet"), ("Merkel", "Merkle"), ("Macron", "micron"),
    ("Orban", "urban"), ("Scholz", "Schulz"), ("Chile", "chili"), ("Vance", "Vince"),
    ("Starmer", "stammer"), ("Rubio", "Rubin"),
]  # fmt: skip
# Some traps are genuinely ambiguous ("Musk" the name and "musk" the scent): kept to show it.


def words_of(text: str) -> set[str]:
    return set(re.findall(r"\w+", fold(text)))


def replace_word(text: str, old: str, new: str) -> str:
    return re.sub(rf"\b{re.escape(old)}\b", new, text)


def typo(word: str, rng: random.Random) -> str:
    i = rng.randrange(1, len(word) - 1)
    kind = rng.randrange(4)
    letter = rng.choice("aeiourstnl")
    if kind == 0:
        return word[:i] + word[i + 1 :]
    if kind == 1:
        return word[:i] + letter + word[i:]
    if kind == 2:
        return word[:i] + letter + word[i + 1 :] if word[i] != letter else word[:i] + word[i + 1 :]
    return word[: i - 1] + word[i] + word[i - 1] + word[i + 1 :]


def free_of(text: str, *words: str) -> bool:
    """True when none of the words occurs in the text, in any spelling close to it."""
    present = words_of(text)
    for word in words:
        for part in words_of(word):
            if part in present:
                return False
            if len(part) >= 5 and any(
                OSA.distance(part, w) <= 2 or w.startswith(part[:5]) for w in present
            ):
                return False
    return True


def planted(
    bodies: list[str],
    pairs: list[tuple[str, str]],
    category: str,
    rng: random.Random,
    expected: bool,
    per_pair: int,
) -> list[Case]:
    """A real article with one of its names replaced by `written`; query `query`."""
    cases = []
    for query, written in pairs:
        for _ in range(per_pair):
            for _attempt in range(50):
                body = rng.choice(bodies)
                names = names_in(body)
                if names and free_of(body, query, written):
                    break
            else:
                continue
            name = rng.choice(names)
            text = replace_word(body, name, written)
            cases.append(Case(category, query, text, expected))
            if expected:  # the same article without the name: must not match
                cases.append(Case(category, query, body, False))
            else:  # and with the query's own spelling: must match
                cases.append(Case(category, query, replace_word(body, name, query), True))
    return cases


def typo_cases(bodies: list[str], rng: random.Random, count: int) -> list[Case]:
    """A real article with one of its names misspelt by one edit; the query spells it right."""
    cases = []
    for body in rng.sample(bodies, count):
        names = [n for n in names_in(body) if len(n) >= 6]
        if not names:
            continue
        name = rng.choice(names)
        wrong = typo(name, rng)
        if fold(wrong) == fold(name):
            continue
        cases.append(Case("typo", name, replace_word(body, name, wrong), True))
        other = rng.choice(bodies)
        if free_of(other, name):
            cases.append(Case("typo", name, other, False))
    return cases


def keyword_cases(bodies: list[str], rng: random.Random, count: int) -> list[Case]:
    cases = []
    for body in rng.sample(bodies, count):
        plain = [
            w for w in re.findall(r"\b[a-z]{6,}\b", body) if 3.0 <= zipf_frequency(w, "en") < 5
        ]
        if not plain:
            continue
        word = rng.choice(plain)
        cases.append(Case("keyword", word, body, True))
        if word.endswith("s") and not word.endswith("ss"):
            cases.append(Case("keyword (plural/singular)", word[:-1], body, True))
        else:
            cases.append(Case("keyword (plural/singular)", word + "s", body, True))
        other = rng.choice(bodies)
        if free_of(other, word):
            cases.append(Case("keyword", word, other, False))
    return cases


def operator_cases(bodies: list[str], rng: random.Random, count: int) -> list[Case]:
    cases = []
    for body in rng.sample(bodies, count):
        words = re.findall(r"\b[a-z]{6,}\b", body)
        if len(words) < 20:
            continue
        a, b = rng.sample(sorted(set(words)), 2)
        absent = next(
            (w for w in re.findall(r"\b[a-z]{7,}\b", rng.choice(bodies)) if free_of(body, w)), None
        )
        if absent is None:
            continue
        cases += set_logic_cases(body, a, b, absent)
        # Two words of letters separated by one space: adjacent for any tokeniser.
        pairs = re.findall(r"(?<![\w'’.-])([A-Za-z]{3,}) ([A-Za-z]{3,})(?![\w'’-])", body)
        if not pairs:
            continue
        x, y = rng.choice(pairs)
        adjacent = {(p.lower(), q.lower()) for p, q in itertools.pairwise(re.findall(r"\w+", body))}
        cases.append(Case("phrase", f'"{x} {y}"', body, True))
        if (y.lower(), x.lower()) not in adjacent and x.lower() != y.lower():
            cases.append(Case("phrase", f'"{y} {x}"', body, False))
        cases.append(Case("phrase", f'-"{x} {y}" {a}', body, False))
    return cases


def seed_cases() -> list[Case]:
    from bot.config import Settings
    from bot.reading.sources import read_source

    [article] = read_source(str(SEED), settings=Settings())
    text = f"{article.title}\n{article.summary}\n{article.text}"
    positives = ["Khmeimim", "Hmeimim", "Tartus", "Tartous", "Syria Russia", '"air base"',
                 "Libya", "Assad", "Moscow -Ukraine", "Latakia"]  # fmt: skip
    negatives = ["Epstein", "Bolsonaro", "Tarsus", "Iraq", "Ukraine", '"base air"']
    return [Case("seed", q, text, True) for q in positives] + [
        Case("seed", q, text, False) for q in negatives
    ]


def build_cases(rng: random.Random) -> list[Case]:
    bodies = article_bodies()
    cases = planted(bodies, VARIANTS, "transliteration", rng, True, 2)
    cases += planted(bodies, ALIASES, "alias", rng, True, 2)
    cases += planted(bodies, TRAPS, "look-alike trap", rng, False, 2)
    cases += typo_cases(bodies, rng, 80)
    cases += keyword_cases(bodies, rng, 60)
    cases += operator_cases(bodies, rng, 30)
    cases += seed_cases()
    return cases


def main() -> int:
    if not GROUND_TRUTH.is_file() or not SEED.is_file():
        print(
            f"needs the shared corpora and seed at {SHARED} (set NEWSBOT_SHARED)", file=sys.stderr
        )
        return 2
    cases = build_cases(random.Random(11))
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])  # tp fp fn tn
    failures: list[str] = []
    for case in cases:
        got = newsbot(case.query, case.text)
        slot = outcome(got, case.expected)
        counts[case.category][slot] += 1
        counts["ALL"][slot] += 1
        if got != case.expected:
            failures.append(f"{case.category}: {case.query!r} expected {case.expected}")
    print(f"{len(cases)} cases\n")
    print(f"| {'category':26} | cases | precision | recall |   F1  |")
    print(f"|{'-' * 28}|------:|----------:|-------:|------:|")
    for category in sorted(counts, key=lambda c: (c == "ALL", c)):
        p, r, f1 = score(counts[category])
        print(f"| {category:26} | {sum(counts[category]):5} | {p:9.3f} | {r:6.3f} | {f1:5.3f} |")
    if "-v" in sys.argv:
        print("\n" + "\n".join(failures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
