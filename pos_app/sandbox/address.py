"""Where a sandbox listens, known before its server runs: its socket and its default API
key. Standard library only, so that the demo's backend process (child.py) can bind and
give the window its address before it loads the web stack: a client that connects
meanwhile waits in the socket's queue and is answered once the server runs."""

from __future__ import annotations

import socket

DEFAULT_API_KEY = "sk_test_sandbox"


def bind_socket(host: str, port: int) -> socket.socket:
    """A listening socket on host:port (port 0 picks a free one)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    # Accepted connections inherit this on Linux: without it, Nagle's algorithm and the
    # client's delayed ACK add about 40 ms to every answer on a kept-alive connection.
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    sock.bind((host, port))
    sock.listen(128)
    sock.set_inheritable(True)
    return sock


def url_of(host: str, port: int) -> str:
    host = f"[{host}]" if ":" in host else host
    return f"http://{host}:{port}"
