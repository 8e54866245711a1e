"""Tests of the pure payoff engine (game.engine)."""
