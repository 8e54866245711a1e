"""The pure core of Delicate Balance: numpy and the standard library only, never pygame, no I/O.

Every rule is a numpy function over a batch of worlds; a single game is a batch of one.
"""

from game.engine.actions import ACTIONS, ANSWERS, TREATY_KINDS, Action, Diplomacy
from game.engine.deterrence import (
    Exchange,
    deterrence_margins,
    exchange,
    first_strike_stability,
    leak,
)
from game.engine.events import EVENT_KINDS, Event, Events
from game.engine.legality import check, validate
from game.engine.opening import initial_world
from game.engine.orders import (
    IllegalOrder,
    LegalOrders,
    Orders,
    StateOrder,
    budget,
    legal_orders,
)
from game.engine.payoffs import perceived_threat, utility
from game.engine.stage import StageGame, stage_game
from game.engine.state import (
    CATEGORIES,
    KINDS,
    Deployment,
    Link,
    Params,
    StateSpec,
    Targeting,
    TreatySpec,
    World,
    check_world,
)
from game.engine.step import step

__all__ = [
    "ACTIONS",
    "ANSWERS",
    "Action",
    "Diplomacy",
    "TREATY_KINDS",
    "Targeting",
    "TreatySpec",
    "CATEGORIES",
    "EVENT_KINDS",
    "KINDS",
    "Deployment",
    "Event",
    "Events",
    "Exchange",
    "IllegalOrder",
    "LegalOrders",
    "Link",
    "Orders",
    "Params",
    "StageGame",
    "StateOrder",
    "StateSpec",
    "World",
    "budget",
    "check",
    "check_world",
    "deterrence_margins",
    "exchange",
    "first_strike_stability",
    "initial_world",
    "leak",
    "legal_orders",
    "perceived_threat",
    "stage_game",
    "step",
    "utility",
    "validate",
]
