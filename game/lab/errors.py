"""The lab's one error: a request it cannot carry out, explained in one line."""

from __future__ import annotations


class LabError(ValueError):
    """An unknown policy, strategy or parameter, a malformed range, a file that cannot be
    written: the message says what was wrong and what would be right, on one line."""
