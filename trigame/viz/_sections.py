"""One model's section of the report, as Markdown: parameters, equilibria, regimes and region map.

:func:`_model_section` solves, analyses and draws one model (in a worker
process when the report runs several at once) and returns its Markdown, its
row of the summary table, a line for the terminal and the problems met; a
section that cannot be produced (a model whose regimes cannot be derived
symbolically, say) says so in the text instead of failing the report.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from trigame.errors import UnsupportedGameError
from trigame.results.bayesian import BayesianEquilibriumSet
from trigame.results.equilibrium import EquilibriumSet
from trigame.results.perfect_bayesian import PerfectBayesianSet
from trigame.viz._markdown import _cell, _number, _Section, _slug, _table, _values_text
from trigame.viz.catalogue import find_model, game_kind, headline, instances, map_range, summary_line
from trigame.viz.figures import draw_region_map, use_offscreen_backend
from trigame.viz.solutions import OFF_PATH_CHOICE, ModelSolution, solve_model

if TYPE_CHECKING:
    from trigame.models.base import Model


# ---------------------------------------------------------------------------- Markdown helpers
def _flags(result: Any, what: str) -> str:
    text = "complete" if result.complete else "**not guaranteed complete**"
    if result.degenerate:
        text += (
            "; degenerate: a continuum of equilibria, the extreme points are listed" if what == "nash"
            else "; degenerate: mixtures of the listed choices are subgame-perfect too"
        )
    return text


_SPE_MARK = {True: "yes", False: "**no**", None: "undetermined (correlated mixture)"}


def _solution_lines(solution: ModelSolution) -> list[str]:
    lines: list[str] = []
    players = solution.nash.game.players
    if solution.subgame_perfect is not None:
        spes = solution.subgame_perfect
        lines += [f"{len(spes)} subgame-perfect equilibri{'um' if len(spes) == 1 else 'a'} "
                  f"({_flags(spes, 'spe')}):", ""]
        rows = []
        for k, spe in enumerate(spes, start=1):
            path = "; ".join(f"{' > '.join(p)} ({_number(q)})" if q != 1 else " > ".join(p)
                             for p, q in spe.outcomes.items())
            rows.append([k, spe.label(), path, ", ".join(f"{p} {_number(u)}" for p, u in zip(players, spe.payoffs))])
        lines += _table(["#", "behaviour at every information set", "path of play", "payoffs"], rows)
        lines.append("")
        scope = "pure " if solution.nash_scope == "pure" else ""
        if solution.differ:
            lines += [f"The {scope}Nash equilibria of the strategic form; each that is not subgame-perfect rests on "
                      f"{OFF_PATH_CHOICE}:", ""]
        else:
            lines += [f"Every {scope}Nash equilibrium of the strategic form is subgame-perfect:", ""]
    nash = solution.nash
    if isinstance(nash, BayesianEquilibriumSet):
        return _bayesian_lines(nash)
    if solution.nash_scope == "pure":
        lines += [f"{len(nash)} pure Nash equilibri{'um' if len(nash) == 1 else 'a'} (all the pure ones; "
                  f"`trigame solve {type(solution.model).__name__} --nash` lists the mixed ones too):", ""]
    else:
        what = "perfect Bayesian" if isinstance(nash, PerfectBayesianSet) else "Nash"  # signalling models
        lines += [f"{len(nash)} {what} equilibri{'um' if len(nash) == 1 else 'a'} ({_flags(nash, 'nash')}):", ""]
    if len(nash) > GROUP_ABOVE:
        lines += _grouped_rows(solution)
    else:
        header = ["#", "equilibrium", "payoffs"]
        if solution.subgame_perfect is not None:
            header.append("subgame-perfect")
        rows = []
        for k, eq in enumerate(nash, start=1):
            row: list[Any] = [k, eq.label(), ", ".join(f"{p} {_number(u)}" for p, u in zip(players, eq.payoffs))]
            if solution.subgame_perfect is not None:
                row.append(_SPE_MARK[solution.nash_is_subgame_perfect[k - 1]])
            rows.append(row)
        lines += _table(header, rows)
    notes = [] if solution.nash_scope == "pure" else list(nash.notes)
    notes += list(solution.subgame_perfect.notes) if solution.subgame_perfect else []
    lines += [""] + [f"> {note}" for note in notes] + ([""] if notes else [])
    return lines


#: A table of more Nash equilibria than this is grouped by payoffs, one row per group.
GROUP_ABOVE = 12


def _grouped_rows(solution: ModelSolution) -> list[str]:
    """Many Nash equilibria, one row per payoff vector: how many, how many subgame-perfect, one example."""
    nash = solution.nash
    assert isinstance(nash, EquilibriumSet)  # Bayesian sets have their own table
    players = nash.game.players
    groups: dict[tuple[str, ...], list[int]] = {}
    for k, eq in enumerate(nash):
        groups.setdefault(tuple(_number(u) for u in eq.payoffs), []).append(k)
    header = ["payoffs", "equilibria", "example"]
    if solution.subgame_perfect is not None:
        header.insert(2, "subgame-perfect")
    rows = []
    for payoffs, members in groups.items():
        row: list[Any] = [", ".join(f"{p} {u}" for p, u in zip(players, payoffs)), len(members)]
        if solution.subgame_perfect is not None:
            flags = [solution.nash_is_subgame_perfect[k] for k in members]
            undetermined = sum(f is None for f in flags)
            row.append(f"{sum(f is True for f in flags)}" + (f" ({undetermined} undetermined)" if undetermined else ""))
        row.append(nash[members[0]].label())
        rows.append(row)
    intro = [f"Grouped by payoffs ({len(groups)} groups); `trigame solve {type(solution.model).__name__} --verbose` "
             "lists each equilibrium:", ""]
    return intro + _table(header, rows)


def _bayesian_lines(bnes: BayesianEquilibriumSet) -> list[str]:
    """A Bayesian model's equilibria: each type's behaviour, the ex-ante payoffs and each type's interim payoff."""
    game = bnes.game
    lines = [f"{len(bnes)} Bayesian Nash equilibri{'um' if len(bnes) == 1 else 'a'} ({_flags(bnes, 'nash')}):", ""]
    rows = []
    for k, eq in enumerate(bnes, start=1):
        interim = "; ".join(f"{p}{'' if len(game.types[p]) == 1 else ' if ' + t} {_number(u)}"
                            for p, own in eq.interim.items() for t, u in own.items())
        rows.append([k, eq.label(), ", ".join(f"{p} {_number(u)}" for p, u in zip(game.players, eq.payoffs)),
                     interim])
    lines += _table(["#", "equilibrium (each type's choice)", "ex-ante payoffs", "payoffs by type (interim)"], rows)
    lines += [""] + [f"> {note}" for note in bnes.notes] + ([""] if bnes.notes else [])
    return lines


