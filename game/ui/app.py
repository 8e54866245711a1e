"""The window: one pygame-ce display, one pygame_gui manager, a stack of scenes, a frame loop.

Scenes (``game.ui.scenes``) handle events, update and draw; the top scene gets the input, and an
overlay (pause menu, theory lens, crisis prompt) is drawn over the scene beneath it. Nothing a
scene does may crash the game: an exception is logged to the user's data folder and shown in a
dialog, and the game goes on (after repeated failures it returns to the title screen, where the
autosave is still waiting).
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pygame
import pygame_gui

from game.ui.drawing.theme import palette, theme_dict
from game.ui.model import storage
from game.ui.model.settings import Settings, load_settings, save_settings
from game.ui.sound import Sound

if TYPE_CHECKING:
    from game.ui.scenes.scene import Scene

TITLE = "Delicate Balance"
FPS = 60
#: Frames a second once nothing has moved for ``IDLE_AFTER`` seconds: no input, no scene
#: animating. The screen is still drawn (hover, tooltips, a text cursor keep working, a little
#: later), at a sixth of the cost; any event or animation brings back ``FPS`` at once.
IDLE_FPS = 10
IDLE_AFTER = 0.5
#: Failures in a row after which the game gives up on the current screen.
MAX_FAILURES = 3


class App:
    """The running window and its scene stack.

    Parameters
    ----------
    settings
        Preferences to start with (default: the saved ones).
    persist
        Write settings changes to the user's config folder.
    """

    def __init__(self, settings: Settings | None = None, persist: bool = True):
        pygame.display.init()
        pygame.font.init()
        self.persist = persist
        self.settings = settings if settings is not None else load_settings()
        self.screen = self._open_window()
        self.manager = self._new_manager()
        self.sound = Sound(self.settings.sound, self.settings.volume)
        self.stack: list[Scene] = []
        self.clock = pygame.time.Clock()
        self.running = True
        self.frame_ms: list[float] = []
        self.errors: list[str] = []
        self.frames = 0
        #: Idle down the frame rate when nothing moves (False: always ``FPS``, as before).
        self.idle_down = True
        self._quiet = 0.0  # seconds since the last input or animation
        self._failures = 0
        self._dialog: pygame_gui.windows.UIMessageWindow | None = None
        #: How a folder is opened ("Open folder" in a dialog); tests replace it.
        self.opener: Callable[[Path], object] = open_in_file_manager
        if persist:  # temporary files an interrupted save left behind
            storage.clean_orphans()

    # Window and theme -----------------------------------------------------------------------

    def _open_window(self) -> pygame.Surface:
        pygame.display.set_caption(TITLE)
        if self.settings.fullscreen:
            return pygame.display.set_mode((0, 0), pygame.FULLSCREEN)
        return pygame.display.set_mode(self.settings.size, pygame.RESIZABLE)

    def _new_manager(self) -> pygame_gui.UIManager:
        manager = pygame_gui.UIManager(
            self.screen.get_size(),
            theme_dict(self.settings.ui_scale),
            enable_live_theme_updates=False,
        )
        size = round(16 * self.settings.ui_scale)  # bold body text (<b> in text boxes)
        manager.preload_fonts([{"name": "noto_sans", "point_size": size, "style": "bold"}])
        return manager

    @property
    def size(self) -> tuple[int, int]:
        return self.screen.get_size()

    @property
    def scale(self) -> float:
        return self.settings.ui_scale

    @property
    def palette(self):
        return palette(self.settings.palette)

    def apply_settings(self, new: Settings) -> None:
        """Use ``new`` settings now (window, text size, palette, sound) and keep them."""
        old, self.settings = self.settings, new
        if self.persist:
            try:
                save_settings(new)
            except OSError as exc:
                self.show_message("Settings not saved", f"Could not write the settings: {exc}")
        top = self.top
        if top is not None:
            top.teardown()
        if (old.size, old.fullscreen) != (new.size, new.fullscreen):
            self.screen = self._open_window()
        if old.ui_scale != new.ui_scale or self.manager.window_resolution != self.size:
            self.manager = self._new_manager()
        if (old.sound, old.volume) != (new.sound, new.volume):
            if new.sound and self.sound.enabled:
                self.sound.volume = new.volume
            else:
                self.sound = Sound(new.sound, new.volume)
        self._dialog = None
        if top is not None:
            top.build()

    def _resized(self, size: tuple[int, int]) -> None:
        size = (max(640, size[0]), max(480, size[1]))
        current = pygame.display.get_surface()
        if current is None or current.get_size() != size:
            self.screen = pygame.display.set_mode(size, pygame.RESIZABLE)
        else:
            self.screen = current
        self.manager.set_window_resolution(self.size)
        if not self.settings.fullscreen:
            self.settings = self.settings.replace(width=self.size[0], height=self.size[1])
        top = self.top
        if top is not None:
            top.rebuild()

    # The scene stack ------------------------------------------------------------------------

    @property
    def top(self) -> Scene | None:
        return self.stack[-1] if self.stack else None

    def push(self, scene: Scene) -> None:
        if self.stack:
            self.stack[-1].teardown()
        self.stack.append(scene)
        scene.build()

    def pop(self) -> None:
        if self.stack:
            self.stack.pop().teardown()
        if self.stack:
            self.stack[-1].build()

    def replace(self, scene: Scene) -> None:
        if self.stack:
            self.stack.pop().teardown()
        self.stack.append(scene)
        scene.build()

    def reset(self, scene: Scene) -> None:
        """Clear the stack and show ``scene`` (back to the title, a new game...)."""
        while self.stack:
            self.stack.pop().teardown()
        self.stack.append(scene)
        scene.build()

    def to_title(self) -> None:
        from game.ui import navigation

        navigation.reset(self, "title")

    # Errors and messages --------------------------------------------------------------------

    def show_message(self, title: str, text: str, folder: Path | None = None) -> None:
        """A dialog over the current screen (one at a time; the newest wins). With ``folder``
        (where a file was written), it offers to open that folder (the button, or O)."""
        if self._dialog is not None and self._dialog.alive():
            self._dialog.kill()
        w, h = self.size
        wide = 680 if folder is not None else 520
        dw, dh = min(w - 40, round(wide * self.scale)), min(h - 40, round(260 * self.scale))
        rect = pygame.Rect((w - dw) // 2, (h - dh) // 2, dw, dh)
        self._dialog = pygame_gui.windows.UIMessageWindow(
            rect, text.replace("<", "&lt;"), self.manager, window_title=title
        )
        self._dialog.set_blocking(True)
        # The stock dismiss button is a small fixed size: made as large as the text, and named.
        ok = getattr(self._dialog, "dismiss_button", None)
        if ok is not None:
            ok.set_dimensions((round(140 * self.scale), round(32 * self.scale)))
            ok.set_relative_position((-round(150 * self.scale), -round(42 * self.scale)))
            ok.set_text("OK  [Enter]")
            ok.rebuild()
            block = getattr(self._dialog, "text_block", None)
            if block is not None:  # the text stops above the (taller) buttons
                inner_h = self._dialog.get_container().get_size()[1]
                top = block.relative_rect.y
                block.set_dimensions(
                    (block.relative_rect.w, max(inner_h - top - round(52 * self.scale), 20))
                )
        self._folder = folder
        self._open_button = None
        if folder is not None:
            inner = self._dialog.get_container().get_size()
            bh = round(32 * self.scale)
            bw = min(round(200 * self.scale), inner[0] // 2 - round(16 * self.scale))
            self._open_button = pygame_gui.elements.UIButton(
                pygame.Rect(round(10 * self.scale), inner[1] - bh - round(10 * self.scale), bw, bh),
                "Open folder  [O]",
                self.manager,
                container=self._dialog,
                tool_tip_text=str(folder),
            )

    def open_folder(self) -> None:
        """Open the last dialog's folder in the system's file manager (if it can)."""
        folder = getattr(self, "_folder", None)
        if folder is not None:
            self.opener(folder)

    @property
    def dialog_open(self) -> bool:
        return self._dialog is not None and self._dialog.alive()

    def close_dialog(self) -> None:
        if self.dialog_open:
            assert self._dialog is not None
            self._dialog.kill()
        self._dialog = None
        self._open_button = None
        self._folder = None

    def report(self, exc: BaseException) -> None:
        """Log an unexpected error, tell the player, keep going."""
        if os.environ.get("DELICATE_BALANCE_DEBUG"):
            raise exc
        text = f"{type(exc).__name__}: {exc}"
        self.errors.append(text)
        try:
            path = storage.log_path()
            path.parent.mkdir(parents=True, exist_ok=True)
            with open(path, "a", encoding="utf-8") as fh:
                fh.write(
                    time.strftime("%Y-%m-%d %H:%M:%S ")
                    + "".join(traceback.format_exception(exc))
                    + "\n"
                )
        except OSError:
            pass
        self._failures += 1
        if self._failures >= MAX_FAILURES:
            self._failures = 0
            try:
                self.to_title()
            except Exception:  # the title itself is broken: nothing sensible is left to show
                self.running = False
                return
            text += " (back at the title screen; Continue resumes your autosave)"
        try:
            self.show_message("Something went wrong", f"{text}<br><br>The game goes on.")
        except Exception:
            pass

    def guard(self, fn: Callable[..., Any], *args: Any) -> Any:
        try:
            out = fn(*args)
        except Exception as exc:
            self.report(exc)
            return None
        return out

    # The loop -------------------------------------------------------------------------------

    def handle(self, event: pygame.event.Event) -> None:
        if event.type == pygame.QUIT:
            self.running = False
            return
        if event.type == pygame.VIDEORESIZE:
            self._resized(event.size)
            return
        if (
            self.dialog_open
            and event.type == pygame.KEYDOWN
            and event.key in (pygame.K_RETURN, pygame.K_ESCAPE, pygame.K_KP_ENTER, pygame.K_SPACE)
        ):
            self.close_dialog()
            return
        if self.dialog_open and getattr(self, "_open_button", None) is not None:
            if event.type == pygame.KEYDOWN and event.key == pygame.K_o:
                self.open_folder()
                return
            if event.type == pygame_gui.UI_BUTTON_PRESSED and event.ui_element is self._open_button:
                self.open_folder()
                return
        consumed = self.manager.process_events(event)
        if self.dialog_open and event.type in (pygame.KEYDOWN, pygame.MOUSEBUTTONDOWN):
            return  # a modal dialog: the scene beneath waits
        top = self.top
        if top is not None and not consumed:
            top.handle_event(event)
        elif top is not None and event.type >= pygame.USEREVENT:
            top.handle_event(event)

    def draw(self) -> None:
        start = len(self.stack) - 1
        while start > 0 and self.stack[start].overlay:
            start -= 1
        for scene in self.stack[max(start, 0) :]:
            scene.draw(self.screen)
        self.manager.draw_ui(self.screen)
        if self.top is not None:
            self.top.draw_over(self.screen)

    def frame(self, dt: float) -> None:
        """One frame: events, update, draw. Its working time (not the wait) is recorded."""
        t0 = time.perf_counter()
        events = pygame.event.get()
        for event in events:
            self.guard(self.handle, event)
        top = self.top
        if top is not None:
            self.guard(top.update, dt)
        self.guard(self.manager.update, dt)
        self.guard(self.draw)
        pygame.display.flip()
        self.frames += 1
        self.frame_ms.append((time.perf_counter() - t0) * 1000.0)
        moving = bool(events) or self.animating
        self._quiet = 0.0 if moving else self._quiet + dt
        if self.frames % 30 == 0:  # failures far apart are not "in a row"
            self._failures = max(0, self._failures - 1)

    @property
    def animating(self) -> bool:
        """A scene on screen is moving (a tween, a report being told, a demo playing)."""
        start = len(self.stack) - 1
        while start > 0 and self.stack[start].overlay:
            start -= 1
        return any(getattr(s, "animating", False) for s in self.stack[max(start, 0) :])

    @property
    def fps(self) -> int:
        """This frame's rate: ``FPS`` while anything moves, ``IDLE_FPS`` once all is still."""
        if self.idle_down and self._quiet >= IDLE_AFTER:
            return IDLE_FPS
        return FPS

    def run(self, first: Scene | None = None, max_frames: int | None = None) -> int:
        """Show ``first`` (else the scenes already opened, else the title) and loop until quit
        or ``max_frames``."""
        if first is not None:
            self.reset(first)
        elif not self.stack:
            self.to_title()
        while self.running and (max_frames is None or self.frames < max_frames):
            dt = self.clock.tick(self.fps) / 1000.0
            self.frame(min(dt, 0.1))
        return 0

    def quit(self) -> None:
        self.running = False


