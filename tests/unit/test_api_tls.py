"""Loading the CA store (13-55 ms) only for an https client, and once per process
(issue 14): a terminal makes several clients, and most talk http:// on a LAN or loopback."""

from __future__ import annotations

import ssl

from pos_app.api import LoyaltyClient
from pos_app.api.deadline import shared_ssl_context

KEY = "k" * 32


def tls_of(client: LoyaltyClient) -> ssl.SSLContext | None:
    context: ssl.SSLContext | None = client._http._transport._pool._ssl_context  # type: ignore[attr-defined]
    return context


def test_an_http_client_loads_no_tls_context() -> None:
    with LoyaltyClient("http://127.0.0.1:8765", KEY) as client:
        assert tls_of(client) is None


def test_https_clients_share_one_context_that_verifies() -> None:
    with (
        LoyaltyClient("https://loyalty.example.com", KEY) as one,
        LoyaltyClient("HTTPS://other.example.com/", KEY) as two,
    ):
        context = tls_of(one)
        assert context is not None and context is tls_of(two) is shared_ssl_context()
        assert context.verify_mode is ssl.CERT_REQUIRED and context.check_hostname
