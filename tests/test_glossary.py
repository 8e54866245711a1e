"""The glossary cards: every idea the game needs is there, complete, and linked both ways."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from game.glossary import (
    CONCEPTS,
    GAME_CONCEPTS,
    REQUIRED,
    TOPICS,
    WORLD_CONCEPTS,
    Concept,
    concept,
    concept_for_game,
    concept_for_world,
    ordered,
    search,
)
from game.theory import GAME_NAMES, JERVIS_WORLDS

ROOT = Path(__file__).resolve().parents[1]

#: The concepts the brief asks for, by the words a teacher would use.
ASKED = {
    "security dilemma": "security_dilemma",
    "spiral model": "spiral_model",
    "deterrence": "deterrence",
    "second strike": "second_strike",
    "first-strike stability": "first_strike_stability",
    "offense-defense balance": "offense_defense_balance",
    "distinguishability": "distinguishability",
    "costly signal": "costly_signal",
    "tying hands": "tying_hands",
    "audience cost": "audience_cost",
    "entrapment and abandonment": "entrapment_abandonment",
    "arms control": "arms_control",
    "verification": "verification",
    "Richardson model": "richardson_model",
    "Nash equilibrium": "nash_equilibrium",
    "prisoner's dilemma": "prisoners_dilemma",
    "stag hunt": "stag_hunt",
    "chicken": "chicken",
    "Jervis's four worlds": "four_worlds",
    "cheap talk": "cheap_talk",
    "reassurance": "reassurance",
    "Pareto optimality": "pareto_optimality",
    "brinkmanship": "brinkmanship",
    "inspection game": "inspection_game",
    "extended deterrence": "extended_deterrence",
}


def sentences(text: str) -> int:
    return len(re.findall(r"[.!?](?:\s|$)", text))


@pytest.mark.parametrize("words, card_id", sorted(ASKED.items()))
def test_every_asked_concept_has_a_card(words, card_id):
    assert card_id in CONCEPTS, words
    assert card_id in REQUIRED


@pytest.mark.parametrize("card", list(CONCEPTS.values()), ids=list(CONCEPTS))
def test_every_card_is_complete(card: Concept):
    assert card.id and re.fullmatch(r"[a-z0-9_]+", card.id)
    for field in (card.title, card.topic, card.definition, card.in_game):
        assert field.strip() and field == field.strip()
    assert card.topic in TOPICS
    assert 2 <= sentences(card.definition) <= 4, card.definition  # plain words, short
    assert card.sources, "every card names where the idea comes from"
    for src in card.sources:
        assert src.author.strip() and src.title.strip()
        assert 1900 <= src.year <= 2030
        assert str(src.year) in src.cite() and src.title in src.cite()
    assert card.source is card.sources[0]


def test_related_ids_exist_and_are_not_the_card_itself():
    for card in CONCEPTS.values():
        assert card.related, f"{card.id} leads nowhere"
        assert len(set(card.related)) == len(card.related)
        for rid in card.related:
            assert rid in CONCEPTS, f"{card.id} links to a missing card {rid!r}"
            assert rid != card.id


def test_every_card_can_be_reached_from_another():
    linked = {rid for c in CONCEPTS.values() for rid in c.related}
    assert set(CONCEPTS) - linked == set()


def test_titles_and_ids_are_unique():
    assert len(CONCEPTS) == len({c.title.lower() for c in CONCEPTS.values()})
    assert sorted(c.id for c in ordered()) == sorted(CONCEPTS)


def test_the_list_is_grouped_by_topic_in_order():
    topics = [c.topic for c in ordered()]
    firsts = list(dict.fromkeys(topics))
    assert firsts == [t for t in TOPICS if t in topics]
    assert topics == sorted(topics, key=TOPICS.index)


@pytest.mark.parametrize("name", GAME_NAMES)
def test_every_game_name_with_a_card_maps_to_it(name):
    card = concept_for_game(name)
    if name in CONCEPTS:  # a named game with a card of its own opens that card
        assert card == name
    assert card is None or card in CONCEPTS
    assert card == GAME_CONCEPTS.get(name)


def test_the_classic_games_all_have_cards():
    for name in ("prisoners_dilemma", "stag_hunt", "chicken", "harmony", "deadlock"):
        assert concept_for_game(name) == name
    assert set(GAME_CONCEPTS) <= set(GAME_NAMES)
    assert concept_for_game("not a game") is None


@pytest.mark.parametrize("world", JERVIS_WORLDS)
def test_every_jervis_world_has_a_card_that_leads_to_the_four(world):
    card = concept_for_world(world)
    assert card in CONCEPTS
    assert card in CONCEPTS["four_worlds"].related
    assert "four_worlds" in CONCEPTS[card].related
    assert set(WORLD_CONCEPTS) == set(JERVIS_WORLDS)
    assert concept_for_world("nowhere") is None


def test_lookup_and_search():
    assert concept("deterrence").title == "Deterrence"
    with pytest.raises(KeyError, match="no glossary card"):
        concept("nonsense")
    assert search("")[0] == ordered()[0]
    assert [c.id for c in search("second strike")] == ["second_strike"]
    found = [c.id for c in search("strike")]
    assert set(found[:2]) == {"second_strike", "first_strike_stability"}  # titles first
    assert "extended_deterrence" in found  # its text mentions a strike
    assert search("zzzz qqqq") == []


def test_cards_are_frozen():
    with pytest.raises(AttributeError):
        CONCEPTS["deterrence"].title = "x"  # type: ignore[misc]


def test_the_glossary_module_imports_no_pygame():
    code = "import sys, game.glossary; assert 'pygame' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)
