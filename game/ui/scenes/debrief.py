"""The debrief: what happened in the game and the ideas behind it, in five tabs.

- **Story**: the outcome, the class's bet against what happened, and the turning points in turn
  order, each with its tag, a plain sentence, a sentence of theory and a link to its glossary
  card;
- **Charts**: arms, first-strike stability, tension, beliefs against the truth, economy, score;
- **Theory**: the Richardson phase plane of a rival pair with the fitted numbers and their
  reading, and the stage game each pair faced turn by turn (linked to the glossary);
- **What if**: the same seed replayed with everyone restraining and signing, and with everyone
  arming, against the game as played;
- **Questions**: the scenario's discussion questions, large enough to project, and the quiz again.

Keys: 1-5 or Left/Right choose a tab; Up/Down choose a link (or, on Charts, a chart) and Enter
opens it; PgUp/PgDn, Home/End and the wheel scroll; E exports the report (in the background,
:mod:`game.ui.scenes.export`), R replays the game, Esc goes back. The analysis
(:func:`game.analysis.analyse`, 0.05-0.15 s with its counterfactual replays on the shipped
scenarios) runs once per game and is kept on the :class:`Match`; the charts are drawn on a
worker thread (:data:`game.ui.drawing.window_charts.CHARTS`).

This module is the screen: the tabs, their rows of buttons, navigation, scrolling, links and
the charts in the background. Each tab's page is built in its own module:
:mod:`game.ui.scenes.debrief_story`, :mod:`game.ui.scenes.debrief_charts`,
:mod:`game.ui.scenes.debrief_theory`, :mod:`game.ui.scenes.debrief_whatif` and
:mod:`game.ui.scenes.debrief_questions` (on the page primitives of
:mod:`game.ui.scenes.debrief_pages`).
"""

from __future__ import annotations

import importlib.util
import time
from functools import partial

import pygame

from game.ui import navigation
from game.ui.drawing import text as txt
from game.ui.drawing.theme import ACCENT, BACKGROUND, MUTED, PANEL, PANEL_EDGE, TEXT
from game.ui.drawing.window_charts import CHARTS
from game.ui.model.analysis_cache import match_analysis
from game.ui.model.game_match import Match
from game.ui.model.plain_words import seat_title
from game.ui.scenes.debrief_charts import CHART_NAMES, CHART_TAB, charts_page
from game.ui.scenes.debrief_pages import Link, Page, flow, flow_rows
from game.ui.scenes.debrief_questions import questions_page
from game.ui.scenes.debrief_story import story_page
from game.ui.scenes.debrief_theory import theory_page
from game.ui.scenes.debrief_whatif import whatif_page
from game.ui.scenes.scene import Scene, key_label

TABS: tuple[str, ...] = ("story", "charts", "theory", "whatif", "questions")
TAB_LABELS: dict[str, str] = {
    "story": "Story",
    "charts": "Charts",
    "theory": "Theory",
    "whatif": "What if",
    "questions": "Questions",
}


# --------------------------------------------------------------------------------------------
# The screen
# --------------------------------------------------------------------------------------------