def _short(solution: ModelSolution) -> str:
    """One line for the terminal: the equilibria, pure ones named."""
    if solution.subgame_perfect is not None:
        spes = solution.subgame_perfect
        scope = "pure " if solution.nash_scope == "pure" else ""
        text = f"{len(spes)} SPE"
        if solution.differ:
            others = sum(f is not True for f in solution.nash_is_subgame_perfect)
            text += f"; {len(solution.nash)} {scope}NE, {others} of them not subgame-perfect"
        return text
    pure = [eq.label() for eq in solution.nash if eq.is_pure]
    mixed = len(solution.nash) - len(pure)
    parts = [f"({p})" for p in pure] + ([f"{mixed} mixed"] if mixed else [])
    what = ("BNE" if isinstance(solution.nash, BayesianEquilibriumSet)
            else "PBE" if isinstance(solution.nash, PerfectBayesianSet) else "NE")
    return f"{len(solution.nash)} {what}: " + "; ".join(parts)


# ---------------------------------------------------------------------------- the report
#: Grid points per axis at most for a signalling model's map.  Its sweep solves every point apart (tens of
#: milliseconds each), while the regions and boundaries drawn come from the exact regime map on the figure's own
#: fine mesh; the grid checks that map point by point and gives the shares of the table (the caption says its size).
SIGNALLING_GRID = 31


