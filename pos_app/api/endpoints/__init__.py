"""The methods of `LoyaltyClient`, one class per resource of the API (docs/API.md,
"Endpoints"), each over the `Channel` (channel.py); client.py puts them together.

A new endpoint: its method in the resource's class here, its object and parser in
`pos_app/api/models/`, and its `expect` check in `pos_app/api/answers.py`.
"""

from .analytics import AnalyticsEndpoints
from .catalogue import CatalogueEndpoints
from .customers import CustomerEndpoints
from .points import PointsEndpoints
from .redemptions import RedemptionEndpoints

__all__ = [
    "AnalyticsEndpoints",
    "CatalogueEndpoints",
    "CustomerEndpoints",
    "PointsEndpoints",
    "RedemptionEndpoints",
]
