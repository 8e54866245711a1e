"""``python -m game``: the command line front door."""

import sys

from game.cli import main

sys.exit(main())
