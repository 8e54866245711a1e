"""Command-line front door of the lab (filled in by the lab commands)."""

from __future__ import annotations

import argparse


def add_commands(sub: argparse._SubParsersAction) -> None:
    """Register the lab's subcommands on the main parser."""
