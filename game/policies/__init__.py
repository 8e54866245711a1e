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
)
from game.policies.baseline import SteadyDeterrer

__all__ = [
    "DIFFICULTIES",
    "REGISTRY",
    "Move",
    "Observation",
    "Policy",
    "SteadyDeterrer",
    "UnknownPolicy",
    "get_policy",
    "observe",
]
