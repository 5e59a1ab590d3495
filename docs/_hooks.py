"""MkDocs hooks for the trigame documentation.

The docstrings cross-reference with Sphinx roles (``:func:`equilibria```), which
Markdown renders as a literal ``:func:`` before the code span; this hook drops
the role name and keeps the code span.
"""

from __future__ import annotations

import re
from typing import Any

_ROLE = re.compile(r":(?:py:)?(?:func|class|meth|mod|attr|data|exc|obj|const):(?=<code>)")


def on_page_content(html: str, **kwargs: Any) -> str:
    """Remove Sphinx role prefixes in front of code spans."""
    return _ROLE.sub("", html)
