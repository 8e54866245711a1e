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
:mod:`game.ui.export`), R replays the game, Esc goes back. The analysis
(:func:`game.analysis.analyse`, 0.05-0.15 s with its counterfactual replays on the shipped
scenarios) runs once per game and is kept on the :class:`Match`; the charts are drawn on a
worker thread (:data:`game.ui.charts.CHARTS`).
"""

from __future__ import annotations

import importlib.util
import time

import pygame

from game.analysis import Analysis, analyse, bet_report
from game.analysis.words import (
    fit_lines,
    game_title,
    landing_sentences,
    outcome_sentence,
    stage_counts,
    stage_games_line,
    tag_words,
)
from game.ui import text as txt
from game.ui.charts import CHARTS
from game.ui.debrief_pages import (
    CHART_TAB,
    Link,
    Page,
    concept_title,
    flow,
    flow_rows,
    game_card,
    tag_colour,
)
from game.ui.match import Match
from game.ui.scenes.base import Scene, key_label
from game.ui.theme import ACCENT, BACKGROUND, MUTED, PANEL, PANEL_EDGE, TEXT

TABS: tuple[str, ...] = ("story", "charts", "theory", "whatif", "questions")
TAB_LABELS: dict[str, str] = {
    "story": "Story",
    "charts": "Charts",
    "theory": "Theory",
    "whatif": "What if",
    "questions": "Questions",
}
#: The charts of the Charts tab, in picker order.
CHART_NAMES: tuple[str, ...] = tuple(CHART_TAB)
#: The attribute of a Match that keeps its analysis.
CACHE_ATTR = "debrief_analysis"


# --------------------------------------------------------------------------------------------
# The analysis, once per game
# --------------------------------------------------------------------------------------------


def match_analysis(match: Match) -> Analysis:
    """The analysis of ``match``'s game, computed once and kept on the match (until another
    turn is played). The seconds it took are kept beside it (:func:`analysis_seconds`)."""
    s = match.session
    key = (len(s.history), s.world.digest())
    cached = getattr(match, CACHE_ATTR, None)
    if cached is not None and cached[0] == key:
        return cached[1]
    t0 = time.perf_counter()
    a = analyse(s)
    setattr(match, CACHE_ATTR, (key, a, time.perf_counter() - t0))
    return a


def analysis_seconds(match: Match) -> float | None:
    cached = getattr(match, CACHE_ATTR, None)
    return None if cached is None else float(cached[2])


def back_or_push(app, cls: type, match: Match, make) -> None:
    """Go back to the screen beneath when it is a ``cls`` of the same game, else open ``make()``
    (the debrief and the replay viewer lead to each other without piling up)."""
    below = app.stack[-2] if len(app.stack) >= 2 else None
    if isinstance(below, cls) and getattr(below, "match", None) is match:
        app.pop()
    else:
        app.push(make())


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
        self._vh = 0

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
        self.chart = k % len(CHART_NAMES)
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
        from game.ui.scenes.glossary import GlossaryScene

        self.app.push(GlossaryScene(self.app, card, back_to="the debrief"))

    def replay(self) -> None:
        from game.ui.scenes.replay import ReplayScene

        back_or_push(self.app, ReplayScene, self.match, lambda: ReplayScene(self.app, self.match))

    def export(self) -> None:
        from game.ui.export import export_report

        export_report(self.app, self.match)

    def quiz(self) -> None:
        from game.ui.scenes.quiz import QuizScene

        # The quiz leaves the stack before on_done: the pages then show the new score.
        self.app.push(QuizScene(self.app, self.match, after=True, on_done=self._pages.clear))

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
                lambda k=k: self.show_tab(k),
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
                        lambda k=k: self.pick_chart(k),
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
            text = f"Rival pair: {self.analysis.pair_name(self.rival_pair)}"
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
            width = view.w - self.u(14)
            self._vh = view.h
            page = getattr(self, f"_page_{tab}")(width)
            page.render()
            self._pages[key] = page
        return page

    def _page_story(self, width: int) -> Page:
        a, sc, pal = self.analysis, self.session.scenario, self.app.palette
        p = Page(width, self.app.scale)
        u = p.u
        p.text(outcome_sentence(a), 20, pal.bad if a.war else TEXT, bold=True)
        p.gap(12)
        if sc.bet is not None:
            r = bet_report(a, sc.bet, self.session.answers.bet)
            mark, top = len(p.ops), p.y
            p.gap(10)
            x, w = u(14), width - u(28)
            p.text("The bet", 17, ACCENT, True, x=x, width=w)
            p.text(r.question, 16, TEXT, x=x, width=w)
            p.text(r.placed_sentence, 16, TEXT, x=x, width=w)
            if r.revealed:
                p.text(r.happened_sentence, 16, TEXT, True, x=x, width=w)
                if r.early_sentence:
                    p.text(r.early_sentence, 15, MUTED, x=x, width=w)
            else:
                p.text(r.reason, 16, MUTED, True, x=x, width=w)
            if r.verdict_sentence:
                colour = pal.good if r.called_it else pal.warn
                p.text(r.verdict_sentence, 16, colour, True, x=x, width=w)
            p.text(f"{r.expected_sentence} {r.explanation}", 15, MUTED, x=x, width=w)
            if r.theory_sentence:
                p.text(r.theory_sentence, 15, MUTED, x=x, width=w)
            p.gap(10)
            p.box(pygame.Rect(0, top, width, p.y - top), at=mark)
            p.gap(16)
        p.text("Turning points", 20, TEXT, True)
        p.gap(4)
        points = sorted(a.turning_points, key=lambda tp: tp.turn)
        if not points:
            p.text(
                "No turning point stood out in this game: no spiral, crisis, broken treaty or "
                "sudden fear of surprise attack. The charts show how it moved.",
                16,
                MUTED,
            )
        for tp in points:
            p.gap(12)
            top = p.y
            head = f"Turn {tp.turn}"
            p.text(head, 16, TEXT, True, advance=False)
            tx = txt.font(u(16), True).size(head)[0] + u(12)
            tag = p.tag(tag_words(tp.tag), tag_colour(tp.tag, pal), tx, top)
            who = " and ".join(tp.actors)
            if who:
                p.text(who, 15, MUTED, x=tag.right + u(10), y=top + u(1), advance=False)
            p.y = max(p.y, tag.bottom + u(4))
            p.text(tp.text, 16, TEXT, x=u(16))
            p.text(tp.theory, 15, MUTED, x=u(16))
            p.gap(6)
            p.link(f"Concept: {concept_title(tp.concept)}", tp.concept, u(16))
        p.gap(12)
        return p

    def _page_charts(self, width: int) -> Page:
        p = Page(width, self.app.scale)
        u = p.u
        caption = CHART_TAB[self.chart_name][1]
        cap_lines = len(txt.wrap(caption, u(15), width))
        cap_h = round(u(15) * 1.3) * cap_lines + u(10)
        show_caption = self._vh - cap_h > u(200)
        h = self._vh - (cap_h if show_caption else 0)
        p.slot(self.chart_name, pygame.Rect(0, 0, width, max(h, self.chart_min_h(self.chart_name))))
        if show_caption:
            p.gap(8)
            p.text(caption, 15, MUTED)
        return p

    def chart_min_h(self, name: str) -> int:
        """The least height a chart reads at: a chart of one panel per state (beliefs, what
        if) gets room for each row of panels, and its page scrolls when the screen is short."""
        n = len(self.analysis.names)
        rows = (n + 1) // 2 if name in ("beliefs", "counterfactuals") and n > 1 else 1
        return rows * self.u(190) + self.u(50) if rows > 1 else self.u(120)

    def _page_theory(self, width: int) -> Page:
        a = self.analysis
        p = Page(width, self.app.scale)
        u = p.u
        vh = self._vh
        pair = self.rival_pair
        p.text("Richardson's model of the race", 20, TEXT, True)
        p.text(
            "Each side builds in answer to the other's arms (fear), is held back by the cost of "
            "its own (fatigue), and may build regardless (grievance). The chart puts one "
            "side's reach against the other's, turn by turn, with the fitted lines where each "
            "would neither build nor cut.",
            15,
            MUTED,
        )
        p.gap(8)
        wide = width >= u(880)
        chart_w = int(width * 0.58) if wide else width
        top = p.y
        chart_h = max(u(260), min(vh - top - u(8), int(chart_w * 0.75)))
        if pair is not None:
            p.slot("phase_plane", pygame.Rect(0, top, chart_w, chart_h), pair)
        else:
            p.text("Every pair was allied: there was no rival race to fit.", 16, MUTED)
        x = chart_w + u(18) if wide else 0
        p.y = top if wide else p.y + u(12)
        col = width - x
        fits = list(a.fits)
        if pair is not None:
            names = (a.names[pair[0]], a.names[pair[1]])
            fits.sort(key=lambda f: (f.a, f.b) != names)
        for k, f in enumerate(fits):
            p.text(f"{f.a}–{f.b}", 17 if k == 0 else 16, TEXT, True, x=x, width=col)
            p.text(f.reading, 15 if k == 0 else 14, TEXT if k == 0 else MUTED, x=x, width=col)
            if k == 0:
                for line in fit_lines(f):
                    p.text(line, 14, MUTED, x=x, width=col)
            p.gap(10)
        p.link(f"Concept: {concept_title('richardson_model')}", "richardson_model", x)
        p.y = max(p.y, top + (chart_h if pair is not None else 0))
        p.gap(18)
        p.rule()
        p.gap(12)
        p.text("The stage game each pair faced", 20, TEXT, True)
        p.text(
            "Each turn, the theory lens boils the next few turns between two states down to a "
            "2x2 game (restrain or arm). Its name says what kind of dilemma the pair was in.",
            15,
            MUTED,
        )
        p.gap(8)
        npairs = len(a.stage_names)
        tl_h = max(u(240), min(int(vh * 0.8), u(150) + u(46) * npairs))
        p.slot("stage_timeline", pygame.Rect(0, p.y, width, tl_h))
        p.gap(10)
        seen: list[str] = []
        for pr in sorted(a.stage_names):
            p.text(stage_games_line(a, pr), 15, MUTED)
            seen += [n for n, _ in stage_counts(a, pr) if n not in seen]
        p.gap(8)
        chips = [(game_title(n), game_card(n)) for n in seen]
        items = [(f"Concept: {t}", c) for t, c in chips if c is not None]
        if "stage_game" not in [c for _, c in items]:
            items.append((f"Concept: {concept_title('stage_game')}", "stage_game"))
        p.links_row(items)
        p.gap(12)
        return p

    def _page_whatif(self, width: int) -> Page:
        a = self.analysis
        p = Page(width, self.app.scale)
        u = p.u
        p.text("What if everyone had restrained, or everyone armed?", 20, TEXT, True)
        p.text(
            "The same scenario and seed were replayed twice, with every state on one fixed "
            "policy and chance drawn the same way: only the choices differ.",
            15,
            MUTED,
        )
        p.gap(10)
        cfs = {c.key: c for c in a.counterfactuals}
        if not cfs:
            p.text("The counterfactual replays were not computed for this game.", 16, MUTED)
            return p
        cols = ["State", "As played"]
        keys = [k for k in ("restrain", "arm") if k in cfs]
        for k in keys:
            c = cfs[k]
            label = c.label[0].upper() + c.label[1:]
            cols.append(label + (f" (war on turn {c.war_turn})" if c.war else ""))
        cols.append("Landed (0 arm, 1 restrain)")
        name_w = max(u(120), min(u(190), width // 5))
        rest = (width - name_w) // (len(cols) - 1)
        xs = [0] + [name_w + rest * k for k in range(len(cols) - 1)]
        widths = [name_w - u(8)] + [rest - u(10)] * (len(cols) - 1)
        mark, top = len(p.ops), p.y
        p.gap(6)
        y0 = p.y
        bottom = y0
        for k, c in enumerate(cols):
            bottom = max(
                bottom,
                p.text(c, 15, MUTED, True, x=xs[k] + u(8), width=widths[k], y=y0, advance=False),
            )
        p.y = bottom + u(4)
        p.box(pygame.Rect(0, top, width, p.y - top), at=mark)
        final = a.series.score[-1]
        states = self.app.palette.states
        for i, name in enumerate(a.names):
            y = p.y + u(4)
            vals = [name, f"{float(final[i]):.2f}"]
            vals += [f"{float(cfs[k].final_score[i]):.2f}" for k in keys]
            land = a.landing.get(name)
            vals.append("-" if land is None else f"{land:.2f}")
            row_bottom = y
            for k, v in enumerate(vals):
                colour = states[i % len(states)] if k == 0 else TEXT
                row_bottom = max(
                    row_bottom,
                    p.text(
                        v, 16, colour, k == 0, x=xs[k] + u(8), width=widths[k], y=y, advance=False
                    ),
                )
            p.y = row_bottom + u(2)
        p.gap(12)
        for k, line in enumerate(landing_sentences(a)):
            p.text(line, 16, TEXT if k == 0 else MUTED)
        p.gap(12)
        h = max(u(300), self._vh - u(10), self.chart_min_h("counterfactuals"))
        p.slot("counterfactuals", pygame.Rect(0, p.y, width, h))
        p.gap(10)
        return p

    def _page_questions(self, width: int) -> Page:
        sc = self.session.scenario
        p = Page(width, self.app.scale)
        p.text("To discuss", 26, TEXT, True)
        p.gap(10)
        indent = txt.font(p.u(22)).size(f"{len(sc.questions)}.  ")[0]
        for k, q in enumerate(sc.questions, 1):
            p.text(f"{k}.", 22, TEXT, advance=False)
            p.text(q, 22, TEXT, x=indent)
            p.gap(14)
        if sc.quiz:
            ans = self.session.answers
            before = ans.quiz_score(sc, after=False)
            after = ans.quiz_score(sc, after=True)
            n = len(sc.quiz)
            words = [
                f"before the game {before} of {n} right"
                if before is not None
                else "not taken before the game",
                f"after it {after} of {n}" if after is not None else "not yet taken after it",
            ]
            p.gap(6)
            p.text(f"The concept quiz: {words[0]}; {words[1]}.", 17, MUTED)
            if self.has_quiz:
                p.text(f"{self.quiz_label}: Q, or the button below.", 15, MUTED)
        return p

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
            f"{n} ({'human' if seat == 'human' else seat.removeprefix('ai:')})"
            for n, seat in zip(a.names, a.seats, strict=False)
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
            pic = self._chart(slot.name, slot.rect.size, slot.pair)
            if pic is not None:
                surface.blit(pic, pic.get_rect(center=rect.center))
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
