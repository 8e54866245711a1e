"""Tests of game.theory: textbook game theory and the Richardson arms-race model."""
