"""``python -m policemetrics``: the command line (:mod:`policemetrics.io.cli`)."""

import sys

from policemetrics.io.cli import main

if __name__ == "__main__":
    sys.exit(main())
