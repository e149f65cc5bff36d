"""Chinese names in the older romanisations and in pinyin (docs/matching.md, "Chinese
romanisation"): Wade-Giles and the Chinese postal system against Hanyu Pinyin,
syllable by syllable. Pure functions of folded words; `terms` files their output as
forms of a query's term.

Sources: the Hanyu Pinyin syllable table (the Scheme for the Chinese Phonetic Alphabet
of 1958, as ISO 7098 tabulates it) and the Library of Congress's pinyin/Wade-Giles
conversion table (2000) for the letters of each syllable; the postal spellings (the
Chinese Postal Atlas of 1919, as English papers printed them until the 1980s: Tientsin,
Tsingtao, Kiangsu, Kwangtung, Hangchow) keep the older k/ts before i and u for pinyin
j, q, x, write gu/hu before a vowel kw/hw and zhou chow. Folded, so without tone
marks, umlauts or the apostrophe of the aspirates: Wade-Giles p is pinyin b or p, t is
d or t, ch is zh, ch, j or q."""

from __future__ import annotations

import itertools
import re
from collections.abc import Container, Mapping
from functools import lru_cache
from importlib import resources

from bot.matching.places import BIG
from bot.matching.romanisation import OtherSystem

# The syllables of Hanyu Pinyin (ü written u, as folded: lü, nüe → lu, nue).
_PINYIN_TABLE = """
    a ai an ang ao ba bai ban bang bao bei ben beng bi bian biao bie bin bing bo bu ca
    cai can cang cao ce cen ceng cha chai chan chang chao che chen cheng chi chong chou chu
    chua chuai chuan chuang chui chun chuo ci cong cou cu cuan cui cun cuo da dai dan dang
    dao de dei den deng di dia dian diao die ding diu dong dou du duan dui dun duo e ei en
    eng er fa fan fang fei fen feng fo fou fu ga gai gan gang gao ge gei gen geng gong gou
    gu gua guai guan guang gui gun guo ha hai han hang hao he hei hen heng hong hou hu hua
    huai huan huang hui hun huo ji jia jian jiang jiao jie jin jing jiong jiu ju juan jue
    jun ka kai kan kang kao ke kei ken keng kong kou ku kua kuai kuan kuang kui kun kuo la
    lai lan lang lao le lei leng li lia lian liang liao lie lin ling liu long lou lu luan
    lun luo lue ma mai man mang mao me mei men meng mi mian miao mie min ming miu mo mou mu
    na nai nan nang nao ne nei nen neng ni nian niang niao nie nin ning niu nong nou nu
    nuan nuo nue o ou pa pai pan pang pao pei pen peng pi pian piao pie pin ping po pou pu
    qi qia qian qiang qiao qie qin qing qiong qiu qu quan que qun ran rang rao re ren reng
    ri rong rou ru ruan rui run ruo sa sai san sang sao se sen seng sha shai shan shang
    shao she shei shen sheng shi shou shu shua shuai shuan shuang shui shun shuo si song
    sou su suan sui sun suo ta tai tan tang tao te teng ti tian tiao tie ting tong tou tu
    tuan tui tun tuo wa wai wan wang wei wen weng wo wu xi xia xian xiang xiao xie xin xing
    xiong xiu xu xuan xue xun ya yan yang yao ye yi yin ying yo yong you yu yuan yue yun za
    zai zan zang zao ze zei zen zeng zha zhai zhan zhang zhao zhe zhei zhen zheng zhi zhong
    zhou zhu zhua zhuai zhuan zhuang zhui zhun zhuo zi zong zou zu zuan zui zun zuo"""
PINYIN = frozenset(_PINYIN_TABLE.split())
# Wade-Giles initials for pinyin's (the aspirate's apostrophe dropped in folding).
_WG_INITIAL = {
    "b": "p", "p": "p", "d": "t", "t": "t", "g": "k", "k": "k", "z": "ts", "c": "ts",
    "zh": "ch", "ch": "ch", "j": "ch", "q": "ch", "x": "hs", "r": "j",
}  # fmt: skip
# Whole syllables Wade-Giles writes apart from the rules below.
_WG_WHOLE = {
    "zi": "tzu", "ci": "tzu", "si": "ssu", "zhi": "chih", "chi": "chih", "shi": "shih",
    "ri": "jih", "er": "erh", "you": "yu", "yan": "yen", "ye": "yeh",
    "yue": "yueh", "yong": "yung", "e": "o",
}  # fmt: skip
_INITIALS = ("zh", "ch", "sh", *"bpmfdtnlgkhjqxrzcsyw")
MAX_FORMS = 32
MIN_SYLLABLES = 2


def _split(syllable: str) -> tuple[str, str]:
    for initial in _INITIALS:
        if syllable.startswith(initial):
            return initial, syllable[len(initial) :]
    return "", syllable


