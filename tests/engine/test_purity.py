"""The pure core imports no pygame (architecture.md, principle 2)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def test_importing_the_engine_leaves_pygame_out():
    code = (
        "import sys\n"
        "import game.engine\n"
        "from game.engine import step, exchange, stage_game\n"
        "print('pygame' in sys.modules, 'game.engine' in sys.modules)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, check=True
    )
    assert out.stdout.split() == ["False", "True"]


def _engine_imports():
    """``{module: [(name it imports from game.engine, inside a function?)]}``."""
    import ast

    out = {}
    for path in sorted((REPO / "game" / "engine").glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        found = []
        nested = set()
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                nested |= {id(n) for n in ast.walk(node) if n is not node}
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("game.engine"):
                names = (
                    [node.module]
                    if node.module != "game.engine"
                    else [f"game.engine.{a.name}" for a in node.names]
                )
                found += [(n, id(node) in nested) for n in names]
        out[f"game.engine.{path.stem}"] = found
    return out


def test_no_engine_module_imports_another_inside_a_function():
    """A function-level import is how a circle is held open; the engine has none."""
    late = {m: [n for n, inside in found if inside] for m, found in _engine_imports().items()}
    assert not {m: v for m, v in late.items() if v}


def test_the_engine_modules_import_one_another_without_a_circle():
    imports = _engine_imports()  # parsed once: the comprehension asked for it per import
    graph = {
        m: {n for n, _ in found if n in imports and n != m}
        for m, found in imports.items()
        if not m.endswith("__init__")
    }
    graph = {m: {n for n in deps if not n.endswith("__init__")} for m, deps in graph.items()}
    seen, done = set(), set()

    def visit(m, path):
        assert m not in seen or m in done, " -> ".join([*path, m])
        if m in done:
            return
        seen.add(m)
        for n in sorted(graph.get(m, ())):
            visit(n, [*path, m])
        done.add(m)

    for m in sorted(graph):
        visit(m, [])


def test_no_engine_module_imports_a_private_name_of_another():
    """A helper two modules share is public in one of them, not borrowed by its ``_name``."""
    import ast

    borrowed = []
    for path in sorted((REPO / "game" / "engine").glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("game."):
                borrowed += [
                    f"{path.stem}: {node.module}.{a.name}"
                    for a in node.names
                    if a.name.startswith("_")
                ]
    assert not borrowed
