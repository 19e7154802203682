"""pos-app: an offline-first loyalty redemption terminal for the checkout counter."""

# First, so that `ready in N ms` counts from the process start even without /proc.
from . import started as started

__version__ = "0.1.0"