def wade_giles(syllable: str) -> str:
    """A pinyin syllable in Wade-Giles, folded: `xiao` → hsiao, `zhou` → chou, `ge` → ko."""
    if syllable in _WG_WHOLE:
        return _WG_WHOLE[syllable]
    initial, final = _split(syllable)
    if final == "e":
        final = "o" if initial in ("g", "k", "h") else "e"
    elif final == "uo" and initial not in ("g", "k", "h", "sh"):
        final = "o"
    elif final == "ui" and initial in ("g", "k"):
        final = "uei"
    elif final.endswith("ong"):
        final = final[:-3] + "ung"
    elif final == "ian":
        final = "ien"
    elif final in ("ie", "ue"):
        final += "h"
    return _WG_INITIAL.get(initial, initial) + final


def _postal(syllable: str) -> set[str]:
    """A pinyin syllable as the postal system wrote it: the older k/ts/h/s before i and u
    for j, q, x (`jiang` → kiang, `qing` → tsing, `xin` → sin), kw/hw for gu/hu before a
    vowel (`guang` → kwang, `hui` → hwei), chow for zhou, oo for a bare u (`su` → soo)."""
    initial, final = _split(syllable)
    wg = wade_giles(syllable)
    initial_wg = _WG_INITIAL.get(initial, initial)
    final_wg = wg[len(initial_wg) :] if wg.startswith(initial_wg) else final
    forms = set()
    if initial in ("j", "q"):
        forms |= {"k" + final_wg, "ts" + final_wg}
    elif initial == "x":
        forms |= {"h" + final_wg, "s" + final_wg}
    if initial in ("g", "k", "h") and final in ("ua", "uai", "uan", "uang", "ui"):
        rest = "ei" if final == "ui" else final[1:]
        forms.add({"g": "k", "k": "k", "h": "h"}[initial] + "w" + rest)
    if final == "ou" and initial in ("zh", "ch", "z", "j"):
        forms.add(initial_wg + "ow")
    if final == "u" and initial in ("s", "f", "h", "sh"):
        forms.add(initial + "oo")
    if final == "i" and initial in ("s", "z", "c"):  # si: Szechwan, Szemao; zi: Tzekung
        forms.add("sze" if initial == "s" else "tze")
    if final in ("uan", "uang") and initial in ("zh", "ch"):  # chuan: Szechwan
        forms.add("chw" + final[1:])
    return forms


@lru_cache(maxsize=1)
def _older_table() -> tuple[dict[str, frozenset[str]], dict[str, frozenset[str]]]:
    """Each pinyin syllable's older spellings, and each older spelling's pinyin syllables."""
    older: dict[str, frozenset[str]] = {}
    back: dict[str, set[str]] = {}
    for syllable in PINYIN:
        forms = frozenset({wade_giles(syllable), *_postal(syllable)})
        older[syllable] = forms
        for form in forms:
            back.setdefault(form, set()).add(syllable)
    return older, {form: frozenset(s) for form, s in back.items()}


def segmentations(word: str, syllables: Container[str]) -> list[tuple[str, ...]]:
    """Every way to cut `word` into syllables of the set (longest first; at most 8)."""
    found: list[tuple[str, ...]] = []

    def cut(at: int, sofar: tuple[str, ...]) -> None:
        if len(found) >= 8:
            return
        if at == len(word):
            found.append(sofar)
            return
        for end in range(min(len(word), at + 6), at, -1):
            # (a syllable of a vowel first only starts a word: pinyin writes Xi'an, Tian'anmen)
            if word[at:end] in syllables and (at == 0 or word[at] not in "aeiou"):
                cut(end, (*sofar, word[at:end]))

    cut(0, ())
    return found


def _products(parts: list[frozenset[str]]) -> list[tuple[str, ...]]:
    return list(itertools.islice(itertools.product(*parts), 4 * MAX_FORMS))


# Quick tests that a word has the letters of syllables of pinyin or of the older systems
# (initial, vowels, final n, ng, r, h or w) before it is cut: most names fail them.
_PINYIN_SHAPE = re.compile(r"(?:(?:[zcs]h|[bpmfdtnlgkhjqxrzcswy])?[aeiou]+(?:ng|n|r)?)+")
_OLDER_SHAPE = re.compile(
    r"(?:(?:t[sz]|s[sz]|hs|[chks]h|[kh]w|chw|[pmftnlkhjsyw])?[aeiou]+(?:ng|n|h|w)?)+"
)

# Letters only Wade-Giles or the postal spelling write (pinyin: x, ong, ian, ie, zh, z, c).
_OLDER_MARK = re.compile(r"hs|ung|ien|ieh|ih$|ih(?=[^aeiou])|sz|ss|tz|ts[aei]|kw|hw|chw")


def older_forms(word: str) -> list[tuple[str, ...]]:
    """A pinyin name of two syllables or more in Wade-Giles and postal spelling, syllable
    by syllable (names of people write them hyphenated: Tse-tung): `tianjin` → (tien,
    chin), (tien, tsin) …; `zedong` → (tse, tung)."""
    if _PINYIN_SHAPE.fullmatch(word) is None:
        return []
    older, _back = _older_table()
    forms: set[tuple[str, ...]] = set()
    for cut in segmentations(word, PINYIN):
        if len(cut) >= MIN_SYLLABLES:
            forms.update(_products([older[s] for s in cut]))
    return sorted(f for f in forms if "".join(f) != word)[:MAX_FORMS]


