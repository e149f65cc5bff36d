"""Construct names in every printed form (bot/matching/construct.py): a noun + al-Dīn
(Salah ad-Din, Salahuddin, Salaheddine, Salah Eddine, Turkish Selahattin) and the South
Asian u-article before other second nouns (Mujib ur-Rahman, Mujibur Rahman, Hizb
ut-Tahrir). Pairs from the ALA-LC and BGN/PCGN romanisations of Arabic, Turkish
orthography and press usage; must-not pairs: the noun alone, two nouns, words that end
in -din and are no such names."""

from __future__ import annotations

import pytest

from bot.matching.construct import din_forms, din_name, din_noun, two_names, u_name
from tests.index_agreement import assert_row

# (rule, [(query, the article's spelling)], [(query, an article spelling it must not find)])
RULES = [
    ("Dīn open and closed (ALA-LC al-Dīn; BGN/PCGN ad-Dīn; South Asian uddin)", [
        ("Salah ad-Din", "Salahuddin"), ("Salahuddin", "Salah ad-Din"),
        ("Nur ad-Din", "Nuruddin"), ("Izz ad-Din al-Qassam", "Izzuddin al-Qassam"),
        ("Salah al-Din", "Salah-ud-Din"), ("Nizamuddin", "Nizam al-Din"),
        ("Sirajuddin", "Siraj ud-Din")],
     [("Salah", "Salahuddin"), ("Salahuddin", "Salah"), ("Nur ad-Din", "Nur"),
      ("Badr", "Badreddine"), ("Badreddine", "Badr")]),
    ("French and Maghreb Eddine, Egyptian el-Din/Eldin (press)", [
        ("Salah al-Din", "Salaheddine"), ("Badr al-Din", "Badreddine"),
        ("Noureddine", "Nour Eddine"), ("Nour Eddine", "Nur al-Din"),
        ("Hossam Eldin", "Husam al-Din"), ("Gamal el-Din", "Jamaluddin")],
     [("Nasreddine", "Nasereddine"), ("Jamaluddin", "Kamaluddin"),
      ("Nizamuddin", "Nazimuddin")]),
    ("Turkish one word, the d doubled or devoiced (Turkish orthography)", [
        ("Selahattin", "Salahuddin"), ("Nurettin", "Nur ad-Din"),
        ("Fakhr al-Din", "Fahrettin"), ("Necmettin", "Najmuddin"),
        ("Alaattin", "Alaeddine"), ("Hayreddin", "Khair ad-Din")],
     [("Kemalettin", "Cemalettin"), ("Nurettin", "Reddin")]),
    ("Central Asian iddin (press)", [("Nuriddin", "Nur al-Din"), ("Jaloliddin", "Jalaluddin")],
     [("Jalaluddin", "Kamaluddin")]),
    ("no such name: the noun is a laqab of the list", [],
     [("Nur ad-Din", "Nadine"), ("Jamal ad-Din", "Geraldine"), ("Salah al-Din", "Sardine"),
      ("Ala ad-Din", "Paladin"), ("Salahuddin", "Saladin")]),
    ("the construct's u-article before a second noun (South Asian usage; ALA-LC al-)", [
        ("Mujib ur-Rahman", "Mujib al-Rahman"), ("Mujib ur-Rahman", "Mujibur Rahman"),
        ("Mujibur Rahman", "Mujib al-Rahman"), ("Ahl us-Sunnah", "Ahl al-Sunnah"),
        ("Hizb ut-Tahrir", "Hizb al-Tahrir"), ("Hizb ut-Tahrir", "Hizbut Tahrir"),
        ("Zia al-Haq", "Ziaul Haq"), ("Ziaul Haq", "Zia-ul-Haq"),
        ("Nurul Islam", "Nur al-Islam"), ("Saif al-Islam", "Seif al-Islam"),
        ("Lutf ur-Rahman", "Lutfur Rahman"), ("Zia ul Haq", "Ziaul Haq")],
     [("Mujibur Rahman", "Mujibur Rahim"), ("Zia ul-Haq", "Zia ul-Huda"),
      ("Mujibur Rahman", "Rahman"), ("Paul Smith", "Pal Smith")]),
]  # fmt: skip

CASES = [
    (rule, query, written, same)
    for rule, found, apart in RULES
    for pairs, same in ((found, True), (apart, False))
    for query, written in pairs
]


@pytest.mark.parametrize(
    ("rule", "query", "written", "same"), CASES, ids=[f"{q}~{w}" for _, q, w, _ in CASES]
)
def test_construct_names(rule: str, query: str, written: str, same: bool) -> None:
    text = f"Officials said on Tuesday that {written} had left for the talks."
    assert_row(query, text, same, rule)


@pytest.mark.parametrize(
    ("words", "noun"),
    [
        ("salahuddin", "salah"),
        ("salaheddine", "salah"),
        ("salahedin", "salah"),
        ("selahattin", "salah"),
        ("bahattin", "baha"),
        ("mohyeldin", "muhyi"),
        ("nooruddeen", "nur"),
        ("salah eddine", "salah"),
        ("hossam eldin", "husam"),
        ("salah ud din", "salah"),
        ("salah", None),  # the noun alone
        ("geraldine", None),  # no noun of the list
        ("saladin", None),  # (the English exonym: no article)
        ("salahdin", None),  # no article's vowel
        ("salah din", None),
        ("salah ar din", None),  # ar- only before an r
    ],
)
def test_din_name(words: str, noun: str | None) -> None:
    assert din_name(words.split()) == noun


def test_forms_both_ways() -> None:
    forms = din_forms("salah")
    for printed in ("salahuddin", "salaheddine", "selahattin", "salah eddine", "salah al din"):
        assert tuple(printed.split()) in forms
        assert din_name(printed.split()) == "salah"


@pytest.mark.parametrize(
    ("words", "named"),
    [
        ("mujib ur rahman", ("mujib", "r", "rahman")),
        ("mujibur rahman", ("mujib", "r", "rahman")),
        ("ziaul haq", ("zia", "l", "haq")),
        ("ahlus sunnah", ("ahl", "s", "sunnah")),
        ("hizb al tahrir", ("hizb", "l", "tahrir")),
        ("mujibur rahim", ("mujib", "r", "rahim")),  # (a name of God)
        ("paul smith", None),  # no second noun of the construct
        ("mujib ur haq", None),  # ur- only before an r
        ("arthur rahman", ("arth", "r", "rahman")),  # (a form no article prints: harmless)
    ],
)
def test_u_name(words: str, named: tuple[str, str, str] | None) -> None:
    assert u_name(words.split()) == named


def test_two_names() -> None:
    assert two_names("nasreddine", "nasereddine")
    assert two_names("nasr", "nasir")
    assert not two_names("salahuddin", "salaheddine")  # one name, two spellings
    assert not two_names("nasreddine", "nasreddin")
    assert not two_names("nasreddine", "nasrudine")
    assert din_noun("nasrettin") == din_noun("nasreddine") == "nasr"
