"""Name normalisation shared by the engine (role splitting) and storage (speaker aliases).

A speaker alias is keyed by its normalised form, so "President Vladimir Putin",
"Vladimir Putin" and "vladimir  PUTIN" all land on one key.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Titles and honorifics that precede a name but are not part of it.  Kept short on
# purpose: job descriptions ("Foreign Ministry spokeswoman") are split off by the
# engine's role splitter, which knows the name's boundary from the parse.
TITLE_WORDS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "miss",
        "dr",
        "prof",
        "professor",
        "sir",
        "dame",
        "lord",
        "lady",
        "rev",
        "reverend",
        "fr",
        "father",
        "president",
        "vice",
        "prime",
        "minister",
        "premier",
        "chancellor",
        "secretary",
        "senator",
        "sen",
        "rep",
        "representative",
        "congressman",
        "congresswoman",
        "councillor",
        "councilor",
        "councilman",
        "councilwoman",
        "alderman",
        "governor",
        "gov",
        "mayor",
        "judge",
        "justice",
        "general",
        "gen",
        "colonel",
        "col",
        "major",
        "maj",
        "captain",
        "capt",
        "lieutenant",
        "lt",
        "sergeant",
        "sgt",
        "admiral",
        "adm",
        "marshal",
        "commander",
        "king",
        "queen",
        "prince",
        "princess",
        "pope",
        "sheikh",
        "ayatollah",
        "chairman",
        "chairwoman",
        "chair",
        "ceo",
        "director",
        "ambassador",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "attorney",
        "former",
        "deputy",
        "acting",
        "leader",
        "chief",
    ]
)

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'"})
# Hyphens fold to spaces: "Kim Jong-un" and "Kim Jong Un" are one spelling.
_NON_WORD = re.compile(r"[^\w' ]+")
_SPACES = re.compile(r"\s+")


# The engine folds the same few thousand words and names many times per article: a bounded memo of a pure function.
@lru_cache(maxsize=16384)
def fold(text: str) -> str:
    """Case-, accent- and punctuation-insensitive form of a name."""
    text = unicodedata.normalize("NFKD", text.translate(_APOSTROPHES))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = _NON_WORD.sub(" ", text.casefold())
    text = text.replace("'s ", " ").removesuffix("'s")
    return _SPACES.sub(" ", text).strip(" -'")


def normalize_name(name: str) -> str:
    """The alias key: folded, with leading titles dropped ("President Vladimir Putin" -> "vladimir putin")."""
    words = fold(name).split()
    while len(words) > 1 and words[0].rstrip(".") in TITLE_WORDS:
        words.pop(0)
    return " ".join(words)
