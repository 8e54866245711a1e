"""The strike exchange, deterrence margins and first-strike stability (model.md sections 2-3).

All functions are pure numpy over a batch: per-state arrays ``[B, N]``, per-pair ``[B, N, N]``.
In a pair array ``X[b, i, j]`` the first state index is the one that acts (strikes, deters).

Sources: Intriligator & Brito (1984) for the deterrence condition "survivors inflict unacceptable
damage"; Kent & Thaler (1989) for first-strike stability as the ratio of the cost of striking
first to the cost of waiting.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

import numpy as np

from game.engine.state import World


def leak(reach: np.ndarray, shield: np.ndarray, efficiency: np.ndarray) -> np.ndarray:
    """Damage that gets through a shield: ``max(0, R - eta * S)``.

    A shield absorbs a small salvo whole but is swamped by a large one. That asymmetry is the
    lesson: it can stop a ragged retaliation after a first strike, not a full first strike.
    """
    return np.maximum(0.0, reach - efficiency * shield)


@dataclass(frozen=True)
class Exchange:
    """Everything the strike exchange says about every ordered pair ``(i, j)`` of every world."""

    effective_reach: np.ndarray  # [B, N]: R_i + beta * sum_h fwd_reach[i, h]
    effective_shield: np.ndarray  # [B, N]: S_i + sum_p ally(p, i) fwd_shield[p, i]
    #                                          + beta * sum_h fwd_shield[i, h]
    shield_against: np.ndarray  # [B, a, t]: t's effective shield against attacker a, whose aim
    #                             at a host suppresses the forward shield t keeps there
    first_strike: np.ndarray  # [B, i, j]: D1[i -> j], damage of i's first strike on j
    retaliation: (
        np.ndarray
    )  # [B, i, j]: D2[i -> j], what i's survivors do to j after j struck first
    survivors: np.ndarray  # [B, i, j]: i's reach left after j strikes first
    margin: np.ndarray  # [B, i, j]: D2[i -> j] - theta * E_j (>= 0: i deters j)
    rho: np.ndarray  # [B, i, j]: rho of j in the pair (i, j): cost of j going first / of waiting
    stability: np.ndarray  # [B, i, j]: FSS = rho_i * rho_j, symmetric, 1 on the diagonal

    @property
    def deters(self) -> np.ndarray:
        """``deters[b, i, j]``: i's second strike inflicts unacceptable damage on j."""
        return self.margin >= 0.0


def exchange(
    world: World,
    reach: np.ndarray | None = None,
    shield: np.ndarray | None = None,
) -> Exchange:
    """The strike exchange of model.md section 2 for every ordered pair.

    ``reach`` and ``shield`` default to the true stocks; pass what an observer *sees* to get the
    exchange as that observer imagines it. A world ``step`` returned keeps the exchange of its
    true stocks (see :func:`keep_exchange`): it is computed at most once.
    """
    if reach is None and shield is None and _KEPT in world.__dict__:
        kept: Exchange | None = world.__dict__[_KEPT]
        if kept is None:  # the first time it is asked for
            kept = _read_only(_exchange(world, world.reach, world.shield))
            object.__setattr__(world, _KEPT, kept)
        return kept
    reach = world.reach if reach is None else reach
    shield = world.shield if shield is None else shield
    return _exchange(world, reach, shield)


