"""The sandbox's HTTP surface: API.md served by FastAPI over a `Ledger`.

Order of checks (API.md): authentication (the ASGI layer in faults.py), validation
(schemas.py: pydantic models and query constraints), the idempotency key
(idempotency.py), then existence and business rules inside the ledger's books, all in one
transaction. The routes are in routers/, one module per resource; handlers.py answers
every failure with the contract's error object (errors.py).
"""

from __future__ import annotations

from fastapi import FastAPI

from .faults import FaultState
from .handlers import install_error_handlers
from .idempotency import Idempotency
from .ledger import Ledger
from .openapi import install_openapi
from .routers import controls, customers, points, redemptions, rewards

API_VERSIONS = ("1", "1.1")


def create_app(ledger: Ledger, faults: FaultState, api_version: str = "1.1") -> FastAPI:
    """The API over `ledger` (not touched until a request comes). `api_version` "1" serves
    v1 only: every v1.1 addition (API.md "Version 1.1") is off, as on an older backend."""
    if api_version not in API_VERSIONS:
        raise ValueError(f"api_version must be one of {', '.join(API_VERSIONS)}")
    v11 = api_version == "1.1"
    app = FastAPI(
        title="LoyalPro sandbox",
        version=api_version,
        description="A LoyalPro-compatible backend for development, demos and tests. "
        "Not a production loyalty backend.",
    )
    install_openapi(app)  # the answers the sandbox really gives, not FastAPI's 422s
    install_error_handlers(app)
    idem = Idempotency(ledger, faults)
    app.state.idempotency = idem
    app.state.api_version = api_version
    # Routes are added to the app itself, not included as routers: FastAPI keeps an
    # included router as one opaque route, and the 405 handler reads every route's methods.
    customers.install(app, ledger, idem)
    points.install(app, ledger, idem, v11=v11)
    rewards.install(app, ledger, v11=v11)
    redemptions.install(app, ledger, idem, v11=v11)
    controls.install(app, ledger, faults)
    return app
