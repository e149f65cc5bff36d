"""The Arabic place names and names with an article: the article as English writes it
(al-/el-/ad-/as-…) and the name without it (docs/matching.md, "Variants")."""

from __future__ import annotations

# ---------------------------------------------------------------- Arabic article

# The Arabic article as English writes it, with its assimilated forms (ad-Dawla,
# as-Sadr, ash-Sham, az-Zarqawi, an-Nasr, ar-Rashid, at-Tall): al-Maliki, el-Sisi.
ARTICLES = frozenset(
    {"al", "el", "ad", "ed", "as", "es", "ash", "ath", "az", "an", "ar", "at", "ul"}
)


def arabic_article(words: tuple[str, ...]) -> str | None:
    """The name without its article: `("al", "maliki")` → `maliki`; else None."""
    if len(words) == 2 and words[0] in ARTICLES and len(words[1]) >= 3 and words[1].isalpha():
        return words[1]
    return None
