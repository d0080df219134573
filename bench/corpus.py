"""Distinct invented news articles, each quoting speakers no other article names.

    from bench.corpus import articles
    texts = articles(500)

Every name is built from syllables and every sentence from templates with varied constructions (a quote then its
speaker, a speaker then reported speech, "according to", a quote resumed after the cue, an organisation's
spokesperson, a one-word later reference), filled with invented places, bodies and topics. No text comes from any
corpus. Deterministic: the same n gives the same articles.
"""

from __future__ import annotations

import random

_ONSETS = [
    "b",
    "br",
    "d",
    "dr",
    "f",
    "g",
    "gr",
    "h",
    "k",
    "kl",
    "l",
    "m",
    "n",
    "p",
    "pr",
    "r",
    "s",
    "st",
    "t",
    "v",
    "z",
]
_VOWELS = ["a", "e", "i", "o", "u", "ae", "ei", "ou"]
_CODAS = ["", "", "n", "r", "l", "s", "th", "nd", "rk", "m"]
ROLES = ["minister", "mayor", "senator", "director", "spokeswoman", "chairman", "governor", "economist", "judge"]
BODIES = ["Harbour Authority", "Transport Board", "Water Council", "Rail Union", "Energy Agency", "Audit Office"]
TOPICS = [
    ("the ferry fares", "will rise in the spring"),
    ("the new tunnel", "is two years behind schedule"),
    ("the water supply", "is safe for the summer"),
    ("the hospital budget", "was cut without warning"),
    ("the tram line", "will reach the airport by next year"),
    ("the grain harvest", "fell by a third after the drought"),
    ("the school repairs", "cost twice the estimate"),
    ("the pension reform", "protects the lowest incomes"),
    ("the harbour dredging", "has damaged the fishing grounds"),
    ("the power grid", "cannot carry the new wind farms"),
]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]


def _word(rng: random.Random, syllables: int) -> str:
    return "".join(rng.choice(_ONSETS) + rng.choice(_VOWELS) + rng.choice(_CODAS) for _ in range(syllables))


class _Names:
    """Invented two-word names, never the same surname twice in one run."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.surnames: set[str] = set()

    def person(self) -> tuple[str, str]:
        while True:
            surname = _word(self.rng, self.rng.randint(2, 3)).capitalize()
            if surname not in self.surnames:
                self.surnames.add(surname)
                return _word(self.rng, 2).capitalize(), surname


def _paragraph(rng: random.Random, names: _Names, town: str) -> str:
    first, last = names.person()
    full = f"{first} {last}"
    role = rng.choice(ROLES)
    body = f"{town} {rng.choice(BODIES)}"
    subject, predicate = rng.choice(TOPICS)
    day = rng.choice(DAYS)
    templates = [
        f"\u201c{subject.capitalize()} {predicate},\u201d said {full}, the {role} of the {body}.",
        f"{full}, a {role} in {town}, said {subject} {predicate}.",
        f"According to {full}, {subject} {predicate}, and the {body} knew it in {day}'s meeting.",
        f"\u201c{subject.capitalize()} {predicate},\u201d {full} told reporters on {day}. "
        f"\u201cWe will not wait for another report,\u201d {last} added.",
        f"The {body} {role} {full} warned on {day} that {subject} {predicate}.",
        f"{full} said that {subject} {predicate}. {last} said the {body} would publish its figures soon.",
    ]
    return rng.choice(templates)


def articles(n: int, *, seed: int = 2026, paragraphs: tuple[int, int] = (6, 10)) -> list[str]:
    """``n`` distinct articles; every speaker in them is new (a surname is never reused)."""
    rng = random.Random(seed)
    names = _Names(rng)
    out = []
    for i in range(n):
        town = _word(rng, 2).capitalize()
        lead = f"{town}, {rng.choice(DAYS)} (Bench wire {i}) -- Officials in {town} gave their views this week."
        body = [_paragraph(rng, names, town) for _ in range(rng.randint(*paragraphs))]
        out.append("\n".join([lead, *body]))
    return out
