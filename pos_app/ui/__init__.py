"""The cashier's screen (PySide6). The only package that imports Qt: it calls services on a
worker thread and listens to the sync engine's events through one bridge."""
