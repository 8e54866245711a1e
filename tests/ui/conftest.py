"""UI test fixtures: the user's folders in a temporary directory, and a fresh window."""

from __future__ import annotations

import platformdirs
import pytest


@pytest.fixture
def dirs(tmp_path, monkeypatch):
    """Settings and saves go to ``tmp_path`` (platformdirs is asked at call time)."""
    config, data = tmp_path / "config", tmp_path / "data"
    monkeypatch.setattr(platformdirs, "user_config_dir", lambda *a, **k: str(config))
    monkeypatch.setattr(platformdirs, "user_data_dir", lambda *a, **k: str(data))
    return config, data


@pytest.fixture
def app(dirs, monkeypatch):
    """A window on the title screen; any exception in a scene fails the test."""
    monkeypatch.setenv("DELICATE_BALANCE_DEBUG", "1")
    from game.ui.app import App
    from game.ui.model.settings import Settings

    window = App(Settings(sound=False))
    window.to_title()
    window.frame(1 / 60)
    yield window
    assert window.errors == []


@pytest.fixture
def window(dirs, monkeypatch):
    """Windows of a given UI scale and size, on the title screen: ``window(scale, size)``; any
    exception in a scene of any of them fails the test."""
    monkeypatch.setenv("DELICATE_BALANCE_DEBUG", "1")
    from game.ui.app import App
    from game.ui.model.settings import Settings

    made = []

    def make(scale: float, size: tuple[int, int] = (1600, 1000)):
        made_app = App(Settings(sound=False, ui_scale=scale, width=size[0], height=size[1]))
        made_app.to_title()
        made_app.frame(1 / 60)
        made.append(made_app)
        return made_app

    yield make
    for made_app in made:
        assert made_app.errors == []
