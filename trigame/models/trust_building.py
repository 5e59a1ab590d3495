"""Trust built and lost: Japan and South Korea share intelligence, or not, period after period."""

from __future__ import annotations

import types
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, ClassVar

import numpy as np

from trigame._numbers import format_number
from trigame.errors import ParameterError, UnsupportedGameError
from trigame.games.normal_form import NormalFormGame
from trigame.games.repeated import Automaton, RepeatedGame, forgiving_trigger, grim_trigger
from trigame.models.base import Model, _either
from trigame.models.bibliography import assumption, cite
from trigame.models.parameters import NONNEGATIVE, POSITIVE, Interval, Scenario, parameter
from trigame.results.equilibrium import ResultSet

__all__ = ["ProfileCheck", "ProfileCheckSet", "TrustBuilding"]

ACTIONS = ("Share", "Withhold")
COOPERATE = ("Share", "Share")
PUNISH = ("Withhold", "Withhold")
#: A discount factor: strictly between 0 and 1.
OPEN_UNIT = Interval(0, 1, lower_open=True, upper_open=True)
#: A per-period probability that is not certain: [0, 1).
CHANCE = Interval(0, 1, upper_open=True)


@dataclass(frozen=True)
class ProfileCheck:
    """One strategy profile of the repeated game, checked at the model's values.

    Attributes
    ----------
    name : str
        The profile's name (``"grim trigger"``).
    profile : tuple of Automaton
        One automaton per player.
    subgame_perfect : bool
        The exact one-shot deviation check over every automaton state
        (:meth:`trigame.games.repeated.RepeatedGame.is_subgame_perfect`).
    payoffs : tuple
        Each player's normalised discounted payoff on the path.
    path : tuple of tuple of str
        The action profiles of the first four periods.
    """

    name: str
    profile: tuple[Automaton, ...]
    subgame_perfect: bool
    payoffs: tuple[Any, ...]
    path: tuple[tuple[str, ...], ...]

    def label(self) -> str:
        """``"grim trigger (Share/Share in every period)"``: the name and the path of play."""
        steps = ["/".join(p) for p in self.path]
        if len(set(steps)) == 1:
            return f"{self.name} ({steps[0]} in every period)"
        return f"{self.name} ({', '.join(steps)}, ...)"

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "subgame_perfect": self.subgame_perfect,
                "payoffs": [format_number(u) for u in self.payoffs], "path": [list(p) for p in self.path]}

    def __repr__(self) -> str:
        flag = "subgame-perfect" if self.subgame_perfect else "not subgame-perfect"
        return f"ProfileCheck({self.label()}: {flag}, payoffs {', '.join(format_number(u) for u in self.payoffs)})"


class ProfileCheckSet(ResultSet[ProfileCheck]):
    """The profiles of a repeated model that are subgame-perfect at its values (those checked, not every SPE)."""

    def __init__(self, found: list[ProfileCheck], *, checked: list[ProfileCheck], game: RepeatedGame,
                 notes: list[str]) -> None:
        self._equilibria = tuple(found)
        self.checked = tuple(checked)
        self.game = game
        self.method = "one-shot deviation"
        self.complete = False
        self.degenerate = False
        self.notes = tuple(notes)

    def to_json(self) -> dict[str, Any]:
        return {**self._json_fields(), "checked": [c.to_json() for c in self.checked]}

    def summary(self) -> str:
        """Every profile checked, whether it is subgame-perfect, its path and payoffs, one line each."""
        lines = [f"{len(self)} of {len(self.checked)} checked profiles subgame-perfect "
                 f"(effective discount factor {format_number(self.game.discount)}):"]
        for c in self.checked:
            flag = "subgame-perfect" if c.subgame_perfect else "not subgame-perfect"
            lines.append(f"  {c.label()}: {flag}; payoffs {', '.join(format_number(u) for u in c.payoffs)}")
        return "\n".join(lines)

    def __repr__(self) -> str:
        return self._repr_with([self.method, "the listed profiles only"])


