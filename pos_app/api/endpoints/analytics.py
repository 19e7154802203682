"""The analytics endpoint of `LoyaltyClient` (docs/API.md v1.1, "Analytics"): the
programme's points by period. A backend that does not serve it (a v1-only one answers
404) raises `NotOffered`, never a refusal and never a report of zeros."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Literal

from ..answers import analytics_for
from ..channel import Channel
from ..encoding import query_string
from ..errors import NotFound, not_offered

if TYPE_CHECKING:  # imported when a report is asked for (a manager's screen, rarely)
    from ..models.analytics import AnalyticsInterval, PointsAnalytics

__all__ = ["AnalyticsEndpoints"]

PATH = "/v1/analytics/points"


class AnalyticsEndpoints(Channel):
    """Reports over the merchant's books."""

    def points_analytics(
        self,
        date_from: datetime,
        date_to: datetime,
        *,
        interval: AnalyticsInterval | Literal["day", "week", "month"] = "day",
        store_id: str | None = None,
        tz: str | None = None,
    ) -> PointsAnalytics:
        """GET /v1/analytics/points for [date_from, date_to), periods of `interval` in the
        IANA zone `tz` (the backend's default: UTC), under `store_id` if given."""
        from ..models.analytics import AnalyticsInterval, parse_points_analytics

        chosen = AnalyticsInterval(interval)
        params = query_string(interval=chosen.value, store_id=store_id, tz=tz)
        params.update(query_string(**{"from": date_from, "to": date_to}))
        try:
            return self._call(
                "GET",
                PATH,
                parse_points_analytics,
                params=params,
                expect=analytics_for(date_from, date_to, chosen),
            )
        except NotFound as error:
            raise not_offered(error, "analytics") from None
