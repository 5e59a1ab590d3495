"""``trigame solve``: the equilibria of a Gambit game file (``.nfg``, ``.efg``) or of a model at given values."""

from __future__ import annotations

import argparse
import math
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING, Any

from trigame._numbers import MAX_NUMBER_MAGNITUDE, is_sympy
from trigame.cli.output import (
    JSON_SCHEMA,
    JSON_SCHEMA_BAYESIAN,
    JSON_SCHEMA_MODEL,
    JSON_SCHEMA_SIGNALING,
    JSON_SCHEMA_TREE,
    _bayesian_json,
    _equilibria_json,
    _json_value,
    _number,
    _plural,
    _print_bayesian,
    _print_equilibria,
    _print_json,
    _print_perfect_bayesian,
    _print_subgame_perfect,
    _subgame_perfect_json,
)
from trigame.cli.values import CommandLineError, _instance, bundled_games, find_preset
from trigame.errors import BudgetExceededError, EFGFormatError, NFGFormatError, ParameterError, TrigameError

if TYPE_CHECKING:
    from trigame.models.base import Model

_FILE_SUFFIXES = (".nfg", ".efg")

#: Players a game file may have: NumPy's arrays, one axis per player, have at most 32 axes in every function.
MAX_FILE_PLAYERS = 32


def _resolve_file(path_text: str) -> Path | None:
    path = Path(path_text)
    if path.is_file():
        return path
    if path.is_dir():
        raise TrigameError(f"{path_text!r} is a folder, not a game file; give a .nfg or .efg file")
    if path.exists():
        raise TrigameError(f"{path_text!r} is not a regular file; give a .nfg or .efg file")
    games = bundled_games()
    for name in (path_text, f"{path_text}.nfg", f"{path_text}.efg"):
        if name in games:
            return games[name]
    return None


# ---------------------------------------------------------------------------- trigame solve FILE
def _about(value: Any) -> str:
    """The order of magnitude of a huge exact number, without writing out its digits: ``'1e400'``."""
    if isinstance(value, float):
        return f"{value:.3g}"
    fraction = Fraction(value)
    exponent = math.floor(math.log10(abs(fraction.numerator)) - math.log10(fraction.denominator))
    return f"{'-' if fraction < 0 else ''}1e{exponent}"


def _check_payoff_sizes(values: Any, path: Path) -> None:
    """Refuse payoffs beyond the float range: the answer is printed (and ``--float`` solves) in floating point."""
    for value in values:
        if is_sympy(value) or isinstance(value, bool):
            continue
        if value > MAX_NUMBER_MAGNITUDE or -value > MAX_NUMBER_MAGNITUDE:
            raise TrigameError(
                f"{path}: a payoff of about {_about(value)} is too large; payoffs must be at most 1e300 in size "
                "(trigame prints and solves in floating point too)"
            )


def _check_players(n_players: int, path: Path, what: str = "the game") -> None:
    if n_players > MAX_FILE_PLAYERS:
        raise TrigameError(
            f"{path}: {what} has {n_players} players; trigame solves games of at most {MAX_FILE_PLAYERS} players "
            "(one array axis per player)"
        )


def _read_game(path: Path) -> Any:
    """The game of a ``.nfg`` or ``.efg`` file; every problem with it is a TrigameError naming the file."""
    from trigame.io.efg import read_efg
    from trigame.io.nfg import read_nfg

    tree = path.suffix.lower() == ".efg"
    try:
        game: Any = read_efg(path) if tree else read_nfg(path)  # a GameTree or a NormalFormGame, as `tree` says
    except (NFGFormatError, EFGFormatError) as exc:
        message = " ".join(str(exc).split())
        if str(path) in message or path.name in message:
            raise
        raise type(exc)(f"{path}: {message}") from None
    except UnicodeDecodeError as exc:
        raise (EFGFormatError if tree else NFGFormatError)(
            f"{path}: not a text file (byte {exc.start} is not {exc.encoding})"
        ) from None
    except RecursionError:
        raise (EFGFormatError if tree else NFGFormatError)(
            f"{path}: the game is nested too deeply to be read"
        ) from None
    if tree:
        _check_players(len(game.players), path)
        _check_payoff_sizes((u for payoffs in game.terminals().values() for u in payoffs), path)
    else:
        _check_players(game.n_players, path)
        _check_payoff_sizes(game.payoffs.ravel().tolist(), path)
    return game