def _exchange(world: World, reach: np.ndarray, shield: np.ndarray) -> Exchange:
    """The exchange of ``reach`` and ``shield`` against ``world``'s ties and parameters."""
    eta = world.param("shield_efficiency")[:, None, None]
    theta = world.param("unacceptable_damage")[:, None, None]
    eye = np.eye(world.n, dtype=bool)

    forward = world.fwd_reach.sum(axis=2)  # [B, N]: reach each patron keeps abroad
    reff, seff, against = _effective(world, reach, shield, forward)
    # D1[i -> j]: i strikes j first with everything it has.
    first = leak(reff[:, :, None], against, eta)
    survivors = _survivors(world, reach, forward, reff)
    second = leak(survivors, against, eta)  # D2[i -> j]
    margin = second - theta * world.economy[:, None, :]
    rho = _rho(first, second, reff, eye)
    # rho[b, i, j] is j's ratio against i; FSS[i, j] = rho_j (vs i) * rho_i (vs j).
    stability = rho * np.swapaxes(rho, 1, 2)
    return Exchange(
        effective_reach=reff,
        effective_shield=seff,
        shield_against=against,
        first_strike=np.where(eye, 0.0, first),
        retaliation=np.where(eye, 0.0, second),
        survivors=survivors,
        margin=np.where(eye, np.inf, margin),
        rho=rho,
        stability=stability,
    )


#: What the exchange reads of a world besides its parameters: two worlds that share their
#: parameters and agree on these, bit for bit, have the same exchange.
EXCHANGE_INPUTS = (
    "reach",
    "shield",
    "fwd_reach",
    "fwd_shield",
    "alliance",
    "targeting",
    "hardening",
    "economy",
)
#: Where a world keeps its exchange (beside its fields, as ``Params`` keeps its arrays).
_KEPT = "_exchange"


def keep_exchange(world: World, source: World, ex: Exchange) -> None:
    """Let ``world`` keep its exchange: ``ex``, the exchange of ``source``'s true stocks, when
    ``world`` has the same parameters and :data:`EXCHANGE_INPUTS` bit for bit; otherwise (a war
    took economy away, a world already over kept its old stocks) its own, computed the first
    time :func:`exchange` is asked for it.

    A turn reads the exchange of the world it starts from several times (the crisis odds in the
    policies' public view and in the diplomacy, the margins before the turn); ``step`` computed
    it at the end of the turn before, so it keeps it with the world it returns. A kept exchange
    is read-only, since every reader shares it (and a World is never modified in place).
    """
    same = world.params is source.params and all(
        _same_bits(getattr(world, name), getattr(source, name)) for name in EXCHANGE_INPUTS
    )
    object.__setattr__(world, _KEPT, _read_only(ex) if same else None)


def _read_only(ex: Exchange) -> Exchange:
    for f in fields(ex):
        getattr(ex, f.name).flags.writeable = False
    return ex


def _same_bits(a: np.ndarray, b: np.ndarray) -> bool:
    return a is b or (a.dtype == b.dtype and a.shape == b.shape and a.tobytes() == b.tobytes())


