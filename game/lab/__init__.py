"""The teacher's lab at the command line: tournaments, evolution, sweeps and classic matches."""