def _solve_tree_file(args: argparse.Namespace, path: Path, tree: Any) -> int:
    from trigame.solve import equilibria
    from trigame.solve.subgame_perfect import subgame_perfect

    spes = subgame_perfect(tree)
    try:
        strategic = tree.to_normal_form()
    except BudgetExceededError as exc:
        raise BudgetExceededError(
            f"{path.name}: {str(exc).split('; ')[0]}; the command lists the Nash equilibria of the strategic form "
            "beside the subgame-perfect ones, so it cannot solve this tree: use tg.subgame_perfect(tg.read_efg(...)) "
            "in Python"
        ) from None
    _check_players(strategic.n_players, path, "the strategic form")
    eqs = equilibria(strategic.as_float() if args.float else strategic, method=args.method)
    imperfect = any(len(info.paths) > 1 for info in tree.information_sets)
    bnes = _tree_bayesian(tree)
    if args.json:
        _print_json({"schema": JSON_SCHEMA_TREE, "subgame_perfect": _subgame_perfect_json(spes, args.exact),
                     "perfect_bayesian": _tree_pbe_json(tree, args) if imperfect else None,
                     "bayesian": (None if bnes is None else {"error": bnes} if isinstance(bnes, str)
                                  else _bayesian_json(bnes, args.exact)),
                     "nash": _equilibria_json(eqs, args.exact)})
        return 0
    print(tree.title or path.name)
    print(f"{len(tree.players)} players ({', '.join(tree.players)}), game tree")
    print()
    print(tree.text())
    print()
    _print_subgame_perfect(spes, tree.players, args.exact, args.verbose)
    print()
    if isinstance(bnes, str):
        print(f"The tree is a Bayesian game; its Bayesian Nash equilibria were not computed ({bnes})")
        print()
    elif bnes is not None:
        _print_tree_bayesian(bnes, args.exact)
    if imperfect:
        _print_tree_pbe(tree, args)
    print("Nash equilibria of the strategic form:")
    _print_equilibria(eqs, args.exact, irrational_note=False, verbose=args.verbose)
    return 0


def _tree_bayesian(tree: Any) -> Any:
    """The Bayesian Nash equilibria of a Harsanyi tree (chance first, then each player once, unseen), else None.

    A Bayesian game the solver refuses (e.g. over a budget) gives the reason as a string.
    """
    from trigame.errors import UnsupportedGameError
    from trigame.games.bayesian import BayesianGame
    from trigame.games.tree import Chance
    from trigame.solve.bayesian import bayesian_equilibria

    if not isinstance(tree.root, Chance):
        return None
    try:
        game = BayesianGame.from_tree(tree)
    except (UnsupportedGameError, BudgetExceededError):
        return None
    try:
        return bayesian_equilibria(game)
    except TrigameError as exc:  # a Bayesian game too large to solve: say so rather than drop the section
        return " ".join(str(exc).split())


def _print_tree_bayesian(bnes: Any, exact: bool) -> None:
    """A Bayesian game read from its Harsanyi tree: its types and prior, then its Bayesian Nash equilibria."""
    game = bnes.game
    print("The tree is a Bayesian game (chance draws the types; each player moves once, seeing only its type). "
          "Types and prior:")
    for types, q in game.prior.items():
        named = ", ".join(f"{p} {t}" for p, t in zip(game.players, types) if len(game.types[p]) > 1)
        print(f"  {named or 'one type each'}: {_number(q, exact)}")
    print()
    _print_bayesian(bnes, exact)
    print()


def _tree_pbe(tree: Any, args: argparse.Namespace) -> Any:
    from trigame.solve.perfect_bayesian import perfect_bayesian

    return perfect_bayesian(tree)


def _tree_pbe_json(tree: Any, args: argparse.Namespace) -> dict[str, Any]:
    try:
        data: dict[str, Any] = _tree_pbe(tree, args).to_json()
    except TrigameError as exc:
        return {"error": " ".join(str(exc).split())}
    return data


def _print_tree_pbe(tree: Any, args: argparse.Namespace) -> None:
    """A tree with imperfect information: its perfect Bayesian equilibria, which discipline beliefs as SPE do not."""
    try:
        pbes = _tree_pbe(tree, args)
    except TrigameError as exc:
        print(f"Perfect Bayesian equilibria: not computed ({' '.join(str(exc).split())})")
    else:
        _print_perfect_bayesian(pbes, args.exact, args.verbose)
    print()


