"""The frozen app's entry point (packaging/pos-app.spec): the same `main` as the installed
`pos-app` script, so one binary is the cashier's screen and the command line."""

import sys

from pos_app.cli import main

if __name__ == "__main__":
    sys.exit(main())