def pinyin_forms(word: str) -> list[str]:
    """A name in Wade-Giles or postal spelling of two syllables or more in pinyin, each
    reading of an unaspirated letter (`tientsin` → tianjin, dianjin …; `kweichow` →
    guizhou …)."""
    if _OLDER_SHAPE.fullmatch(word) is None:
        return []
    _older, back = _older_table()
    forms: set[str] = set()
    for cut in segmentations(word, back):
        if len(cut) >= MIN_SYLLABLES:
            forms.update("".join(p) for p in _products([back[s] for s in cut]))
    forms.discard(word)
    return sorted(forms)[:MAX_FORMS]


def chinese_variants(
    word: str, zipf: Mapping[str, float], places: Container[str]
) -> list[tuple[str, ...]]:
    """The other romanisation's spellings a name's query accepts, each as one word and,
    from pinyin, also as its syllables written apart (Zedong: Tsetung, Tse-tung). Never
    for a common English word (Zipf >= 4) that is no place, never between two spellings
    English has (Zipf >= 2.5 or a place: `diana` is no "Tiana"), never a form that is a
    common English word or differs only in b/p, d/t, g/k, zh/j/q/ch (`_plain`). From
    pinyin (`tianjin`, `xinjiang`): its Wade-Giles and postal spellings. From a spelling
    English does not have (`tientsin`, `kweichow`): its pinyin readings."""

    guard = OtherSystem(word, zipf, places)
    if not guard.applies:
        return []

    def kept(form: str) -> bool:
        plain = _plain(form) != _plain(word)
        return guard.kept(form) and (plain or _apart(word, form, zipf, places))

    found: list[tuple[str, ...]] = []
    for cut in older_forms(word):
        if kept("".join(cut)):
            found += [("".join(cut),), cut]
    # An older spelling English has (Kaohsiung, Hsinchu) with letters only Wade-Giles or
    # the postal system write (`_OLDER_MARK`; China, Taipei, the Japanese Tsuma have none)
    # also finds its pinyin readings no list has (Gaoxiong; the Turkish Fatsa: no "faca").
    own = guard.own and _OLDER_MARK.search(word) is not None
    if not guard.own or own:
        readings = pinyin_forms(word)
        if own:
            readings = [f for f in readings if f not in zipf and f not in places]
        found += [(f,) for f in readings if (f,) not in found and kept(f)]
    return found


_VOICED = str.maketrans("bdg", "ptk")
_JU = re.compile(r"[jq]u")  # pinyin ju, qu: WG chü, ch'ü, folded chu (Juma is no "Chuma")


def _apart(word: str, form: str, zipf: Container[str], places: Container[str]) -> bool:
    """Whether a form that differs from its name only in the letters of `_plain` is a
    Chinese name of its own (Jintao: Chintao, Chuhai: Zhuhai): a place of China or
    Taiwan, or a spelling no list has, with no pinyin ju or qu in either."""
    if form in chinese_places():
        return True
    return not (form in zipf or form in places or _JU.search(word) or _JU.search(form))


def _plain(word: str) -> str:
    """`word` with the letters English also writes two ways in names made one (b/p, d/t,
    g/k, and zh/j/q/ch): a Chinese form that differs from its name only there is left to
    the romanisation families' own rule and guards (`Sadan` is no "Satan", `Chima` no
    "Jima")."""
    for old, new in (("zh", "ch"), ("j", "ch"), ("q", "ch")):
        word = word.replace(old, new)
    return word.translate(_VOICED)


def one_syllable(word: str) -> bool:
    """Whether a folded word is one Chinese syllable in pinyin, Wade-Giles or the postal
    spelling (chen, huang, chuang, hung): a Chinese surname or word, not a Hebrew one."""
    return word in PINYIN or word in _older_table()[1]


def pinyin_word(word: str) -> bool:
    """Whether a folded word is pinyin syllables (handan, hangzhou; not hadera, holon)."""
    return len(word) <= MAX_PINYIN and bool(segmentations(word, PINYIN))


MAX_PINYIN = 24  # letters of a place name cut into syllables, at most (never a hostile word)


CHINESE_COUNTRIES = frozenset({"CN", "TW", "HK", "MO"})


@lru_cache(maxsize=1)
def chinese_places() -> frozenset[str]:
    """The gazetteer's main names of cities of China and Taiwan, of 100,000 people or more
    (bot/data/place_sizes.tsv, GeoNames: zhuhai, jilin, banqiao; a smaller place may
    share its name with one of another language)."""
    text = (resources.files("bot") / "data" / "place_sizes.tsv").read_text("utf-8")
    rows = (line.split("\t") for line in text.splitlines() if not line.startswith("#"))
    return frozenset(r[0] for r in rows if r[2] in CHINESE_COUNTRIES and int(r[1]) >= BIG)
