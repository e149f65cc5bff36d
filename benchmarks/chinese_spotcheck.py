"""Spot check of Chinese names in pinyin and in Wade-Giles or the postal spelling: full
names of people (surname and given name), given names alone, Taiwan's places and people
(whose official spellings are Wade-Giles or derived from it), postal names; and the
look-alikes the same letters could join.

    python benchmarks/chinese_spotcheck.py [-v] [--half tune|test|all]

Written by hand before the rules it measures (docs/matching.md, "Chinese romanisation"),
never from the matcher's output, from:

- the Library of Congress's pinyin/Wade-Giles conversion table (2000), syllable by
  syllable, with the aspirate's apostrophe dropped as the press drops it (Teng Hsiao-p'ing
  printed Teng Hsiao-ping; pinyin yi is WG i, zi and si are tzu and ssu);
- the Chinese postal system (the Postal Atlas of 1919, as English papers printed it):
  Szechwan, Tsinan, Kiukiang, Tsinghai, Tsitsihar, Chengchow; Szechuan is the hybrid the
  press and menus print;
- Taiwan's official spellings (Ministry of the Interior; the government's English pages):
  Kaohsiung, Taichung, Hsinchu, Keelung, Chiayi, Kinmen, Matsu, Tsai Ing-wen, Lai
  Ching-te; against the pinyin of the same characters (高雄 Gaoxiong, 台中 Taizhong …).
  Some of them are no Wade-Giles of the characters (Keelung for WG Chi-lung, Ing-wen for
  Ying-wen, Lee for Li, Ying-jeou in Gwoyeu Romatzyh): they are here as printed, a name
  the tables cannot give counts as missed.

- SAME: one name in pinyin (first) and in the other spelling, both ways;
- APART: one Chinese syllable alone in two systems (Deng/Teng, Jin/Chin, Dao/Tao,
  Zhang/Chang, Cai/Tsai: one syllable is too short to tell from other names), words and
  names of other languages one pinyin/Wade-Giles letter away (Juma, the Swahili and Arabic
  name, and Chuma; China and Jina; Juba and Chupa; Jiji and Chichi; Jima and Chima), and
  two Chinese places whose pinyin differs in j/q/zh/ch (Qinzhou/Jinzhou), both ways.

Split by the pinyin name of each pair (`heldout_sources.half`, crc32, as the held-out
evaluation splits): tune on `--half tune` only; `-v` lists that half's errors. The two
baselines of benchmarks/match_heldout.py on the same cases: exact whole words and naive
rapidfuzz (fuzz.ratio >= 85).
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.spotcheck import run  # noqa: E402

# (pinyin, the other spelling in print, what) — one name, two spellings.
SAME = [
    # Full names of people, Wade-Giles by the LoC table (mainland leaders).
    ("Deng Xiaoping", "Teng Hsiao-ping", "WG"),
    ("Hu Jintao", "Hu Chin-tao", "WG"),
    ("Zhou Enlai", "Chou En-lai", "WG"),
    ("Jiang Zemin", "Chiang Tse-min", "WG"),
    ("Xi Jinping", "Hsi Chin-ping", "WG"),
    ("Zhao Ziyang", "Chao Tzu-yang", "WG"),
    ("Hua Guofeng", "Hua Kuo-feng", "WG"),
    ("Wen Jiabao", "Wen Chia-pao", "WG"),
    ("Zhu Rongji", "Chu Jung-chi", "WG"),
    ("Li Keqiang", "Li Ko-chiang", "WG"),
    ("Hu Yaobang", "Hu Yao-pang", "WG"),
    ("Jiang Qing", "Chiang Ching", "WG, a given name of one syllable"),
    # Taiwan's people as they are printed.
    ("Lai Qingde", "Lai Ching-te", "Taiwan (WG)"),
    ("Ke Wenzhe", "Ko Wen-je", "Taiwan (WG)"),
    ("Han Guoyu", "Han Kuo-yu", "Taiwan (WG)"),
    ("Xie Changting", "Hsieh Chang-ting", "Taiwan (WG)"),
    ("Lu Xiulian", "Lu Hsiu-lien", "Taiwan (WG)"),
    ("Jiang Jingguo", "Chiang Ching-kuo", "Taiwan (WG)"),
    ("Zhuo Rongtai", "Cho Jung-tai", "Taiwan (WG)"),
    ("Lin Jialong", "Lin Chia-lung", "Taiwan (WG)"),
    ("Wu Zhaoxie", "Wu Chao-hsieh", "Taiwan (WG)"),
    ("Cai Yingwen", "Tsai Ing-wen", "Taiwan's own spelling (Ing for WG Ying)"),
    ("Ma Yingjiu", "Ma Ying-jeou", "Taiwan's own spelling (Gwoyeu Romatzyh jeou)"),
    ("Li Denghui", "Lee Teng-hui", "Taiwan's own spelling (Lee for WG Li)"),
    # Given names alone.
    ("Jintao", "Chintao", "WG, printed closed"),
    ("Jintao", "Chin-tao", "WG"),
    ("Jinping", "Chin-ping", "WG"),
    ("Jiabao", "Chia-pao", "WG"),
    ("Zemin", "Tse-min", "WG"),
    ("Qingde", "Ching-te", "WG"),
    ("Jingguo", "Ching-kuo", "WG"),
    ("Rongji", "Jung-chi", "WG"),
    # Taiwan's places: official spelling against the pinyin of the characters.
    ("Gaoxiong", "Kaohsiung", "Taiwan (WG)"),
    ("Taizhong", "Taichung", "Taiwan (WG)"),
    ("Xinzhu", "Hsinchu", "Taiwan (WG)"),
    ("Jilong", "Keelung", "Taiwan's own spelling (WG Chi-lung)"),
    ("Jilong", "Chilung", "WG"),
    ("Taidong", "Taitung", "Taiwan (WG)"),
    ("Hualian", "Hualien", "Taiwan (WG)"),
    ("Pingdong", "Pingtung", "Taiwan (WG)"),
    ("Zhanghua", "Changhua", "Taiwan (WG)"),
    ("Jiayi", "Chiayi", "Taiwan (WG, yi kept)"),
    ("Yilan", "Ilan", "WG (yi is i)"),
    ("Jinmen", "Kinmen", "Taiwan (postal)"),
    ("Mazu", "Matsu", "Taiwan (WG)"),
    ("Zhongli", "Chungli", "Taiwan (WG)"),
    ("Banqiao", "Panchiao", "Taiwan (WG)"),
    ("Xindian", "Hsintien", "Taiwan (WG)"),
    ("Sanchong", "Sanchung", "Taiwan (WG)"),
    ("Xizhi", "Hsichih", "Taiwan (WG)"),
    # Mainland places: postal and WG.
    ("Sichuan", "Szechwan", "postal"),
    ("Sichuan", "Szechuan", "postal/WG hybrid, the press and menus"),
    ("Sichuan", "Ssuchuan", "WG"),
    ("Simao", "Szemao", "postal"),
    ("Siping", "Szeping", "postal"),
    ("Shijiazhuang", "Shihchiachuang", "WG"),
    ("Zhuhai", "Chuhai", "WG"),
    ("Jinan", "Tsinan", "postal"),
    ("Jinan", "Chinan", "WG"),
    ("Jiujiang", "Kiukiang", "postal"),
    ("Qinghai", "Tsinghai", "postal"),
    ("Qiqihar", "Tsitsihar", "postal"),
    ("Zhengzhou", "Chengchow", "postal"),
    ("Jiangxi", "Kiangsi", "postal"),
    ("Jiamusi", "Kiamusze", "postal"),
    ("Zhangjiakou", "Changchiakou", "WG"),
    ("Chongqing", "Chungching", "WG"),
    ("Jilin", "Chilin", "WG"),
]

# (pinyin or the one, the other, what each is) — must stay apart.
APART = [
    ("Deng", "Teng", "one syllable alone"),
    ("Jin", "Chin", "one syllable alone / English word"),
    ("Dao", "Tao", "one syllable alone"),
    ("Zhang", "Chang", "one syllable alone"),
    ("Cai", "Tsai", "one syllable alone"),
    ("Xu", "Hsu", "one syllable alone"),
    ("Chen", "Hen", "Chinese surname / English word"),
    ("Juma", "Chuma", "Swahili and Arabic name / surname"),
    ("Jina", "China", "given name (Jina Amini) / country"),
    ("Juba", "Chupa", "South Sudan's capital / brand, word"),
    ("Jiji", "Chichi", "Japanese agency, Nigerian name / Japanese word"),
    ("Jima", "Chima", "Ethiopian city / Nigerian name"),
    ("Qinzhou", "Jinzhou", "two Chinese cities (钦州, 锦州)"),
    ("Zhuzhou", "Chuzhou", "two Chinese cities (株洲, 滁州)"),
    ("Jinan", "Jining", "two Chinese cities"),
    ("Sichuan", "Sichon", "Chinese province / Thai district"),
    ("Juan", "Chuan", "Spanish name / Chinese syllable"),
    ("Jun", "Chun", "one syllable alone"),
]


def main() -> int:
    return run(__doc__.split("\n")[0], SAME, APART, baselines=True)


if __name__ == "__main__":
    raise SystemExit(main())
