"""The desktop game's look: the pygame_gui theme (colours, fonts) as JSON data."""
