"""``trigame regimes``: every equilibrium of a model as a function of its parameters, with its conditions."""

from __future__ import annotations

import argparse
from typing import Any

from trigame.cli.output import JSON_SCHEMA_REGIMES, _json_value, _number, _print_json
from trigame.cli.values import find_preset, model_values


def _sympy_json(value: Any) -> Any:
    """A SymPy number or expression for JSON: integers as numbers, everything else as a string."""
    if getattr(value, "is_Integer", False):
        return int(value)
    return str(value)


def _regimes_command(args: argparse.Namespace) -> int:
    from trigame.statics import regimes
    from trigame.viz.report import find_model

    model_cls = find_model(args.model)
    fixed = model_values(model_cls, args.set or (), args.preset)
    parameters = set(model_cls.parameter_names())
    options = {k: v for k, v in fixed.items() if k not in parameters}
    pinned = {k: v for k, v in fixed.items() if k in parameters}
    target: Any = model_cls(**options) if options else model_cls
    found = regimes(target, fixed=pinned or None)
    if args.latex:
        print(found.to_latex())
        return 0
    what = "Nash" if found.kind == "nash" else "subgame-perfect"
    from trigame.viz.catalogue import game_kind

    if game_kind(target) == "Bayesian game":
        what = "Bayesian Nash"
    if args.json:
        _print_json({
            "schema": JSON_SCHEMA_REGIMES,
            "model": model_cls.__name__,
            "kind": found.kind,
            "options": options,
            "free": list(found.parameters),
            "fixed": {k: _json_value(v, True) for k, v in pinned.items()},
            "domain": str(found.domain),
            "degenerate": bool(found.degenerate),
            "notes": list(found.notes),
            "regimes": [
                {
                    "label": r.label,
                    "support_label": r.support_label,
                    "condition": str(r.condition),
                    "probabilities": {str(unit): {a: _sympy_json(p) for a, p in dist.items()}
                                      for unit, dist in r.probabilities.items()},
                    "payoffs": {str(player): _sympy_json(u) for player, u in r.payoffs.items()},
                }
                for r in found
            ],
        })
        return 0
    print(f"{model_cls.__name__}: {len(found)} {what} equilibria as functions of the parameters")
    if what == "Bayesian Nash":
        print("(each named by the choice of every type agent player@type, a player of the type-agent form)")
    print(f"Free parameters: {', '.join(found.parameters) or 'none'}; domain: {found.domain}")
    if pinned or options:
        origin = f" (preset {find_preset(model_cls, args.preset)!r})" if args.preset else ""
        print(f"Fixed{origin}: " + ", ".join(f"{k} = {_number(v, True)}" for k, v in {**pinned, **options}.items()))
    print()
    for k, r in enumerate(found, start=1):
        print(f"  {k}. {r.label}")
        print(f"       exists iff {r.condition}")
        print("       payoffs: " + ", ".join(f"{p} = {u}" for p, u in r.payoffs.items()))
    for note in found.notes:
        print(f"  note: {note}")
    return 0
