"""What the screens draw with: the board, panels, pictures, charts, text, tooltips, theme."""
