"""Old home of the decision procedure for conditions on parameters, now :mod:`trigame.statics.decision`.

Kept so that the modules importing ``trigame.statics._semialgebraic`` keep working until they import from
the package.
"""

from trigame.statics.decision.space import FM_LIMIT, Clause, Space, _fourier_motzkin, conjoin, poly_eval

__all__ = ["FM_LIMIT", "Clause", "Space", "_fourier_motzkin", "conjoin", "poly_eval"]
