"""Markdown pieces the report's sections share: table cells and tables, numbers, anchors, values, a section.

Kept apart from :mod:`trigame.viz._sections` so that the sections of models of
other kinds (:mod:`trigame.viz._sections_kinds`) use them without an import cycle.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from trigame.models.base import Model


def _cell(text: Any) -> str:
    """Text safe inside a Markdown table cell (``|`` escaped, one line)."""
    return " ".join(str(text).split()).replace("|", "\\|")


def _table(header: Sequence[str], rows: Sequence[Sequence[Any]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(_cell(x) for x in row) + " |" for row in rows]
    return lines


def _number(value: Any) -> str:
    from trigame._numbers import format_number

    return format_number(value, 4)


def _slug(text: str) -> str:
    return re.sub(r"[^0-9a-z]+", "-", text.casefold()).strip("-")


def _values_text(model: Model, base: Model | None = None) -> str:
    values = model.values()
    if base is not None:
        reference = base.values()
        changed = {k: v for k, v in values.items() if v != reference[k]}
        options = {k: v for k, v in _options(model).items() if v != _options(base)[k]}
        parts = [f"{k} = {_number(v)}" for k, v in {**changed, **options}.items()]
        return ", ".join(parts) if parts else "the defaults"
    return ", ".join(f"{k} = {_number(v)}" for k, v in values.items())


def _options(model: Model) -> dict[str, Any]:
    getter = getattr(model, "option_values", None)
    if getter is None:
        return {}
    return {k: v for k, v in getter().items() if isinstance(v, bool)}


@dataclasses.dataclass
class _Section:
    """One model's part of the report, computed in a worker process."""

    text: str
    summary_row: str
    echo_line: str
    problems: list[str]
    seconds: float
    latex: str = ""