class DebriefScene(Scene):
    """Five tabs over one analysis of ``match``'s game."""

    def __init__(self, app, match: Match, tab: str = "story"):
        super().__init__(app)
        self.match = match
        self.session = match.session
        self.analysis = match_analysis(match)
        self.tab = TABS.index(tab) if tab in TABS else 0
        self.chart = 0
        self.pair = 0  # index into analysis.rivals for the phase plane
        if self.analysis.main_pair in self.analysis.rivals:
            self.pair = self.analysis.rivals.index(self.analysis.main_pair)
        self.scroll = dict.fromkeys(TABS, 0)
        self.focus: dict[str, int | None] = dict.fromkeys(TABS)
        self._pages: dict[tuple, Page] = {}
        self._prefetch: list[tuple] = []
        self.chart_errors: dict[tuple, str] = {}
        self.view = pygame.Rect(0, 0, 1, 1)
        self.tabs_bottom = 0

    # State ----------------------------------------------------------------------------------

    @property
    def tab_name(self) -> str:
        return TABS[self.tab]

    @property
    def chart_name(self) -> str:
        return CHART_NAMES[self.chart]

    @property
    def rival_pair(self) -> tuple[int, int] | None:
        rivals = self.analysis.rivals
        return rivals[self.pair % len(rivals)] if rivals else None

    @property
    def has_quiz(self) -> bool:
        return bool(self.session.scenario.quiz) and _quiz_available()

    @property
    def quiz_label(self) -> str:
        ans = self.session.answers
        return "Take the quiz again" if ans.quiz_before or ans.quiz_after else "Take the quiz"

    def show_tab(self, k: int) -> None:
        self.tab = k % len(TABS)
        self.rebuild()

    def next_tab(self, step: int) -> None:
        self.show_tab(self.tab + step)

    def pick_chart(self, k: int) -> None:
        """Show chart ``k``: another chart opens at its top (a tall one scrolls; the scroll of
        the last is no place in the next)."""
        k %= len(CHART_NAMES)
        if k != self.chart:
            self.scroll["charts"] = 0
        self.chart = k
        self.rebuild()

    def next_pair(self) -> None:
        if len(self.analysis.rivals) > 1:
            self.pair = (self.pair + 1) % len(self.analysis.rivals)
            self.focus["theory"] = None
            self.rebuild()

    def up(self) -> None:
        self.move(-1)

    def down(self) -> None:
        self.move(1)

    def move(self, step: int) -> None:
        """Up/Down: another chart on Charts, else the next link of the page."""
        if self.tab_name == "charts":
            self.pick_chart(self.chart + step)
            return
        links = self.page.links
        if not links:
            self.scroll_by(step)
            return
        f = self.focus[self.tab_name]
        f = (0 if step > 0 else len(links) - 1) if f is None else (f + step) % len(links)
        self.focus[self.tab_name] = f
        self._keep_visible(links[f].rect)

    def enter(self) -> None:
        f = self.focus[self.tab_name]
        links = self.page.links
        if f is not None and f < len(links):
            self.open_card(links[f].card)

    def open_card(self, card: str) -> None:
        navigation.push(self.app, "glossary", card, back_to="the debrief")

    def replay(self) -> None:
        navigation.back_or_push(
            self.app, "replay", self.match, lambda: navigation.make(self.app, "replay", self.match)
        )

    def export(self) -> None:
        navigation.export_report(self.app, self.match)

    def quiz(self) -> None:
        # The quiz leaves the stack before on_done: the pages then show the new score.
        navigation.push(self.app, "quiz", self.match, after=True, on_done=self._pages.clear)

    # Scrolling ------------------------------------------------------------------------------

    @property
    def max_scroll(self) -> int:
        return max(0, self.page.height - self.view.h)

    def scroll_by(self, pages: float) -> None:
        step = max(self.u(40), int(self.view.h * 0.8))
        self.set_scroll(self.scroll[self.tab_name] + round(pages * step))

    def set_scroll(self, y: int) -> None:
        self.scroll[self.tab_name] = max(0, min(int(y), self.max_scroll))

    def _keep_visible(self, rect: pygame.Rect) -> None:
        s = self.scroll[self.tab_name]
        pad = self.u(12)
        if rect.top - pad < s:
            self.set_scroll(rect.top - pad)
        elif rect.bottom + pad > s + self.view.h:
            self.set_scroll(rect.bottom + pad - self.view.h)

    # Layout ---------------------------------------------------------------------------------

    def layout(self) -> None:
        u, W = self.u, self.width
        fs, gap, bh = u(16), u(8), u(38)
        # The tabs, under the heading.
        labels = [f"{TAB_LABELS[t]}  [{k + 1}]" for k, t in enumerate(TABS)]
        rects, self.tabs_bottom = flow(labels, fs, u(20), u(54), W - u(40), bh, gap)
        self.tab_buttons = []
        for k, (t, rect) in enumerate(zip(TABS, rects, strict=True)):
            b = self.button(
                rect,
                TAB_LABELS[t],
                partial(self.show_tab, k),
                pygame.K_1 + k,
                tooltip=f"The {TAB_LABELS[t]} tab",
            )
            if k == self.tab:
                b.select()
            self.tab_buttons.append(b)
        # The bar at the bottom, and the tab's own row of widgets.
        for (text, action, key, tip), rect in self._bar(self.tab_name):
            self.button(rect, text, action, key, tooltip=tip)
        self.picker_label: tuple[str, int, int] | None = None
        self._row(self.tab_name, create=True)
        self.view = self.view_for(self.tab_name)
        for k, cb in (
            (pygame.K_LEFT, lambda: self.next_tab(-1)),
            (pygame.K_RIGHT, lambda: self.next_tab(1)),
            (pygame.K_UP, self.up),
            (pygame.K_DOWN, self.down),
            (pygame.K_RETURN, self.enter),
            (pygame.K_KP_ENTER, self.enter),
            (pygame.K_PAGEUP, lambda: self.scroll_by(-1)),
            (pygame.K_PAGEDOWN, lambda: self.scroll_by(1)),
            (pygame.K_HOME, lambda: self.set_scroll(0)),
            (pygame.K_END, lambda: self.set_scroll(self.max_scroll)),
        ):
            self.shortcut(k, cb)
        self.set_scroll(self.scroll[self.tab_name])
        self._queue_prefetch()

    def _bar(self, tab: str) -> list[tuple[tuple, pygame.Rect]]:
        """The bottom bar of ``tab``: Export, Replay, Back on the right; the quiz on the left."""
        u, W, H = self.u, self.width, self.height
        fs, gap, bh = u(16), u(8), u(38)
        bar = [
            ("Export report", self.export, pygame.K_e, "Write the HTML report, CSV and save"),
            ("Replay", self.replay, pygame.K_r, "Step through the game turn by turn"),
            ("Back", self.app.pop, pygame.K_ESCAPE, None),
        ]
        left = []
        if tab == "questions" and self.has_quiz:
            left.append((self.quiz_label, self.quiz, pygame.K_q, "The lesson's concept quiz"))
        specs = left + bar
        labels = [f"{t}  [{key_label(k)}]" for t, _, k, _ in specs]
        rows = flow_rows(labels, fs, W - u(40), gap)
        bar_top = H - u(32) - rows * (bh + gap) + gap
        rects, _ = flow(labels, fs, u(20), bar_top, W - u(40), bh, gap, right=True)
        if left:
            rects[0] = rects[0].move(u(20) - rects[0].x, 0)  # the quiz at the left edge
        return list(zip(specs, rects, strict=True))

    def _row(self, tab: str, create: bool = False) -> int:
        """Lay out ``tab``'s own widgets under the tabs (made when ``create``); returns the y
        where its page starts."""
        u, W = self.u, self.width
        fs, gap, bh = u(16), u(8), u(38)
        top = self.tabs_bottom + u(12)
        if tab == "charts":
            labels = [CHART_TAB[n][0] for n in CHART_NAMES]
            if flow_rows(labels, fs, W - u(40), gap) == 1:
                rects, bottom = flow(labels, fs, u(20), top, W - u(40), bh, gap)
                for k, rect in enumerate(rects if create else ()):
                    b = self.button(
                        rect,
                        labels[k],
                        partial(self.pick_chart, k),
                        tooltip=CHART_TAB[CHART_NAMES[k]][1],
                    )
                    if k == self.chart:
                        b.select()
                return bottom + u(10)
            # Large text: two buttons and the chart's name beside (or under) them.
            texts = ["Previous chart  [Up]", "Next chart  [Down]"]
            rects, bottom = flow(texts, fs, u(20), top, W - u(40), bh, gap)
            if create:
                self.button(rects[0], "Previous chart", lambda: self.pick_chart(self.chart - 1))
                self.button(rects[1], "Next chart", lambda: self.pick_chart(self.chart + 1))
            longest = max(CHART_TAB[n][0] for n in CHART_NAMES)
            room = W - u(20) - rects[1].right - u(16)
            beside = (
                rects[1].y == rects[0].y
                and txt.font(fs, True).size(f"6 of 6: {longest}")[0] <= room
            )
            name = f"{self.chart + 1} of {len(CHART_NAMES)}: {CHART_TAB[self.chart_name][0]}"
            if beside:
                if create:
                    self.picker_label = (name, rects[1].right + u(16), rects[1].centery)
                return bottom + u(10)
            if create:
                self.picker_label = (name, u(20), bottom + u(6) + round(fs * 0.7))
            return bottom + u(12) + round(fs * 1.4)
        if tab == "theory" and len(self.analysis.rivals) > 1:
            pair = self.rival_pair
            text = f"Rival pair: {self.analysis.pair_name(pair) if pair else '-'}"
            rects, bottom = flow([text + "  [P]"], fs, u(20), top, W - u(40), bh, gap)
            if create:
                self.button(
                    rects[0], text, self.next_pair, pygame.K_p, tooltip="Show another rival pair"
                )
            return bottom + u(10)
        return top

    def view_for(self, tab: str) -> pygame.Rect:
        """Where ``tab``'s page is drawn."""
        u = self.u
        top = self._row(tab)
        bar_top = min(r.y for _, r in self._bar(tab))
        return pygame.Rect(u(20), top, self.width - u(40), max(bar_top - u(10) - top, u(40)))

    # Pages ----------------------------------------------------------------------------------

    @property
    def page(self) -> Page:
        return self.page_of(self.tab_name)

    def _page_key(self, tab: str, view: pygame.Rect) -> tuple:
        extra = self.chart if tab == "charts" else (self.pair if tab == "theory" else 0)
        return (tab, view.size, self.app.scale, self.app.palette.name, extra)

    def page_of(self, tab: str) -> Page:
        view = self.view if tab == self.tab_name else self.view_for(tab)
        key = self._page_key(tab, view)
        page = self._pages.get(key)
        if page is None:
            page = self._build_page(tab, view.w - self.u(14), view.h)
            page.render()
            self._pages[key] = page
        return page

    def _build_page(self, tab: str, width: int, view_h: int) -> Page:
        """``tab``'s page, ``width`` pixels wide, for a view ``view_h`` pixels tall."""
        a, s, pal, scale = self.analysis, self.session, self.app.palette, self.app.scale
        if tab == "story":
            return story_page(a, s, pal, width, scale)
        if tab == "charts":
            return charts_page(a, self.chart_name, width, view_h, scale)
        if tab == "theory":
            return theory_page(a, self.rival_pair, width, view_h, scale)
        if tab == "whatif":
            return whatif_page(a, pal, width, view_h, scale)
        if tab == "questions":
            return questions_page(s, width, scale, self.quiz_label if self.has_quiz else None)
        raise KeyError(tab)

    # Charts in the background ---------------------------------------------------------------

    def _queue_prefetch(self) -> None:
        """Every chart of every tab, the current tab's first, to draw while the player reads."""
        queue: list[tuple] = []
        order = [self.tab_name] + [t for t in TABS if t != self.tab_name]
        for tab in order:
            if tab == "charts":
                size = self.page_of("charts").slots[0].rect.size
                names = [self.chart_name] + [n for n in CHART_NAMES if n != self.chart_name]
                queue += [(n, size, None) for n in names]
            else:
                queue += [(s.name, s.rect.size, s.pair) for s in self.page_of(tab).slots]
        self._prefetch = queue

    def update(self, dt: float) -> None:
        while self._prefetch and not CHARTS.busy:
            name, size, pair = self._prefetch.pop(0)
            if self._chart(name, size, pair) is None:
                break

    def _chart(self, name: str, size, pair) -> pygame.Surface | None:
        key = (name, tuple(size), pair)
        if key in self.chart_errors:
            return None
        try:
            return CHARTS.request(self.analysis, name, size, self.app.palette, self.app.scale, pair)
        except Exception as exc:  # a chart that cannot be drawn says so in its place
            self.chart_errors[key] = f"{type(exc).__name__}: {exc}"
            return None

    def charts_ready(self) -> bool:
        """Every chart of the current tab is drawn (and collected)."""
        return all(
            self._chart(s.name, s.rect.size, s.pair) is not None
            or (s.name, s.rect.size, s.pair) in self.chart_errors
            for s in self.page.slots
        )

    def wait_for_charts(self, timeout: float = 60.0) -> bool:
        """Block until every chart of the current tab is drawn and collected (tests,
        screenshots); False if that takes longer than ``timeout`` seconds.

        Waiting on the worker alone is not enough: a chart is drawn only once it is asked for,
        and a tab's charts are asked for as the tab is drawn or prefetched one at a time, so
        each round asks for every missing chart (:meth:`charts_ready`), then waits for them."""
        deadline = time.monotonic() + timeout
        while not self.charts_ready():
            left = deadline - time.monotonic()
            if left <= 0:
                return False
            CHARTS.wait(left)
        return True

    def chart_surface(self, name: str | None = None) -> pygame.Surface | None:
        """The Surface of a chart on the current page (the first slot by default)."""
        for s in self.page.slots:
            if name is None or s.name == name:
                return self._chart(s.name, s.rect.size, s.pair)
        return None

    # Events and drawing ---------------------------------------------------------------------

    def on_event(self, event: pygame.event.Event) -> None:
        if event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
            hit = self.link_at(event.pos)
            if hit is not None:
                self.focus[self.tab_name] = self.page.links.index(hit)
                self.open_card(hit.card)
        elif event.type == pygame.MOUSEWHEEL:
            self.set_scroll(self.scroll[self.tab_name] - event.y * self.u(48))

    def link_at(self, pos: tuple[int, int]) -> Link | None:
        if not self.view.collidepoint(pos):
            return None
        for lk in self.page.links:
            if self.on_screen(lk.rect).collidepoint(pos):
                return lk
        return None

    def on_screen(self, rect: pygame.Rect) -> pygame.Rect:
        """A page rectangle where it is drawn now."""
        return rect.move(self.view.x, self.view.y - self.scroll[self.tab_name])

    def draw(self, surface: pygame.Surface) -> None:
        u = self.u
        surface.fill(BACKGROUND)
        a = self.analysis
        head = txt.render("Debrief", u(26), TEXT, True)
        surface.blit(head, (u(20), u(8)))
        seats = ", ".join(
            f"{n} ({seat_title(seat)})" for n, seat in zip(a.names, a.seats, strict=False)
        )
        room = self.width - u(40) - head.get_width() - u(16)
        sub = f"{a.title}, seed {a.seed}, {a.turns_played} turns. {seats}."
        if txt.font(u(15)).size(sub)[0] > room:
            sub = f"{a.title}, seed {a.seed}, {a.turns_played} turns."
        if txt.font(u(15)).size(sub)[0] <= room:
            pic = txt.render(sub, u(15), MUTED)
            x = u(20) + head.get_width() + u(16)
            surface.blit(pic, (x, u(8) + head.get_height() - pic.get_height() - u(4)))
        if self.picker_label is not None:
            text, x, cy = self.picker_label
            pic = txt.render(text, u(16), TEXT, True)
            surface.blit(pic, (x, cy - pic.get_height() // 2))
        page = self.page
        view = self.view
        scroll = self.scroll[self.tab_name]
        surface.set_clip(view)
        assert page.surface is not None
        surface.blit(page.surface, (view.x, view.y), pygame.Rect(0, scroll, view.w, view.h))
        for slot in page.slots:
            rect = self.on_screen(slot.rect)
            if not rect.colliderect(view):
                continue
            chart = self._chart(slot.name, slot.rect.size, slot.pair)
            if chart is not None:
                surface.blit(chart, chart.get_rect(center=rect.center))
            else:
                self._placeholder(surface, rect, (slot.name, slot.rect.size, slot.pair))
        f = self.focus[self.tab_name]
        if f is not None and f < len(page.links):
            pygame.draw.rect(
                surface, ACCENT, self.on_screen(page.links[f].rect).inflate(4, 4), 2, u(5)
            )
        surface.set_clip(None)
        if self.max_scroll > 0:  # where we are in a long page
            track = pygame.Rect(view.right - u(6), view.y, u(5), view.h)
            pygame.draw.rect(surface, PANEL, track)
            h = max(u(20), view.h * view.h // page.height)
            y = view.y + (view.h - h) * scroll // max(self.max_scroll, 1)
            pygame.draw.rect(surface, PANEL_EDGE, (track.x, y, track.w, h))
        hint = self.hint()
        pic = txt.render(hint, u(14), MUTED)
        if pic.get_width() > self.width - u(40):
            hint = "1-5: tabs   Up/Down, Enter: links   PgUp/PgDn: scroll   Esc: back"
            pic = txt.render(hint, u(14), MUTED)
        surface.blit(pic, (u(20), self.height - u(24)))

    def hint(self) -> str:
        if self.tab_name == "charts":
            what = "Up/Down: another chart"
        elif not self.page.links:
            what = "Up/Down: scroll"
        else:
            what = "Up/Down: choose a link   Enter: open its card"
        return f"1-5 or Left/Right: tabs   {what}   PgUp/PgDn: scroll   Esc: back"

    def _placeholder(self, surface: pygame.Surface, rect: pygame.Rect, key: tuple) -> None:
        u = self.u
        pygame.draw.rect(surface, PANEL, rect, 0, u(6))
        pygame.draw.rect(surface, PANEL_EDGE, rect, 1, u(6))
        err = self.chart_errors.get(key)
        text = f"This chart could not be drawn ({err})." if err else "Drawing the chart..."
        lines = txt.wrap(text, u(16), rect.w - u(20))
        y = rect.centery - len(lines) * u(10)
        for line in lines:
            pic = txt.render(line, u(16), MUTED)
            surface.blit(pic, (rect.centerx - pic.get_width() // 2, y))
            y += u(20)


def _quiz_available() -> bool:
    try:
        return importlib.util.find_spec("game.ui.scenes.quiz") is not None
    except (ImportError, ValueError):
        return False
