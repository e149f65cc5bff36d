"""Spot check of a country's adjective and people words (Denmark: Danish, Danes).

    python benchmarks/demonym_spotcheck.py [-v] [--half tune|test|all]

Written by hand before the WordNet rule of scripts/demonym_data.py, from English press usage
and style guides (the Reuters, AP and Guardian style guides' nationality lists, the CIA
World Factbook's "nationality" field), never from WordNet's or the matcher's output:

- SAME: (country query, the word an article prints, capitalised as printed): must match;
- APART: (country query, word): must not match: a neighbouring country's adjective
  (Austria/Australian, Niger/Nigerian), or the lower-case English word (polish, swede).

One way only (a country's query finds the word; the adjective as a query is not counted).
Split into a tuning and a test half by the country's stable hash (`heldout_sources.half`,
as the held-out evaluation splits): tune on `--half tune` only; -v lists the misses of
`--half` (the tuning half unless told: the test half's are not to be looked at).

Then siblings, written by hand before bot/matching/siblings.py from the CIA World
Factbook's "nationality" field (noun and adjective: Nepali, Lao or Laotian, Filipino and
Philippine, Uzbekistani) and the press's other form of it (Nepalese, Uzbek, Azeri), never
from bot/data/demonyms.tsv or the matcher:

- SIBLINGS: (adjective or people, another word of the same country, country): tried both
  ways, must match;
- NOT_SIBLINGS: (adjective, another country's adjective or the same word in lower case,
  country of the first): both ways, must not match;
- COUNTRY: (adjective or people, the country's name): one way, the adjective typed.

Split by the country (the third field), so that both ways of a pair are in one half.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.spotcheck import one_way, run  # noqa: E402

TEXT = (
    "Officials said on Tuesday that the talks with the {name} delegation had run late into "
    "the night, according to people briefed on them."
)

# (country, word as printed): the country's adjective or its people.
SAME = [
    ("Denmark", "Danish"), ("Denmark", "Danes"), ("Denmark", "Dane"),
    ("Sweden", "Swedes"), ("Sweden", "Swedish"), ("Poland", "Poles"), ("Poland", "Polish"),
    ("Spain", "Spaniards"), ("Spain", "Spanish"), ("Finland", "Finns"), ("Finland", "Finnish"),
    ("Britain", "British"), ("Britain", "Britons"), ("Netherlands", "Dutch"),
    ("Switzerland", "Swiss"), ("Philippines", "Filipino"), ("Philippines", "Filipinos"),
    ("Ivory Coast", "Ivorian"), ("New Zealand", "New Zealanders"), ("Bangladesh", "Bangladeshi"),
    ("Myanmar", "Burmese"), ("Chad", "Chadian"), ("Yemen", "Yemenis"), ("Iraq", "Iraqis"),
    ("Syria", "Syrians"), ("Afghanistan", "Afghans"), ("Turkey", "Turks"),
    ("Türkiye", "Turkish"), ("Ireland", "Irish"), ("Iceland", "Icelanders"),
    ("Norway", "Norwegians"), ("Germany", "Germans"), ("France", "French"),
    ("Greece", "Greeks"), ("Cyprus", "Cypriot"), ("Cyprus", "Cypriots"),
    ("Lebanon", "Lebanese"), ("Israel", "Israelis"), ("Jordan", "Jordanians"),
    ("Saudi Arabia", "Saudis"), ("Kuwait", "Kuwaiti"), ("Qatar", "Qatari"),
    ("Bahrain", "Bahraini"), ("Oman", "Omani"), ("United Arab Emirates", "Emirati"),
    ("Egypt", "Egyptians"), ("Libya", "Libyans"), ("Tunisia", "Tunisians"),
    ("Algeria", "Algerians"), ("Morocco", "Moroccans"), ("Sudan", "Sudanese"),
    ("Ethiopia", "Ethiopians"), ("Somalia", "Somalis"), ("Kenya", "Kenyans"),
    ("Uganda", "Ugandans"), ("Tanzania", "Tanzanian"), ("Rwanda", "Rwandan"),
    ("Nigeria", "Nigerians"), ("Ghana", "Ghanaians"), ("Senegal", "Senegalese"),
    ("Mali", "Malian"), ("Niger", "Nigerien"), ("Congo", "Congolese"),
    ("Zimbabwe", "Zimbabwean"), ("Zambia", "Zambian"), ("Mozambique", "Mozambican"),
    ("Angola", "Angolan"), ("Madagascar", "Malagasy"), ("Cameroon", "Cameroonian"),
    ("Eritrea", "Eritrean"), ("Mauritania", "Mauritanian"), ("Togo", "Togolese"),
    ("Pakistan", "Pakistanis"), ("India", "Indians"), ("Nepal", "Nepalese"),
    ("Sri Lanka", "Sri Lankan"), ("China", "Chinese"), ("Japan", "Japanese"),
    ("Vietnam", "Vietnamese"), ("Thailand", "Thais"), ("Malaysia", "Malaysians"),
    ("Indonesia", "Indonesians"), ("Mongolia", "Mongolians"), ("Laos", "Laotian"),
    ("Cambodia", "Cambodians"), ("Taiwan", "Taiwanese"), ("Russia", "Russians"),
    ("Ukraine", "Ukrainians"), ("Belarus", "Belarusian"), ("Georgia", "Georgians"),
    ("Armenia", "Armenians"), ("Azerbaijan", "Azerbaijani"), ("Azerbaijan", "Azeri"),
    ("Kazakhstan", "Kazakh"), ("Uzbekistan", "Uzbeks"), ("Tajikistan", "Tajik"),
    ("Kyrgyzstan", "Kyrgyz"), ("Turkmenistan", "Turkmen"), ("Iran", "Iranians"),
    ("Peru", "Peruvian"), ("Chile", "Chileans"), ("Argentina", "Argentine"),
    ("Brazil", "Brazilians"), ("Colombia", "Colombians"), ("Venezuela", "Venezuelans"),
    ("Ecuador", "Ecuadorian"), ("Bolivia", "Bolivians"), ("Paraguay", "Paraguayan"),
    ("Uruguay", "Uruguayan"), ("Mexico", "Mexicans"), ("Cuba", "Cubans"),
    ("Haiti", "Haitians"), ("Canada", "Canadians"), ("Portugal", "Portuguese"),
    ("Italy", "Italians"), ("Austria", "Austrians"), ("Hungary", "Hungarians"),
    ("Czech Republic", "Czechs"), ("Slovakia", "Slovaks"), ("Slovenia", "Slovenian"),
    ("Croatia", "Croats"), ("Serbia", "Serbs"), ("Bosnia", "Bosnian"),
    ("Albania", "Albanians"), ("Kosovo", "Kosovar"), ("Romania", "Romanians"),
    ("Bulgaria", "Bulgarians"), ("Moldova", "Moldovan"), ("Lithuania", "Lithuanians"),
    ("Latvia", "Latvians"), ("Estonia", "Estonians"), ("Belgium", "Belgians"),
    ("Malta", "Maltese"), ("Australia", "Australians"), ("Fiji", "Fijian"),
    ("Jamaica", "Jamaicans"), ("Panama", "Panamanian"), ("Nicaragua", "Nicaraguan"),
    ("Honduras", "Honduran"), ("Guatemala", "Guatemalan"), ("El Salvador", "Salvadoran"),
    ("Dominican Republic", "Dominicans"), ("Liberia", "Liberians"), ("Guinea", "Guinean"),
]  # fmt: skip

# (country, word): another country's word or a lower-case English word: must not match.
APART = [
    ("Austria", "Australian"), ("Australia", "Austrian"), ("Niger", "Nigerian"),
    ("Nigeria", "Nigerien"), ("Slovakia", "Slovenian"), ("Slovenia", "Slovak"),
    ("Dominica", "Dominican"), ("Papua New Guinea", "Guinean"), ("Iran", "Iraqi"),
    ("Iraq", "Iranian"), ("India", "Indonesian"), ("Indonesia", "Indian"),
    ("Sweden", "Swiss"), ("Switzerland", "Swedish"), ("Poland", "polish"),
    ("Poland", "poles"), ("Sweden", "swede"), ("Denmark", "danish"),
    ("Turks and Caicos", "Turkish"), ("Mali", "Malawian"), ("Malawi", "Malian"),
    ("Gambia", "Zambian"), ("Zambia", "Gambian"), ("Guinea", "Guyanese"),
    ("Guyana", "Guinean"), ("Mauritius", "Mauritanian"), ("Mauritania", "Mauritian"),
    ("Denmark", "Dutch"), ("Netherlands", "Danish"), ("Latvia", "Lithuanian"),
    ("Lithuania", "Latvian"), ("Hungary", "hungry"), ("Finland", "fins"),
    ("Britain", "Breton"), ("Chile", "chilli"), ("Greece", "grease"),
]  # fmt: skip


# (word typed, another word of its country printed, the country): the Factbook's noun and
# adjective, and the press's other form.
SIBLINGS = [
    ("Nepali", "Nepalese", "Nepal"), ("Lao", "Laotian", "Laos"),
    ("Filipino", "Philippine", "Philippines"), ("Uzbek", "Uzbekistani", "Uzbekistan"),
    ("Kazakh", "Kazakhstani", "Kazakhstan"), ("Tajik", "Tajikistani", "Tajikistan"),
    ("Kyrgyz", "Kyrgyzstani", "Kyrgyzstan"), ("Azeri", "Azerbaijani", "Azerbaijan"),
    ("Kosovar", "Kosovan", "Kosovo"), ("Sinhala", "Sinhalese", "Sri Lanka"),
    ("Danes", "Danish", "Denmark"), ("Poles", "Polish", "Poland"),
    ("Swedes", "Swedish", "Sweden"), ("Finns", "Finnish", "Finland"),
    ("Spaniards", "Spanish", "Spain"), ("Britons", "British", "United Kingdom"),
    ("Dutchman", "Dutch", "Netherlands"), ("Croat", "Croatian", "Croatia"),
    ("Serbs", "Serbian", "Serbia"), ("Slovenes", "Slovenian", "Slovenia"),
    ("Turks", "Turkish", "Turkey"), ("Argentine", "Argentinian", "Argentina"),
    ("Icelanders", "Icelandic", "Iceland"), ("Saudis", "Saudi Arabian", "Saudi Arabia"),
]  # fmt: skip

# (word typed, a word that is not of its country, the country of the first): another
# country's adjective, or an ordinary word typed in lower case.
NOT_SIBLINGS = [
    ("Austrian", "Australian", "Austria"), ("Slovak", "Slovenian", "Slovakia"),
    ("Slovene", "Slovakian", "Slovenia"), ("Iranian", "Iraqi", "Iran"),
    ("Swiss", "Swedish", "Switzerland"), ("Danish", "Dutch", "Denmark"),
    ("Malian", "Malawian", "Mali"), ("Gambian", "Zambian", "Gambia"),
    ("Guinean", "Guyanese", "Guinea"), ("Mauritian", "Mauritanian", "Mauritius"),
    ("Latvian", "Lithuanian", "Latvia"), ("Indian", "Indonesian", "India"),
    ("Irish", "British", "Ireland"), ("Georgian", "Armenian", "Georgia"),
    ("Congolese", "Gabonese", "Congo"), ("Korean", "Japanese", "Korea"),
    ("Nepali", "Indian", "Nepal"), ("Dominican", "Haitian", "Dominican Republic"),
    ("polish", "Poles", "Poland"), ("danish", "Danes", "Denmark"),
]  # fmt: skip

# (adjective or people typed, the country's name printed, the country): one way.
COUNTRY = [
    ("Syrian", "Syria", "Syria"), ("Iraqi", "Iraq", "Iraq"), ("Nepali", "Nepal", "Nepal"),
    ("Laotian", "Laos", "Laos"), ("Filipino", "Philippines", "Philippines"),
    ("Danish", "Denmark", "Denmark"), ("Polish", "Poland", "Poland"),
    ("Kenyan", "Kenya", "Kenya"), ("Egyptian", "Egypt", "Egypt"),
    ("Afghan", "Afghanistan", "Afghanistan"), ("Yemeni", "Yemen", "Yemen"),
    ("Ukrainian", "Ukraine", "Ukraine"), ("Peruvian", "Peru", "Peru"),
    ("Swedes", "Sweden", "Sweden"), ("South Korean", "South Korea", "South Korea"),
]  # fmt: skip


def main() -> int:
    run(
        __doc__.split("\n")[0],
        SAME,
        APART,
        ways=one_way,
        template=TEXT,
        labels=("country words", "must-not"),
    )
    print("siblings (an adjective typed; both ways):")
    run("", SIBLINGS, NOT_SIBLINGS, template=TEXT, labels=("siblings", "must-not"), key=2)
    print("the country (an adjective typed):")
    return run("", COUNTRY, [], ways=one_way, template=TEXT, labels=("country", "-"), key=2)


if __name__ == "__main__":
    raise SystemExit(main())
