"""Content rule: the game is fictional, so no real name appears anywhere in the product.

Everything in Delicate Balance is invented (design: "no real country, place, leader, weapon
system"). This test scans the text files of ``game/``, ``assets/``, ``docs/``, ``tests/`` and
``README.md`` for real countries, capitals and major cities, regions, world leaders, weapon
systems and missile or defence programmes, military alliances and arms-control treaties.

The list of names is itself kept out of the repository: ``tests/data/real_names.sha256`` holds
only the SHA-256 of each normalised name (see its header for how to add one). The scanner reads
text the same way: accents dropped, lower case, a possessive ``'s`` and other apostrophes
dropped, words of letters and digits; every 1-, 2- and 3-word window is hashed and looked up. A
hyphenated code of letters and digits (``xy-12``) is also read as one joined word (``xy12``).

Theory authors and their works may be cited (Schelling, Jervis, Kydd...): the list holds heads
of state and government, not scholars, and leaves out names that are ordinary English words.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
HASH_FILE = Path(__file__).resolve().parent / "data" / "real_names.sha256"

#: What is scanned: these folders and files of the repository root.
SCANNED = ("game", "assets", "docs", "tests", "README.md")
#: Text files are read; anything else (images, fonts, sounds, the hash list) is not.
TEXT_SUFFIXES = frozenset({".py", ".toml", ".md", ".txt", ".json", ".cfg", ".html", ".csv"})
#: Folders of caches and build products, never scanned.
SKIPPED_DIRS = frozenset(
    {
        "__pycache__",
        ".pytest_cache",
        ".mypy_cache",
        ".ruff_cache",
        ".hypothesis",
        ".git",
        "node_modules",
        "build",
        "dist",
    }
)
MAX_WINDOW = 3

_APOSTROPHES = "'\u2018\u2019`"
_POSSESSIVE = re.compile(f"[{_APOSTROPHES}]s\\b")
_APOSTROPHE = re.compile(f"[{_APOSTROPHES}]")
_WORDS = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_CODE = re.compile(r"(?=.*[a-z])(?=.*[0-9])[a-z0-9]+")


# --------------------------------------------------------------------------------------------
# The scanner


def normalise(text: str) -> str:
    """Lower case without accents or apostrophes (a possessive ``'s`` goes entirely)."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return _APOSTROPHE.sub("", _POSSESSIVE.sub("", text))


def words(text: str) -> list[str]:
    """The words of ``text`` as the scanner reads them (hyphens split words)."""
    return [w for m in _WORDS.finditer(normalise(text)) for w in m.group().split("-")]


def name_key(name: str) -> str:
    """The normalised form of a name whose hash goes in the list: its words, one space apart."""
    return " ".join(words(name))


@lru_cache(maxsize=1 << 16)
def _sha(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def name_hash(name: str) -> str:
    """The line to add to ``real_names.sha256`` for ``name``."""
    return _sha(name_key(name))


@dataclass(frozen=True)
class Finding:
    path: str
    line: int
    token: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.token!r}"


def _tokens(text: str) -> tuple[list[tuple[str, int]], list[tuple[str, int]]]:
    """``(words, codes)`` with line numbers: every word, and every hyphenated code joined."""
    stream: list[tuple[str, int]] = []
    codes: list[tuple[str, int]] = []
    for lineno, line in enumerate(text.splitlines(), start=1):
        for m in _WORDS.finditer(normalise(line)):
            parts = m.group().split("-")
            stream.extend((p, lineno) for p in parts)
            joined = "".join(parts)
            if len(parts) > 1 and _CODE.fullmatch(joined):
                codes.append((joined, lineno))
    return stream, codes


def scan_text(text: str, hashes: frozenset[str] | set[str], path: str = "<text>") -> list[Finding]:
    """Every window of 1 to 3 words (windows may cross a line break) whose hash is listed."""
    stream, codes = _tokens(text)
    found: list[Finding] = []
    for i, (_, lineno) in enumerate(stream):
        for width in range(1, MAX_WINDOW + 1):
            window = stream[i : i + width]
            if len(window) < width:
                break
            key = " ".join(w for w, _ in window)
            if _sha(key) in hashes:
                found.append(Finding(path, lineno, key))
    found.extend(Finding(path, lineno, code) for code, lineno in codes if _sha(code) in hashes)
    return sorted(set(found), key=lambda f: (f.line, f.token))


def text_files(root: Path, scanned: Iterable[str] = SCANNED) -> Iterator[Path]:
    """The text files under ``root`` that the rule covers, in a stable order."""
    for entry in scanned:
        top = root / entry
        if top.is_file():
            candidates: Iterable[Path] = [top]
        elif top.is_dir():
            candidates = sorted(top.rglob("*"))
        else:
            continue
        for path in candidates:
            rel = path.relative_to(root)
            if any(part in SKIPPED_DIRS or part.endswith(".egg-info") for part in rel.parts[:-1]):
                continue
            if path.is_file() and path.suffix.lower() in TEXT_SUFFIXES:
                yield path


def read_text(path: Path) -> str | None:
    """The file as text, or None when it is binary (a NUL byte, or not UTF-8)."""
    raw = path.read_bytes()
    if b"\0" in raw:
        return None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return None


def scan_tree(root: Path, hashes: frozenset[str] | set[str]) -> list[Finding]:
    found: list[Finding] = []
    for path in text_files(root):
        text = read_text(path)
        if text is not None:
            found.extend(scan_text(text, hashes, path.relative_to(root).as_posix()))
    return found


def load_hashes(path: Path = HASH_FILE) -> frozenset[str]:
    lines = (line.strip() for line in path.read_text(encoding="utf-8").splitlines())
    return frozenset(line for line in lines if line and not line.startswith("#"))


@pytest.fixture(scope="module")
def real_hashes() -> frozenset[str]:
    return load_hashes()


# --------------------------------------------------------------------------------------------
# The rule


def test_the_product_names_nothing_real(real_hashes: frozenset[str]) -> None:
    findings = scan_tree(ROOT, real_hashes)
    assert not findings, (
        "real-world names found (the game is fictional; invent a name instead, or if this is a "
        "false positive, remove its hash from tests/data/real_names.sha256):\n"
        + "\n".join(str(f) for f in findings)
    )


def test_the_scan_covers_the_repository() -> None:
    scanned = {p.relative_to(ROOT).as_posix() for p in text_files(ROOT)}
    assert "tests/test_content.py" in scanned  # this file holds itself to the rule
    assert any(p.startswith("game/") and p.endswith(".py") for p in scanned)
    assert any(p.startswith("assets/scenarios/") and p.endswith(".toml") for p in scanned)
    assert not any("__pycache__" in p for p in scanned)
    if (ROOT / "README.md").is_file():
        assert "README.md" in scanned


def test_the_hash_list_is_well_formed(real_hashes: frozenset[str]) -> None:
    text = HASH_FILE.read_text(encoding="utf-8")
    body = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    assert all(re.fullmatch(r"[0-9a-f]{64}", line) for line in body), "one hex SHA-256 a line"
    assert len(body) == len(set(body)), "a hash is listed twice"
    assert len(real_hashes) >= 500, "the list should cover several hundred names"
    header = "\n".join(line for line in text.splitlines() if line.startswith("#"))
    assert "hashlib.sha256" in header and "normalis" in header  # says how to add a name


# --------------------------------------------------------------------------------------------
# The scanner works (tested with made-up words: the real list is only hashes)

MADE_UP = {"zorblax", "quellmoor vantis", "drax tal morrow", "qx77"}


@pytest.fixture()
def made_up_hashes() -> set[str]:
    return {hashlib.sha256(name.encode()).hexdigest() for name in MADE_UP}


def test_a_listed_word_is_flagged_in_any_dress(made_up_hashes: set[str]) -> None:
    text = "\n".join(
        [
            "Nothing to see on the first line.",
            "The ZÖRBLAX fleet sailed.",  # case and accents do not hide a name
            "zorblax's harbour",  # nor does a possessive
            "in Quellmoor",  # a two-word name wrapped over a line break is still found
            "Vantis, and Drax-Tal Morrow",  # hyphens split words
            "a QX-77 launcher",  # a hyphenated code is read joined
            "identifier_zorblax = 1",  # identifiers are split at underscores
        ]
    )
    found = [(f.line, f.token) for f in scan_text(text, made_up_hashes)]
    assert found == [
        (2, "zorblax"),
        (3, "zorblax"),
        (4, "quellmoor vantis"),
        (5, "drax tal morrow"),
        (6, "qx77"),
        (7, "zorblax"),
    ]


def test_only_whole_words_are_flagged(made_up_hashes: set[str]) -> None:
    text = "zorblaxian zor blax quellmoorvantis quellmoor and vantis qx-777 qx 77"
    assert scan_text(text, made_up_hashes) == []


def test_the_documented_one_liner_gives_the_scanner_hash() -> None:
    # The header's one-liner hashes the name as typed: right for a lower-case single word.
    assert name_hash("Zorblax") == hashlib.sha256(b"zorblax").hexdigest()
    assert name_key("  Drax-Tal\n  MORROW ") == "drax tal morrow"
    assert name_key("Zorblax\u2019s") == "zorblax"
    assert name_key("QX-77") == "qx 77"  # codes are listed joined: "qx77"


def test_findings_name_the_file_and_line(tmp_path: Path, made_up_hashes: set[str]) -> None:
    (tmp_path / "game" / "sub").mkdir(parents=True)
    (tmp_path / "game" / "sub" / "mod.py").write_text('"""Doc."""\n\nX = "Zorblax"\n')
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "guide.md").write_text("# Guide\nQuellmoor Vantis is here.\n")
    (tmp_path / "README.md").write_text("Clean.\nqx-77\n")
    # Not scanned: caches, binary files, other suffixes, other top-level folders.
    (tmp_path / "game" / "__pycache__").mkdir()
    (tmp_path / "game" / "__pycache__" / "mod.txt").write_text("zorblax")
    (tmp_path / "game" / "data.json").write_bytes(b"zorblax\0\x01")
    (tmp_path / "game" / "art.png").write_bytes(b"zorblax")
    (tmp_path / "game" / "latin1.txt").write_bytes("zorblax \xe9".encode("latin-1"))
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "x.py").write_text("zorblax")
    found = sorted(str(f) for f in scan_tree(tmp_path, made_up_hashes))
    assert found == [
        "README.md:2: 'qx77'",
        "docs/guide.md:2: 'quellmoor vantis'",
        "game/sub/mod.py:3: 'zorblax'",
    ]