def _solve_file(args: argparse.Namespace, path: Path) -> int:
    from trigame.solve import equilibria

    game = _read_game(path)
    try:
        if path.suffix.lower() == ".efg":
            return _solve_tree_file(args, path, game)
        if args.float:
            game = game.as_float()
        eqs = equilibria(game, method=args.method)
    except RecursionError:
        raise TrigameError(f"{path}: the game is nested too deeply to be solved") from None
    if args.json:
        _print_json({"schema": JSON_SCHEMA, **_equilibria_json(eqs, args.exact)})
        return 0
    print(game.title or path.name)
    print(f"{game.n_players} players ({', '.join(game.players)}), strategies {'x'.join(map(str, game.shape))}, "
          f"{game.kind} payoffs")
    if game.n_players == 2:
        print()
        print(game.table())
    print()
    _print_equilibria(eqs, args.exact, irrational_note=game.is_exact, verbose=args.verbose)
    return 0


# ---------------------------------------------------------------------------- trigame solve MODEL
_MARKS = {
    True: "subgame-perfect",
    False: "NOT subgame-perfect",
    None: "correlated mixture: its behaviour off the path, and so subgame perfection, is not determined",
}


def _solve_model(args: argparse.Namespace, model_cls: type[Model]) -> int:
    from trigame.viz.report import is_sequential, solve_model
    from trigame.viz.solutions import OFF_PATH_CHOICE

    if args.method != "auto":
        raise CommandLineError("--method applies to game files; a model is always solved by the complete method")
    instance = _instance(model_cls, args)
    from trigame.viz.catalogue import game_kind

    if game_kind(instance) == "Bayesian game":
        return _solve_bayesian(args, model_cls, instance)
    if game_kind(instance) == "signalling game":
        return _solve_signaling(args, model_cls, instance)
    if game_kind(instance) == "continuous game":
        return _solve_continuous(args, model_cls, instance)
    if game_kind(instance) == "repeated game":
        return _solve_repeated(args, model_cls, instance)
    solution = solve_model(instance, nash="all" if args.nash else "pure")
    values = {**instance.values(), **_switches(instance)}
    sequential = is_sequential(instance)
    if args.json:
        nash_json = _equilibria_json(solution.nash, args.exact)
        if sequential:
            for eq_json, flag in zip(nash_json["equilibria"], solution.nash_is_subgame_perfect):
                eq_json["subgame_perfect"] = flag
        _print_json({
            **_model_fields(JSON_SCHEMA_MODEL, model_cls, args, values),
            "sequential": sequential,
            "nash_scope": solution.nash_scope,
            "nash": nash_json,
            "subgame_perfect": _subgame_perfect_json(solution.subgame_perfect, args.exact) if sequential else None,
        })
        return 0

    _print_values_head(model_cls, args, values)
    game = instance.game()
    print()
    if sequential:
        print(game.text())
        print()
        _print_subgame_perfect(solution.subgame_perfect, game.players, args.exact, args.verbose)
        print()
        if args.nash:
            print("Nash equilibria of the strategic form:")
            marks = [_MARKS[f] for f in solution.nash_is_subgame_perfect]
            _print_equilibria(solution.nash, args.exact, irrational_note=False, marks=marks,
                              verbose=args.verbose)
        elif solution.differ:
            others = [k for k, f in enumerate(solution.nash_is_subgame_perfect) if f is not True]
            print(f"The strategic form has {_plural(len(solution.nash), 'pure Nash equilibri')}; "
                  f"{len(others)} of them {'is' if len(others) == 1 else 'are'} not subgame-perfect "
                  f"(each rests on {OFF_PATH_CHOICE}):")
            for k in others:
                print(f"  - {solution.nash[k].label()}")
            print("  (every Nash equilibrium, mixed ones included: add --nash)")
        else:
            print(f"Every pure Nash equilibrium of the strategic form ({len(solution.nash)}) is subgame-perfect "
                  "(mixed ones too: add --nash).")
    else:
        print(game.table())
        print()
        _print_equilibria(solution.nash, args.exact, irrational_note=game.is_exact, verbose=args.verbose)
    return 0


def _solve_bayesian(args: argparse.Namespace, model_cls: type[Model], instance: Model) -> int:
    """A Bayesian model: its Bayesian Nash equilibria (``trigame.bayesian-equilibria/1`` with ``--json``)."""

    if args.nash:
        raise CommandLineError(f"--nash applies to sequential models; {model_cls.__name__} is a Bayesian game, "
                               "and every Bayesian Nash equilibrium is listed without it")
    bnes = instance.equilibria()
    values = {**instance.values(), **_switches(instance)}
    if args.json:
        _print_json({
            **_model_fields(JSON_SCHEMA_BAYESIAN, model_cls, args, values),
            **_bayesian_json(bnes, args.exact),
        })
        return 0
    game = bnes.game
    _print_values_head(model_cls, args, values)
    print()
    print(f"Bayesian game, {len(game.players)} players ({', '.join(game.players)}); types and prior:")
    for types, q in game.prior.items():
        named = ", ".join(f"{p} {t}" for p, t in zip(game.players, types) if len(game.types[p]) > 1)
        print(f"  {named or 'one type each'}: {_number(q, args.exact)}")
    print()
    _print_bayesian(bnes, args.exact)
    return 0


