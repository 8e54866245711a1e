"""Exports shared by the report tests (each game is played, analysed and exported once)."""

from __future__ import annotations

import pytest

from tests.report.helpers import Exported, ai_game, export_game, save_war, war_session


@pytest.fixture(scope="session")
def shield3(tmp_path_factory) -> Exported:
    """The Shield, seed 3, AI seats, with counterfactuals, into a nested folder made by export."""
    out = tmp_path_factory.mktemp("shield3") / "nested" / "new" / "dir"
    return export_game(ai_game("the_shield", 3), out)


@pytest.fixture(scope="session")
def war(tmp_path_factory) -> Exported:
    return export_game(war_session(), tmp_path_factory.mktemp("war"))


@pytest.fixture(scope="session")
def war_save(tmp_path_factory):
    return save_war(tmp_path_factory.mktemp("war_save") / "war.json")
