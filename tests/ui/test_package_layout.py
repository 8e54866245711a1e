"""game/ui read from its folders: ``model`` (what the screens show, no pygame), ``drawing`` (what
they draw with), ``scenes`` (the screens), and the shell (the app, its navigation, its sound, its
commands). No two modules of the package share a basename, nor with a module elsewhere in game."""

from __future__ import annotations

import subprocess
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
UI = ROOT / "game" / "ui"


def test_the_model_imports_no_pygame():
    """Every module of game.ui.model imported in a fresh interpreter: pygame never loads."""
    names = sorted(p.stem for p in (UI / "model").glob("*.py") if p.stem != "__init__")
    assert {
        "views",
        "draft",
        "game_match",
        "headlines",
        "storage",
        "settings",
        "plain_words",
    } <= set(names)
    code = (
        "import sys\n"
        + "".join(f"import game.ui.model.{n}\n" for n in names)
        + "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('pygame', 'pygame_gui'))\n"
        + "print(','.join(bad))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == ""


def test_no_basename_repeats_within_ui_or_with_the_rest_of_game():
    ui = [p for p in UI.rglob("*.py") if p.stem != "__init__" and "__pycache__" not in p.parts]
    counts = Counter(p.stem for p in ui)
    assert [n for n, c in counts.items() if c > 1] == []
    others = {
        p.stem
        for p in (ROOT / "game").rglob("*.py")
        if UI not in p.parents and p.stem != "__init__" and "__pycache__" not in p.parts
    }
    # The shared shells' entry points are named for what they are (window_commands...).
    assert sorted(set(counts) & others) == []


def test_the_ui_root_holds_only_the_shell():
    root = sorted(p.stem for p in UI.glob("*.py") if p.stem != "__init__")
    shell = {"app", "navigation", "sound", "window_commands", "remote"}
    assert set(root) <= shell, set(root) - shell


def _imports(path: Path) -> set[str]:
    """The game.ui modules ``path`` imports, inside functions too (not under TYPE_CHECKING:
    those are never run)."""
    import ast

    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            skip |= {id(n) for b in node.body for n in ast.walk(b)}
    out: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for alias in node.names:
                full = f"{node.module}.{alias.name}"
                out.add(full if _module_path(full) else node.module)
        elif isinstance(node, ast.Import):
            out |= {alias.name for alias in node.names}
    return {m for m in out if m.startswith("game.ui") and _module_path(m)}


def _module_path(name: str) -> Path | None:
    base = ROOT / Path(*name.split("."))
    for p in (base.with_suffix(".py"), base / "__init__.py"):
        if p.exists():
            return p
    return None


def _graph() -> dict[str, set[str]]:
    mods = {}
    for p in UI.rglob("*.py"):
        if "__pycache__" in p.parts:
            continue
        rel = p.relative_to(ROOT).with_suffix("")
        name = ".".join(rel.parts[:-1] if rel.name == "__init__" else rel.parts)
        mods[name] = p
    return {m: {i for i in _imports(p) if i != m} for m, p in mods.items()}


def test_the_ui_modules_import_each_other_without_a_circle():
    graph = _graph()
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(m: str) -> None:
        state[m] = 1
        stack.append(m)
        for n in sorted(graph.get(m, ())):
            if state.get(n) == 1:
                raise AssertionError(" -> ".join(stack[stack.index(n) :] + [n]))
            if n not in state:
                visit(n)
        stack.pop()
        state[m] = 2

    for m in sorted(graph):
        if m not in state:
            visit(m)


def test_scenes_never_import_each_other_and_navigation_knows_every_move():
    """A screen reaches another only by name through game.ui.navigation, whose table names
    every screen and every move the scenes make."""
    import ast

    from game.ui import navigation

    screens = {spec.partition(":")[0] for spec in navigation.SCENES.values()}
    graph = _graph()
    for m in sorted(screens):
        assert not (graph[m] & (screens - {m})), (m, sorted(graph[m] & screens))
    name_of = {}
    for name, spec in navigation.SCENES.items():
        name_of.setdefault(spec.partition(":")[0], name)
        cls = navigation.scene_class(name)
        assert cls.__name__ == spec.partition(":")[2]
    moves = set()
    for module in sorted(screens):
        tree = ast.parse(_module_path(module).read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and isinstance(node.func.value, ast.Name)
                and node.func.value.id == "navigation"
                and node.func.attr in ("push", "replace", "reset", "make")
                and len(node.args) >= 2
                and isinstance(node.args[1], ast.Constant)
            ):
                target = node.args[1].value
                assert target in navigation.SCENES, (module, target)
                moves.add((name_of[module], target))
    assert moves <= navigation.TRANSITIONS, sorted(moves - navigation.TRANSITIONS)
    # Every move in the table is one some scene (or the navigation itself) makes.
    made = {t for s, t in navigation.TRANSITIONS if s is None} | {t for _, t in moves}
    assert {t for _, t in navigation.TRANSITIONS} <= made | {"export", "bet", "reveal"}
