"""Rich display in Jupyter: games, equilibrium sets and regimes as HTML tables.

Jupyter calls an object's ``_repr_html_`` to show it; trigame's games, result
sets, regimes and sweeps return the tables built here, so that a notebook shows
a payoff table and a list of equilibria instead of a repr.  Every text is
escaped; symbolic entries are shown as MathJax (``\\(...\\)``), which Jupyter
renders inside HTML output.  Large objects are cut at :data:`MAX_ROWS` rows
with a line that says so.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import Any

from trigame._numbers import format_number, is_sympy

__all__ = ["MAX_ROWS", "Math", "TexText", "cell_html", "game_html", "html_table"]

#: Rows shown before a table is cut (the repr and ``.to_pandas()`` give everything).
MAX_ROWS = 60

_STYLE = "border-collapse: collapse; text-align: right"


class Math(str):
    """LaTeX source shown as inline MathJax in a table cell."""


class TexText(str):
    """Text with inline ``$...$`` mathematics, shown with the mathematics in MathJax."""


def cell_html(value: Any) -> str:
    """One table cell's content: a number formatted, a SymPy expression or :class:`Math` as MathJax, text escaped."""
    if isinstance(value, Math):
        return f"\\({html.escape(str(value))}\\)"
    if isinstance(value, TexText):
        import re

        return re.sub(r"\$(.+?)\$", lambda m: f"\\({m.group(1)}\\)", html.escape(str(value)))
    if is_sympy(value):
        import sympy

        return f"\\({html.escape(sympy.latex(value))}\\)"
    if isinstance(value, str):
        return html.escape(value)
    try:
        return html.escape(format_number(value))
    except (TypeError, ValueError):
        return html.escape(str(value))


def html_table(header: Sequence[str], rows: Sequence[Sequence[Any]], *, caption: str = "",
               notes: Sequence[str] = ()) -> str:
    """An HTML table with an optional caption and notes below; at most :data:`MAX_ROWS` rows."""
    parts = [f'<table style="{_STYLE}">']
    if caption:
        parts.append(f"<caption style='text-align: left'>{html.escape(caption)}</caption>")
    parts.append("<thead><tr>" + "".join(f"<th>{html.escape(h)}</th>" for h in header) + "</tr></thead><tbody>")
    for row in rows[:MAX_ROWS]:
        parts.append("<tr>" + "".join(f"<td>{cell_html(x)}</td>" for x in row) + "</tr>")
    parts.append("</tbody></table>")
    hidden = len(rows) - MAX_ROWS
    extra = [f"{hidden} more rows not shown"] if hidden > 0 else []
    for note in [*extra, *notes]:
        parts.append(f"<p style='margin: 0.2em 0'><small>{html.escape(note)}</small></p>")
    return "\n".join(parts)


def game_html(game: Any) -> str:
    """A strategic-form game: a bimatrix for two players, one row per strategy profile otherwise."""
    import numpy as np

    caption = (game.title + ": " if game.title else "") + (
        f"{game.n_players} players, strategies {'x'.join(map(str, game.shape))}, {game.kind} payoffs")
    payoffs = game.payoffs
    if game.n_players == 2 and max(game.shape) <= 20:
        rows_, cols = game.strategies
        header = [f"{game.players[0]} \\ {game.players[1]}", *cols]
        body = [[r, *(_pair(payoffs[0][a, b], payoffs[1][a, b]) for b in range(len(cols)))]
                for a, r in enumerate(rows_)]
        return _bimatrix(header, body, caption)
    header = [*game.players, *(f"u({p})" for p in game.players)]
    rows: list[list[Any]] = []
    for index in np.ndindex(*game.shape):
        if len(rows) > MAX_ROWS:
            break
        labels = [s[k] for s, k in zip(game.strategies, index)]
        rows.append([*labels, *(payoffs[i][index] for i in range(game.n_players))])
    total = int(np.prod(game.shape))
    notes = [f"{total - MAX_ROWS} more profiles not shown"] if total > MAX_ROWS else []
    return html_table(header, rows[:MAX_ROWS], caption=caption, notes=notes)


def _pair(first: Any, second: Any) -> str:
    """``"u1, u2"``; in one MathJax span when either is symbolic."""
    if is_sympy(first) or is_sympy(second):
        import sympy

        return f"\\({sympy.latex(first)}, {sympy.latex(second)}\\)"
    return f"{format_number(first)}, {format_number(second)}"


def _bimatrix(header: Sequence[str], body: Sequence[Sequence[str]], caption: str) -> str:
    parts = [f'<table style="{_STYLE}">', f"<caption style='text-align: left'>{html.escape(caption)}</caption>",
             "<thead><tr>" + "".join(f"<th>{html.escape(h)}</th>" for h in header) + "</tr></thead><tbody>"]
    for row in body[:MAX_ROWS]:
        parts.append(f"<tr><th>{html.escape(row[0])}</th>"
                     + "".join(f"<td>{html.escape(x)}</td>" for x in row[1:]) + "</tr>")
    parts.append("</tbody></table>")
    return "\n".join(parts)
