"""The report's section of a model that builds a continuous or a repeated game.

A continuous model (:class:`~trigame.models.BurdenSharing`) is solved at its
defaults and presets by :func:`trigame.solve.continuous.continuous_equilibria`;
its regimes are the binding patterns (who contributes) over its two headline
parameters, solved once symbolically (:func:`trigame.statics.continuous.level_regimes`),
drawn as a map (:func:`~trigame.statics.continuous.binding_map`) and as the
levels against the first headline parameter (:func:`~trigame.statics.continuous.level_curves`).

A repeated model (:class:`~trigame.models.TrustBuilding`) lists, at each point,
the automaton profiles it checks and whether each is subgame-perfect; its
regimes are the exact conditions of :func:`trigame.statics.repeated.repeated_regimes`
over every parameter, the discount factor as the model writes it (TrustBuilding's
δ(1 − s)), drawn over the two headline parameters with the others at their defaults.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from trigame.viz.catalogue import game_kind, headline, instances, map_range, summary_line

if TYPE_CHECKING:
    from trigame.models.base import Model
    from trigame.viz._markdown import _Section

#: Grid points per axis at least: the maps evaluate exact closed forms on whole arrays, so a fine grid is cheap
#: and draws the boundaries without visible steps.
FINE = 801

#: Colour-blind safe colours (Okabe-Ito) for the sets of a map, in order of first appearance.
_COLOURS = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#999999")


def _symbols(model: type[Model], style: str) -> dict[Any, Any]:
    """``{parameter symbol: symbol named by its display form}`` (``style`` "unicode" or "latex")."""
    import sympy

    return {p.symbol(): sympy.Symbol(getattr(p, style)) for p in model.parameters()}


def _condition_text(model: type[Model], condition: Any) -> str:
    """A condition in the parameters' Unicode symbols: ``θ ≤ 2/21``."""
    import sympy

    if condition is True or condition == sympy.true:
        return "always"
    if condition is False or condition == sympy.false:
        return "never"
    text = str(sympy.sympify(condition).xreplace(_symbols(model, "unicode")))
    return text.replace(">=", "≥").replace("<=", "≤").replace("&", "and").replace("|", "or").replace("*", "·")


def _condition_latex(model: type[Model], condition: Any) -> str | None:
    """A condition in LaTeX, in the parameters' symbols: "" when it always holds, None when it never does."""
    import sympy

    if condition is True or condition == sympy.true:
        return ""
    if condition is False or condition == sympy.false:
        return None
    return str(sympy.latex(sympy.sympify(condition).xreplace(_symbols(model, "latex"))))


def _proposition(k: int, claim: str, condition: str | None) -> str:
    """Proposition ``k``: ``claim`` if and only if ``condition`` (LaTeX; "" always, None never)."""
    claim = claim.replace("&", r"\&").replace("_", r"\_")
    when = ("for no values of the parameters" if condition is None
            else f"if and only if ${condition}$" if condition else "for all values of the parameters")
    return rf"\medskip\noindent\textbf{{Proposition {k}.}} {claim} {when}."


def _levels_text(levels: dict[str, Any], model: type[Model] | None = None) -> str:
    """``"United States 115/7, Japan 10/7, ..."``; closed forms in the parameters' Unicode symbols."""
    from trigame.viz._markdown import _number

    def shown(x: Any) -> str:
        if model is not None and getattr(x, "free_symbols", None):
            return str(x.xreplace(_symbols(model, "unicode"))).replace("*", "·")
        return _number(x)

    return ", ".join(f"{p} {shown(x)}" for p, x in levels.items())


def continuous_rows(model: type[Model], found: Any) -> list[tuple[str, str, str]]:
    """Each binding pattern of ``found`` (:func:`~trigame.statics.continuous.level_regimes`) as the report and
    ``trigame regimes`` state it: its description, its levels and where it holds, in the parameters' symbols."""
    return [(r.description, _levels_text(r.levels, model), _condition_text(model, r.condition)) for r in found]