def _region_map(model: type[Model], out_dir: Path, resolution: int) -> tuple[str, list[tuple[str, float]], str]:
    """Draw the headline region map; return (file name, [(equilibrium set, share of the grid)], caption)."""
    import matplotlib.pyplot as plt
    import numpy as np

    from trigame.statics import sweep

    parameters = {p.name: p for p in model.parameters()}
    x, y = headline(model)[:2]
    bayesian = game_kind(model) == "Bayesian game"
    # A signalling model's equilibrium sets name every information set: its map shows their outcomes instead.
    by_outcome = game_kind(model) == "signalling game"
    if by_outcome:
        resolution = min(resolution, SIGNALLING_GRID)
    grid = {}
    inside = []
    for name in (x, y):
        lo, hi = map_range(parameters[name], resolution, model)
        domain = parameters[name].domain
        if bayesian and (domain.lower, domain.upper) == (0, 1):
            # A prior of 0 or 1 leaves a type without an agent: its behaviour is arbitrary there (a degenerate
            # point showing the solver's representative), so the map keeps to the open interval.
            step = (hi - lo) / (resolution + 1)
            lo, hi = lo + step, hi - step
            inside.append(name)
        grid[name] = np.linspace(lo, hi, resolution)
    result = sweep(model, grid=grid, progress=False)
    ax, note = draw_region_map(result, x, y, **({"by": "outcome"} if by_outcome else {}))
    name = f"{_slug(model.__name__)}-{_slug(x)}-{_slug(y)}.png"
    ax.figure.savefig(out_dir / name, dpi=110, bbox_inches="tight")
    ax.figure.savefig((out_dir / name).with_suffix(".pdf"), bbox_inches="tight")
    plt.close(ax.figure)
    # The map of a sequential model shows the outcomes (paths of play) of its equilibria; its table follows it.
    if not result.paths and not by_outcome:
        codes, label_set = result.label_codes.ravel(), result.label_set
    else:
        codes, label_set = result.outcome_label_codes.ravel(), result.outcome_label_set
    shares = [(label, float((codes == k).mean())) for k, label in enumerate(label_set)]
    axes = (f"{x} from {_number(grid[x][0])} to {_number(grid[x][-1])}, {y} from {_number(grid[y][0])} to "
            f"{_number(grid[y][-1])} ({resolution} x {resolution} points); the other parameters at their defaults"
            + (f"; {' and '.join(inside)} kept inside (0, 1), where every type has positive probability"
               if inside else "")
            + (f"; {note}" if note else ""))
    return name, shares, axes



def regime_label(regime: Any, names: Any) -> str:
    """A regime's label as the report and ``trigame regimes`` write it: the solver's label (``mixed:``, a
    signalling equilibrium's kind, its separators) written with each probability in the parameters' symbols
    (``k_J/g Cooperate``, not ``domestic_cost_japan/cooperation_gain Cooperate``)."""
    from trigame.statics._pbe_regimes import _value_label
    from trigame.statics._regime_kinds import value_label
    from trigame.statics.conditions import to_unicode

    def number(p: Any) -> str:
        return to_unicode(p, names)

    eq = regime.equilibrium
    if regime.kind == "perfect_bayesian":
        return _value_label(eq.kind, eq.behavior, number)
    if regime.kind in ("nash", "subgame_perfect"):
        return value_label(eq, number)
    return str(regime.label)  # a repeated model's profile: a name


def _regime_lines(model: type[Model]) -> tuple[list[str], str]:
    """The model's regimes with their conditions (trigame.statics.regimes), as Markdown, and as LaTeX propositions."""
    from trigame.statics import regimes

    found = regimes(model)
    what = {"nash": "Nash", "subgame_perfect": "subgame-perfect", "perfect_bayesian": "perfect Bayesian"}[found.kind]
    agents = ""
    if game_kind(model) == "Bayesian game":
        what = "Bayesian Nash"
        agents = " (each named by the choice of every type agent `player@type`, a player of the type-agent form)"
    lines = [f"Every {what} equilibrium{agents} as a function of the parameters, with the condition (on the "
             "parameters' domains) under which it exists:", ""]
    lines += ["Symbols: " + "; ".join(f"{found.display_names[n][1]} = {found.display_labels[n]} (`{n}`)"
                                      for n in found.parameters) + ".", ""]
    rows = [[k, regime_label(regime, found.display_names), regime.condition_text]
            for k, regime in enumerate(found, start=1)]
    lines += _table(["#", "equilibrium", "exists when"], rows)
    lines += [""] + [f"> {_abridged(note)}" for note in found.human_notes()]
    return lines, found.to_latex()


def _abridged(note: str, limit: int = 400) -> str:
    """A note cut to ``limit`` characters (long conditions are kept whole in ``regimes(...).notes``)."""
    note = " ".join(note.split())
    if len(note) <= limit:
        return note
    return note[:limit].rstrip() + " … (the full condition is in `trigame.statics.regimes(Model).notes`)"


def _game_lines(model: type[Model]) -> list[str]:
    """The game in the parameters' symbols: a payoff table, or the tree (a Bayesian game's Harsanyi tree)."""
    from trigame.games.normal_form import NormalFormGame

    try:
        game = model.symbolic_game()
    except Exception:  # a game the symbolic layer cannot build: the text says so, the rest of the section goes on
        return ["(The game cannot be written over symbols; `trigame describe` shows it at the defaults.)"]
    names = {p.name: p.unicode for p in model.parameters()}

    def symbols(text: str) -> str:
        return re.sub(r"\b(" + "|".join(map(re.escape, sorted(names, key=len, reverse=True))) + r")\b",
                      lambda m: names[m.group(1)], text) if names else text

    if isinstance(game, NormalFormGame):
        import numpy as np

        text = "\n".join(
            ", ".join(s[k] for s, k in zip(game.strategies, index)) + ": ("
            + ", ".join(str(game.payoffs[i][index]) for i in range(game.n_players)) + ")"
            for index in np.ndindex(*game.shape))
        intro = f"Payoffs of ({', '.join(game.players)}) at each profile, in the parameters' symbols:"
    else:
        tree = game.to_tree() if hasattr(game, "to_tree") else game
        text = tree.text()
        intro = f"The game tree, payoffs in the order ({', '.join(tree.players)}), in the parameters' symbols:"
    return [intro, "", "```text", symbols(text), "```"]


