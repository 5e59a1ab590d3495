"""``python -m trigame`` runs the ``trigame`` command."""

import sys

from trigame.cli import main

sys.exit(main())