def continuous_propositions(model: type[Model], found: Any) -> str:
    """The binding patterns of ``found`` as LaTeX propositions, one paragraph each (the report's propositions.tex)."""
    return "\n\n".join(_proposition(k, f"The equilibrium's binding pattern is: {r.description},",
                                     _condition_latex(model, r.condition)) for k, r in enumerate(found, start=1))


def repeated_propositions(conditions: list[tuple[str, str, str | None]]) -> str:
    """The profiles of :func:`repeated_conditions` as LaTeX propositions, one paragraph each."""
    return "\n\n".join(_proposition(k, f"The profile ``{label}'' is a subgame-perfect equilibrium", tex)
                         for k, (label, _, tex) in enumerate(conditions, start=1))


def discount_text(model: type[Model], discount: Any, style: str = "unicode") -> str:
    """A repeated game's discount factor as the report writes it: in the parameters' symbols, over one
    denominator (``(1 - s)/4``, not ``1/4 - s/4``), in Unicode with ``·`` for products (``style`` "unicode")
    or in LaTeX (``style`` "latex")."""
    import sympy

    written = sympy.together(sympy.sympify(discount).xreplace(_symbols(model, style)))  # renaming would expand it
    return str(sympy.latex(written)) if style == "latex" else str(written).replace("*", "·")


def _save(figure: Any, folder: Path, name: str) -> None:
    import matplotlib.pyplot as plt

    figure.savefig(folder / name, dpi=110, bbox_inches="tight")
    figure.savefig((folder / name).with_suffix(".pdf"), bbox_inches="tight")
    plt.close(figure)


def _categorical_map(ax: Any, x: Any, y: Any, index: Any, labels: list[str]) -> None:
    """Draw ``index`` (one label per point, -1 none) as coloured regions with a key inside the axes' figure."""
    import numpy as np
    from matplotlib.colors import ListedColormap
    from matplotlib.patches import Patch

    shown = [k for k in range(len(labels)) if (index == k).any()]
    codes = np.full(index.shape, np.nan)
    for slot, k in enumerate(shown):
        codes[index == k] = slot
    colours = [_COLOURS[slot % len(_COLOURS)] for slot in range(max(len(shown), 1))]
    # one raster image (not a mesh of cells): small and quick in PDF and SVG too
    ax.imshow(codes, origin="lower", extent=(x[0], x[-1], y[0], y[-1]), aspect="auto", interpolation="nearest",
              cmap=ListedColormap(colours), vmin=-0.5, vmax=len(colours) - 0.5)
    handles = [Patch(color=colours[slot], label=labels[k]) for slot, k in enumerate(shown)]
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.16), frameon=False, fontsize=8)


# ---------------------------------------------------------------------------- continuous models
def _continuous_equilibria(instance: Model) -> tuple[list[str], int, str]:
    """The equilibria at one point: (Markdown lines, how many of them introduce the table, a short line)."""
    from trigame.viz._markdown import _number, _table

    eqs = instance.equilibria()
    flags = "complete" if eqs.complete else "**not guaranteed complete**"
    lines = [f"{len(eqs)} Nash equilibri{'um' if len(eqs) == 1 else 'a'} ({flags}; each level proved a global "
             "best response):", ""]
    rows = []
    for k, eq in enumerate(eqs, start=1):
        total = sum(eq.strategies.values())
        payoffs = ", ".join(f"{p} {float(u):.4g}" for p, u in zip(eqs.game.players, eq.payoffs))
        rows.append([k, _levels_text(eq.strategies), eq.regime(), _number(total), payoffs])
    lines += _table(["#", "levels", "binding pattern", "total", "payoffs (≈)"], rows)
    lines += [""] + [f"> {note}" for note in eqs.notes] + ([""] if eqs.notes else [])
    short = "; ".join(f"({eq.label()})" for eq in eqs)
    return lines, 2, f"{len(eqs)} NE: {short}"


