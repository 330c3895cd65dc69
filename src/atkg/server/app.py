"""The WSGI application: routing, the SPARQL 1.1 Protocol, and dereferencing with conneg.

Read-only by construction: the store is opened read-only, SPARQL Update requests are
refused with 403 before anything is parsed, and queries run on a bounded pool of workers
with a deadline and a result limit (see atkg.server.evaluate).
"""

from __future__ import annotations

import json
import logging
import re
import threading
import urllib.parse
from collections import OrderedDict
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass
from typing import Any
from wsgiref.util import application_uri

import pyoxigraph as ox

from atkg.namespaces import BASE
from atkg.paths import ProjectPaths
from atkg.server import pages
from atkg.server.conneg import negotiate
from atkg.server.describe import Describer
from atkg.server.evaluate import (
    RDF_OFFERS,
    Job,
    ProcessPool,
    QueueFullError,
    Response,
    evaluate,
    text_response,
)
from atkg.server.results import FORMAT_PARAM, GRAPH_TYPES, QueryTimeoutError
from atkg.sparql import QueryFile, full_text, query_library

log = logging.getLogger(__name__)

StartResponse = Callable[..., Any]
DOC_OFFERS = [*RDF_OFFERS, "text/html"]  # */* gets Turtle; browsers ask for HTML
SUFFIXES = {
    ".ttl": "text/turtle",
    ".jsonld": "application/ld+json",
    ".nt": "application/n-triples",
    ".rdf": "application/rdf+xml",
    ".html": "text/html",
}
_UPDATE = re.compile(
    r"^\s*(?:(?:#[^\n]*\n|PREFIX\s+[^\s:]*:\s*<[^>]*>|BASE\s*<[^>]*>)\s*)*"
    r"(INSERT|DELETE|LOAD|CLEAR|DROP|CREATE|ADD|MOVE|COPY|WITH)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Settings:
    """Limits and addresses of one server."""

    timeout: float = 10.0  # seconds a query may take
    queue_timeout: float = 60.0  # seconds a request may wait for a free worker (a burst)
    limit: int = 10_000  # rows (or triples) a response may carry
    workers: int = 4  # queries evaluated at once
    max_body: int = 1_000_000  # bytes of a POSTed query
    public_url: str | None = None  # e.g. https://w3id.org/atkg/ (default: from the request)
    cache_size: int = 512  # named-query responses kept (the store is read-only)


class HTTPError(Exception):
    def __init__(self, status: str, message: str) -> None:
        super().__init__(message)
        self.status, self.message = status, message


_text = text_response


def is_update(text: str) -> bool:
    """Whether a request text is SPARQL Update (refused) rather than a query.

    >>> is_update("PREFIX a: <x:>\\n# add\\nINSERT DATA { a:s a:p a:o }")
    True
    >>> is_update("SELECT * { ?s ?p ?o } # delete")
    False
    """
    return _UPDATE.match(text) is not None


class App:
    """The server as a WSGI callable; one instance per store."""

    def __init__(
        self,
        store: ox.Store,
        paths: ProjectPaths,
        settings: Settings | None = None,
        location: str | None = None,
    ) -> None:
        self.store, self.paths = store, paths
        self.settings = settings or Settings()
        # worker processes when the store is on disk: a timed-out query can be stopped
        self._processes = ProcessPool(location, self.settings.workers) if location else None
        self.queries: dict[str, QueryFile] = {
            name: q
            for name, q in query_library(paths.queries).items()
            if q.kind in ("analysis", "reports", "qc")
        }
        self.describer = Describer(store, paths)
        self._pool = ThreadPoolExecutor(self.settings.workers, thread_name_prefix="atkg-query")
        self._cache: OrderedDict[tuple[str, ...], Response] = OrderedDict()
        self._lock = threading.Lock()
        self._documents: dict[str, bytes] = {}

    # -- WSGI ---------------------------------------------------------------------------

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        try:
            response = self.route(environ)
        except HTTPError as exc:
            response = _text(exc.status, exc.message)
        except Exception:  # a bug must not kill the server thread, and must be logged
            log.exception("error serving %s", environ.get("PATH_INFO"))
            response = _text("500 Internal Server Error", "internal error (logged)")
        headers = [
            ("Content-Type", response.content_type),
            ("Content-Length", str(len(response.body))),
            ("Access-Control-Allow-Origin", "*"),
            *response.headers,
        ]
        start_response(response.status, headers)
        return [b"" if environ.get("REQUEST_METHOD") == "HEAD" else response.body]

    def route(self, environ: dict[str, Any]) -> Response:
        method = environ.get("REQUEST_METHOD", "GET")
        path = environ.get("PATH_INFO", "/").encode("latin-1").decode("utf-8", "replace")
        if method == "OPTIONS":
            return Response(
                "204 No Content",
                b"",
                "text/plain",
                [
                    ("Access-Control-Allow-Methods", "GET, POST, HEAD, OPTIONS"),
                    ("Access-Control-Allow-Headers", "Content-Type, Accept"),
                ],
            )
        if path in ("/sparql", "/sparql/"):
            return self.sparql(environ, method)
        if method not in ("GET", "HEAD"):
            raise HTTPError("405 Method Not Allowed", f"{method} is not allowed on {path}")
        accept = environ.get("HTTP_ACCEPT")
        if path == "/":
            return self.html(pages.home(self))
        if path == "/query":
            return self.html(pages.query_page(self))
        if path == "/static/query.js":
            from importlib import resources

            script = resources.files("atkg.server").joinpath("static/query.js").read_bytes()
            return Response("200 OK", script, "text/javascript; charset=utf-8", [])
        if path in ("/.well-known/void", "/.well-known/void.ttl", "/void", "/dataset"):
            return self.rdf_document("void", accept, environ)
        if path in ("/catalog", "/.well-known/dcat"):
            return self.rdf_document("dcat", accept, environ)
        if path in ("/context.jsonld", "/context"):
            from atkg.publish.jsonld import shipped_context

            body = json.dumps({"@context": shipped_context()}, indent=1).encode()
            return Response("200 OK", body, "application/ld+json", [])
        if path == "/queries" or path.startswith("/queries/"):
            return self.named_query(path.removeprefix("/queries").strip("/"), environ)
        if path.startswith("/id/"):
            iri = self.describer.iri_for(path)
            if not self.describer.exists(iri):
                raise HTTPError("404 Not Found", f"atkg knows nothing about {iri}")
            location = "/doc/" + urllib.parse.quote(path.removeprefix("/id/"), safe="/-._~")
            return Response(
                "303 See Other", b"", "text/plain", [("Location", location), ("Vary", "Accept")]
            )
        if path.startswith(("/doc/", "/ontology", "/graph/")):
            return self.document(path, accept)
        raise HTTPError("404 Not Found", f"no such page: {path}")

    # -- helpers ------------------------------------------------------------------------

    def base_url(self, environ: dict[str, Any]) -> str:
        return self.settings.public_url or application_uri(environ)

    def html(self, text: str, status: str = "200 OK") -> Response:
        return Response(status, text.encode("utf-8"), "text/html; charset=utf-8", [])

    def rdf_document(self, name: str, accept: str | None, environ: dict[str, Any]) -> Response:
        media = negotiate(accept, RDF_OFFERS) or "text/turtle"
        base = self.base_url(environ)
        key = f"{name}:{media}:{base}"
        with self._lock:
            body = self._documents.get(key)
        if body is None:
            body = self.describer.dataset_description(name, GRAPH_TYPES[media], base)
            with self._lock:
                self._documents[key] = body
        return Response("200 OK", body, media, [("Vary", "Accept")])

    def document(self, path: str, accept: str | None) -> Response:
        media = None
        for suffix, kind in SUFFIXES.items():
            if path.endswith(suffix):
                path, media = path[: -len(suffix)], kind
                break
        media = media or negotiate(accept, DOC_OFFERS)
        if media is None:
            raise HTTPError("406 Not Acceptable", "available: " + ", ".join(DOC_OFFERS))
        if path.startswith("/doc/"):
            iri = self.describer.iri_for("/id/" + path.removeprefix("/doc/"))
        else:
            iri = BASE + path.lstrip("/")
        if not self.describer.exists(iri):
            raise HTTPError("404 Not Found", f"atkg knows nothing about {iri}")
        if media == "text/html":
            body = pages.entity_page(self, iri).encode("utf-8")
            return Response("200 OK", body, "text/html; charset=utf-8", [("Vary", "Accept")])
        body = self.describer.rdf(iri, GRAPH_TYPES[media])
        return Response("200 OK", body, media, [("Vary", "Accept")])

    # -- SPARQL protocol ------------------------------------------------------------------

    def sparql(self, environ: dict[str, Any], method: str) -> Response:
        params = urllib.parse.parse_qs(environ.get("QUERY_STRING", ""), keep_blank_values=True)
        query: str | None = None
        if method == "POST":
            ctype = environ.get("CONTENT_TYPE", "").split(";")[0].strip().lower()
            length = int(environ.get("CONTENT_LENGTH") or 0)
            if length > self.settings.max_body:
                raise HTTPError("413 Content Too Large", "query too large")
            body = environ["wsgi.input"].read(length) if length else b""
            if ctype == "application/x-www-form-urlencoded":
                form = urllib.parse.parse_qs(body.decode("utf-8"), keep_blank_values=True)
                if "update" in form:
                    raise HTTPError("403 Forbidden", "read-only endpoint: SPARQL Update refused")
                for key, values in form.items():
                    params.setdefault(key, []).extend(values)
            elif ctype == "application/sparql-query":
                query = body.decode("utf-8")
            elif ctype == "application/sparql-update":
                raise HTTPError("403 Forbidden", "read-only endpoint: SPARQL Update refused")
            else:
                raise HTTPError("415 Unsupported Media Type", "POST a form or a sparql-query")
        elif method not in ("GET", "HEAD"):
            raise HTTPError("405 Method Not Allowed", f"{method} is not allowed on /sparql")
        if "update" in params:
            raise HTTPError("403 Forbidden", "read-only endpoint: SPARQL Update refused")
        if query is None:
            values = params.get("query")
            if values and len(values) > 1:
                raise HTTPError("400 Bad Request", "more than one query parameter")
            query = values[0] if values else None
        accept = environ.get("HTTP_ACCEPT")
        if "format" in params and params["format"][0] in FORMAT_PARAM:
            accept = FORMAT_PARAM[params["format"][0]]
        if query is None and method == "POST":
            raise HTTPError("400 Bad Request", "no query in the request")
        if query is None:
            if negotiate(accept, DOC_OFFERS) == "text/html":
                return self.html(pages.query_page(self))
            return self.rdf_document("sd", accept, environ)
        if is_update(query):
            raise HTTPError("403 Forbidden", "read-only endpoint: SPARQL Update refused")
        return self.run(
            query, accept, params.get("default-graph-uri", []), params.get("named-graph-uri", [])
        )

    def run(
        self,
        query: str,
        accept: str | None,
        default_graphs: list[str] = (),  # type: ignore[assignment]
        named_graphs: list[str] = (),  # type: ignore[assignment]
    ) -> Response:
        """Evaluate one query within the deadline and the result limit.

        With worker processes (a store on disk), a query past its deadline is stopped by
        ending its process; with threads (an in-memory store) the deadline is checked
        between rows, which stops streaming queries but not one long aggregation.
        """
        job = Job(
            query,
            accept,
            list(default_graphs),
            list(named_graphs),
            self.settings.timeout,
            self.settings.limit,
        )
        timed_out = _text(
            "503 Service Unavailable", f"query timed out after {self.settings.timeout:g}s"
        )
        busy = _text("503 Service Unavailable", "server busy: try again")
        if self._processes is not None:
            try:
                return self._processes.run(job, self.settings.queue_timeout)
            except QueryTimeoutError:
                return timed_out
            except QueueFullError:
                return busy
        # the deadline starts when a thread takes the job; waiting in line has its own bound
        future = self._pool.submit(evaluate, self.store, job)
        try:
            return future.result(timeout=self.settings.queue_timeout + self.settings.timeout)
        except (FutureTimeout, QueryTimeoutError):
            return busy if not future.running() and not future.done() else timed_out

    def close(self) -> None:
        """Stop the query workers (threads finish their current query)."""
        if self._processes is not None:
            self._processes.close()
        self._pool.shutdown(wait=False, cancel_futures=True)

    # -- named queries ------------------------------------------------------------------

    def named_query(self, name: str, environ: dict[str, Any]) -> Response:
        accept = environ.get("HTTP_ACCEPT")
        params = dict(urllib.parse.parse_qsl(environ.get("QUERY_STRING", "")))
        fmt = params.pop("format", None)
        if fmt in FORMAT_PARAM:
            accept = FORMAT_PARAM[fmt]
        if not name:
            if negotiate(accept, ["application/json", "text/html"]) == "text/html":
                return self.html(pages.query_page(self))
            listing = [
                {
                    "name": n,
                    "summary": q.summary,
                    "parameters": [p.short for p in q.parameters],
                    "url": f"/queries/{n}",
                }
                for n, q in self.queries.items()
            ]
            return Response(
                "200 OK", json.dumps(listing, indent=1).encode(), "application/json", []
            )
        query = self.queries.get(name)
        if query is None:
            raise HTTPError("404 Not Found", f"no named query {name!r} (see /queries)")
        from atkg.errors import UsageError

        try:
            bindings = query.bind(params)
        except UsageError as exc:
            raise HTTPError("400 Bad Request", str(exc)) from exc
        key = (name, accept or "", *sorted(f"{k}={v}" for k, v in params.items()))
        with self._lock:
            cached = self._cache.get(key)
            if cached is not None:
                self._cache.move_to_end(key)
                return cached
        response = self.run(full_text(query, bindings), accept)
        if response.status.startswith("200"):
            with self._lock:
                self._cache[key] = response
                while len(self._cache) > self.settings.cache_size:
                    self._cache.popitem(last=False)
        return response


def make_app(
    store: ox.Store,
    paths: ProjectPaths | None = None,
    settings: Settings | None = None,
    location: str | None = None,
) -> App:
    """The WSGI application over a pyoxigraph store of a build.

    `location` is the store's directory when it is on disk: queries then run in worker
    processes that open it read-only, so that a query past the timeout can be stopped.
    """
    return App(store, paths or ProjectPaths.default(), settings, location)
