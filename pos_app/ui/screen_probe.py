"""`python -m pos_app.ui.screen_probe`: the screens Qt sees, as JSON on stdout, for the
doctor (services/display_check.py), which runs it in a subprocess with a timeout."""

from __future__ import annotations

import json
import sys

from PySide6.QtGui import QGuiApplication

from .customer_display import screens_here


def main() -> int:
    app = QGuiApplication(sys.argv[:1])
    found = [{"name": s.name, "width": s.width, "height": s.height} for s in screens_here()]
    print(json.dumps(found))
    app.quit()
    return 0


if __name__ == "__main__":
    sys.exit(main())
