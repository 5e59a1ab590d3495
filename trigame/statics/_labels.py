"""Moved to :mod:`trigame._labels` (a helper shared by solve and statics); this re-export is temporary."""
from trigame._labels import *  # noqa: F403
from trigame._labels import CONTINUUM, NONE, SEPARATOR, equilibrium_support_label, set_label, support_label  # noqa: F401
