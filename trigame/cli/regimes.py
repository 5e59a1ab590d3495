"""``trigame regimes``: every equilibrium of a model as a function of its parameters, with its conditions."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from trigame.cli.output import JSON_SCHEMA_REGIMES, _json_value, _number
from trigame.cli.values import command_model, find_preset, model_values


def _say(text: str = "") -> None:
    """Print a line; where the output cannot show Unicode (an ASCII terminal), with ASCII stand-ins (<=, beta)."""
    from trigame.statics.conditions import ascii_text

    encoding = _encoding()
    try:
        text.encode(encoding)
    except (UnicodeEncodeError, LookupError):
        text = ascii_text(text).encode(encoding, errors="replace").decode(encoding)
    print(text)


def _encoding() -> str:
    """The encoding of the terminal or file the answer goes to (the command line buffers it first)."""
    stream = sys.stdout if getattr(sys.stdout, "encoding", None) else sys.__stdout__
    return getattr(stream, "encoding", None) or "utf-8"


def _say_json(data: Any) -> None:
    """Print JSON, with non-ASCII characters escaped where the output cannot show them (still valid JSON)."""
    text = json.dumps(data, indent=2, ensure_ascii=False)
    try:
        text.encode(_encoding())
    except (UnicodeEncodeError, LookupError):
        text = json.dumps(data, indent=2)
    print(text)


def _sympy_json(value: Any) -> Any:
    """A SymPy number or expression for JSON: integers as numbers, everything else as a string."""
    if getattr(value, "is_Integer", False):
        return int(value)
    return str(value)


def _regimes_command(args: argparse.Namespace) -> int:
    from trigame.statics import regimes

    model_cls = command_model(args.model, "regimes")
    fixed = model_values(model_cls, args.set or (), args.preset)
    parameters = set(model_cls.parameter_names())
    options = {k: v for k, v in fixed.items() if k not in parameters}
    pinned = {k: v for k, v in fixed.items() if k in parameters}
    target: Any = model_cls(**options) if options else model_cls
    from trigame.viz.catalogue import game_kind

    kind = game_kind(target)  # may build the model's game: asked once
    if kind == "continuous game":
        return _continuous_regimes(args, model_cls, pinned, options)
    repeated = kind == "repeated game"
    if repeated:  # every profile the model checks, those never subgame-perfect included, as the report lists them
        from trigame.statics.repeated import repeated_regimes

        found = repeated_regimes(target, fixed=pinned or None)
    else:
        found = regimes(target, fixed=pinned or None)
    if args.latex:
        _say(_repeated_latex(model_cls, found) if repeated else found.to_latex())
        return 0
    what = {"nash": "Nash", "perfect_bayesian": "perfect Bayesian"}.get(found.kind, "subgame-perfect")
    if kind == "Bayesian game":
        what = "Bayesian Nash"
    if args.json:
        import sympy

        from trigame.statics._repeated_conditions import profiles_note

        _say_json({
            "schema": JSON_SCHEMA_REGIMES,
            "model": model_cls.__name__,
            "kind": found.kind,
            "options": options,
            "free": list(found.parameters),
            "fixed": {k: _json_value(v, True) for k, v in pinned.items()},
            "domain": str(found.domain),
            "degenerate": bool(found.degenerate),
            "notes": ([profiles_note(model_cls.__name__, found.kind)] if repeated else []) + list(found.notes),
            "symbols": {name: {"label": found.display_labels[name], "unicode": found.display_names[name][1],
                               "latex": found.display_names[name][0]} for name in found.parameters},
            "regimes": [
                {
                    "label": r.label,
                    "support_label": r.support_label,
                    "condition": str(r.condition),
                    "condition_text": r.condition_text,
                    "condition_latex": r.condition_latex,
                    "probabilities": {str(unit): {a: _sympy_json(p) for a, p in dist.items()}
                                      for unit, dist in r.probabilities.items()},
                    "payoffs": {str(player): _sympy_json(u) for player, u in r.payoffs.items()},
                }
                for r in found if r.condition is not sympy.false  # a profile never an equilibrium: in the notes
            ],
        })
        return 0
    if repeated:
        _say(f"{model_cls.__name__}: {len(found)} automaton profiles checked for subgame perfection (only these "
             "profiles, not every subgame-perfect equilibrium of the repeated game)")
    else:
        _say(f"{model_cls.__name__}: {len(found)} {what} equilibria as functions of the parameters")
    if what == "Bayesian Nash":
        _say("(each named by the choice of every type agent player@type, a player of the type-agent form)")
    from trigame.statics.conditions import to_unicode
    from trigame.viz._sections import regime_label

    names = found.display_names
    if found.parameters:
        _say("Free parameters (symbol, name, field), in their domains:")
        for line, name in zip(found.legend(), found.parameters):
            _say(f"  {line}: {_domain_text(found, name)}")
    else:
        _say("Free parameters: none")
    if pinned or options:
        origin = f" (preset {find_preset(model_cls, args.preset)!r})" if args.preset else ""
        shown = [f"{names[k][1] if k in names else k} = {_number(v, True)}" for k, v in pinned.items()]
        shown += [f"{k} = {_number(v, True)}" for k, v in options.items()]
        _say(f"Fixed{origin}: " + ", ".join(shown))
    _say()
    if repeated:
        _say_repeated(model_cls, found)
        return 0
    for k, r in enumerate(found, start=1):
        _say(f"  {k}. {regime_label(r, names)}")
        condition = r.condition_text
        _say("       exists everywhere in the domain" if condition == "always" else f"       exists iff {condition}")
        _say("       payoffs: " + ", ".join(f"{p} = {to_unicode(u, names)}" for p, u in r.payoffs.items()))
    for note in found.notes:
        if found.continuum is not None and note.startswith("continuum of equilibria exactly when:"):
            note = f"continuum of equilibria exactly when: {to_unicode(found.continuum, names)}"
        _say(f"  note: {note}")
    return 0


def _continuous_regimes(args: argparse.Namespace, model_cls: Any, pinned: dict[str, Any],
                        options: dict[str, Any]) -> int:
    """A continuous model's binding patterns (who contributes), each with its levels and region, as in the report."""
    from trigame.cli.values import CommandLineError
    from trigame.statics.continuous import level_regimes
    from trigame.viz._sections_kinds import continuous_propositions, continuous_rows

    if args.json:
        raise CommandLineError(f"--json lists the regimes of finite games; {model_cls.__name__} is a continuous "
                               "game: its binding patterns are printed as text or, with --latex, as propositions")
    if options:
        raise CommandLineError(f"{model_cls.__name__}'s regimes take parameters only; got {', '.join(options)}")
    found = level_regimes(model_cls, fixed=pinned or None)
    if args.latex:
        _say(continuous_propositions(model_cls, found))
        return 0
    params = model_cls.parameters()
    _say(f"{model_cls.__name__}: {len(found)} binding patterns (who contributes) of its Nash equilibrium as "
         "functions of the parameters")
    free = [p for p in params if p.name not in pinned]
    if free:
        _say("Free parameters (symbol, name, field), in their domains:")
        width = max(len(p.unicode) for p in free)
        for p in free:
            _say(f"  {p.unicode:<{width}}  {p.label} ({p.name}): {p.domain}")
    else:
        _say("Free parameters: none")
    if pinned:
        origin = f" (preset {find_preset(model_cls, args.preset)!r})" if args.preset else ""
        shown = {p.name: p.unicode for p in params}
        _say(f"Fixed{origin}: " + ", ".join(f"{shown[k]} = {_number(v, True)}" for k, v in pinned.items()))
    _say()
    for k, (description, levels, condition) in enumerate(continuous_rows(model_cls, found), start=1):
        _say(f"  {k}. {description}")
        _say("       holds everywhere in the domain" if condition == "always" else f"       holds when {condition}")
        _say(f"       levels: {levels}")
    return 0


