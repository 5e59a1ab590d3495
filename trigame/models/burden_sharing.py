"""Burden sharing: the United States, Japan and South Korea contribute to the common defence, a public good."""

from __future__ import annotations

import types
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, ClassVar

import numpy as np

from trigame.errors import UnsupportedGameError
from trigame.games.continuous import ContinuousGame
from trigame.models.base import Model, _either
from trigame.models.bibliography import assumption, cite
from trigame.models.parameters import POSITIVE, Interval, Scenario, parameter

__all__ = ["BurdenSharing"]

#: A share of a budget paid as host-nation support: at least 0, below 1 (the host keeps something to spend).
SHARE = Interval(0, 1, upper_open=True)


@dataclass(frozen=True, kw_only=True)
class BurdenSharing(Model):
    """The United States, Japan and South Korea choose how much to spend on a common defence, a public good.

    A continuous game (Olson & Zeckhauser 1966; Bergstrom, Blume & Varian
    1986).  Each ally i has a defence budget Y_i and spends a level
    q_i in [0, Y_i'] on the common defence; the alliance's security is the sum
    Q = q_US + q_J + q_K, enjoyed by all three, and what an ally does not spend
    it keeps for other uses.  Payoffs, with θ = ``consumption_weight``::

        u_i = ln Q + θ · ln(Y_i' − q_i)

    Host-nation support is a transfer: Japan pays the share s_J =
    ``host_support_japan`` of its budget, and South Korea s_K =
    ``host_support_rok`` of its own, to the United States for the forces it
    stations in them, so that Y_J' = (1 − s_J) Y_J, Y_K' = (1 − s_K) Y_K and
    Y_US' = Y_US + s_J Y_J + s_K Y_K.  Essay 004 asks the three to "utilize
    the two alliances and trilateral cooperation as international public
    goods" and the host governments to "make their best efforts to smoothly
    host US service members"; essay 003 expects "U.S. fiscal constraints" to
    "presage tougher negotiations over South Korean support for the U.S.
    presence".

    The game is solved by :func:`trigame.solve.continuous.continuous_equilibria`
    (every binding pattern -- who contributes, who spends nothing -- with
    the first-order conditions solved exactly), each equilibrium proved a
    global best response; the equilibrium is unique (Bergstrom, Blume &
    Varian 1986).

    The essays are cited in full by ``BurdenSharing.parameters()``.

    Parameters
    ----------
    income_us, income_japan, income_rok : number > 0, defaults 20, 5, 2
        The allies' defence budgets Y_US, Y_J, Y_K (illustrative, roughly in
        the ratio of the three economies; not data).
    consumption_weight : number > 0, default 1/5
        θ, the weight of what an ally keeps against the common security.
    host_support_japan, host_support_rok : share in [0, 1), default 0
        s_J, s_K: the share of its budget each host pays the United States.

    Defaults
    --------
    Illustrative: Y = (20, 5, 2), θ = 1/5, no host-nation support.
    ``headline = ("consumption_weight", "host_support_rok")``.

    Regimes
    -------
    A contributor's first-order condition 1/Q = θ/(Y_i' − q_i) gives
    q_i = Y_i' − θQ; with the set S of k contributors,
    Q = Y_S'/(1 + kθ) (Y_S' their budgets' sum), and an ally j outside S
    spends nothing exactly when Y_j' <= θQ.  Each payoff is strictly concave
    in the ally's own level, so these conditions are also sufficient.  At
    the default budgets (no support):

    * **the United States alone** when θ >= 1/3 (Japan's 5 <= θ · 20/(1 + θ));
    * **the United States and Japan** when 2/21 <= θ <= 1/3 (at the defaults:
      Q = 125/7, q = (115/7, 10/7, 0));
    * **all three** when θ < 2/21.

    The small allies free-ride on the large one: "the exploitation of the
    great by the small" (Olson & Zeckhauser 1966).  Among contributors,
    host-nation support leaves Q unchanged -- the host's own spending falls
    by what it pays (Warr 1983's neutrality); paid by an ally that spends
    nothing of its own, it raises Q.

    References
    ----------
    Mancur Olson and Richard Zeckhauser, "An Economic Theory of Alliances,"
    *Review of Economics and Statistics* 48(3), 1966.  Theodore Bergstrom,
    Lawrence Blume and Hal Varian, "On the Private Provision of Public
    Goods," *Journal of Public Economics* 29, 1986.  Peter G. Warr, "The
    Private Provision of a Public Good Is Independent of the Distribution of
    Income," *Economics Letters* 13, 1983.

    Examples
    --------
    >>> from trigame.models.burden_sharing import BurdenSharing
    >>> [e.label() for e in BurdenSharing().equilibria()]
    ['United States: 115/7, Japan: 10/7, South Korea: 0']
    """

    players: ClassVar[tuple[str, ...]] = ("United States", "Japan", "South Korea")
    title = "Burden sharing of the common defence"
    headline: ClassVar[tuple[str, str]] = ("consumption_weight", "host_support_rok")
    #: What ``payoffs(v)`` builds (read by the report and the command line).
    game_kind: ClassVar[str] = "continuous game"

    income_us: float = parameter(
        default=20,
        domain=POSITIVE,
        label="US defence budget",
        latex=r"Y_U",
        description="the United States' budget for the common defence and other uses (illustrative)",
        source=cite("asiaunbound2012a", "especially in a fiscally constrained environment where cooperation might "
                    "be the best way to meet respective defense needs"),
    )
    income_japan: float = parameter(
        default=5,
        domain=POSITIVE,
        label="Japan's defence budget",
        latex=r"Y_J",
        description="Japan's budget for the common defence and other uses (illustrative)",
        source=cite("asiaunbound2012a", "especially in a fiscally constrained environment where cooperation might "
                    "be the best way to meet respective defense needs"),
    )
    income_rok: float = parameter(
        default=2,
        domain=POSITIVE,
        label="ROK defence budget",
        latex=r"Y_K",
        description="South Korea's budget for the common defence and other uses (illustrative)",
        source=cite("asiaunbound2012a", "especially in a fiscally constrained environment where cooperation might "
                    "be the best way to meet respective defense needs"),
    )
    consumption_weight: float = parameter(
        default=Fraction(1, 5),
        domain=POSITIVE,
        label="Weight of private uses",
        latex=r"\theta",
        description="the weight of what an ally keeps for other uses against the security all three share",
        source=[cite("japanese2016", "utilize the two alliances and trilateral cooperation as international "
                     "public goods"),
                assumption("the Cobb-Douglas form of the public good (Olson and Zeckhauser 1966) and its weight")],
    )
    host_support_japan: float = parameter(
        default=0,
        domain=SHARE,
        label="Japan's host-nation support",
        latex=r"s_J",
        description="the share of Japan's budget paid to the United States for the forces it hosts",
        source=cite("japanese2016", "the Korean and Japanese governments have to make their best efforts to "
                    "smoothly host US service members"),
    )
    host_support_rok: float = parameter(
        default=0,
        domain=SHARE,
        label="ROK host-nation support",
        latex=r"s_K",
        description="the share of South Korea's budget paid to the United States for the forces it hosts",
        source=cite("asiaunbound2012b", "U.S. fiscal constraints might presage tougher negotiations over South "
                    "Korean support for the U.S. presence"),
    )

    scenarios = (
        Scenario(
            "Free riding of the small (illustrative)",
            {},
            "The defaults: the United States and Japan contribute, South Korea spends nothing of its own "
            "(theta = 1/5 lies between 2/21 and 1/3). Constructed values, not data.",
        ),
        Scenario(
            "Everyone contributes (illustrative)",
            {"consumption_weight": Fraction(1, 20)},
            "Security weighs heavily (theta = 1/20 < 2/21): all three contribute, Q = 540/23. Constructed "
            "values, not data.",
        ),
        Scenario(
            "Tougher host-nation support talks, 2013 (illustrative)",
            {"host_support_rok": Fraction(1, 4)},
            "Essay 003 (July 2012) expects US fiscal constraints to bring tougher talks 'next year' on South "
            "Korea's support for US forces. Paid by an ally that spends nothing of its own, the support raises "
            "total provision: Q = 25.5/1.4 = 255/14 against 125/7. Constructed values, not data.",
        ),
        Scenario(
            "Japan's host-nation support among contributors (illustrative)",
            {"host_support_japan": Fraction(1, 5)},
            "Japan, a contributor, pays 1/5 of its budget as host-nation support: its own spending falls by "
            "exactly that, and Q is unchanged at 125/7 (Warr neutrality). Constructed values, not data.",
        ),
    )

    @staticmethod
    def payoffs(v: Any) -> ContinuousGame:
        """The continuous game: budgets after host-nation support, levels in [0, budget], log utilities."""
        import sympy

        paid_japan = v.host_support_japan * v.income_japan
        paid_rok = v.host_support_rok * v.income_rok
        budgets = {"United States": v.income_us + paid_japan + paid_rok,
                   "Japan": v.income_japan - paid_japan,
                   "South Korea": v.income_rok - paid_rok}
        weight = v.consumption_weight
        names = list(budgets)

        def utility(q: dict[str, Any]) -> list[Any]:
            total = sum(q.values())
            return [sympy.log(total) + weight * sympy.log(budgets[p] - q[p]) for p in names]

        return ContinuousGame(names, {p: (0, budgets[p]) for p in names}, utility,
                              title="Burden sharing of the common defence")

    def equilibria(self, *, method: str = "auto", **options: Any) -> Any:  # type: ignore[override]
        """The Nash equilibria of the continuous game (:func:`trigame.solve.continuous.continuous_equilibria`).

        ``method`` and the budget options (``max_patterns``, ``max_degree``, ``tol``, ...) are passed on.
        """
        from trigame.solve.continuous import continuous_equilibria

        return continuous_equilibria(self.game(), method=method, **options)

    def budgets(self) -> dict[str, Any]:
        """``{ally: budget after host-nation support}``, the upper bound of each level."""
        return {p: high for p, (_, high) in self.game().strategies.items()}

    @_either
    def describe(self) -> str:
        """The payoffs (symbolic, and at the values), the intervals, the parameters and the scenarios, as text."""
        cls = self if isinstance(self, type) else type(self)
        instance = cls() if isinstance(self, type) else self
        base: Any = Model.__dict__["describe"]
        text: str = base.func(self)
        head, _, rest = text.partition("\nParameters:")
        lines = [head.splitlines()[0], "", "A continuous game; each ally chooses a level in an interval:"]
        import sympy

        shown = types.SimpleNamespace(**{p.name: sympy.Symbol(p.unicode, positive=True) for p in cls.parameters()})
        for name, game in (("", cls.payoffs(shown)), ("At the values below:", instance.game())):
            if name:
                lines += ["", name]
            for player, (low, high) in game.strategies.items():
                lines.append(f"  {player} in [{low}, {high}], payoff {game.payoff(player)}")
        return "\n".join(lines) + "\n\nParameters:" + rest

    @_either
    def payoff_tensor(self, **values: Any) -> np.ndarray:
        """Not available: the allies choose levels in intervals, so there is no table of payoffs.

        The values are validated first (a bad name or value raises :class:`~trigame.errors.ParameterError`).

        Raises
        ------
        UnsupportedGameError
            Always, after validation: use ``statics.continuous.level_curves`` for batches.
        """
        cls, given, _ = self._split(values)
        for p in cls.parameters():
            if p.name in given:
                p.validate_array(given[p.name], cls.__name__)
        raise UnsupportedGameError(
            f"{cls.__name__}: a continuous game has no payoff tensor (its strategies are intervals); sweep its "
            "equilibrium levels with trigame.statics.continuous.level_curves or binding_map")

