"""Decision procedure for conditions on parameters (being split into modules)."""

from trigame.statics.decision.space import Clause, Space, conjoin, poly_eval

__all__ = ["Clause", "Space", "conjoin", "poly_eval"]
