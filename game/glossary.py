"""The glossary: one card per idea the game teaches, in plain words, with where to see it.

Pure data and a few look-ups, no pygame: the glossary screen
(``game.ui.scenes.glossary_screen``) shows these cards, the theory lens links to them, and a
teacher can print them. Each card says what the
idea is (for a 16-year-old), where the player meets it in the game (a number, a screen, an
action), the work it comes from, and the cards it leads on to. The sources are the ones in the
design's theory notes; every example in the cards is invented, like everything in the game.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from importlib import resources
from typing import Final

__all__ = [
    "CONCEPTS",
    "GAME_CONCEPTS",
    "REQUIRED",
    "TOPICS",
    "WORLD_CONCEPTS",
    "Concept",
    "Source",
    "concept",
    "concept_for_game",
    "concept_for_world",
    "ordered",
    "search",
]


@dataclass(frozen=True)
class Source:
    """Where an idea comes from: its author(s), the year and the title of the work."""

    author: str
    year: int
    title: str

    def cite(self) -> str:
        return f"{self.author} ({self.year}), {self.title}"


@dataclass(frozen=True)
class Concept:
    """One glossary card.

    ``definition`` is the idea in two to four plain sentences; ``in_game`` says where the player
    sees it; ``sources`` holds at least one work (the first is the main one); ``related`` holds the
    ids of other cards.
    """

    id: str
    title: str
    topic: str
    definition: str
    in_game: str
    sources: tuple[Source, ...]
    related: tuple[str, ...] = ()

    @property
    def source(self) -> Source:
        """The main source."""
        return self.sources[0]


def _read() -> tuple[tuple[str, ...], tuple[Concept, ...]]:
    """The topics and cards of ``assets/glossary.toml`` (read once, when this module loads),
    checked: every card complete, in a known topic, citing known sources."""
    text = resources.files("game.assets").joinpath("glossary.toml").read_text(encoding="utf-8")
    data = tomllib.loads(text)
    topics = tuple(data["topics"])
    sources = {key: Source(**fields) for key, fields in data["sources"].items()}
    cards = []
    for raw in data["cards"]:
        card = Concept(
            id=raw["id"],
            title=raw["title"],
            topic=raw["topic"],
            definition=raw["definition"],
            in_game=raw["in_game"],
            sources=tuple(sources[k] for k in raw["sources"]),
            related=tuple(raw.get("related", ())),
        )
        if card.topic not in topics or not card.sources:
            raise ValueError(f"glossary card {card.id!r}: unknown topic or no source")
        cards.append(card)
    return topics, tuple(cards)


#: The topics, in the order the glossary lists them, and the cards (``assets/glossary.toml``).
_TOPICS, _CARDS = _read()
TOPICS: Final[tuple[str, ...]] = _TOPICS

#: Every card by id, in the order the glossary lists them.
CONCEPTS: Final[dict[str, Concept]] = {c.id: c for c in _CARDS}

#: The cards the game cannot do without (a test checks they are all here and complete).
REQUIRED: Final[tuple[str, ...]] = (
    "security_dilemma",
    "spiral_model",
    "deterrence",
    "second_strike",
    "first_strike_stability",
    "offense_defense_balance",
    "distinguishability",
    "costly_signal",
    "tying_hands",
    "audience_cost",
    "entrapment_abandonment",
    "arms_control",
    "verification",
    "richardson_model",
    "nash_equilibrium",
    "prisoners_dilemma",
    "stag_hunt",
    "chicken",
    "four_worlds",
    "cheap_talk",
    "reassurance",
    "pareto_optimality",
    "brinkmanship",
    "inspection_game",
    "extended_deterrence",
)

#: ``game.theory.classify`` names -> card ids (names without a card of their own are left out).
GAME_CONCEPTS: Final[dict[str, str]] = {
    "prisoners_dilemma": "prisoners_dilemma",
    "stag_hunt": "stag_hunt",
    "chicken": "chicken",
    "deadlock": "deadlock",
    "harmony": "harmony",
    "leader": "coordination_games",
    "hero": "coordination_games",
    "battle_of_the_sexes": "coordination_games",
    "asymmetric": "stage_game",
    "other": "stage_game",
}

#: ``game.theory.JERVIS_WORLDS`` ids -> card ids.
WORLD_CONCEPTS: Final[dict[str, str]] = {
    "doubly_dangerous": "world_doubly_dangerous",
    "dilemma_but_compatible": "world_dilemma_but_compatible",
    "no_dilemma_aggression_pays": "world_no_dilemma_aggression_pays",
    "doubly_safe": "world_doubly_safe",
}


def concept(card_id: str) -> Concept:
    """The card ``card_id`` (``KeyError`` naming the known ids if there is none)."""
    try:
        return CONCEPTS[card_id]
    except KeyError:
        raise KeyError(f"no glossary card {card_id!r}; known: {', '.join(CONCEPTS)}") from None


def concept_for_game(name: str) -> str | None:
    """The card id for a ``game.theory.classify`` name, or None when it has none.

    >>> concept_for_game("stag_hunt")
    'stag_hunt'
    >>> concept_for_game("no such game") is None
    True
    """
    return GAME_CONCEPTS.get(name)


def concept_for_world(world: str) -> str | None:
    """The card id for one of Jervis's worlds (``game.theory.JERVIS_WORLDS``), or None.

    >>> concept_for_world("doubly_safe")
    'world_doubly_safe'
    """
    return WORLD_CONCEPTS.get(world)


def ordered() -> list[Concept]:
    """The cards as the glossary lists them: by topic, then in the order written here."""
    rank = {t: k for k, t in enumerate(TOPICS)}
    return sorted(CONCEPTS.values(), key=lambda c: rank.get(c.topic, len(rank)))


def search(words: str) -> list[Concept]:
    """Cards whose title or text holds every word of ``words`` (case-insensitive), titles first."""
    terms = words.lower().split()
    if not terms:
        return ordered()
    hits = [
        c
        for c in ordered()
        if all(t in f"{c.title} {c.definition} {c.in_game}".lower() for t in terms)
    ]
    return sorted(hits, key=lambda c: not all(t in c.title.lower() for t in terms))
