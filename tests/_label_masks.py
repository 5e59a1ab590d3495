"""Label sets as the integer bit masks the vertex enumeration and the pairing of vertices use."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any


def label_masks(labels: Any) -> list[int]:
    """Each row of a boolean (vertex, label) matrix as an int with bit ``i`` set where label ``i`` is."""
    rows: Iterable[Any] = labels.tolist() if hasattr(labels, "tolist") else labels
    return [sum(1 << i for i, held in enumerate(row) if held) for row in rows]