def _continuous_analysis(model: type[Model], folder: Path, resolution: int) -> tuple[list[str], str, str]:
    """Regimes (who contributes) over the headline parameters, a binding map and the levels; return
    (Markdown lines, LaTeX propositions, figure file)."""
    import matplotlib.pyplot as plt
    import numpy as np

    from trigame.solve.continuous import continuous_equilibria
    from trigame.statics.continuous import binding_map, level_curves, level_regimes
    from trigame.viz._markdown import _slug, _table

    x, y = headline(model)[:2]
    params = {p.name: p for p in model.parameters()}
    defaults = model.values()
    game = model.symbolic_game(**{k: v for k, v in defaults.items() if k not in (x, y)})
    result = continuous_equilibria(game)
    found = level_regimes(result, domain={name: params[name].domain for name in (x, y)})
    lines = [f"Every binding pattern (who contributes) as a function of {params[x].label} ({params[x].unicode}) and "
             f"{params[y].label} ({params[y].unicode}), the other parameters at their defaults, with the region "
             "where it is the equilibrium:", ""]
    lines += _table(["#", "binding pattern", "levels", "holds when"],
                    [[k, *row] for k, row in enumerate(continuous_rows(model, found), start=1)])
    lines += [""] + [f"> {note}" for note in result.notes] + ([""] if result.notes else [])
    latex = continuous_propositions(model, found)
    fine = max(resolution, FINE)
    xs = np.linspace(*map_range(params[x], fine, model), fine)
    ys = np.linspace(*map_range(params[y], fine, model), fine)
    bm = binding_map(result, (x, xs), (y, ys))
    curves = level_curves(result, x, xs, fixed={y: defaults[y]})
    fig, (left, right) = plt.subplots(1, 2, figsize=(11, 4.4))
    _categorical_map(left, bm.x_values, bm.y_values, bm.index, list(bm.labels))
    left.set_xlabel(f"{params[x].label} ({params[x].unicode})")
    left.set_ylabel(f"{params[y].label} ({params[y].unicode})")
    left.set_title("Who contributes")
    for player, level in curves.levels.items():
        right.plot(xs, level, label=player)
    right.set_xlabel(f"{params[x].label} ({params[x].unicode})")
    right.set_ylabel("equilibrium level")
    right.set_title(f"Levels at {params[y].unicode} = {defaults[y]}")
    right.legend(frameon=False)
    fig.suptitle(model.title or model.__name__)
    name = f"{_slug(model.__name__)}-{_slug(x)}-{_slug(y)}.png"
    _save(fig, folder, name)
    return lines, latex, name


# ---------------------------------------------------------------------------- repeated models
def _repeated_equilibria(instance: Model) -> tuple[list[str], int, str]:
    """The checked profiles at one point: (Markdown lines, how many introduce the table, a short line)."""
    from trigame.viz._markdown import _number, _table

    eqs = instance.equilibria()
    discount = instance.game().discount
    lines = [f"Automaton profiles checked by the one-shot deviation principle in every state (effective discount "
             f"factor {_number(discount)}); {len(eqs)} of {len(eqs.checked)} subgame-perfect:", ""]
    rows = [[c.name, "yes" if c.subgame_perfect else "**no**", " → ".join("/".join(p) for p in c.path) + " …",
             ", ".join(_number(u) for u in c.payoffs)] for c in eqs.checked]
    lines += _table(["profile", "subgame-perfect", "path of play", "payoffs (normalised)"], rows)
    lines += ["", "> only these profiles are checked, not every subgame-perfect equilibrium", ""]
    return lines, 2, f"{len(eqs)} SPE: " + "; ".join(c.name for c in eqs)


