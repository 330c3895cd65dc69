"""Evaluating one SPARQL query for the server: in a thread, or in a worker process.

A query that outlives its deadline must really stop. Rows are pulled one at a time with
the deadline checked between them, which stops every streaming query; but an aggregate
or a sort computes everything before its first row, and pyoxigraph cannot be interrupted.
So when the store is on disk (as `atkg serve` has it) queries run in worker processes,
each holding the store open read-only, and one past its deadline is ended with its
process, which is then replaced.
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import queue
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from typing import Any

import pyoxigraph as ox

from atkg.namespaces import PREFIXES
from atkg.server.conneg import negotiate
from atkg.server.results import (
    GRAPH_TYPES,
    SELECT_TYPES,
    QueryTimeoutError,
    pull,
    write_boolean,
    write_graph,
    write_select,
)

log = logging.getLogger(__name__)
RDF_OFFERS = ["text/turtle", "application/ld+json", "application/n-triples", "application/rdf+xml"]
SELECT_OFFERS = list(SELECT_TYPES)


@dataclass
class Response:
    status: str
    body: bytes
    content_type: str
    headers: list[tuple[str, str]] = field(default_factory=list)


def text_response(status: str, message: str) -> Response:
    return Response(status, (message + "\n").encode(), "text/plain; charset=utf-8", [])


@dataclass(frozen=True)
class Job:
    """One query to evaluate, with what the client accepts and the server's limits."""

    query: str
    accept: str | None
    default_graphs: list[str]
    named_graphs: list[str]
    timeout: float
    limit: int


def evaluate(store: ox.Store, job: Job) -> Response:
    """The HTTP response for one query: 200, 400 for a bad query, 503 past the deadline."""
    deadline = time.monotonic() + job.timeout
    kwargs: dict[str, Any] = {"prefixes": PREFIXES}
    if job.default_graphs:
        kwargs["default_graph"] = [ox.NamedNode(g) for g in job.default_graphs]
    else:
        kwargs["use_default_graph_as_union"] = True
    if job.named_graphs:
        kwargs["named_graphs"] = [ox.NamedNode(g) for g in job.named_graphs]
    try:
        result = store.query(job.query, **kwargs)
    except (SyntaxError, ValueError) as exc:
        return text_response("400 Bad Request", f"malformed query: {exc}")
    headers: list[tuple[str, str]] = [("Vary", "Accept")]
    try:
        if isinstance(result, ox.QueryBoolean):
            media = negotiate(job.accept, SELECT_OFFERS) or SELECT_OFFERS[0]
            body = write_boolean(bool(result), SELECT_TYPES[media])
            return Response("200 OK", body, media, headers)
        if isinstance(result, ox.QuerySolutions):
            media = negotiate(job.accept, SELECT_OFFERS) or SELECT_OFFERS[0]
            variables = [v.value for v in result.variables]
            width = range(len(variables))
            got = pull(([sol[i] for i in width] for sol in result), job.limit, deadline)
            body = write_select(variables, got.items, SELECT_TYPES[media])
        else:
            media = negotiate(job.accept, RDF_OFFERS) or RDF_OFFERS[0]
            got = pull(result, job.limit, deadline)
            body = write_graph(got.items, GRAPH_TYPES[media], PREFIXES)
    except OSError as exc:  # pyoxigraph reports evaluation errors as OSError
        return text_response("400 Bad Request", f"query failed: {exc}")
    except QueryTimeoutError:
        # answered here, on the thread that made the results: pyoxigraph's result objects
        # must be dropped where they were created, not where an exception ends up
        del result
        return text_response("503 Service Unavailable", f"query timed out after {job.timeout:g}s")
    if got.truncated:
        headers += [
            ("Atkg-Truncated", f"results cut at the server's limit of {job.limit}"),
            ("Warning", f'199 - "results truncated at {job.limit}"'),
        ]
    if media.startswith("text/") or media.endswith("+xml"):
        media += "; charset=utf-8"
    return Response("200 OK", body, media, headers)


def _worker(conn: Connection, location: str) -> None:
    """A worker process: open the store read-only, answer jobs until told to stop."""
    store = ox.Store.read_only(location)
    while True:
        try:
            job = conn.recv()
        except EOFError:
            return
        if job is None:
            return
        try:
            response = evaluate(store, job)
        except QueryTimeoutError:
            response = text_response("503 Service Unavailable", "query timed out")
        except Exception as exc:  # reported to the client, the worker lives on
            response = text_response("500 Internal Server Error", f"query failed: {exc}")
        conn.send(response)


class QueueFullError(Exception):
    """Every worker stayed busy for as long as a request may wait."""


@contextlib.contextmanager
def _main_module_hidden() -> Iterator[None]:
    """Start workers without re-importing `__main__` in them (spawn does by default).

    The worker needs only this module; re-running the main module would run the whole
    command line again in the worker when atkg was started as `python -m atkg`.
    """
    main = sys.modules.get("__main__")
    saved = {k: main.__dict__[k] for k in ("__spec__", "__file__") if main and k in main.__dict__}
    try:
        if main is not None:
            main.__dict__.pop("__file__", None)
            main.__dict__["__spec__"] = None
        yield
    finally:
        if main is not None:
            main.__dict__.update(saved)
            if "__spec__" not in saved:
                main.__dict__.pop("__spec__", None)


class ProcessPool:
    """Worker processes over an on-disk store; a job past its deadline ends its worker."""

    def __init__(self, location: str, size: int) -> None:
        self.location = location
        self._context = multiprocessing.get_context("spawn")  # no fork of a RocksDB handle
        self._idle: queue.Queue[tuple[Any, Connection]] = queue.Queue()
        for _ in range(size):
            self._idle.put(self._start())
        self.restarts = 0

    def _start(self) -> tuple[Any, Connection]:
        parent, child = self._context.Pipe()
        process = self._context.Process(
            target=_worker, args=(child, self.location), daemon=True, name="atkg-query"
        )
        with _main_module_hidden():
            process.start()
        child.close()
        return process, parent

    def run(self, job: Job, queue_timeout: float = 60.0) -> Response:
        """Wait for a free worker (up to `queue_timeout`), then give the job its timeout."""
        try:
            worker = self._idle.get(timeout=queue_timeout)
        except queue.Empty:
            raise QueueFullError from None
        process, conn = worker
        try:
            conn.send(job)
            if conn.poll(job.timeout + 0.5):
                response: Response = conn.recv()
                self._idle.put(worker)
                return response
        except (EOFError, OSError, BrokenPipeError):
            log.warning("a query worker died; starting another")
        process.kill()
        process.join(5)
        conn.close()
        self.restarts += 1
        self._idle.put(self._start())
        raise QueryTimeoutError

    def close(self) -> None:
        while True:
            try:
                process, conn = self._idle.get_nowait()
            except queue.Empty:
                return
            with contextlib.suppress(OSError):
                conn.send(None)
            process.join(2)
            if process.is_alive():
                process.kill()
