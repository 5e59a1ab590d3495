"""North Korea's choice of target between two allies, after Quackenbush (2006)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from trigame.games.tree import Decision, GameTree, Terminal
from trigame.models.base import Model
from trigame.models.bibliography import assumption, cite
from trigame.models.parameters import NONNEGATIVE, Scenario, parameter

__all__ = ["TargetSelection"]

JOIN, STAY_OUT = "Join", "Stay out"


@dataclass(frozen=True, kw_only=True)
class TargetSelection(Model):
    """North Korea attacks Japan, South Korea or no one; the ally not attacked joins the war or stays out.

    Quackenbush (2006) lets a challenger choose "whether and whom" to attack
    among two allies and finds that "if there is an asymmetry in
    reliability, Challenger will choose the more reliable state to attack in
    order to avoid a multilateral war", while deterrence succeeds when the
    alliance is reliable (research notes, models.md §3.5).  Here the
    challenger is North Korea and the two potential targets are Japan and
    South Korea.  They are not treaty allies of each other: each is allied with
    the United States (Cha's quasi-allies), and the United States is not a
    player here -- its alliances enter only through the costs of joining and
    staying out.  "Ally" below means a state that may join the other's war.
    Their mutual reliability is what Japan--ROK security cooperation (GSOMIA,
    ACSA, contingency planning) would build; Ryo Sahashi (East Asia Forum,
    2011) reports Hitoshi Tanaka's proposal that trilateral cooperation should
    "include the formulation of full-fledged contingency planning for the
    defence of South Korea in the advent of North Korean aggression" (Tanaka's
    words, quoted in the essay).  This is a complete-information version,
    written for trigame (constructed).

    Tree (payoffs (North Korea, Japan, South Korea))::

        North Korea
        ├── No attack ─────────── (0, 0, 0)
        ├── Attack Japan ──────── South Korea
        │                         ├── Join:     (G_J − M, −L_J, −j_K)
        │                         └── Stay out: (G_J − B, −L_J, −s_K)
        └── Attack South Korea ── Japan
                                  ├── Join:     (G_K − M, −j_J, −L_K)
                                  └── Stay out: (G_K − B, −s_J, −L_K)

    with G = ``gain_attack_*``, B = ``bilateral_war_cost``,
    M = ``multilateral_war_cost``, j = ``join_cost_*``, s = ``stay_out_cost_*``
    and L = ``war_loss_*``.

    ``TargetSelection.parameters()`` cites each essay in full (author, title,
    outlet, date; :mod:`trigame.models.bibliography`).

    Parameters
    ----------
    join_cost_japan : number >= 0, default 1
        j_J, Japan's cost of joining a war on the peninsula: the limits of its
        constitution on military action.  Cossa (c. 1999) places greater
        Japanese involvement in regional security "within the framework of
        the U.S.-Japan Mutual Security Treaty and Japan's Peace Constitution".
        (His "would raise serious constitutional issues" is about ratifying a
        formal trilateral treaty, not about joining a war, and is not cited.)
    stay_out_cost_japan : number >= 0, default 2
        s_J, Japan's cost of staying out when South Korea is attacked.  "A
        Japanese Perspective" (c. 2016): the ROK-US alliance "directly deals
        with any contingencies on the peninsula that might easily spill over
        to Japan".
    join_cost_rok : number >= 0, default 2
        j_K, South Korea's cost of joining a war against Japan's attacker.  "A
        Japanese Perspective" (c. 2016): the ROK "may give priority to
        maintaining the stability of the peninsula by avoiding armed
        conflict".
    stay_out_cost_rok : number >= 0, default 1
        s_K, South Korea's cost of staying out when Japan is attacked.  "U.S.
        Rebalancing and Japan-South Korea Defense Cooperation" (Asia Unbound,
        2012): "Japan serves as a rear base of support for U.S.troops likely
        to be involved in the defense of South Korea".
    gain_attack_japan : number >= 0, default 3
        G_J, North Korea's gain from attacking Japan.  A modelling
        assumption: no essay says what North Korea would gain by attacking
        Japan; Cossa records its acts against Japan ("The North Korean missile
        firing over Japan in August 1998"), not a gain.
    gain_attack_rok : number >= 0, default 3
        G_K, North Korea's gain from attacking South Korea.  Sahashi (2011):
        "The sinking of the Cheonan and the shelling of Yeonpyeongdo reminded
        us of the deeply-rooted risks lying in the Peninsula".
    bilateral_war_cost : number >= 0, default 2
        B, North Korea's cost of a war against the attacked state alone.  A
        modelling assumption: no essay states it; B < M is Quackenbush's
        premise that a war against both costs the challenger more.
    multilateral_war_cost : number >= 0, default 5
        M, North Korea's cost of a war against both (normally M > B).  Sahashi
        (2011), on a rationale "many argue": "weak unity among the status quo
        powers has led to insufficient deterrence against the North".
    war_loss_japan, war_loss_rok : number >= 0, default 4
        L, the attacked state's loss; it does not move, so L never changes an
        equilibrium.  Cossa (Japan): "the end of the Cold War does not mean
        the end to challenges to Japan's security"; Sahashi (ROK): "preparing
        for scenarios of full-scale North Korean aggressions".

    Reliability and defaults
    ------------------------
    An ally *is reliable* when it joins, i.e. when joining costs
    it less than staying out (j < s).  The defaults are illustrative
    (constructed): Japan reliable, South Korea not, equal gains, and
    B < G < M.  That South Korea is the less reliable of the two encodes
    "A Japanese Perspective"'s reading of Seoul's priorities (avoiding armed
    conflict), a claim of the essay, not a finding of the model.
    ``headline = ("join_cost_japan", "join_cost_rok")``: each ally's
    reliability, the variable of Quackenbush's result.

    Regimes
    -------
    By backward induction the ally not attacked joins iff j < s (either
    choice if j = s).  North Korea's value of attacking ally X is
    V_X = G_X − M if the other ally joins, G_X − B if it stays out; it
    attacks an X with the largest V_X if that is > 0, and does not attack if
    every V_X < 0.

    * **Asymmetric reliability** (one ally reliable, the other not, equal
      gains G_J = G_K = G and B < M): attacking the more reliable ally leaves
      the unreliable one out (a bilateral war, V = G − B), attacking the
      unreliable one brings in the reliable one (V = G − M < G − B).  So if
      G > B, North Korea attacks the *more reliable* ally in every SPE -- "in
      order to avoid a multilateral war"; if G < B it does not attack.
    * **Mutual reliability deters** (both reliable and M > max(G_J, G_K)):
      every attack brings a multilateral war, V_X = G_X − M < 0, and
      "No attack" is the outcome of every SPE.
    * **Neither reliable**: every war is bilateral; North Korea attacks the
      ally with the larger G_X if G_X > B.
    * **Boundaries** (j = s, or ties among 0, V_J, V_K): several SPE,
      reported with ``degenerate=True``.

    Hence neither ally wishes to be the more reliable one (Quackenbush's
    "neither Defender nor Protégé wishes to be a more reliable ally than the
    other"), and only mutual reliability -- the institutionalised
    cooperation the essays call for -- deters.

    References
    ----------
    Stephen L. Quackenbush, "Not Only Whether but Whom: Three-Party Extended
    Deterrence," *Journal of Conflict Resolution* 50(4), 2006, 562-583.

    Examples
    --------
    >>> from trigame.models import TargetSelection
    >>> [spe.choices()["North Korea@root"] for spe in TargetSelection().equilibria()]  # Japan reliable
    ['Attack Japan']
    >>> mutual = TargetSelection(join_cost_rok=0)      # both reliable, M = 5 > G = 3
    >>> [spe.choices()["North Korea@root"] for spe in mutual.equilibria()]
    ['No attack']
    """

    players = ("North Korea", "Japan", "South Korea")
    title = "North Korea's target selection between Japan and South Korea (after Quackenbush 2006)"
    headline: ClassVar[tuple[str, str]] = ("join_cost_japan", "join_cost_rok")

    join_cost_japan: float = parameter(
        default=1,
        domain=NONNEGATIVE,
        label="Japan's cost of joining",
        latex=r"j_{J}",
        description="Japan's cost of joining the war when South Korea is attacked (its constitutional limits)",
        source=cite("cossa1999", "within the framework of the U.S.-Japan Mutual Security Treaty and Japan's Peace "
                    "Constitution"),
    )
    stay_out_cost_japan: float = parameter(
        default=2,
        domain=NONNEGATIVE,
        label="Japan's cost of staying out",
        latex=r"s_{J}",
        description="Japan's cost of staying out when South Korea is attacked (spill-over, alliance damage)",
        source=cite("japanese2016", "directly deals with any contingencies on the peninsula that might easily spill "
                    "over to Japan"),
    )
    join_cost_rok: float = parameter(
        default=2,
        domain=NONNEGATIVE,
        label="ROK's cost of joining",
        latex=r"j_{K}",
        description="South Korea's cost of joining the war when Japan is attacked",
        source=cite("japanese2016", "may give priority to maintaining the stability of the peninsula by avoiding "
                    "armed conflict"),
    )
    stay_out_cost_rok: float = parameter(
        default=1,
        domain=NONNEGATIVE,
        label="ROK's cost of staying out",
        latex=r"s_{K}",
        description="South Korea's cost of staying out when Japan is attacked (losing its rear base, alliance damage)",
        source=cite("asiaunbound2012b", "Japan serves as a rear base of support for U.S.troops likely to be "
                    "involved in the defense of South Korea"),
    )
    gain_attack_japan: float = parameter(
        default=3,
        domain=NONNEGATIVE,
        label="North Korea's gain from attacking Japan",
        latex=r"G_{J}",
        description="North Korea's gain from attacking Japan",
        source=(assumption("no essay says what North Korea would gain by attacking Japan; the essays record its "
                           "acts against Japan, not a gain"),
                cite("cossa1999", "The North Korean missile firing over Japan in August 1998")),
    )
    gain_attack_rok: float = parameter(
        default=3,
        domain=NONNEGATIVE,
        label="North Korea's gain from attacking the ROK",
        latex=r"G_{K}",
        description="North Korea's gain from attacking South Korea",
        source=cite("sahashi2011", "The sinking of the Cheonan and the shelling of Yeonpyeongdo reminded us of the "
                    "deeply-rooted risks lying in the Peninsula"),
    )
    bilateral_war_cost: float = parameter(
        default=2,
        domain=NONNEGATIVE,
        label="North Korea's cost of a war on one",
        latex=r"B",
        description="North Korea's cost of a war against the attacked state alone",
        source=assumption("no essay states North Korea's cost of a war against one state alone; that it is below "
                          "the cost of a war against both is Quackenbush 2006's premise"),
    )
    multilateral_war_cost: float = parameter(
        default=5,
        domain=NONNEGATIVE,
        label="North Korea's cost of a war on both",
        latex=r"M",
        description="North Korea's cost of a war against both Japan and South Korea",
        source=cite("sahashi2011", "weak unity among the status quo powers has led to insufficient deterrence "
                    "against the North"),
    )
    war_loss_japan: float = parameter(
        default=4,
        domain=NONNEGATIVE,
        label="Japan's loss when attacked",
        latex=r"L_{J}",
        description="Japan's loss when attacked",
        source=cite("cossa1999", "the end of the Cold War does not mean the end to challenges to Japan's security"),
    )
    war_loss_rok: float = parameter(
        default=4,
        domain=NONNEGATIVE,
        label="ROK's loss when attacked",
        latex=r"L_{K}",
        description="South Korea's loss when attacked",
        source=cite("sahashi2011", "preparing for scenarios of full-scale North Korean aggressions"),
    )

    scenarios = (
        Scenario(
            "Asymmetric reliability (illustrative)",
            {},
            "Constructed values (the defaults): Japan would join a war on the peninsula, South Korea would stay "
            "out of one against Japan; North Korea attacks the more reliable ally, Japan (Quackenbush 2006). "
            "Not a historical case.",
        ),
        Scenario(
            "Mutual reliability (illustrative)",
            {"join_cost_rok": 0},
            "Constructed values: both allies would join, and a multilateral war costs North Korea more than any "
            "gain; no attack (Quackenbush 2006). Not a historical case.",
        ),
        Scenario(
            "Yeonpyeong shelling, November 2010 (illustrative)",
            {"join_cost_japan": 3},
            "Ryo Sahashi's claim ('North Korea: Why is Seoul and Tokyo Cooperation Necessary?', East Asia Forum, "
            "2011): weak unity led to insufficient deterrence, and the Yeonpyeongdo shelling is evidence of it. "
            "Constructed values: neither ally would join a war on the "
            "other (j_J = 3 > s_J = 2, j_K = 2 > s_K = 1), so each attack is worth G - B = 1 > 0 to North Korea, "
            "which attacks one ally or the other or mixes between them (a tie). The model's attack is a war, "
            "not an artillery shelling; not data.",
        ),
    )

    @staticmethod
    def payoffs(v: Any) -> GameTree:
        """The tree above, payoffs listed (North Korea, Japan, South Korea)."""
        rok_reacts = Decision("South Korea", {
            JOIN: Terminal((v.gain_attack_japan - v.multilateral_war_cost, -v.war_loss_japan, -v.join_cost_rok)),
            STAY_OUT: Terminal((v.gain_attack_japan - v.bilateral_war_cost, -v.war_loss_japan, -v.stay_out_cost_rok)),
        })
        japan_reacts = Decision("Japan", {
            JOIN: Terminal((v.gain_attack_rok - v.multilateral_war_cost, -v.join_cost_japan, -v.war_loss_rok)),
            STAY_OUT: Terminal((v.gain_attack_rok - v.bilateral_war_cost, -v.stay_out_cost_japan, -v.war_loss_rok)),
        })
        root = Decision("North Korea", {
            "No attack": Terminal((0, 0, 0)),
            "Attack Japan": rok_reacts,
            "Attack South Korea": japan_reacts,
        })
        return GameTree(root, players=TargetSelection.players, title=TargetSelection.title)
