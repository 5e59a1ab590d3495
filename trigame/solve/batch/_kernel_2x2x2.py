"""All Nash equilibria of many 2x2x2 games: vectorised closed forms, near-ties re-solved exactly.

Pure profiles by best-reply comparisons; two players mixing at the roots of
each other's (linear) advantage, the third pure and a best reply; all three
mixing at the roots of the quadratic ``Q(r)`` left by eliminating ``p`` and
``q`` from the indifference conditions (McKelvey & McLennan 1997: at most 2
totally mixed equilibria), solved with the cancellation-free form of the
quadratic formula (:func:`_fast_2x2x2`).  Games in which some comparison is a
near-tie are marked and re-solved exactly by
:func:`trigame.solve.batch._exact._solve_exact_group` (:func:`_solve_2x2x2`).
See :mod:`trigame.solve.batch` for the list of near-ties.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import product
from typing import Any

import numpy as np

from trigame.solve.batch._advantages import _advantages_3, _bilinear
from trigame.solve.batch._exact import _solve_exact_group
from trigame.solve.batch.result import FIRST, MIXED, PADDING, SECOND

#: Conditioning threshold of the totally mixed solution of 2x2x2 games (relative to Q's coefficients).
_CONDITION = 1e-6


def _edge_relevant(g0: list[np.ndarray], g1: list[np.ndarray], band: float) -> np.ndarray:
    """Whether two linear functions ``g(t) = g0 + (g1 - g0) t`` are both >= -band somewhere on [0, 1].

    The minimum of two linear functions is concave, so its maximum over [0, 1]
    is at an end point or where the two cross.
    """
    (a0, b0), (a1, b1) = g0, g1
    best = np.maximum(np.minimum(a0, b0), np.minimum(a1, b1))
    da, db = a1 - a0, b1 - b0
    with np.errstate(divide="ignore", invalid="ignore"):
        t = (b0 - a0) / (da - db)
    inside = (t > 0) & (t < 1)
    crossing = np.where(inside, a0 + da * t, -np.inf)
    return np.maximum(best, crossing) >= -band


def _solve_2x2x2_fast(P: np.ndarray, tol: float) -> tuple[dict[str, np.ndarray], np.ndarray]:
    """Equilibria of M 2x2x2 games by the generic closed forms, and the mask of games with near-ties."""
    with np.errstate(all="ignore"):  # divisions by vanishing denominators are masked out below
        return _fast_2x2x2(P, tol)


def _fast_2x2x2(P: np.ndarray, tol: float) -> tuple[dict[str, np.ndarray], np.ndarray]:
    M = len(P)
    raw = _advantages_3(P.astype(np.float64))
    scale = [np.abs(e).reshape(M, 4).max(axis=1) for e in raw]
    suspect = (scale[0] == 0) | (scale[1] == 0) | (scale[2] == 0)
    with np.errstate(divide="ignore", invalid="ignore"):
        e = [raw[i] / np.where(scale[i] == 0, 1.0, scale[i])[:, None, None] for i in range(3)]
    band = tol
    others = {0: (1, 2), 1: (0, 2), 2: (0, 1)}

    def entry(i: int, profile: Sequence[int]) -> np.ndarray:
        j, k = others[i]
        return e[i][:, profile[j], profile[k]]

    # a near-tie e_i[a] ~ 0 matters when the others' best-reply conditions can hold on that edge of the cube
    ties = np.zeros(M, dtype=bool)
    for i in range(3):
        ties |= (np.abs(e[i]) <= band).reshape(M, 4).any(axis=1)
    tied = np.flatnonzero(ties)
    if tied.size:
        et = [t[tied] for t in e]
        for i in range(3):
            j, k = others[i]
            for sj, sk in product((0, 1), repeat=2):
                ends: dict[int, list[np.ndarray]] = {}
                for m, sm in ((j, sj), (k, sk)):
                    values = []
                    for si in (1, 0):  # x_i = 0 (second strategy), then x_i = 1 (first)
                        profile = [0, 0, 0]
                        profile[i], profile[j], profile[k] = si, sj, sk
                        a, b = (profile[o] for o in others[m])
                        v = et[m][:, a, b]
                        values.append(v if sm == 0 else -v)
                    ends[m] = values
                tie = np.abs(et[i][:, sj, sk]) <= band
                suspect[tied] |= tie & _edge_relevant([ends[j][0], ends[k][0]], [ends[j][1], ends[k][1]], band)

    candidates_x: list[list[Any]] = []  # per candidate, each player's probability (a float or an (M,) array)
    candidates_ok: list[np.ndarray] = []
    candidate_codes: list[tuple[int, ...]] = []

    # pure profiles: every player's advantage has the strict sign of its choice
    for pure in product((0, 1), repeat=3):
        ok = np.ones(M, dtype=bool)
        for i in range(3):
            v = entry(i, pure)
            ok &= v > 0 if pure[i] == 0 else v < 0
        candidates_ok.append(ok)
        candidates_x.append([1.0 - s for s in pure])
        candidate_codes.append(pure)

    # two players i < j mix at the roots of each other's advantage, k plays s_k and must be a best reply
    for k in (2, 1, 0):
        i, j = (m for m in range(3) if m != k)
        for sk in (0, 1):
            roots = {}
            inside = np.ones(M, dtype=bool)
            for mixer, root_of in ((i, j), (j, i)):  # x_mixer makes root_of indifferent
                at = [0, 0, 0]
                at[k] = sk
                at[mixer] = 1
                w0 = entry(root_of, at)  # x_mixer = 0
                at[mixer] = 0
                w1 = entry(root_of, at)  # x_mixer = 1
                inside &= w0 * w1 < 0
                with np.errstate(divide="ignore", invalid="ignore"):
                    roots[mixer] = w0 / (w0 - w1)
            x: list[Any] = [None, None, None]
            x[i], x[j], x[k] = roots[i], roots[j], 1.0 - sk
            dk = _bilinear(e[k], x[i], x[j])
            ok = inside & (dk > 0 if sk == 0 else dk < 0)
            suspect |= inside & (np.abs(dk) <= band)
            candidates_ok.append(ok)
            candidates_x.append(x)
            code = [MIXED, MIXED, MIXED]
            code[k] = sk
            candidate_codes.append(tuple(code))

    # all three mix: eliminate p = x_1 and q = x_2, a quadratic Q(r) = 0 in r = x_3
    def line(c1: np.ndarray, c0: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The line with values c1 at r = 1 and c0 at r = 0, as (constant, slope)."""
        return c0, c1 - c0

    E00 = line(e[0][:, 0, 0], e[0][:, 0, 1])  # player 1's advantage at q = 1 as a function of r
    E01 = line(e[0][:, 1, 0], e[0][:, 1, 1])  # ... at q = 0
    E10 = line(e[1][:, 0, 0], e[1][:, 0, 1])  # player 2's advantage at p = 1
    E11 = line(e[1][:, 1, 0], e[1][:, 1, 1])  # ... at p = 0
    # homogeneous weights: w_0(p) ~ -E11(r), w_1(p) ~ E10(r); w_0(q) ~ -E01(r), w_1(q) ~ E00(r)
    wp = ((-E11[0], -E11[1]), E10)
    wq = ((-E01[0], -E01[1]), E00)
    Q0 = np.zeros(M)
    Q1 = np.zeros(M)
    Q2 = np.zeros(M)
    for a, b in product((0, 1), repeat=2):
        c = e[2][:, a, b]
        (u0, u1), (v0, v1) = wp[a], wq[b]
        Q0 += c * u0 * v0
        Q1 += c * (u0 * v1 + u1 * v0)
        Q2 += c * u1 * v1
    q_scale = np.maximum(np.maximum(np.abs(Q0), np.abs(Q1)), np.abs(Q2))
    suspect |= q_scale <= band
    disc = Q1 * Q1 - 4 * Q2 * Q0
    real = disc >= -(_CONDITION * q_scale) ** 2
    sq = np.sqrt(np.maximum(disc, 0.0))
    t = -0.5 * (Q1 + np.where(Q1 >= 0, sq, -sq))
    with np.errstate(divide="ignore", invalid="ignore"):
        for r in (t / Q2, Q0 / t):
            r = np.where(real, r, np.nan)
            b1 = E00[0] + E00[1] * r - (E01[0] + E01[1] * r)
            b2 = E10[0] + E10[1] * r - (E11[0] + E11[1] * r)
            q = (E01[0] + E01[1] * r) / -b1
            p = (E11[0] + E11[1] * r) / -b2
            near_r = np.isfinite(r) & (r > -_CONDITION) & (r < 1 + _CONDITION)
            # q (or p) not pinned down: B_i(r) ~ 0 with A_i(r) ~ 0 too, so that player is indifferent whatever
            # q (p) is and another player's indifference decides it.  (B_i(r) ~ 0 alone puts q far outside [0, 1].)
            for a_i, b_i in ((E01[0] + E01[1] * r, b1), (E11[0] + E11[1] * r, b2)):
                suspect |= near_r & (np.abs(b_i) <= _CONDITION) & (np.abs(a_i) <= 2 * np.abs(b_i) + _CONDITION)
            near = near_r.copy()
            margin = np.full(M, np.inf)
            for z in (r, p, q):
                near &= (z > -_CONDITION) & (z < 1 + _CONDITION)
                margin = np.minimum(margin, np.minimum(np.abs(z), np.abs(1 - z)))
            # a root on the boundary of the cube, or a near double root
            suspect |= near & ((margin <= _CONDITION) | (sq <= _CONDITION * q_scale))
            ok = (r > 0) & (r < 1) & (p > 0) & (p < 1) & (q > 0) & (q < 1)
            candidates_ok.append(ok)
            candidates_x.append([p, q, r])
            candidate_codes.append((MIXED, MIXED, MIXED))

    ok = np.stack(candidates_ok, axis=1)  # (M, C)
    xs = np.empty((M, len(candidates_x), 3))
    for slot, probabilities in enumerate(candidates_x):
        for i in range(3):
            xs[:, slot, i] = probabilities[i]
    codes = np.array(candidate_codes, dtype=np.int8)  # (C, 3)
    return _order(ok, xs, codes), suspect