#: JSON schemas of the models that build a continuous or a repeated game.
JSON_SCHEMA_CONTINUOUS = "trigame.model-continuous-equilibria/1"
JSON_SCHEMA_REPEATED = "trigame.model-repeated-profiles/1"


def _model_head(args: argparse.Namespace, model_cls: type[Model], instance: Model) -> dict[str, Any]:
    """The JSON fields every model answer starts with, but the schema."""
    fields = _model_fields("", model_cls, args, {**instance.values(), **_switches(instance)})
    del fields["schema"]
    return fields


def _print_model_head(args: argparse.Namespace, model_cls: type[Model], instance: Model) -> None:
    """The question and parameter values of a model instance, and a blank line."""
    values = {**instance.values(), **_switches(instance)}
    _print_values_head(model_cls, args, values)
    print()


def _refuse_nash(args: argparse.Namespace, model_cls: type[Model], what: str) -> None:
    if args.nash:
        raise CommandLineError(f"--nash applies to sequential models; {model_cls.__name__} is {what}")


def _solve_continuous(args: argparse.Namespace, model_cls: type[Model], instance: Model) -> int:
    """A model whose players choose levels: its Nash equilibria with who is at a bound, each globally checked."""
    _refuse_nash(args, model_cls, "a continuous game, whose Nash equilibria are all listed without it")
    eqs = instance.equilibria()
    if args.json:
        found = {k: v for k, v in eqs.to_json().items() if k != "schema"}
        _print_json({"schema": JSON_SCHEMA_CONTINUOUS, **_model_head(args, model_cls, instance), **found})
        return 0
    _print_model_head(args, model_cls, instance)
    game = eqs.game
    bounds = "; ".join(f"{p} in [{_number(lo, True)}, {'inf' if hi is None else _number(hi, True)}]"
                       for p, (lo, hi) in game.strategies.items())
    print(f"Continuous game, {game.n_players} players choosing levels: {bounds}")
    for p in game.players:
        print(f"  payoff of {p}: {game.payoff(p)}")
    print()
    flag = "complete" if eqs.complete else "NOT guaranteed complete"
    print(f"{_plural(len(eqs), 'Nash equilibri')} ({flag}; each level proved a global best response):")
    for k, eq in enumerate(eqs, start=1):
        levels = ", ".join(f"{p} {_number(x, args.exact)}" for p, x in eq.strategies.items())
        print(f"  {k}. {levels}")
        print(f"     {eq.regime()}; total {_number(sum(eq.strategies.values()), args.exact)}; payoffs "
              + ", ".join(f"{float(u):.6g}" for u in eq.payoffs))
        if args.verbose:
            for p, how in eq.certificate.items():
                print(f"     {p}: {how}")
    for note in eqs.notes:
        print(f"  note: {note}")
    return 0


def _solve_repeated(args: argparse.Namespace, model_cls: type[Model], instance: Model) -> int:
    """A repeated model: each automaton profile it checks, whether it is subgame-perfect, and its threshold."""
    import sympy

    from trigame.games.repeated import RepeatedGame

    _refuse_nash(args, model_cls, "a repeated game; its profiles are checked for subgame perfection")
    eqs = instance.equilibria()
    game = eqs.game
    delta = sympy.Symbol("delta", positive=True)
    open_game = RepeatedGame(game.stage, delta)
    thresholds = {c.name: open_game.discount_threshold(c.profile) for c in eqs.checked}
    if args.json:
        _print_json({"schema": JSON_SCHEMA_REPEATED, **_model_head(args, model_cls, instance),
                     "discount": _json_value(game.discount, args.exact),
                     "profiles": [{**c.to_json(), "threshold": str(thresholds[c.name])} for c in eqs.checked],
                     "notes": list(eqs.notes)})
        return 0
    _print_model_head(args, model_cls, instance)
    from trigame.statics.conditions import to_unicode
    from trigame.viz._sections_kinds import discount_text

    # the discount factor as the model writes it (TrustBuilding's δ(1 - s)), as the report names it
    written = sympy.sympify(model_cls.symbolic_game().discount)
    effective = discount_text(model_cls, written)
    factor = f"effective discount factor {effective} = " if getattr(written, "free_symbols", None) else \
        "discount factor "
    print(f"Repeated game, perfect monitoring; {factor}{_number(game.discount, True)}")
    print("Stage game:")
    print(game.stage.table())
    print()
    print("Profiles checked by the one-shot deviation principle in every automaton state:")
    width = max(len(c.name) for c in eqs.checked)
    for c in eqs.checked:
        flag = "subgame-perfect" if c.subgame_perfect else "NOT subgame-perfect"
        payoffs = ", ".join(_number(u, args.exact) for u in c.payoffs)
        print(f"  {c.name.ljust(width)}  {flag.ljust(19)}  payoffs {payoffs}; path {c.label()[len(c.name) + 1:]}")
        when = {sympy.true: f"for every {effective} in (0, 1)", sympy.false: f"for no {effective} in (0, 1)"}.get(
            thresholds[c.name], f"iff {to_unicode(thresholds[c.name], {'delta': ('', effective)})}")
        print(f"  {''.ljust(width)}  subgame-perfect {when}")
    print("  (only these profiles are checked, not every subgame-perfect equilibrium)")
    return 0


