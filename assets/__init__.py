"""Game data (scenarios, theme, fonts), installed as the ``game.assets`` package."""
