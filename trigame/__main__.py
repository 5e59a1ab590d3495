"""``python -m trigame`` runs the ``trigame`` command."""

import sys

from trigame.cli import main

if __name__ == "__main__":
    sys.exit(main())
