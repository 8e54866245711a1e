"""Delicate Balance: a turn-based teaching game of deterrence and the security dilemma."""

__version__ = "0.1.0"
