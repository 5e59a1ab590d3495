"""Old home of the decision procedure for conditions on parameters, now :mod:`trigame.statics.decision`.

Kept so that the modules importing ``trigame.statics._semialgebraic`` keep working until they import from
the package.
"""

from trigame.statics.decision import Clause, Space, conjoin, poly_eval
from trigame.statics.decision.linear import FM_LIMIT, _fourier_motzkin

__all__ = ["FM_LIMIT", "Clause", "Space", "_fourier_motzkin", "conjoin", "poly_eval"]
