"""``python -m game report SAVE --out DIR``: export a saved game as a classroom report."""

from __future__ import annotations

import argparse


def cmd_report(args: argparse.Namespace) -> int:
    """``report``: the HTML report, turns CSV and charts of a saved game."""
    from game.analysis import analyse
    from game.commands import print_written
    from game.report.writer import export
    from game.saves import load_save

    session = load_save(args.save)  # SaveError: one line, exit 2, nothing written
    analysis = analyse(session, counterfactuals=not args.no_counterfactuals)
    return print_written(args.out, lambda: export(session, args.out, analysis, force=args.force))


def add_commands(sub: argparse._SubParsersAction) -> None:
    """Register ``report`` on the main parser."""
    p = sub.add_parser(
        "report",
        help="export a saved game as a classroom report (HTML, CSV and the save)",
        description="Load SAVE (checked and replayed), analyse the game and write three files "
        "into DIR: <scenario>-seed<seed>-report.html (one self-contained page: open it in any "
        "browser, print it), -turns.csv (one row per turn and state) and -save.json. An "
        "existing report is never replaced without --force: the new one takes the next free "
        "name.",
    )
    p.add_argument("save", metavar="SAVE", help="a game's save file (.json)")
    p.add_argument("--out", required=True, metavar="DIR", help="folder to write into (created)")
    p.add_argument(
        "--force",
        action="store_true",
        help="replace a report of the same name in DIR (without it, an existing report is "
        "kept and the new one takes the next free name: -2, -3 ...)",
    )
    p.add_argument(
        "--no-counterfactuals",
        action="store_true",
        help="skip the two replays (everyone restrains / everyone arms): faster, and the "
        "report says they were left out",
    )
    p.set_defaults(func=cmd_report)
