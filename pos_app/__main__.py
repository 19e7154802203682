import sys

from . import collection

collection.pause()  # the start-up's imports, without the collector (pos_app/collection.py)

from .cli import main  # noqa: E402

sys.exit(main())
