"""``trigame models``, ``describe`` and ``examples``: what trigame holds -- its models and shipped game files."""

from __future__ import annotations

import argparse

from trigame.cli.values import bundled_games, command_model


def _models_command(args: argparse.Namespace) -> int:
    from trigame.viz.catalogue import game_kind
    from trigame.viz.report import model_registry, summary_line

    registry = model_registry()
    width = max(len(name) for name in registry)
    for name, cls in registry.items():
        kind = game_kind(cls)
        print(f"{name.ljust(width)}  {summary_line(cls)}  [{kind}; {len(cls.parameters())} parameters, "
              f"{len(cls.scenarios)} presets]")
    return 0


def _describe_command(args: argparse.Namespace) -> int:
    model_cls = command_model(args.model, "describe")
    print(model_cls.describe())
    return 0


def _examples_command(args: argparse.Namespace) -> int:
    for name, path in bundled_games().items():
        print(f"{name}\t{path}")
    return 0