# --------------------------------------------------------------------------------------------
# Precision: the game's own invented words are not on the list


def _game_vocabulary() -> set[str]:
    from game.engine.state import CATEGORIES, KINDS
    from game.policies import REGISTRY
    from game.scenarios import SHAPES, builtin_ids, load_builtin

    vocab: set[str] = {*CATEGORIES, *KINDS, *SHAPES, *REGISTRY}
    for policy in REGISTRY.values():
        vocab.update([policy.title, *policy.traits])
    for sid in builtin_ids():
        scenario = load_builtin(sid)
        vocab.update([sid, scenario.title])
        vocab.update(scenario.names)
        vocab.update(t.role for t in scenario.texts)
    try:
        from game.theory import GAME_NAMES, GAME_TITLES, JERVIS_WORLDS
    except ImportError:  # the theory package is optional for this check
        pass
    else:
        vocab.update(GAME_NAMES)
        vocab.update(GAME_TITLES.values())
        vocab.update(JERVIS_WORLDS)
    return vocab


def test_the_fictional_names_are_not_listed(real_hashes: frozenset[str]) -> None:
    vocab = _game_vocabulary()
    assert {"Aurum", "Calder"} <= vocab  # the scenario states are among them
    listed = sorted(
        phrase
        for phrase in vocab
        for key in [name_key(phrase), *words(phrase)]
        if _sha(key) in real_hashes
    )
    assert listed == [], f"the game's own names are on the real-name list: {listed}"


def test_ordinary_words_are_not_listed(real_hashes: frozenset[str]) -> None:
    # Prose, theory and code words that must never trip the rule (this file names no real
    # place, so the ambiguous place words left off the list are not spelled out here).
    ordinary = (
        "reading nice split mobile major brown shield reach hardening intel civilian pentagon "
        "hexagon diamond star cross arm hold restrain deterrence alliance treaty missile launcher "
        "host patron rival crisis war peace second strike first strike security dilemma "
        "prisoner stag hunt chicken harmony deadlock nash pareto numpy npt inf nan dtype float "
        "batch seed world state order turn"
    )
    listed = [w for w in ordinary.split() if _sha(w) in real_hashes]
    assert listed == []
