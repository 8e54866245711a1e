"""The desktop game: the ONLY package that imports pygame."""