def _solve_signaling(args: argparse.Namespace, model_cls: type[Model], instance: Model) -> int:
    """A signalling model: its perfect Bayesian equilibria with their beliefs (``--json``: the set's own JSON)."""

    if args.nash:
        raise CommandLineError(f"--nash applies to sequential models; {model_cls.__name__} is a signalling game, "
                               "and every perfect Bayesian equilibrium is listed without it")
    pbes = instance.equilibria()
    values = {**instance.values(), **_switches(instance)}
    if args.json:
        _print_json({
            **_model_fields(JSON_SCHEMA_SIGNALING, model_cls, args, values),
            **pbes.to_json(),
        })
        return 0
    _print_values_head(model_cls, args, values)
    print()
    print(f"Signalling game (the Harsanyi tree, payoffs in the order {', '.join(pbes.game.players)}):")
    print(pbes.game.to_tree().text())
    print()
    _print_perfect_bayesian(pbes, args.exact, args.verbose)
    return 0


def _model_fields(schema: str, model_cls: type[Model], args: argparse.Namespace,
                  values: dict[str, Any]) -> dict[str, Any]:
    """The JSON fields every model answer starts with: schema, model, preset, parameters, kind."""
    return {
        "schema": schema,
        "model": model_cls.__name__,
        "preset": find_preset(model_cls, args.preset) if args.preset else None,
        "parameters": {name: _json_value(v, args.exact) for name, v in values.items()},
        "kind": "float" if args.float else _values_kind(values),
    }


def _print_values_head(model_cls: type[Model], args: argparse.Namespace, values: dict[str, Any]) -> None:
    """The first two lines of a model's answer: its question, and the parameter values (and preset)."""
    from trigame.viz.report import summary_line

    print(f"{model_cls.__name__}: {summary_line(model_cls)}")
    origin = f" (preset {find_preset(model_cls, args.preset)!r})" if args.preset else ""
    print("Parameters" + origin + ": " + ", ".join(f"{k} = {_number(v, True)}" for k, v in values.items()))


def _switches(instance: Model) -> dict[str, bool]:
    """The instance's boolean options (e.g. ``simultaneous``), which --set can switch."""
    getter = getattr(instance, "option_values", None)
    options = getter() if callable(getter) else {}
    return {k: v for k, v in options.items() if isinstance(v, bool)}


def _values_kind(values: dict[str, Any]) -> str:
    numbers = [v for v in values.values() if not isinstance(v, bool)]
    return "float" if any(isinstance(v, float) for v in numbers) else "exact"


def _solve_command(args: argparse.Namespace) -> int:
    from trigame.viz.report import find_model, model_registry

    target: str = args.target
    path = _resolve_file(target)
    if path is not None:
        if args.set or args.preset or args.nash:
            raise CommandLineError("--set, --preset and --nash apply to models, not to game files")
        return _solve_file(args, path)
    if target.lower().endswith(_FILE_SUFFIXES) or "/" in target or "\\" in target:
        shipped = ", ".join(bundled_games()) or "none"
        raise TrigameError(f"no such file: {target!r} (games shipped with trigame: {shipped})")
    try:
        model_cls = find_model(target)
    except ParameterError:
        shipped = ", ".join(bundled_games())
        raise ParameterError(
            f"{target!r} is neither a model nor a game file; the models are: {', '.join(model_registry())}; "
            f"shipped game files: {shipped}"
        ) from None
    return _solve_model(args, model_cls)
