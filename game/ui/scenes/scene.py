"""What every screen shares: its widgets in one container, buttons with key shortcuts shown on
them, a layout unit that follows the UI scale, and tooltips on drawn numbers.

Widgets are rebuilt from the scene's own state whenever the scene comes back to the top of the
stack or the window changes size, so a scene keeps its state in plain attributes, never in widgets.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import pygame
import pygame_gui
from pygame_gui.core import UIContainer
from pygame_gui.elements import UIButton, UILabel, UITextEntryLine

from game.ui.drawing import text as txt
from game.ui.drawing.theme import BACKGROUND, TEXT
from game.ui.drawing.tooltip import Regions, draw_tip

if TYPE_CHECKING:
    from game.ui.app import App

KEY_NAMES = {
    pygame.K_RETURN: "Enter",
    pygame.K_ESCAPE: "Esc",
    pygame.K_SPACE: "Space",
    pygame.K_BACKSPACE: "Backspace",
    pygame.K_TAB: "Tab",
    pygame.K_LEFT: "Left",
    pygame.K_RIGHT: "Right",
    pygame.K_UP: "Up",
    pygame.K_DOWN: "Down",
}


def key_label(key: int) -> str:
    """A key's name as a button shows it ("Enter", "Esc", "H")."""
    return KEY_NAMES.get(key, pygame.key.name(key).upper())


class Scene:
    """A screen: ``build`` its widgets, ``handle_event``, ``update(dt)``, ``draw(surface)``."""

    #: Drawn over the scene beneath it (which keeps its picture but not its widgets).
    overlay = False

    @property
    def animating(self) -> bool:
        """Something on this screen moves by itself (the window keeps its full frame rate)."""
        return False

    def __init__(self, app: App):
        self.app = app
        self.root: UIContainer | None = None
        self._buttons: dict[UIButton, Callable[[], None]] = {}
        self._keys: dict[int, tuple[Callable[[], None], UIButton | None]] = {}
        self.regions = Regions()

    # Layout ---------------------------------------------------------------------------------

    @property
    def manager(self) -> pygame_gui.UIManager:
        return self.app.manager

    @property
    def width(self) -> int:
        return self.app.size[0]

    @property
    def height(self) -> int:
        return self.app.size[1]

    def u(self, px: float) -> int:
        """``px`` at the UI scale."""
        return round(px * self.app.scale)

    @property
    def font_size(self) -> int:
        return self.u(16)

    # Widgets --------------------------------------------------------------------------------

    def build(self) -> None:
        self.root = UIContainer(pygame.Rect((0, 0), self.app.size), manager=self.manager)
        self._buttons = {}
        self._keys = {}
        self.regions.clear()
        self.layout()

    def layout(self) -> None:
        """Create this scene's widgets (in ``self.root``)."""

    def teardown(self) -> None:
        if self.root is not None:
            self.root.kill()
        self.root = None
        self._buttons = {}
        self._keys = {}

    def rebuild(self) -> None:
        self.teardown()
        self.build()

    def button(
        self,
        rect: pygame.Rect | tuple[int, int, int, int],
        text: str,
        action: Callable[[], None],
        key: int | None = None,
        tooltip: str | None = None,
        object_id: str | None = None,
        enabled: bool = True,
    ) -> UIButton:
        """A button whose label shows its key; the key does what a click does. When large
        text leaves no room for the key in the label, the tooltip names it instead."""
        label = f"{text}  [{key_label(key)}]" if key is not None else text
        width = pygame.Rect(rect).w
        if key is not None and txt.font(self.font_size).size(label)[0] + self.u(12) > width:
            label = text
            hint = f"Key: {key_label(key)}"
            tooltip = f"{tooltip} ({hint})" if tooltip else hint
        b = UIButton(
            pygame.Rect(rect),
            label,
            self.manager,
            container=self.root,
            tool_tip_text=tooltip,
            object_id=object_id,
        )
        if not enabled:
            b.disable()
        self._buttons[b] = action
        if key is not None:
            self._keys[key] = (action, b)
        return b

    def shortcut(self, key: int, action: Callable[[], None]) -> None:
        """A key with no button of its own."""
        self._keys[key] = (action, None)

    def label(
        self,
        rect: pygame.Rect | tuple[int, int, int, int],
        text: str,
        object_id: str | None = None,
        tooltip: str | None = None,
    ) -> UILabel:
        lb = UILabel(
            pygame.Rect(rect), text, self.manager, container=self.root, object_id=object_id
        )
        if tooltip:
            lb.set_tooltip(tooltip)
        return lb

    def typing(self) -> bool:
        """A text field has the keyboard (shortcuts wait)."""
        return any(isinstance(e, UITextEntryLine) for e in self.manager.get_focus_set() or ())

    # Events ---------------------------------------------------------------------------------

    def handle_event(self, event: pygame.event.Event) -> None:
        if event.type == pygame_gui.UI_BUTTON_PRESSED:
            action = self._buttons.get(event.ui_element)
            if action is not None:
                self.app.sound.play("click")
                action()
                return
        elif event.type == pygame.KEYDOWN and not self.typing():
            if event.key == pygame.K_TAB:
                self.regions.cycle(-1 if event.mod & pygame.KMOD_SHIFT else 1)
                return
            entry = self._keys.get(event.key)
            if entry is not None:
                action, btn = entry
                if btn is None or btn.is_enabled:
                    action()
                return
        elif event.type == pygame.MOUSEMOTION:
            self.regions.focus = None
        self.on_event(event)

    def on_event(self, event: pygame.event.Event) -> None:
        """Events no button or shortcut took."""

    def update(self, dt: float) -> None:
        pass

    def draw(self, surface: pygame.Surface) -> None:
        surface.fill(BACKGROUND)

    def draw_over(self, surface: pygame.Surface) -> None:
        """Drawn over the widgets: tooltips of drawn numbers."""
        hit = self.regions.current(pygame.mouse.get_pos())
        if hit is not None:
            draw_tip(surface, hit[0], hit[1], self.u(15), outline=self.regions.focus is not None)

    # Helpers --------------------------------------------------------------------------------

    def heading(self, surface: pygame.Surface, text: str, pos: tuple[int, int]) -> None:
        surface.blit(txt.render(text, self.u(28), TEXT, True), pos)


class Overlay(Scene):
    """A scene drawn over the one beneath, which is dimmed."""

    overlay = True
    _veil: pygame.Surface | None = None

    def draw(self, surface: pygame.Surface) -> None:
        if self._veil is None or self._veil.get_size() != surface.get_size():
            self._veil = pygame.Surface(surface.get_size(), pygame.SRCALPHA)
            self._veil.fill((8, 10, 12, 200))
        surface.blit(self._veil, (0, 0))