def stats(frame_ms: list[float]) -> dict[str, float]:
    """Frame-time p50, p95 and max in milliseconds (the first frame, which loads fonts and the
    theme, is left out when there are others)."""
    import numpy as np

    data = np.asarray(frame_ms[1:] if len(frame_ms) > 1 else frame_ms, dtype=float)
    if data.size == 0:
        return {"p50": 0.0, "p95": 0.0, "max": 0.0}
    return {
        "p50": float(np.percentile(data, 50)),
        "p95": float(np.percentile(data, 95)),
        "max": float(data.max()),
    }


def open_in_file_manager(folder: Path) -> bool:
    """Show ``folder`` in the system's file manager; False where none can be started."""
    try:
        if sys.platform.startswith("win"):
            os.startfile(str(folder))  # type: ignore[attr-defined]
        elif sys.platform == "darwin":
            subprocess.Popen(["open", str(folder)])
        else:
            subprocess.Popen(
                ["xdg-open", str(folder)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
            )
    except OSError:
        return False
    return True


def tilde(path: Path) -> str:
    """``path`` as a person reads it: the home folder as "~"."""
    try:
        return "~" + os.sep + str(Path(path).resolve().relative_to(Path.home().resolve()))
    except (ValueError, OSError, RuntimeError):
        return str(path)