def _through_discount(condition: Any, discount: Any, names: tuple[Any, Any]) -> tuple[Any, bool]:
    """``condition`` with each relation written through the discount expression where it can be, exactly.

    ``discount`` is the repeated game's discount factor as the model writes it
    (``δ(1 − s)``).  A relation ``f ≥ g`` whose difference ``f − g`` becomes free
    of the expression's symbols once one of them is solved from ``discount = X``
    is written in ``X`` (displayed as the expression itself: the Symbols of
    ``names``, one for the Unicode text and one for LaTeX), positive terms on
    the left; any other relation is kept as it is.  Returns both conditions and
    whether every relation was rewritten.
    """
    import sympy

    condition = sympy.sympify(condition)
    inner = sorted(getattr(discount, "free_symbols", set()), key=lambda v: v.name)
    if isinstance(discount, sympy.Symbol) or not inner:
        return (condition, condition), False
    placeholder = sympy.Dummy("X")
    solutions = []
    for v in inner:
        found = sympy.solve(sympy.Eq(discount, placeholder), v, dict=True)
        if len(found) == 1:
            solutions.append((v, found[0][v]))
    flips = {"<=": ">=", "<": ">", ">=": ">=", ">": ">"}
    every = True

    def rewrite(rel: Any) -> tuple[Any, Any]:
        nonlocal every
        if rel.rel_op not in flips:
            every = False
            return rel, rel
        # f >= g (or >): the difference f - g, written with the relation's direction
        difference = rel.lhs - rel.rhs if rel.rel_op in (">=", ">") else rel.rhs - rel.lhs
        for v, value in solutions:
            candidate = sympy.expand(sympy.cancel(difference.subs(v, value)))
            if candidate.free_symbols.isdisjoint(inner) and candidate.is_polynomial(placeholder):
                content, primitive = candidate.as_content_primitive()  # content > 0: the relation's direction holds
                terms = sympy.Add.make_args(primitive if content > 0 else candidate)
                left = sum((t for t in terms if t.as_coeff_Mul()[0] > 0), sympy.Integer(0))
                right = -sum((t for t in terms if t.as_coeff_Mul()[0] < 0), sympy.Integer(0))
                op = flips[rel.rel_op]
                return tuple(sympy.Rel(left.subs(placeholder, name), right.subs(placeholder, name), op)
                             for name in names)  # type: ignore[return-value]
        every = False
        return rel, rel

    relations = sorted(condition.atoms(sympy.core.relational.Relational), key=sympy.default_sort_key)
    pairs = {rel: rewrite(rel) for rel in relations}
    shown = tuple(condition.xreplace({rel: pair[j] for rel, pair in pairs.items()}) for j in range(2))
    return shown, every and bool(relations)


