"""The docs the code cites ship with it: every "model.md section N" names a section of
docs/model.md, every file docs/model.md names exists, and docs/architecture.md is there."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).parent.parent
DOCS = ROOT / "docs"


def sections() -> set[int]:
    text = (DOCS / "model.md").read_text(encoding="utf-8")
    return {int(m) for m in re.findall(r"^## (\d+)\. ", text, flags=re.M)}


def test_every_model_md_reference_in_the_code_names_a_section_that_exists():
    have = sections()
    assert have == set(range(1, 11))
    cited: set[int] = set()
    for path in list((ROOT / "game").rglob("*.py")) + list((ROOT / "tests").rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        for ref in re.findall(r"model\.md sections? ([0-9][0-9, \-]*)", text):
            for part in re.split(r"[, ]+", ref.strip(" ,-")):
                if "-" in part:
                    lo, hi = part.split("-")
                    cited |= set(range(int(lo), int(hi) + 1))
                elif part:
                    cited.add(int(part))
    assert cited, "the code cites the model"
    assert cited <= have, sorted(cited - have)


def test_every_file_the_model_names_exists():
    text = (DOCS / "model.md").read_text(encoding="utf-8")
    for name in re.findall(r"`((?:tests|game|docs|assets)/[\w/.\-]+)`", text):
        assert (ROOT / name).exists(), name


def test_the_architecture_page_names_every_layer():
    text = (DOCS / "architecture.md").read_text(encoding="utf-8")
    for package in (
        "game.theory",
        "game.engine",
        "game.policies",
        "game.session",
        "game.analysis",
        "game.ui",
        "game.cli",
    ):
        assert f"`{package}`" in text, package