@dataclass(frozen=True, kw_only=True)
class TrustBuilding(Model):
    """Japan and South Korea share intelligence or withhold it in every period: when is cooperation self-enforcing?

    An infinitely repeated game (perfect monitoring, discounting).  In each
    period Japan and South Korea each **Share** intelligence or **Withhold**
    it.  A partner's sharing is worth b = ``sharing_benefit``; sharing
    costs the sharer its domestic political cost h_i
    (``domestic_cost_japan``, ``domestic_cost_rok``); when both share, the
    United States' convening (the TCOG of the late 1990s) adds
    e = ``us_engagement`` to each.  Stage payoffs (Japan, South Korea)::

                      Share                          Withhold
        Share     (b − h_J + e, b − h_K + e)     (−h_J, b)
        Withhold  (b, −h_K)                      (0, 0)

    With e < h_i this is a Prisoner's Dilemma for player i.  Each period a
    *history shock* -- a textbook or territorial dispute -- ends the
    relationship for good with probability s = ``history_shock`` (both
    withhold ever after); the governments discount the future by
    δ = ``discount``.  As the payoff after a shock is the stage equilibrium's
    0, the game is the repeated game with the effective discount factor
    δ(1 − s) (random termination), which :meth:`game` builds.

    The profiles checked (:meth:`profiles`): **grim trigger** (share until
    someone withholds, then withhold for ever), a **one-period freeze**
    (withhold for one period after a lapse, then share again; a lapse in the
    freeze restarts it) and **never share**.  The essays' rise and fall of
    trilateral coordination is this game's threshold: TCOG as the "high
    water mark", "multiple false starts since 2011", the 2012 agreement's
    plug "pulled an hour prior to the signing".

    The essays are cited in full by ``TrustBuilding.parameters()``.

    Parameters
    ----------
    sharing_benefit : number > 0, default 3
        b, the value to each ally of the partner's intelligence.
    domestic_cost_japan, domestic_cost_rok : number > 0, default 1
        h_J, h_K, each government's domestic cost of sharing.
    us_engagement : number >= 0, default 0
        e, what US convening adds to each ally when both share.
    discount : number in (0, 1), default 3/5
        δ, the weight of the next period.
    history_shock : probability in [0, 1), default 0
        s, the chance each period that a history dispute ends cooperation.

    Defaults
    --------
    Illustrative: b = 3, h_J = h_K = 1, e = 0, δ = 3/5, s = 0: cooperation
    is sustained by both trigger strategies.
    ``headline = ("discount", "domestic_cost_rok")``.

    Regimes
    -------
    Write d = δ(1 − s).  By the one-shot deviation principle:

    * **grim trigger** is subgame-perfect iff d·b >= h_i − e for both allies:
      sharing for ever is worth b − h_i + e per period (normalised), a lapse
      (1 − d)·b, and the punishment (Withhold, Withhold) is a stage
      equilibrium, so it is credible;
    * the **one-period freeze** iff d·(b − h_i + e) >= h_i − e for both: a
      lapse gains h_i − e today and costs one period of cooperation,
      b − h_i + e, tomorrow;
    * **never share** is always subgame-perfect (a stage equilibrium repeated).

    At the defaults grim trigger needs d >= 1/3 and the freeze d >= 1/2.

    References
    ----------
    Dilip Abreu, David Pearce and Ennio Stacchetti, "Toward a Theory of
    Discounted Repeated Games with Imperfect Monitoring," *Econometrica*
    58(5), 1990; Drew Fudenberg and Eric Maskin, "The Folk Theorem in
    Repeated Games with Discounting or with Incomplete Information,"
    *Econometrica* 54(3), 1986; Robert Axelrod, *The Evolution of
    Cooperation*, 1984.

    Examples
    --------
    >>> from fractions import Fraction
    >>> from trigame.models.trust_building import TrustBuilding
    >>> [c.name for c in TrustBuilding().equilibria()]
    ['grim trigger', 'one-period freeze', 'never share']
    >>> [c.name for c in TrustBuilding(discount=Fraction(1, 4)).equilibria()]
    ['never share']
    """

    players: ClassVar[tuple[str, ...]] = ("Japan", "South Korea")
    title = "Trust built and lost: repeated intelligence sharing"
    headline: ClassVar[tuple[str, str]] = ("discount", "domestic_cost_rok")
    #: What ``payoffs(v)`` builds (read by the report and the command line).
    game_kind: ClassVar[str] = "repeated game"

    sharing_benefit: float = parameter(
        default=3,
        domain=POSITIVE,
        label="Value of the partner's intelligence",
        latex=r"b",
        description="the value to each ally of the partner's shared intelligence, per period",
        source=cite("asiaunbound2012a", "Korean and Japanese equipped Aegis destroyers independently tracked North "
                    "Korea’s multi-stage rocket, but were unable to share data with each other"),
    )
    domestic_cost_japan: float = parameter(
        default=1,
        domain=POSITIVE,
        label="Japan's domestic cost of sharing",
        latex=r"h_J",
        description="Japan's domestic political cost of sharing, per period",
        source=cite("asiaunbound2012b", "has had this U.S. push come into conflict with nationalists in both "
                    "countries"),
    )
    domestic_cost_rok: float = parameter(
        default=1,
        domain=POSITIVE,
        label="ROK domestic cost of sharing",
        latex=r"h_K",
        description="South Korea's domestic political cost of sharing, per period",
        source=cite("asiaunbound2012a", "textbook and territorial issues surrounding Tokdo/Takeshima again emerged "
                    "to turn Korean public opinion negative toward cooperation with Japan"),
    )
    us_engagement: float = parameter(
        default=0,
        domain=NONNEGATIVE,
        label="Value of US convening",
        latex=r"e",
        description="what US convening adds to each ally, per period, when both share",
        source=cite("cossa1999", "The creation of the Trilateral Coordination and Oversight Group (TCOG) has helped "
                    "to institutionalize this three-way cooperation"),
    )
    discount: float = parameter(
        default=Fraction(3, 5),
        domain=OPEN_UNIT,
        label="Discount factor",
        latex=r"\delta",
        description="the weight each government gives the next period (the shadow of the future)",
        source=assumption("the essays give no number; the weight of future cooperation in a repeated game"),
    )
    history_shock: float = parameter(
        default=0,
        domain=CHANCE,
        label="Chance of a history shock",
        latex=r"s",
        description="the chance each period that a history dispute ends cooperation for good",
        source=cite("asiaunbound2012a", "serving to stall potential progress in institutionalizing Japan-ROK "
                    "defense cooperation"),
    )

    scenarios = (
        Scenario(
            "TCOG: the high water mark, 1999 (illustrative)",
            {"us_engagement": 1},
            "US convening (e = 1 = h) makes joint sharing a stage equilibrium: grim trigger holds for every "
            "discount factor. Constructed values, not data.",
        ),
        Scenario(
            "TCOG ceases to function, 2001 (illustrative)",
            {"discount": Fraction(1, 4)},
            "No US convening (e = 0) and a short shadow of the future (delta = 1/4 < 1/3): neither trigger "
            "sustains sharing; only never share remains. Constructed values, not data.",
        ),
        Scenario(
            "North Korea's missile launch, 2009 (illustrative)",
            {},
            "The claim of 'Is It Time for the U.S.-Japan-South Korea Virtual Alliance to Get Real?' (Asia Unbound, "
            "17 Jan 2012): the need for sharing emerged most clearly after North Korea's missile launch in 2009, "
            "when Korean and Japanese Aegis destroyers tracked the rocket but could not share data. "
            "Constructed values (the defaults, b = 3, h = 1, delta = 3/5): grim trigger and the one-period freeze "
            "are subgame-perfect, and so is never share; 2009 reads as play on the never-share equilibrium when "
            "sharing could have been self-enforcing (a missing agreement, not missing incentives). Not data.",
        ),
        Scenario(
            "Textbook and Tokdo/Takeshima disputes, 2011 (illustrative)",
            {"history_shock": Fraction(1, 2)},
            "A history shock each period with probability 1/2 cuts the effective discount to 3/10 < 1/3: "
            "cooperation unravels. Constructed values, not data.",
        ),
        Scenario(
            "GSOMIA pulled, June 2012 (illustrative)",
            {"domestic_cost_rok": 2},
            "Seoul's domestic cost h_K = 2 needs delta >= 2/3 under grim trigger, above 3/5: the ROK lapses. "
            "Constructed values, not data.",
        ),
        Scenario(
            "Abe-Park summit, November 2015 (illustrative)",
            {"sharing_benefit": 4},
            "A more provocative North Korea raises the value of shared intelligence (b = 4): grim trigger "
            "needs only delta >= 1/4, the freeze delta >= 1/3. Constructed values, not data.",
        ),
    )

    @staticmethod
    def stage(v: Any) -> NormalFormGame:
        """The stage game at values ``v`` (numbers or SymPy symbols)."""
        b, e = v.sharing_benefit, v.us_engagement
        h = (v.domestic_cost_japan, v.domestic_cost_rok)

        def payoff(i: int, me: str, other: str) -> Any:
            value = (b if other == "Share" else 0) - (h[i] if me == "Share" else 0)
            return value + e if me == other == "Share" else value

        japan = [[payoff(0, a, o) for o in ACTIONS] for a in ACTIONS]
        rok = [[payoff(1, o, a) for o in ACTIONS] for a in ACTIONS]
        return NormalFormGame.from_arrays(japan, rok, players=["Japan", "South Korea"],
                                          strategies=[list(ACTIONS), list(ACTIONS)],
                                          title="Intelligence sharing (stage game)")

    @staticmethod
    def payoffs(v: Any) -> RepeatedGame:
        """The repeated game: the stage game with the effective discount factor δ(1 − s)."""
        return RepeatedGame(TrustBuilding.stage(v), v.discount * (1 - v.history_shock))

    @staticmethod
    def profiles(stage: NormalFormGame) -> dict[str, tuple[Automaton, ...]]:
        """``{name: one automaton per player}``: the strategy profiles the model checks."""
        never = tuple(Automaton(["withhold"], "withhold", {"withhold": "Withhold"}, {}, name="never share")
                      for _ in range(2))
        return {"grim trigger": grim_trigger(stage, COOPERATE, PUNISH),
                "one-period freeze": forgiving_trigger(stage, COOPERATE, PUNISH, k=1),
                "never share": never}

    def checks(self) -> list[ProfileCheck]:
        """Every profile of :meth:`profiles`, checked for subgame perfection at the instance's values."""
        game = self.game()
        out = []
        for name, profile in self.profiles(game.stage).items():
            out.append(ProfileCheck(name, profile, game.is_subgame_perfect(profile), game.values(profile),
                                    tuple(game.path(profile, 4))))
        return out

    def equilibria(self, **options: Any) -> ProfileCheckSet:  # type: ignore[override]
        """The profiles of :meth:`profiles` that are subgame-perfect at the instance's values.

        Not every subgame-perfect equilibrium of the repeated game: the set of
        all pure-strategy SPE payoffs is :func:`trigame.solve.repeated.equilibrium_payoffs`.
        """
        if options:
            raise ParameterError(f"TrustBuilding.equilibria takes no options, got {sorted(options)}")
        checked = self.checks()
        found = [c for c in checked if c.subgame_perfect]
        notes = [f"{c.name} is not subgame-perfect here" for c in checked if not c.subgame_perfect]
        notes.append("only the profiles listed are checked; the set of every pure-strategy SPE payoff is "
                     "trigame.solve.repeated.equilibrium_payoffs(model.game())")
        return ProfileCheckSet(found, checked=checked, game=self.game(), notes=notes)

    def effective_discount(self) -> Any:
        """δ(1 − s): the discount factor of the repeated game once history shocks are priced in."""
        return self.discount * (1 - self.history_shock)

    @_either
    def describe(self) -> str:
        """The stage game (symbolic, and at the values), the effective discount factor, parameters and scenarios."""
        cls = self if isinstance(self, type) else type(self)
        instance = cls() if isinstance(self, type) else self
        base: Any = Model.__dict__["describe"]
        text: str = base.func(self)
        head, _, rest = text.partition("\nParameters:")
        import sympy

        shown = types.SimpleNamespace(**{p.name: sympy.Symbol(p.unicode, positive=True) for p in cls.parameters()})
        lines = [head.splitlines()[0], "",
                 "A repeated game, perfect monitoring, effective discount factor "
                 f"{str(shown.discount * (1 - shown.history_shock)).replace('*', '·')} (s: the chance of a history "
                 "shock).",
                 "The stage game (Japan's payoff first):",
                 *("  " + row for row in cls.stage(shown).table().splitlines()),
                 "", f"At the values below (effective discount factor {format_number(instance.game().discount)}):",
                 *("  " + row for row in instance.game().stage.table().splitlines()), ""]
        return "\n".join(lines) + "\nParameters:" + rest

    @_either
    def payoff_tensor(self, **values: Any) -> np.ndarray:
        """Not available: the game is repeated, not a table (the values are validated first).

        Raises
        ------
        UnsupportedGameError
            Always, after validation: the stage game is ``TrustBuilding.stage``, and
            ``trigame.statics.repeated.repeated_regimes`` gives the conditions over the discount factor.
        """
        cls, given, _ = self._split(values)
        for p in cls.parameters():
            if p.name in given:
                p.validate_array(given[p.name], cls.__name__)
        raise UnsupportedGameError(
            f"{cls.__name__}: a repeated game has no payoff tensor; its stage game is {cls.__name__}.stage(values), "
            "and trigame.statics.repeated.repeated_regimes gives each profile's condition on the discount factor")
