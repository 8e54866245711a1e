"""The data a debrief and a report are built from: plain frozen dataclasses over numpy arrays.

No pygame and no I/O here; :mod:`game.analysis` fills these in from a
:class:`game.session.Session`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from game.engine.events import Event
from game.theory import GAME_TITLES, RichardsonFit

#: What :func:`game_title` calls the stage game recorded when the projection cannot run
#: (``game.analysis.core.NO_STAGE_GAME``: an arming cell would break a treaty cap).
NO_STAGE_GAME_TITLE = "no stage game (a treaty cap blocks arming)"


def game_title(name: str) -> str:
    """A stage game's title (``game.theory.GAME_TITLES``), "none" and unknown names included."""
    if name == "none":
        return NO_STAGE_GAME_TITLE
    return GAME_TITLES.get(name, name.replace("_", " "))


#: Turning-point tags -> the glossary card (``game.glossary.CONCEPTS`` id) that explains each.
TAGS: dict[str, str] = {
    "spiral": "spiral_model",
    "reassurance": "reassurance",
    "surprise_attack_fear": "first_strike_stability",
    "treaty_lapse": "arms_control",
    "treaty_broken": "verification",
    "pressure": "extended_deterrence",
    "forces_home": "extended_deterrence",
    "pressure_lifted": "extended_deterrence",
    "entrapment": "entrapment_abandonment",
    "costly_signal": "costly_signal",
    "backing_down": "audience_cost",
    "crisis": "brinkmanship",
    "war": "deterrence",
}

#: One theory sentence per tag (Jervis, Kydd, Schelling, Snyder, Fearon, Powell; theory.md).
THEORY: dict[str, str] = {
    "spiral": (
        "Spiral model (Jervis): each side arms for its own security, reads the other's build as a "
        "threat, and answers it, so both end up less secure than they began."
    ),
    "reassurance": (
        "Reassurance (Kydd): a security seeker can show what it is by restraint that an "
        "expansionist would not copy, and a rival who sees it trusts more and fears less."
    ),
    "surprise_attack_fear": (
        "Reciprocal fear of surprise attack (Schelling): when striking first pays much better "
        "than being struck, each side fears the other will go first, and that fear itself "
        "makes war likelier."
    ),
    "treaty_lapse": (
        "Arms control: a treaty holds while it is verified and each party expects the others to "
        "keep it; when one leaves, the limits and the transparency they bought go with it."
    ),
    "treaty_broken": (
        "Verification (the inspection game): a cap holds only while cheating is likely to be "
        "caught; a party caught cheating shows the others what it wants, and their trust in it "
        "and in the treaty falls."
    ),
    "pressure": (
        "Coercion (Schelling): aiming at a state or sanctioning it raises the price of what it "
        "does; pressed on a host, it makes sheltering a patron's forces costly, so that the host "
        "may send them home."
    ),
    "forces_home": (
        "Alliance security dilemma (Snyder): hosting a patron's forces buys protection but makes "
        "the host a target; when that price climbs, the host may send them home, and the patron's "
        "promise to defend it weakens with them."
    ),
    "pressure_lifted": (
        "Compellence (Schelling): pressure persuades only if it stops once the other side "
        "complies; kept on after compliance, it would teach the host that giving in buys nothing."
    ),
    "entrapment": (
        "Alliance security dilemma (Snyder): a host that shelters a patron's forces gains "
        "protection but becomes a target, and can be dragged into its patron's quarrels."
    ),
    "costly_signal": (
        "Costly signal (Fearon): a drill or a public commitment costs something, so it says more "
        "than words; tying your hands makes backing down later expensive."
    ),
    "backing_down": (
        "Brinkmanship and audience costs (Schelling, Fearon): in a crisis, a side that backs down "
        "ends the danger but loses standing, more so if it had publicly committed."
    ),
    "crisis": (
        "Brinkmanship (Schelling, Powell): once tension passes the crisis line, each side must "
        "choose between backing down and risking a war neither wants."
    ),
    "war": (
        "Deterrence failed: a war leaves every party poorer than any arms race did; nobody wins."
    ),
}


