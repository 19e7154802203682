"""Reading a list's pages ahead: while the pull writes one batch of pages to the cache,
a thread of its own already asks the backend for the next ones, so the network and the
disk work at the same time instead of in turn."""

from __future__ import annotations

import contextlib
import contextvars
import queue
import threading
from collections.abc import Callable
from types import TracebackType
from typing import Generic, Self, TypeVar

from ..api import models as api

T = TypeVar("T")

AHEAD = 10
"""Pages read ahead at most (memory stays bounded whatever the list's length)."""


class Prefetch(Generic[T]):
    """`fetch(cursor)` page after page, from `cursor=None` to the last page (`has_more`
    false or no `next_cursor`), in a thread: `take` hands them over in order. An error of
    `fetch` is handed over in its turn, after the pages before it, and ends the reading.
    Use as a context manager: leaving it stops the thread (at the end of the request it
    is in) and waits for it."""

    def __init__(
        self, fetch: Callable[[str | None], api.Page[T]], stop: threading.Event | None = None
    ) -> None:
        self._fetch = fetch
        self._closing = stop  # the terminal closing: no next page is asked for
        self._queue: queue.Queue[api.Page[T] | BaseException] = queue.Queue(AHEAD)
        self._stop = threading.Event()
        self._ended = False  # the last page or an error has been taken
        self._error: BaseException | None = None  # taken, to raise after what came before
        context = contextvars.copy_context()  # the log lines' ids
        self._thread = threading.Thread(
            target=context.run, args=(self._read,), name="pos-app-pull", daemon=True
        )

    def __enter__(self) -> Self:
        self._thread.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._stop.set()
        while self._thread.is_alive():
            with contextlib.suppress(queue.Empty):  # make room for a reader blocked on a full queue
                self._queue.get(timeout=0.05)
        self._thread.join()

    def _halted(self) -> bool:
        return self._stop.is_set() or (self._closing is not None and self._closing.is_set())

    def _read(self) -> None:
        cursor: str | None = None
        while not self._halted():
            try:
                page: api.Page[T] | BaseException = self._fetch(cursor)
            except BaseException as error:  # handed over to the pull, which raises it
                page = error
            if not self._put(page) or isinstance(page, BaseException):
                return
            if not page.has_more or page.next_cursor is None:
                return
            cursor = page.next_cursor

    def _put(self, item: api.Page[T] | BaseException) -> bool:
        while not self._stop.is_set():  # (the page in hand is handed over, closing or not)
            try:
                self._queue.put(item, timeout=0.1)
                return True
            except queue.Full:
                continue
        return False

    def take(self, most: int) -> tuple[list[api.Page[T]], bool]:
        """The next page (waiting for it), then whichever following ones are already
        read, up to `most` items in all; and whether the list ended with them. An error
        is raised once the pages before it have been taken. Nothing, and not ended, when
        the closing stopped the reader before its next page."""
        if self._error is not None:
            error, self._error = self._error, None
            raise error
        pages: list[api.Page[T]] = []
        items = 0
        while not self._ended and (not pages or items < most):
            try:
                got = self._queue.get(timeout=0.1) if not pages else self._queue.get_nowait()
            except queue.Empty:
                if pages or (not self._thread.is_alive() and self._queue.empty()):
                    break  # (nothing at all: the reader was stopped by the closing)
                continue
            if isinstance(got, BaseException):
                self._ended = True
                if not pages:
                    raise got
                self._error = got
                break
            pages.append(got)
            items += len(got.data)
            self._ended = not got.has_more or got.next_cursor is None
        return pages, self._ended and self._error is None
