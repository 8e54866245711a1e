"""The desktop game: the ONLY package that imports pygame."""

import os

# pygame prints a greeting line on import; commands such as `replay --screenshot` print their
# own results on stdout, so keep it quiet (a user's own setting wins).
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