@dataclass(frozen=True)
class Series:
    """Everything that changes over a game, turn by turn, as arrays.

    The turn axis has ``T + 1`` points: the start world (index 0), then the world after each of
    the ``T`` played turns (index ``t`` is the world after turn ``t``, 1-based). ``N`` is the
    number of states, in scenario order. Pair arrays ``[T+1, N, N]`` have the observer or owner
    first (row ``i``), the other state second (column ``j``).
    """

    turn: np.ndarray  # [T+1] ints 0..T
    reach: np.ndarray  # [T+1, N] home + forward (abroad) reach
    shield: np.ndarray  # [T+1, N] home + forward shield
    hardening: np.ndarray  # [T+1, N]
    economy: np.ndarray  # [T+1, N]
    budget: np.ndarray  # [T+1, N] economy * tax: the budget of the next turn
    support: np.ndarray  # [T+1, N]
    standing: np.ndarray  # [T+1, N]
    score: np.ndarray  # [T+1, N] the engine's running discounted score (World.score)
    spend: np.ndarray  # [T, N, 5] budget spent per category per turn (CATEGORIES order)
    tension: np.ndarray  # [T+1, N, N] symmetric, in [0, 1]
    stability: np.ndarray  # [T+1, N, N] first-strike stability, in [0, 1], 1 on the diagonal
    seen_reach: np.ndarray  # [T+1, N, N] what i believed j's (home) reach to be
    trust: np.ndarray  # [T+1, N, N] i's belief that j is a security seeker
    kinds: tuple[str, ...]  # true hidden kinds per state (game.engine.KINDS names)
    # Extra fields (after the ones above, so positional construction stays as documented).
    home_reach: np.ndarray = field(default_factory=lambda: np.zeros((0, 0)))  # [T+1, N]
    #: [T, N, N] the war odds shown for each pair during each turn (0 outside a crisis)
    war_odds: np.ndarray = field(default_factory=lambda: np.zeros((0, 0, 0)))
    #: [T+1, i, j] deterrence margin: >= 0 when i's second strike deters j (0 on the diagonal)
    margin: np.ndarray = field(default_factory=lambda: np.zeros((0, 0, 0)))
    alliance: np.ndarray = field(default_factory=lambda: np.zeros((0, 0, 0)))  # [T+1, N, N]
    #: [T+1, patron, host] reach + shield a patron keeps stationed at a host
    deployed: np.ndarray = field(default_factory=lambda: np.zeros((0, 0, 0)))

    @property
    def turns(self) -> int:
        """``T``: the number of turns the series covers."""
        return int(self.turn.shape[0]) - 1

    @property
    def n(self) -> int:
        return int(self.reach.shape[1])


@dataclass(frozen=True)
class TurningPoint:
    """A moment worth discussing: when (``turn``, 1-based: the turn during which it happened),
    a ``tag`` from :data:`TAGS`, the states involved, one plain sentence, the glossary card id
    (``concept``) and one sentence of theory."""

    turn: int
    tag: str
    actors: tuple[str, ...]
    text: str
    concept: str
    theory: str


@dataclass(frozen=True)
class PairFit:
    """The Richardson fit of one rival pair's reach race (a's reach is x, b's is y).

    ``fit`` is None when there is no race to read from it: too few turns (fewer than
    ``game.analysis.core.MIN_FIT_TURNS``), no variation, a side whose reach only held or wore
    down whatever the other did, or fitted fear or fatigue of the wrong sign; ``reason`` then
    says why, and ``equilibrium`` and ``stable`` are None too. Otherwise ``equilibrium`` and
    ``stable`` copy the fit's. ``reading`` is one plain sentence either way. ``raw`` holds the
    least-squares coefficients whenever they could be computed, race or not (equal to ``fit``
    when there is one).
    """

    a: str
    b: str
    fit: RichardsonFit | None
    equilibrium: tuple[float, float] | None
    stable: bool | None
    reading: str
    reason: str = ""
    raw: RichardsonFit | None = None


@dataclass(frozen=True)
class Counterfactual:
    """The same scenario and seed replayed with every seat on one fixed policy
    (see :func:`game.analysis.counterfactuals.replay`)."""

    key: str  # "restrain" or "arm"
    label: str  # "everyone restrains and signs", "everyone arms"
    series: Series
    war: bool
    war_turn: int | None
    final_score: np.ndarray  # [N]


@dataclass(frozen=True)
class Analysis:
    """Everything a debrief and an exported report need about one game."""

    scenario_id: str
    title: str
    seed: int
    names: tuple[str, ...]
    seats: tuple[str, ...]  # str(Seat): "human", "ai:baseline", ...
    turns_played: int
    war: bool
    war_turn: int | None  # 1-based turn during which the war broke out
    war_pair: tuple[str, str] | None  # (striker, target)
    series: Series
    turning_points: tuple[TurningPoint, ...]
    fits: tuple[PairFit, ...]  # one per rival pair (not allied at the start), in pair order
    #: per unordered pair (i < j), the ``game.theory.classify`` name of the stage game at each of
    #: the T+1 points (start world, then after every turn); see :meth:`stage_titles`.
    stage_names: dict[tuple[int, int], tuple[str, ...]]
    counterfactuals: tuple[Counterfactual, ...]
    #: per state name: where its actual score fell between "arm" (0) and "restrain" (1)
    landing: dict[str, float]
    turns_total: int = 0  # the scenario's length in turns
    rivals: tuple[tuple[int, int], ...] = ()  # rival pairs (i < j), never allied during the game
    main_pair: tuple[int, int] | None = None  # the rival pair whose race the phase plane shows
    events: tuple[tuple[Event, ...], ...] = ()  # per played turn, its typed event records
    shapes: tuple[str, ...] = ()  # the board's shape per state (game.scenarios.SHAPES)
    crisis_threshold: float = 0.7  # tension above which a pair is in crisis

    def stage_titles(self, pair: tuple[int, int]) -> tuple[str, ...]:
        """The human titles (:func:`game_title`) of a pair's stage games,
        turn by turn."""
        return tuple(game_title(s) for s in self.stage_names[pair])

    def counterfactual(self, key: str) -> Counterfactual | None:
        for c in self.counterfactuals:
            if c.key == key:
                return c
        return None

    def pair_name(self, pair: tuple[int, int]) -> str:
        return f"{self.names[pair[0]]}–{self.names[pair[1]]}"
