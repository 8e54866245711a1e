"""A student's words for the model's terms: plain words on screen, the technical term and its
number beside them in the tooltip (and in the glossary)."""

from __future__ import annotations

#: The budget lines' names on the turn screen (the engine's name where it is plain already).
CATEGORY_LABELS: dict[str, str] = {"cut": "scrap reach"}


def category_label(cat: str) -> str:
    return CATEGORY_LABELS.get(cat, cat)


def deters(a: str, b: str, margin: float, you: str | None = None) -> str:
    """Whether ``a``'s second strike deters ``b``, in words, then the technical term and its
    number: "Your second strike falls 24 short of deterring Veyra (deterrence margin -24.2)".
    ``you``: the viewer's state, called "your"/"you" in the sentence."""
    whose = "Your" if a == you else f"{a}'s"
    other = "you" if b == you else b
    amount = abs(margin)
    n = f"{amount:.0f}" if amount >= 1 else f"{amount:.1f}"
    if margin >= 0:
        said = f"{whose} second strike deters {other}, with {n} to spare"
    else:
        said = f"{whose} second strike falls {n} short of deterring {other}"
    return f"{said} (deterrence margin {margin:+.1f})"
