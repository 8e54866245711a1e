"""The theory package stands alone: no pygame, a complete public API, docstrings that run."""

from __future__ import annotations

import doctest
import importlib
import inspect
import subprocess
import sys

import pytest

import game.theory

MODULES = ["game.theory", "game.theory.equilibria", "game.theory.games", "game.theory.richardson"]


def test_importing_theory_leaves_pygame_out():
    # A fresh interpreter, so that whatever other tests imported does not matter.
    code = (
        "import sys, game.theory, game.theory.equilibria, game.theory.games, "
        "game.theory.richardson; print('pygame' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout.strip() == "False"


def test_all_names_are_exported_and_documented():
    exported = set(game.theory.__all__)
    assert len(exported) == len(game.theory.__all__)  # no duplicates
    for name in exported:
        obj = getattr(game.theory, name)
        if inspect.isfunction(obj) or inspect.isclass(obj):
            assert obj.__doc__ and len(obj.__doc__) > 80, f"{name} needs a teaching docstring"
    for module_name in MODULES[1:]:
        module = importlib.import_module(module_name)
        assert set(module.__all__) <= exported, f"{module_name} exports something not re-exported"


@pytest.mark.parametrize("module_name", MODULES)
def test_docstring_examples_are_true(module_name):
    module = importlib.import_module(module_name)
    failures, attempted = doctest.testmod(module, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert attempted > 0
    assert failures == 0