def _order(ok: np.ndarray, xs: np.ndarray, codes: np.ndarray) -> dict[str, np.ndarray]:
    """Keep the valid candidates of each game in canonical order; pad with NaN / -1.

    ``codes`` (C, n) lists the candidates in an order that is canonical between
    groups of equal support size and within the pure group; only games with two
    valid candidates in one mixed group need a sort.
    """
    M, C, n = xs.shape
    mixers = (codes == MIXED).sum(axis=1)
    groups = [np.flatnonzero(mixers == m) for m in range(1, n + 1)]
    needs = np.zeros(M, dtype=bool)
    for members in groups:
        if members.size > 1:
            needs |= ok[:, members].sum(axis=1) > 1
    rows = np.flatnonzero(needs)
    index = None
    if rows.size:  # ok and xs are the caller's scratch arrays: sorted in place
        sub_ok, sub_x = ok[rows], xs[rows]
        keys = [np.where(sub_ok, -sub_x[..., i], 0.0) for i in reversed(range(n))]
        keys.append(np.where(sub_ok, mixers[None, :], n + 1))
        order = np.lexsort(keys, axis=-1)
        ok[rows] = np.take_along_axis(sub_ok, order, axis=1)
        xs[rows] = np.take_along_axis(sub_x, order[..., None], axis=1)
        index = np.broadcast_to(np.arange(C), (M, C)).copy()
        index[rows] = order
    count = ok.sum(axis=1)
    width = max(int(count.max(initial=0)), 1)
    game, candidate = np.nonzero(ok)
    slot = np.cumsum(ok, axis=1)[game, candidate] - 1
    probabilities = np.full((M, width, n), np.nan)
    supports = np.full((M, width, n), PADDING, dtype=np.int8)
    probabilities[game, slot] = xs[game, candidate]
    supports[game, slot] = codes[candidate if index is None else index[game, candidate]]
    return {"count": count, "probabilities": probabilities, "supports": supports}