def repeated_conditions(model: type[Model], rs: Any) -> tuple[str, list[tuple[str, str, str | None]]]:
    """A repeated model's regimes as the report and ``trigame regimes`` state them.

    ``rs`` is :func:`trigame.statics.repeated.repeated_regimes` of ``model`` (some parameters possibly fixed).
    Returns the sentence that introduces the conditions and, for each profile, its name and its condition in
    Unicode and in LaTeX, each relation written through the discount factor as the model writes it (TrustBuilding's
    δ(1 − s), with the fixed parameters' values in it) where it can be, exactly.
    """
    import sympy

    params = {p.name: p for p in model.parameters()}
    pins = {params[k].symbol(): sympy.Rational(v) for k, v in rs._problem.fixed.items() if k in params}
    discount = sympy.sympify(model.symbolic_game().discount).xreplace(pins)
    inner: set[Any] = getattr(discount, "free_symbols", set())
    written = sympy.together(discount)  # (1 - s)/4 rather than 1/4 - s/4
    effective, latex = discount_text(model, discount), discount_text(model, discount, "latex")
    names = (sympy.Symbol(effective), sympy.Symbol(latex))
    shown = [_through_discount(r.condition, discount, names) for r in rs]
    # The expression stands in the conditions as one symbol: in parentheses unless it reads as a product already
    # (δ·(1 - s) in b·δ·(1 - s)) and is never raised to a power there
    powered = any(isinstance(a, sympy.Pow) and a.base in names for (pair, _) in shown for c in pair
                  for a in sympy.sympify(c).atoms(sympy.Pow))
    if not (written.is_Symbol or (written.is_Mul and written.as_coeff_Mul()[0] == 1)) or powered:
        bracketed = {names[0]: sympy.Symbol(f"({effective})"), names[1]: sympy.Symbol(rf"\left({latex}\right)")}
        shown = [((text.xreplace(bracketed), tex.xreplace(bracketed)), every) for (text, tex), every in shown]
    lead = "Each profile is subgame-perfect exactly when (conditions exact, over every parameter on its domain"
    if not inner:
        lead += f"; the repeated game's discount factor is {effective}):"
    elif isinstance(discount, sympy.Symbol):
        lead += "):"
    else:
        constant = (True, False, sympy.true, sympy.false)
        through = all(every or r.condition in constant for (_, every), r in zip(shown, rs))
        symbols = [p.unicode for p in params.values() if p.symbol() in inner]
        verb = "enters" if len(symbols) == 1 else "enter"
        lead += (f"; the repeated game's discount factor is {effective}"
                + (f", and {' and '.join(symbols)} {verb} the conditions only through it):" if through else "):"))
    rows = [(r.label, _condition_text(model, text), _condition_latex(model, tex))
            for r, ((text, tex), _) in zip(rs, shown)]
    return lead, rows


def _repeated_analysis(model: type[Model], folder: Path, resolution: int) -> tuple[list[str], str, str]:
    """The exact conditions of each profile over all the parameters (the discount as the model writes it, e.g.
    δ(1 − s)), and their map over the headline parameters with the others at their defaults."""
    import matplotlib.pyplot as plt
    import numpy as np
    import sympy

    from trigame.statics.repeated import repeated_regimes
    from trigame.viz._markdown import _slug, _table

    params = {p.name: p for p in model.parameters()}
    rs = repeated_regimes(model)
    discount = model.symbolic_game().discount
    inner: set[Any] = getattr(discount, "free_symbols", set())
    effective = discount_text(model, discount)
    lead, conditions = repeated_conditions(model, rs)
    lines = [lead, ""]
    lines += _table(["#", "profile", "subgame-perfect when"],
                    [[k, label, text] for k, (label, text, _) in enumerate(conditions, start=1)])
    lines.append("")
    latex = repeated_propositions(conditions)
    x, y = headline(model)[:2]
    defaults = model.values()
    fine = max(resolution, FINE)
    xs = np.linspace(*map_range(params[x], fine, model), fine)
    ys = np.linspace(*map_range(params[y], fine, model), fine)
    gx, gy = np.meshgrid(xs, ys)
    others = {params[k].symbol(): sympy.Rational(v) for k, v in defaults.items() if k not in (x, y)}
    sx, sy = params[x].symbol(), params[y].symbol()
    holds = []
    for r in rs:
        condition = sympy.sympify(r.condition).xreplace(others)
        f = sympy.lambdify([sx, sy], condition, "numpy")
        holds.append(np.broadcast_to(np.asarray(f(gx, gy), dtype=bool), gx.shape))
    mask = sum(h.astype(np.int64) << k for k, h in enumerate(holds))
    codes = sorted(np.unique(mask).tolist(), key=lambda c: (bin(c).count("1"), c))
    sets = [" + ".join(r.label for k, r in enumerate(rs) if code >> k & 1) or "none checked" for code in codes]
    index = np.searchsorted(np.array(codes), mask)
    fig, ax = plt.subplots(figsize=(6.4, 4.6))
    _categorical_map(ax, xs, ys, index, sets)
    ax.set_xlabel(f"{params[x].label} ({params[x].unicode})")
    ax.set_ylabel(f"{params[y].label} ({params[y].unicode})")
    ax.set_title("Subgame-perfect profiles")
    fixed = {k: v for k, v in defaults.items() if k not in (x, y)}
    fixed_text = ", ".join(f"{params[k].unicode} = {v}" for k, v in fixed.items())
    fig.text(0.5, -0.02, fixed_text, ha="center", fontsize=8)
    name = f"{_slug(model.__name__)}-{_slug(x)}-{_slug(y)}.png"
    _save(fig, folder, name)
    map_text = (f"The map below shows these conditions over {params[x].label} ({params[x].unicode}) and "
                f"{params[y].label} ({params[y].unicode}), the other parameters at their defaults ({fixed_text})")
    if inner and not isinstance(discount, sympy.Symbol):
        at = sympy.sympify(discount).xreplace(others)
        if at != discount:
            map_text += f"; there the discount factor {effective} is {discount_text(model, at)}"
    shares = "; ".join(f"{label}: {float((index == k).mean()):.1%}" for k, label in enumerate(sets))
    lines += [map_text + ".", "", f"Share of the map: {shares}.", ""]
    return lines, latex, name


