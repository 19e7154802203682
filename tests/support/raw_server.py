"""A real, misbehaving HTTP server on 127.0.0.1, for the client's transport tests.

Each test scripts what the server does with each request it reads (canned raw bytes,
silence, a lying Content-Length, an endless or trickling body). `answering_every_request`
is the plain one: the same answer to every request of a whole command.
"""

from __future__ import annotations

import http.server
import json
import socket
import socketserver
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class SeenRequest:
    method: str
    target: str
    headers: dict[str, str]  # names in lower case
    body: bytes


Behaviour = Callable[[socket.socket, SeenRequest], None]


def _read_request(sock: socket.socket) -> SeenRequest:
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(65536)
        if not chunk:
            raise ConnectionError("client went away before sending a request")
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    request_line, *header_lines = head.decode("latin-1").split("\r\n")
    method, target, _version = request_line.split(" ", 2)
    headers: dict[str, str] = {}
    for line in header_lines:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    length = int(headers.get("content-length", "0"))
    while len(body) < length:
        chunk = sock.recv(65536)
        if not chunk:
            break
        body += chunk
    return SeenRequest(method, target, headers, body)


class MisbehavingServer:
    """A loopback HTTP server that answers every connection with the current behaviour."""

    def __init__(self) -> None:
        self.requests: list[SeenRequest] = []
        self.stop = threading.Event()
        self._behaviour: Behaviour = close_at_once
        outer = self

        class Handler(socketserver.BaseRequestHandler):
            def handle(self) -> None:
                sock: socket.socket = self.request
                sock.settimeout(5)
                try:
                    seen = _read_request(sock)
                    outer.requests.append(seen)
                    outer._behaviour(sock, seen)
                except OSError:
                    pass  # the client hung up first: that is what some tests want

        socketserver.ThreadingTCPServer.allow_reuse_address = True
        self._server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Handler)
        # Handler threads are joined by server_close(), so teardown leaves nothing running.
        self._server.daemon_threads = False
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}
        )
        self._thread.start()

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    def behave(self, behaviour: Behaviour) -> None:
        self._behaviour = behaviour

    def answer(self, raw: bytes) -> None:
        """Send `raw` as the whole answer, then close the connection."""

        def send(sock: socket.socket, _: SeenRequest) -> None:
            sock.sendall(raw)

        self.behave(send)

    def trickle(self, head: bytes, body: bytes = b"", *, every: float = 0.25) -> None:
        """Send `head` (then `body`, if any) one byte every `every` seconds, never faster.

        httpx's timeouts are per read: each byte restarts them, so only a budget for the
        whole call ends such an answer before the server is done.
        """

        def send(sock: socket.socket, _: SeenRequest) -> None:
            for part in (head, body):
                for i in range(len(part)):
                    if self.stop.wait(every):  # released at teardown
                        return
                    sock.sendall(part[i : i + 1])

        self.behave(send)

    def close(self) -> None:
        self.stop.set()
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)


def close_at_once(sock: socket.socket, _: SeenRequest) -> None:
    pass


def response(
    status: int = 200,
    body: bytes | dict[str, Any] | list[Any] = b"",
    *,
    reason: str = "OK",
    headers: dict[str, str] | None = None,
    content_length: int | None = None,
) -> bytes:
    if not isinstance(body, bytes):
        body = json.dumps(body).encode()
    all_headers = {"Content-Type": "application/json", "Connection": "close"}
    all_headers.update(headers or {})
    all_headers.setdefault(
        "Content-Length", str(len(body) if content_length is None else content_length)
    )
    head = f"HTTP/1.1 {status} {reason}\r\n" + "".join(
        f"{name}: {value}\r\n" for name, value in all_headers.items()
    )
    return head.encode("latin-1") + b"\r\n" + body


@contextmanager
def answering_every_request(
    status: int, body: bytes, *, methods: tuple[str, ...] = ("GET", "POST")
) -> Iterator[str]:
    """An HTTP server on 127.0.0.1 that answers every request of `methods` with `status` and
    the JSON `body`, for as many requests as come (a whole command's); yields its URL."""

    class Handler(http.server.BaseHTTPRequestHandler):
        def _answer(self) -> None:
            self.rfile.read(int(self.headers.get("Content-Length") or 0))
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: Any) -> None:
            pass

    for method in methods:
        setattr(Handler, f"do_{method}", Handler._answer)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
    )
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