def _say_repeated(model_cls: Any, found: Any) -> None:
    """A repeated model's profiles with their conditions, stated as the report states them."""
    from trigame.statics.conditions import to_unicode
    from trigame.viz._sections_kinds import repeated_conditions

    lead, conditions = repeated_conditions(model_cls, found)
    _say(lead)
    for k, ((label, text, _), r) in enumerate(zip(conditions, found), start=1):
        _say(f"  {k}. {label}")
        where = {"always": "everywhere in the domain", "never": "nowhere in the domain"}
        _say(f"       subgame-perfect {where[text]}" if text in where else f"       subgame-perfect when {text}")
        _say("       payoffs: " + ", ".join(f"{p} = {to_unicode(u, found.display_names)}"
                                           for p, u in r.payoffs.items()))
    for note in found.notes:
        _say(f"  note: {note}")


def _repeated_latex(model_cls: Any, found: Any) -> str:
    """A repeated model's profiles as LaTeX propositions, as the report writes them (propositions.tex)."""
    from trigame.viz._sections_kinds import repeated_conditions, repeated_propositions

    _, conditions = repeated_conditions(model_cls, found)
    head = (f"% {model_cls.__name__}: the automaton profiles it checks, each with the exact condition under which it "
            "is subgame-perfect (written by trigame).\n% A fragment for a document's body: it needs no package.")
    return "\n\n".join([head, repeated_propositions(conditions)] if conditions else [head])


def _domain_text(found: Any, name: str) -> str:
    """A free parameter's domain in words: ``0 ≤ f_J ≤ 1``, ``s > 0``, ``any real number``."""
    lo, lo_open, hi, hi_open = found._problem.space.bounds[found.parameters.index(name)]
    text = found.display_names[name][1]
    low = "" if lo is None else f"{lo} {'<' if lo_open else '≤'} "
    high = "" if hi is None else f" {'<' if hi_open else '≤'} {hi}"
    if not low and not high:
        return "any real number"
    if not low:
        return f"{text}{high}"
    if not high:
        return f"{text} {'>' if lo_open else '≥'} {lo}"
    return f"{low}{text}{high}"
