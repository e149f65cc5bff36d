"""Spot check of the Hindi final schwa: one Indian name printed with the final a that
Sanskrit-based spellings keep and without it, as Hindi drops it; and the look-alikes that
differ by a final a.

    python benchmarks/indic_spotcheck.py [-v] [--half tune|test|all]

Written by hand before the rule it measures (docs/matching.md, "Romanisation families":
the final schwa), never from the matcher's output, from:

- Hindi schwa deletion (Ohala 1983, "Aspects of Hindi Phonology"): the inherent a of a
  word's last consonant is not spoken in Hindi (गणेश gaṇeś), and Hindi-based spellings
  (the Hunterian system as used on Indian maps and in the Indian press) leave it out
  (Ganesh, Ashok, Arjun, Gautam, Ramayan, Mahabharat), where IAST/ISO 15919 and the
  Sanskrit-based English spellings keep it (Ganesha, Ashoka, Arjuna, Gautama, Ramayana,
  Mahabharata); after a consonant cluster the a stays in both (Krishna, Indra, mantra);
- press usage: the epics, gods, heroes and kings of Indian history, and modern given
  names taken from them (Govind/Govinda, Madhav/Madhava, Anand/Ananda).

- SAME: one name in two spellings (first the Sanskrit-based, then the Hindi), both ways;
- APART: two names or words that differ by a final a: English and European given names
  and their feminine forms (US Census 1990 male and female first-name lists: Albert and
  Alberta, Paul and Paula, Robert and Roberta, Christian and Christiana, Roman and
  Romana, Daniel and Daniela), Hindi masculine and feminine given names, whose final a
  is a long ā, a vowel of its own (कमल Kamal, कमला Kamala; सुशील Sushil, सुशीला Sushila),
  places and the words they contain (Chin/China, Cub/Cuba, Florid/Florida, Russ/Russia,
  Georgi/Georgia, Ital/Italia), English adjectives and Spanish or Italian feminine forms
  (Cuban/Cubana, Catalan/Catalana), and a place less its a (Havana/Havan, Ankara/Ankar).

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

# (Sanskrit-based spelling, Hindi spelling, what) — one name, two spellings.
SAME = [
    ("Ganesha", "Ganesh", "god (IAST gaṇeśa / Hindi)"),
    ("Ashoka", "Ashok", "Mauryan emperor; Ashok, a given name"),
    ("Arjuna", "Arjun", "hero of the Mahabharata; Arjun, a given name"),
    ("Gautama", "Gautam", "the Buddha's clan name; Gautam, a surname"),
    ("Ramayana", "Ramayan", "epic"),
    ("Mahabharata", "Mahabharat", "epic"),
    ("Shiva", "Shiv", "god; Shiv Sena"),
    ("Rama", "Ram", "god; Ram Navami, Ram Mandir"),
    ("Bhima", "Bhim", "hero of the Mahabharata"),
    ("Lakshmana", "Lakshman", "Rama's brother"),
    ("Ravana", "Ravan", "king of Lanka in the Ramayana"),
    ("Govinda", "Govind", "name of Krishna; given name"),
    ("Madhava", "Madhav", "name of Krishna; given name"),
    ("Keshava", "Keshav", "name of Krishna; given name"),
    ("Raghava", "Raghav", "name of Rama; given name"),
    ("Yadava", "Yadav", "dynasty; the surname"),
    ("Pandava", "Pandav", "the five brothers"),
    ("Kaurava", "Kaurav", "their cousins"),
    ("Ananda", "Anand", "the Buddha's disciple; given name"),
    ("Narayana", "Narayan", "name of Vishnu; surname"),
    ("Mahadeva", "Mahadev", "name of Shiva"),
    ("Shankara", "Shankar", "Adi Shankara; given name, surname"),
    ("Kalidasa", "Kalidas", "poet"),
    ("Janaka", "Janak", "king of Videha"),
    ("Dasharatha", "Dasharath", "king of Ayodhya"),
    ("Bharata", "Bharat", "the king; Bharat, India"),
    ("Vasudeva", "Vasudev", "Krishna's father"),
    ("Prahlada", "Prahlad", "devotee of Vishnu"),
    ("Dhruva", "Dhruv", "the pole star; given name"),
    ("Purana", "Puran", "genre of texts"),
    ("Hastinapura", "Hastinapur", "the Kuru capital; the town in Uttar Pradesh"),
    ("Magadha", "Magadh", "ancient kingdom; Magadh University"),
    ("Nakula", "Nakul", "one of the Pandavas"),
    ("Sahadeva", "Sahadev", "one of the Pandavas"),
    ("Duryodhana", "Duryodhan", "eldest Kaurava"),
    ("Yudhishthira", "Yudhishthir", "eldest Pandava"),
    ("Vibhishana", "Vibhishan", "Ravana's brother"),
    ("Sugriva", "Sugriv", "monkey king"),
    ("Meghnada", "Meghnad", "Ravana's son"),
    ("Parashurama", "Parashuram", "avatar of Vishnu"),
    ("Bindusara", "Bindusar", "Mauryan emperor"),
    ("Harshavardhana", "Harshavardhan", "emperor"),
    ("Gopala", "Gopal", "name of Krishna; given name"),
    ("Mukunda", "Mukund", "name of Krishna; given name"),
    ("Siddhartha", "Siddharth", "the Buddha's name; given name"),
    ("Harsha", "Harsh", "emperor; given name"),
    ("Bhagavata", "Bhagavat", "the Purana"),
    ("Vidura", "Vidur", "sage of the Mahabharata"),
    ("Kashyapa", "Kashyap", "sage; surname"),
    ("Bhardwaja", "Bhardwaj", "sage; surname"),
    ("Kosala", "Kosal", "ancient kingdom"),
    ("Videha", "Videh", "ancient kingdom"),
    ("Vikrama", "Vikram", "given name (Vikramaditya)"),
    ("Chandragupta", "Chandragupt", "Mauryan emperor"),
    ("Upanishada", "Upanishad", "the texts"),
]

# (one, the other, what each is) — two names or words that must stay apart.
APART = [
    ("Albert", "Alberta", "male / female given name (US Census 1990); Canadian province"),
    ("Paul", "Paula", "male / female given name (US Census 1990)"),
    ("Robert", "Roberta", "male / female given name (US Census 1990)"),
    ("Christian", "Christiana", "male / female given name (US Census 1990)"),
    ("Victor", "Victoria", "male / female given name (US Census 1990)"),
    ("Roman", "Romana", "male / female given name (US Census 1990)"),
    ("Daniel", "Daniela", "male / female given name (US Census 1990)"),
    ("Julian", "Juliana", "male / female given name (US Census 1990)"),
    ("Martin", "Martina", "male / female given name (US Census 1990)"),
    ("Edwin", "Edwina", "male / female given name (US Census 1990)"),
    ("Justin", "Justina", "male / female given name (US Census 1990)"),
    ("Gabriel", "Gabriela", "male / female given name (US Census 1990)"),
    ("Bernard", "Bernarda", "male / female given name (US Census 1990)"),
    ("Kamal", "Kamala", "Hindi male / female given name (कमल, कमला: a long ā)"),
    ("Sushil", "Sushila", "Hindi male / female given name (a long ā)"),
    ("Nirmal", "Nirmala", "Hindi male / female given name (a long ā)"),
    ("Vimal", "Vimala", "Hindi male / female given name (a long ā)"),
    ("Shyam", "Shyama", "Hindi male / female given name (a long ā)"),
    ("Chin", "China", "surname / country"),
    ("Cub", "Cuba", "word / country"),
    ("Florid", "Florida", "word / state"),
    ("Russ", "Russia", "given name / country"),
    ("Georgi", "Georgia", "Bulgarian given name / country, state"),
    ("Ital", "Italia", "no word / Italy in Italian"),
    ("Malt", "Malta", "word / country"),
    ("Cuban", "Cubana", "English adjective / Spanish feminine, the airline"),
    ("Catalan", "Catalana", "English adjective / Spanish feminine"),
    ("Asian", "Asiana", "English adjective / the airline"),
    ("Indian", "Indiana", "English adjective / state"),
    ("Havana", "Havan", "city / Hindu fire ritual"),
    ("Ankara", "Ankar", "city / no word"),
    ("Panama", "Panam", "country / Pan Am"),
    ("Samara", "Samar", "two places (Russia, the Philippines)"),
    ("Lima", "Lim", "city / surname"),
    ("Santana", "Santan", "surname / no word"),
    ("Kerala", "Keral", "state / no word"),
    ("Formula", "Formul", "word / no word"),
    ("Sonata", "Sonat", "word / no word"),
]


def main() -> int:
    return run(__doc__.split("\n")[0], SAME, APART, baselines=True)


if __name__ == "__main__":
    raise SystemExit(main())
