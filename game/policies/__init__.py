"""AI opponents: observation -> orders, vectorised, each joining the registry by being defined."""

from game.policies.base import (
    DIFFICULTIES,
    REGISTRY,
    Move,
    Observation,
    Policy,
    UnknownPolicy,
    get_policy,
    observe,
    roster,
)
from game.policies.baseline import SteadyDeterrer
from game.policies.characters import (
    Balancer,
    ClassicAdapter,
    Copycat,
    Dove,
    ForgivingCopycat,
    Grudger,
    Hawk,
    Opportunist,
    RandomPlayer,
    RichardsonReactor,
    SecuritySeeker,
)
from game.policies.strategist import Strategist, Weights

__all__ = [
    "Balancer",
    "ClassicAdapter",
    "Copycat",
    "Dove",
    "ForgivingCopycat",
    "Grudger",
    "Hawk",
    "Opportunist",
    "RandomPlayer",
    "RichardsonReactor",
    "SecuritySeeker",
    "DIFFICULTIES",
    "REGISTRY",
    "Move",
    "Observation",
    "Policy",
    "SteadyDeterrer",
    "Strategist",
    "Weights",
    "UnknownPolicy",
    "get_policy",
    "observe",
    "roster",
]