def _model_section(model_name: str, folder: Path, resolution: int) -> _Section:
    """Solve, analyse and draw one model; return its Markdown section (figures are written to ``folder``)."""
    import time

    start = time.process_time()
    use_offscreen_backend()
    model = find_model(model_name)
    problems: list[str] = []
    kind = game_kind(model)
    if kind in ("continuous game", "repeated game"):  # levels or repeated play: their own tables and maps
        from trigame.viz._sections_kinds import _kind_section

        return _kind_section(model, folder, resolution)
    lines = [f"## {model.__name__}", "", f"*{summary_line(model)}*", ""]
    lines += [f"{model.title or model.__name__} ({kind}; players: {', '.join(model().players)}).", ""]
    lines += ["### Parameters", ""]
    lines += _table(["symbol", "parameter", "default", "domain", "meaning"],
                    [[p.unicode, f"{p.label} (`{p.name}`)", _number(p.default), str(p.domain), p.description]
                     for p in model.parameters()])
    lines += ["", "### The game", "", *_game_lines(model)]
    lines += ["", "### Equilibria", ""]
    points = instances(model)
    defaults = points["defaults"]
    first = ""
    shown: dict[str, str] = {}  # a table already in the section -> where
    for name, instance in points.items():
        solution = solve_model(instance, nash="pure")
        if name == "defaults":
            first = _short(solution)
            lines += ["#### At the defaults", "", _values_text(instance), ""]
            where = "at the defaults"
        else:
            scenario = next(s for s in model.scenarios if s.name == name)
            values = _values_text(instance, defaults)
            lines += [f"#### Preset: {name}", "", f"Values: {values}.", ""]
            if scenario.description:
                lines += [scenario.description, ""]
            where = f"at the preset {name}"
        table = "\n".join(_solution_lines(solution))
        if table in shown:
            lines += [f"The equilibria are those {shown[table]} above.", ""]
        else:
            shown[table] = where
            lines += table.split("\n")
    lines += ["### Regimes", ""]
    latex = ""
    try:
        regime_lines, latex = _regime_lines(model)
        lines += regime_lines
    except UnsupportedGameError as exc:  # a known limit of the symbolic layer, said in the text: not a failure
        lines.append(f"Not derived symbolically: {_cell(exc)}. The model's explanation page derives its "
                     "conditions by hand, and its tests check them against the solver.")
    except Exception as exc:  # one model's failure must not cost the reader the rest of the report
        lines.append(f"The regimes could not be derived symbolically ({type(exc).__name__}: {_cell(exc)}).")
        problems.append(f"{model.__name__}: regimes: {type(exc).__name__}: {exc}")
    lines += ["", "### Region map", ""]
    try:
        figure, shares, axes = _region_map(model, folder, resolution)
    except UnsupportedGameError as exc:  # as above: a known limit, said in the text
        lines += [f"No region map: {_cell(exc)}.", ""]
        figure = "no region map"
    except Exception as exc:  # as above
        lines += [f"The region map could not be drawn ({type(exc).__name__}: {_cell(exc)}).", ""]
        problems.append(f"{model.__name__}: region map: {type(exc).__name__}: {exc}")
        figure = "no region map"
    else:
        lines += [f"![Region map of {model.__name__}]({figure})", "", f"{axes}.", ""]
        heading = "equilibrium set" if kind != "game tree" else "outcomes of the equilibria"
        lines += _table([heading, "share of the map"], [[label, f"{share:.1%}" if share >= 0.001 else "< 0.1%"]
                                                               for label, share in shares])
        lines.append("")
    presets = "; ".join(model.presets()) or "none"
    row = f"| [{model.__name__}](#{_slug(model.__name__)}) | {kind} | {_cell(first)} | {_cell(presets)} |"
    echo = f"{model.__name__}: {first}; {len(points) - 1} presets; {figure}"
    return _Section("\n".join(lines), row, echo, problems, time.process_time() - start, latex)

