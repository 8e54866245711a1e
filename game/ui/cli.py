"""Command-line entry points of the desktop game (play, demo)."""

from __future__ import annotations

import argparse


def add_commands(sub: argparse._SubParsersAction) -> None:
    """Register the window's subcommands on the main parser."""