def _effective(
    world: World, reach: np.ndarray, shield: np.ndarray, forward: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Effective reach ``[B, N]``, effective shield ``[B, N]`` and the shield each target holds
    against each attacker ``[B, a, t]`` (``forward`` is the reach each patron keeps abroad)."""
    beta = world.param("forward_bonus")[:, None]
    reff = reach + beta * forward
    allied_cover = (world.alliance * world.fwd_shield).sum(axis=1)  # by host
    # A shield stationed forward also guards its patron, with the forward bonus: closer to the
    # rival's launch, it catches a retaliation early. This is the theme's fear: a forward shield
    # erodes the rival's second strike against the patron.
    forward_guard = beta * world.fwd_shield.sum(axis=2)  # by patron
    seff = shield + allied_cover + forward_guard
    # An attacker that has declared its reach aimed at a host strikes the shield stationed there
    # first: ``host_suppression`` of that forward guard is lost against it (how a rival answers a
    # forward shield by aiming at the host).
    suppress = world.param("host_suppression")[:, None, None]
    aimed = np.einsum("bah,bth->bat", world.targeting, world.fwd_shield)
    lost = suppress * beta[:, :, None] * aimed
    against = seff[:, None, :] - lost  # [B, attacker, target]
    return reff, seff, against


def _survivors(
    world: World, reach: np.ndarray, forward: np.ndarray, reff: np.ndarray
) -> np.ndarray:
    """``[B, i, j]``: i's reach left after j strikes first."""
    kappa = world.param("counterforce")[:, None, None]
    # The share of i's force exposed to j's strike is m = min(1, Reff_j / (R_i + F_i)); home
    # reach is protected by hardening, forward reach is not. The forward bonus is the edge of
    # surprise (closer, less warning): it helps a first strike, not the ragged answer to one, so
    # forward survivors retaliate at face value. That keeps "forward reach lowers stability more
    # than the same reach at home" true with shields.
    exposed = reach + forward
    attacker = reff[:, None, :]  # [B, i, j] = Reff_j
    with np.errstate(divide="ignore", invalid="ignore"):
        m = np.where(exposed[:, :, None] > 0, np.minimum(1.0, attacker / exposed[:, :, None]), 1.0)
    h = world.hardening[:, :, None]
    home_left = reach[:, :, None] * (1.0 - kappa * (1.0 - h) * m)
    fwd_left = forward[:, :, None] * (1.0 - kappa * m)
    return home_left + fwd_left


def _rho(first: np.ndarray, second: np.ndarray, reff: np.ndarray, eye: np.ndarray) -> np.ndarray:
    """``[B, i, j]``: rho of j in the pair (i, j), the cost of j going first over waiting."""
    # Kent & Thaler: for j in the pair (i, j), cost of going first = D2[i -> j] (i's retaliation),
    # cost of waiting = D1[i -> j] (i's first strike). rho = clip(first / waiting, 0, 1).
    # No threat at all (i has no reach): nothing to fear, rho = 1. A threat that j's shield
    # absorbs whole also makes striking first free for j: rho = 0, which keeps "more shield never
    # raises stability" true at the point where the shield swallows the last of the threat.
    cost_first, cost_wait = second, first
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.clip(cost_first / cost_wait, 0.0, 1.0)
    no_threat = (reff <= 0.0)[:, :, None] & np.ones_like(first, dtype=bool)
    rho = np.where(cost_wait > 0, ratio, np.where(no_threat, 1.0, 0.0))
    # A state without reach has no first strike to weigh: its rho is 1 whatever it faces.
    rho = np.where((reff <= 0.0)[:, None, :], 1.0, rho)
    return np.where(eye, 1.0, rho)


def first_strike_stability(world: World) -> np.ndarray:
    """``[B, N, N]`` first-strike stability of every pair (1 = nothing gained by going first)."""
    return exchange(world).stability


def deterrence_margins(world: World) -> np.ndarray:
    """``[B, N, N]``: ``margin[b, i, j] >= 0`` when i's second strike deters j."""
    return exchange(world).margin


def host_exposure(world: World, first: np.ndarray) -> np.ndarray:
    """``[B, s, h]``: damage a first strike by ``s`` spills onto host ``h``.

    A host that carries assets of a state ``s`` is not allied to, or that ``s`` has declared it
    targets, takes ``host_share`` of ``s``'s whole salvo (model.md section 2): a host becomes a
    target the moment it accepts.
    """
    share = world.param("host_share")[:, None, None]
    carries = (world.fwd_reach + world.fwd_shield) > 0  # [B, p, h]
    # h hosts assets of some p that s is not allied to, and s has reach to strike with: those
    # assets are a target of s, whether or not a strike on p itself would get through.
    armed = (first.max(axis=2) > 0) | (world.reach + world.fwd_reach.sum(axis=2) > 0)
    enemy = (world.alliance < 0.5) & ~np.eye(world.n, dtype=bool)[None]  # [B, s, p]
    spill = np.einsum("bsp,bph->bsh", enemy.astype(float), carries.astype(float)) > 0
    spill &= armed[:, :, None]
    marked = spill | (world.targeting > 0)
    # The part of s's salvo aimed at those assets lands on the host: a share of its whole salvo.
    beta = world.param("forward_bonus")[:, None]
    biggest = (world.reach + beta * world.fwd_reach.sum(axis=2))[:, :, None]
    n = world.n
    return np.where(marked & ~np.eye(n, dtype=bool), share * biggest, 0.0)
