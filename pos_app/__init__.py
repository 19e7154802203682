"""pos-app: an offline-first loyalty redemption terminal for the checkout counter."""

__version__ = "0.1.0"