def _solve_2x2x2(P: np.ndarray, exact: bool, tol: float, original: np.ndarray | None = None,
                 force: np.ndarray | None = None) -> dict[str, np.ndarray]:
    """Equilibria of M 2x2x2 games; ``P`` rescaled, games in ``force`` solved exactly from ``original``."""
    fast, suspect = _solve_2x2x2_fast(P, tol)
    if force is not None:
        suspect |= force
    M = len(P)
    result = dict(fast)
    result["degenerate"] = np.zeros(M, dtype=bool)
    result["continuum"] = np.zeros(M, dtype=bool)
    result["exact_path"] = suspect.copy()
    redo = np.flatnonzero(suspect)
    if redo.size == 0:
        return result
    solved = _solve_exact_group((P if original is None else original)[redo], exact, tol)
    width = max(result["probabilities"].shape[1], max((len(s[0]) for s in solved), default=1))
    probabilities = np.full((M, width, 3), np.nan)
    supports = np.full((M, width, 3), PADDING, dtype=np.int8)
    old = result["probabilities"].shape[1]
    probabilities[:, :old] = result["probabilities"]
    supports[:, :old] = result["supports"]
    count = result["count"].copy()
    for g, (found, continuum, degenerate) in zip(redo, solved):
        probabilities[g] = np.nan
        supports[g] = PADDING
        for k, x in enumerate(found):
            probabilities[g, k] = x
            supports[g, k] = [FIRST if v == 1 else SECOND if v == 0 else MIXED for v in x]
        count[g] = len(found)
        result["continuum"][g] = continuum
        result["degenerate"][g] = degenerate
    result.update(count=count, probabilities=probabilities, supports=supports)
    return result