# ---------------------------------------------------------------------------- the section
def _kind_section(model: type[Model], folder: Path, resolution: int) -> _Section:
    """The section of a continuous or repeated model (same headings as every other model's)."""
    from trigame.viz._markdown import _cell, _number, _Section, _slug, _table, _values_text

    start = time.process_time()
    kind = game_kind(model)
    continuous = kind == "continuous game"
    problems: list[str] = []
    lines = [f"## {model.__name__}", "", f"*{summary_line(model)}*", ""]
    lines += [f"{model.title or model.__name__} ({kind}; players: {', '.join(model().players)}).", ""]
    lines += ["### Parameters", ""]
    lines += _table(["symbol", "parameter", "default", "domain", "meaning"],
                    [[p.unicode, f"{p.label} (`{p.name}`)", _number(p.default), str(p.domain), p.description]
                     for p in model.parameters()])
    lines += ["", "### Equilibria", ""]
    points = instances(model)
    first = ""
    shown: dict[str, str] = {}  # a table already in the section -> where
    for name, instance in points.items():
        if name == "defaults":
            lines += ["#### At the defaults", "", _values_text(instance), ""]
            where = "at the defaults"
        else:
            scenario = next(s for s in model.scenarios if s.name == name)
            lines += [f"#### Preset: {name}", "", f"Values: {_values_text(instance, points['defaults'])}.", ""]
            if scenario.description:
                lines += [scenario.description, ""]
            where = f"at the preset {name}"
        found, intro, short = (_continuous_equilibria if continuous else _repeated_equilibria)(instance)
        first = first or short
        table = "\n".join(found[intro:])
        if table in shown:
            lines += [found[0], "", f"The table is that {shown[table]} above.", ""]
        else:
            shown[table] = where
            lines += found
    lines += ["### Regimes", ""]
    latex, figure = "", "no region map"
    try:
        regime_lines, latex, figure = (_continuous_analysis if continuous else _repeated_analysis)(
            model, folder, resolution)
        lines += regime_lines
    except Exception as exc:  # one model's failure must not cost the reader the rest of the report
        lines.append(f"The regimes could not be derived ({type(exc).__name__}: {_cell(exc)}).")
        problems.append(f"{model.__name__}: regimes: {type(exc).__name__}: {exc}")
    lines += ["", "### Region map", ""]
    if figure != "no region map":
        lines += [f"![Region map of {model.__name__}]({figure})", ""]
    else:
        lines += ["No region map: see the regimes above.", ""]
    presets = "; ".join(model.presets()) or "none"
    row = f"| [{model.__name__}](#{_slug(model.__name__)}) | {kind} | {_cell(first)} | {_cell(presets)} |"
    echo = f"{model.__name__}: {first}; {len(points) - 1} presets; {figure}"
    return _Section("\n".join(lines), row, echo, problems, time.process_time() - start, latex)
