"""The house drawn from the imports (docs/architecture.md): layers run one way, no package
imports one above it, the graph has no circle, and only ``game.ui`` imports pygame. Imports
inside functions count too: they are what kept circles hidden before."""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

GAME = Path(__file__).parent.parent / "game"

#: Lower numbers are lower floors; a package may import its own floor or any below.
FLOORS = {
    "game.theory": 0,
    "game.engine": 1,
    "game.limits": 2,
    "game.assets": 2,
    "game.scenarios": 2,
    "game.policies": 2,
    "game.glossary": 2,
    "game.lessons": 2,
    "game.session": 3,
    "game.saves": 3,
    "game.analysis": 4,
    "game.commands": 4,
    "game.report": 5,
    "game.lab": 6,
    "game.ui": 6,
    "game.classroom": 6,
    "game.cli": 7,
    "game.__main__": 8,
}


def package(module: str) -> str:
    return ".".join(module.split(".")[:2])


def imports() -> dict[str, set[str]]:
    """Package -> the game packages it imports, and the modules that import pygame."""
    edges: dict[str, set[str]] = defaultdict(set)
    for path in GAME.rglob("*.py"):
        module = "game." + ".".join(path.relative_to(GAME).with_suffix("").parts)
        source = package(module.removesuffix(".__init__"))
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            elif isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            for name in names:
                if name.split(".")[0] == "game":
                    edges[source].add(package(name))
                elif name.split(".")[0] in ("pygame", "pygame_gui"):
                    edges[source].add("pygame")
    return edges


def test_every_package_has_a_floor():
    assert set(imports()) - {"pygame"} <= set(FLOORS)


def test_no_package_imports_one_above_it():
    for source, targets in imports().items():
        for target in targets - {source, "pygame"}:
            assert FLOORS[target] <= FLOORS[source], f"{source} imports {target}, a floor above"


def test_the_imports_have_no_circle():
    edges = {k: v - {k, "pygame"} for k, v in imports().items()}
    seen: dict[str, int] = {}

    def visit(node: str, path: tuple[str, ...]) -> None:
        if seen.get(node) == 2:
            return
        assert seen.get(node) != 1, " -> ".join((*path, node))
        seen[node] = 1
        for nxt in sorted(edges.get(node, ())):
            visit(nxt, (*path, node))
        seen[node] = 2

    for node in sorted(edges):
        visit(node, ())


def test_only_the_window_imports_pygame():
    users = {source for source, targets in imports().items() if "pygame" in targets}
    assert users == {"game.ui"}
