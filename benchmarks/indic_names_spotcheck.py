"""Spot check of Indian names in popular romanisation against Hunterian and IAST-like
spelling: one name printed two ways, and the look-alikes that differ the same way.

    python benchmarks/indic_names_spotcheck.py [-v] [--half tune|test|all]

Written by hand before the rule it measures (docs/matching.md, "Romanisation families":
Indian names), never from the matcher's output, from:

- ISO 15919 and IAST write श ś and ष ṣ, which the Hunterian system (the Government of
  India's romanisation of place and personal names) and the press write sh, and much
  South Indian and Bengali usage s: Shiva/Siva, Shri/Sri, Shankar/Sankar, Subhash/Subhas
  (Subhas Chandra Bose), Shastri/Sastri, Vishwanathan/Viswanathan;
- क्ष kṣ (ISO 15919, IAST) is ksh in Hunterian spelling and x in popular spelling,
  Gujarati and Marathi names above all: Lakshmi/Laxmi, Lakshman/Laxman, Dikshit/Dixit
  (Sheila Dikshit, Madhuri Dixit), Meenakshi/Meenaxi, Daksha/Daxa;
- the Anglo-Indian spelling of the Bengali surnames in -ji (ISO 15919 Mukhōpādhyāẏa's
  short form মুখার্জী Mukhārjī): -jee, -ji and the older -jea (Banerjee, Banerji, Surendranath
  Banerjea; Chatterjee, Chatterji; Mukherjee, Mukherji), the aspirate of kh often left
  out in the older spelling (Mukerji, Mukerjee);
- the diphthong औ au written au, ou or ow (Chaudhary, Choudhury, Chowdhury; Gaurav/
  Gourav, Gautam/Goutam, Kaushik/Koushik, Chauhan/Chouhan, Gauri/Gowri), and the vowel
  before r written a or u (Chaudhary/Chaudhuri);
- ई ī and ऊ ū written ee and oo or i and u (Anil/Aneel, Sunil/Suneel, Gita/Geeta,
  Amit/Ameet, Jit/Jeet, Suraj/Sooraj), a short name too;
- the Bengali final a after a doubled consonant, which Hindi usage leaves out (দত্ত
  Datta/Dutta, Dutt; Bhatta/Bhatt).

- SAME: one name in two spellings, both ways;
- APART: English words and non-Indian names that differ the same way (Shell/Sell,
  Shane/Sane, Shaw/Saw, Sharon/Saron; Max/Maksh; Neil/Nil, Keen/Kin; Ann/Anna,
  Bell/Bella: US Census 1990 given names), Arabic and Urdu names whose ش sh and س s are
  two letters and two names (Shabir/Sabir, Shakir/Sakir, Shahid/Sahid), and Indian names
  of another sound (Khanna/Kanna: ख kh is not क k at the start; Komal/Kamal).

Split by the first name of each pair (`heldout_sources.half`, crc32, as the held-out
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

# (one spelling, another, what) — one name, two spellings.
SAME = [
    # ś, ṣ: sh or s
    ("Shiva", "Siva", "god; given name (शिव śiva)"),
    ("Shri", "Sri", "honorific, given name (श्री śrī)"),
    ("Shankar", "Sankar", "given name, surname (शंकर śaṅkara)"),
    ("Shekhar", "Sekhar", "given name (शेखर śekhara)"),
    ("Shanti", "Santi", "given name (शान्ति śānti)"),
    ("Shakti", "Sakti", "given name (शक्ति śakti)"),
    ("Shukla", "Sukla", "surname (शुक्ल śukla; Odia Sukla)"),
    ("Shetty", "Setty", "surname (Kannada, Telugu)"),
    ("Shyam", "Syam", "given name (श्याम śyāma)"),
    ("Shobha", "Sobha", "given name (शोभा śobhā)"),
    ("Subhash", "Subhas", "given name (सुभाष subhāṣa; Subhas Chandra Bose)"),
    ("Shastri", "Sastri", "surname (शास्त्री śāstrī)"),
    ("Shastry", "Sastry", "surname, South Indian spelling"),
    ("Ashok", "Asok", "given name (अशोक aśoka)"),
    ("Vishwanathan", "Viswanathan", "surname (विश्वनाथ viśvanātha)"),
    ("Vishwas", "Viswas", "given name (विश्वास viśvāsa)"),
    ("Shivakumar", "Sivakumar", "given name"),
    ("Shivaji", "Sivaji", "given name; the Maratha king"),
    ("Seshadri", "Sheshadri", "given name (शेषाद्रि śeṣādri)"),
    ("Sudarshan", "Sudarsan", "given name (सुदर्शन sudarśana)"),
    ("Darshan", "Darsan", "given name (दर्शन darśana)"),
    ("Kaushik", "Kausik", "given name, surname (कौशिक kauśika)"),
    ("Shanmugam", "Sanmugam", "Tamil given name (ṣaṇmukha)"),
    ("Sashi", "Shashi", "given name (शशि śaśi)"),
    ("Srinivas", "Shrinivas", "given name (श्रीनिवास śrīnivāsa)"),
    ("Sridhar", "Shridhar", "given name (श्रीधर śrīdhara)"),
    ("Srikant", "Shrikant", "given name (श्रीकान्त śrīkānta)"),
    # kṣ: ksh or x
    ("Lakshmi", "Laxmi", "goddess; given name (लक्ष्मी lakṣmī)"),
    ("Lakshman", "Laxman", "given name (लक्ष्मण lakṣmaṇa; VVS Laxman)"),
    ("Dikshit", "Dixit", "surname (दीक्षित dīkṣita; Sheila Dikshit, Madhuri Dixit)"),
    ("Meenakshi", "Meenaxi", "given name (मीनाक्षी mīnākṣī)"),
    ("Daksha", "Daxa", "Gujarati given name (दक्षा dakṣā)"),
    ("Lakshmikant", "Laxmikant", "given name"),
    ("Akshay", "Axay", "given name (अक्षय akṣaya)"),
    # -jee, -ji, -jea; kh or k
    ("Mukherjee", "Mukerji", "Bengali surname (মুখার্জী)"),
    ("Mukherjee", "Mukherji", "Bengali surname"),
    ("Mukerjee", "Mukherjee", "Bengali surname, the older spelling"),
    ("Banerjee", "Banerji", "Bengali surname (বন্দ্যোপাধ্যায়'s short form)"),
    ("Banerjea", "Banerjee", "Bengali surname (Surendranath Banerjea)"),
    ("Chatterjee", "Chatterji", "Bengali surname (চট্টোপাধ্যায়'s short form)"),
    ("Chatterji", "Chaterjee", "Bengali surname"),
    # au: au, ou or ow; a/u before r
    ("Chowdhury", "Chaudhary", "surname (चौधरी caudharī)"),
    ("Choudhury", "Chaudhuri", "surname (Bengali চৌধুরী)"),
    ("Chaudhry", "Chowdhury", "surname"),
    ("Choudhary", "Chaudhary", "surname"),
    ("Gaurav", "Gourav", "given name (गौरव gaurava)"),
    ("Gautam", "Goutam", "given name (गौतम gautama; Bengali Goutam)"),
    ("Chauhan", "Chouhan", "surname (चौहान cauhāna)"),
    ("Gauri", "Gowri", "given name (गौरी gaurī)"),
    ("Maurya", "Mourya", "surname (मौर्य maurya)"),
    ("Saurav", "Sourav", "given name (सौरव; Sourav Ganguly)"),
    ("Bhaumik", "Bhowmick", "Bengali surname (ভৌমিক)"),
    # ī, ū: ee, oo or i, u
    ("Anil", "Aneel", "given name (अनिल anila)"),
    ("Sunil", "Suneel", "given name (सुनील sunīla)"),
    ("Gita", "Geeta", "given name (गीता gītā)"),
    ("Amit", "Ameet", "given name (अमित amita)"),
    ("Jeet", "Jit", "given name (जीत jīta)"),
    ("Suraj", "Sooraj", "given name (सूरज sūraja)"),
    ("Seema", "Sima", "given name (सीमा sīmā)"),
    ("Neeta", "Nita", "given name (नीता nītā)"),
    ("Reena", "Rina", "given name"),
    ("Vineet", "Vinit", "given name (विनीत vinīta)"),
    ("Puneet", "Punit", "given name (पुनीत punīta)"),
    ("Neeraj", "Niraj", "given name (नीरज nīraja)"),
    ("Roop", "Rup", "given name (रूप rūpa)"),
    # the Bengali final a after a doubled consonant
    ("Dutt", "Dutta", "surname (দত্ত datta; Sanjay Dutt)"),
    ("Datta", "Datt", "surname"),
    ("Bhatt", "Bhatta", "surname (भट्ट bhaṭṭa)"),
]

# (one, the other, what each is) — two names or words that must stay apart.
APART = [
    ("Shell", "Sell", "company, word / word"),
    ("Shane", "Sane", "US Census given name / word"),
    ("Shaw", "Saw", "US Census surname / word"),
    ("Sharon", "Saron", "US Census given name / other name"),
    ("Shine", "Sine", "word / word"),
    ("Sheldon", "Seldon", "US Census given name / surname"),
    ("Shannon", "Sannon", "US Census given name / no name"),
    ("Shirley", "Sirley", "US Census given name / Latin American given name"),
    ("Sherman", "Serman", "US Census given name / surname"),
    ("Shin", "Sin", "Korean name / word"),
    ("Shun", "Sun", "word / word"),
    ("Shelly", "Selly", "US Census given name / other name"),
    ("Shabir", "Sabir", "Urdu, Arabic given names (شبیر / صابر)"),
    ("Shakir", "Sakir", "Arabic given name (شاكر) / Turkish Sakir"),
    ("Shahid", "Sahid", "Arabic, Urdu given name (شاهد) / other name"),
    ("Shaheen", "Saheen", "Urdu given name (شاہین) / other name"),
    ("Shams", "Sams", "Arabic given name (شمس) / surname"),
    ("Sharif", "Sarif", "Arabic given name (شريف) / other name"),
    ("Rashid", "Rasid", "Arabic given name (رشيد) / other name"),
    ("Max", "Maksh", "given name / no name"),
    ("Rex", "Reksh", "given name / no name"),
    ("Alex", "Aleksh", "given name / no name"),
    ("Felix", "Feliksh", "given name / no name"),
    ("Fox", "Foksh", "surname, word / no name"),
    ("Neil", "Nil", "US Census given name / word"),
    ("Keen", "Kin", "word / word"),
    ("Deep", "Dip", "word / word"),
    ("Reed", "Rid", "given name, word / word"),
    ("Peer", "Pir", "word / Sufi title"),
    ("Sheen", "Shin", "word / word, Korean name"),
    ("Deena", "Dina", "US Census given names, two names"),
    ("Teena", "Tina", "US Census given names, two names"),
    ("Ann", "Anna", "US Census given names, two names"),
    ("Bell", "Bella", "surname, word / given name"),
    ("Will", "Willa", "given name, word / given name"),
    ("Dell", "Della", "company, given name / given name"),
    ("Donn", "Donna", "US Census given names"),
    ("Jenn", "Jenna", "US Census given names"),
    ("Matt", "Matta", "given name / surname"),
    ("Emm", "Emma", "no name / given name"),
    ("Khanna", "Kanna", "Punjabi surname (खन्ना) / Tamil given name"),
    ("Khan", "Kan", "surname / Chinese, Japanese name"),
    ("Dhar", "Dar", "Kashmiri surnames, two families"),
    ("Komal", "Kamal", "Indian given names, two names (woman's, man's)"),
    ("Rekha", "Reka", "Indian given name / Hungarian given name"),
]


def main() -> int:
    return run(__doc__.split("\n")[0], SAME, APART, baselines=True)


if __name__ == "__main__":
    raise SystemExit(main())
