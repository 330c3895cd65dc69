"""Graph Store HTTP Protocol and SPARQL Update over plain HTTP, with retries and auth.

urllib from the standard library is enough: it does Basic and Digest authentication
(Virtuoso's `-auth` endpoints accept Digest only) and the protocol is four verbs on one
URL. Graphs are always addressed with `?graph=IRI` (never `?default`, which Virtuoso
refuses), so the same client works on Oxigraph (`/store`) and Virtuoso
(`/sparql-graph-crud-auth`).
"""

from __future__ import annotations

import logging
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterable
from dataclasses import dataclass

log = logging.getLogger(__name__)

#: Statuses worth another try: the server is busy, restarting or behind a flaky proxy.
TRANSIENT = frozenset({408, 425, 429, 500, 502, 503, 504})
NTRIPLES = "application/n-triples"


class PublishError(Exception):
    """A request failed for good (after retries, or with a status that retrying won't fix)."""

    def __init__(self, method: str, url: str, status: int | None, detail: str) -> None:
        self.status = status
        where = f"{method} {url}"
        super().__init__(f"{where}: {status or 'no answer'} {detail}".strip())


@dataclass(frozen=True)
class Auth:
    """Credentials for write endpoints; `scheme` is `basic` or `digest`."""

    user: str
    password: str
    scheme: str = "basic"


@dataclass(frozen=True)
class Response:
    status: int
    body: bytes
    headers: dict[str, str]


class HttpClient:
    """One opener (with the auth handler) and a retry loop shared by GSP and Update."""

    def __init__(
        self,
        auth: Auth | None = None,
        timeout: float = 120,
        retries: int = 4,
        backoff: float = 0.5,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.timeout, self.retries, self.backoff, self._sleep = timeout, retries, backoff, sleep
        handlers: list[urllib.request.BaseHandler] = []
        self._digest: _PreemptiveDigest | None = None
        if auth is not None:
            if auth.scheme == "digest":
                self._digest = _PreemptiveDigest(_Credentials(auth))
                handlers.append(self._digest)
            elif auth.scheme == "basic":
                handlers.append(_PreemptiveBasic(auth.user, auth.password))
            else:
                raise ValueError(f"unknown auth scheme {auth.scheme!r} (basic or digest)")
        self._opener = urllib.request.build_opener(*handlers)
        self.attempts = 0  # requests sent, retries included (for reports and tests)

    def request(
        self,
        method: str,
        url: str,
        data: bytes | None = None,
        headers: dict[str, str] | None = None,
        ok: Iterable[int] = (200, 201, 204),
    ) -> Response:
        """Send one request, retrying transient failures with exponential backoff."""
        allowed = set(ok)
        if self._digest is not None and self._digest.challenge is None and data:
            self._probe(url)
        last: PublishError | None = None
        for attempt in range(self.retries + 1):
            if attempt:
                delay = self.backoff * 2 ** (attempt - 1)
                log.info("retrying %s %s in %.1fs (%s)", method, url, delay, last)
                self._sleep(delay)
            self.attempts += 1
            req = urllib.request.Request(url, data=data, method=method, headers=headers or {})
            try:
                with self._opener.open(req, timeout=self.timeout) as resp:
                    body = resp.read()
                    status, hdrs = resp.status, dict(resp.headers.items())
            except urllib.error.HTTPError as exc:
                status, body, hdrs = exc.code, exc.read(), dict(exc.headers.items())
            except (urllib.error.URLError, ConnectionError, TimeoutError) as exc:
                last = PublishError(method, url, None, str(getattr(exc, "reason", exc)))
                continue
            if status in allowed:
                return Response(status, body, hdrs)
            last = PublishError(method, url, status, body[:300].decode("utf-8", "replace"))
            if status not in TRANSIENT:
                raise last
        assert last is not None
        raise last

    def _probe(self, url: str) -> None:
        """Learn the digest challenge with a bodiless HEAD before sending a large body.

        Without it the first upload goes out unauthenticated, and Virtuoso answers the 401
        and closes the connection while the body is still being sent (a reset, not a 401).
        """
        req = urllib.request.Request(url, method="HEAD")
        try:
            with self._opener.open(req, timeout=self.timeout) as resp:
                resp.read()
        except (urllib.error.URLError, ConnectionError, TimeoutError) as exc:
            log.debug("digest probe of %s: %s", url, exc)


class _PreemptiveDigest(urllib.request.HTTPDigestAuthHandler):
    """Digest auth that answers the last challenge up front, so bodies are sent once."""

    def __init__(self, manager: urllib.request.HTTPPasswordMgr) -> None:
        super().__init__(manager)
        self.challenge: dict[str, str] | None = None

    def retry_http_digest_auth(self, req: urllib.request.Request, auth: str):  # type: ignore[no-untyped-def]
        _token, challenge = auth.split(" ", 1)
        self.challenge = urllib.request.parse_keqv_list(
            filter(None, urllib.request.parse_http_list(challenge))
        )
        return super().retry_http_digest_auth(req, auth)

    def http_request(self, req: urllib.request.Request) -> urllib.request.Request:
        if self.challenge is not None and not req.has_header("Authorization"):
            value = self.get_authorization(req, self.challenge)
            if value:
                req.add_unredirected_header("Authorization", f"Digest {value}")
        return req

    https_request = http_request


class _Credentials(urllib.request.HTTPPasswordMgr):
    """The same user and password for every realm and URL the client is pointed at."""

    def __init__(self, auth: Auth) -> None:
        super().__init__()
        self.auth = auth

    def find_user_password(self, realm: str | None, authuri: str) -> tuple[str, str]:
        return self.auth.user, self.auth.password


class _PreemptiveBasic(urllib.request.BaseHandler):
    """Basic auth on the first request: saves the 401 round trip (and works with POST bodies)."""

    def __init__(self, user: str, password: str) -> None:
        import base64

        token = base64.b64encode(f"{user}:{password}".encode()).decode("ascii")
        self.header = f"Basic {token}"

    def http_request(self, req: urllib.request.Request) -> urllib.request.Request:
        req.add_unredirected_header("Authorization", self.header)
        return req

    https_request = http_request


def graph_url(base: str, graph: str) -> str:
    """The GSP URL of one named graph (indirect identification, `?graph=`)."""
    sep = "&" if "?" in base else "?"
    return f"{base}{sep}{urllib.parse.urlencode({'graph': graph})}"


class GraphStore:
    """A Graph Store Protocol endpoint (`/store` on Oxigraph, `/sparql-graph-crud-auth`)."""

    def __init__(self, url: str, http: HttpClient) -> None:
        self.url, self.http = url, http

    def put(self, graph: str, data: bytes, media_type: str = NTRIPLES) -> int:
        """Replace a graph's content (201 created or 200/204 replaced)."""
        resp = self.http.request(
            "PUT", graph_url(self.url, graph), data, {"Content-Type": media_type}
        )
        return resp.status

    def get(self, graph: str, accept: str = NTRIPLES) -> bytes | None:
        """A graph's content, or None when the server does not hold it."""
        try:
            resp = self.http.request("GET", graph_url(self.url, graph), None, {"Accept": accept})
        except PublishError as exc:
            if exc.status == 404:
                return None
            raise
        return resp.body

    def delete(self, graph: str) -> bool:
        """Drop a graph; False when it did not exist."""
        try:
            self.http.request("DELETE", graph_url(self.url, graph))
        except PublishError as exc:
            if exc.status == 404:
                return False
            raise
        return True


class SparqlUpdate:
    """SPARQL 1.1 Update for servers without a Graph Store endpoint."""

    #: Triples per INSERT DATA request: Virtuoso's parser runs out of memory at 5,000, so
    #: 1,000 (Graph Store PUT is the fast path; this is the fallback).
    CHUNK = 1000

    def __init__(self, url: str, http: HttpClient) -> None:
        self.url, self.http = url, http

    def run(self, update: str) -> None:
        body = urllib.parse.urlencode({"update": update}).encode()
        self.http.request(
            "POST", self.url, body, {"Content-Type": "application/x-www-form-urlencoded"}
        )

    def put(self, graph: str, ntriples: bytes) -> None:
        """Replace a graph: DROP then INSERT DATA in chunks.

        Triples with blank nodes all go into the first request, because a blank-node label
        names the same node only within one request.
        """
        lines = [ln for ln in ntriples.decode("utf-8").splitlines() if ln.strip()]
        blank = [ln for ln in lines if "_:" in ln]
        plain = [ln for ln in lines if "_:" not in ln]
        chunks = [blank + plain[: self.CHUNK]]
        chunks += [plain[i : i + self.CHUNK] for i in range(self.CHUNK, len(plain), self.CHUNK)]
        self.run(f"DROP SILENT GRAPH <{graph}>")
        for i, chunk in enumerate(chunks):
            if not chunk:
                continue
            triples = "\n".join(chunk)
            if i == 0 and blank:
                # Virtuoso refuses blank nodes in INSERT DATA; a template with an empty
                # WHERE inserts the same triples, with one fresh node per label, everywhere.
                self.run(f"INSERT {{ GRAPH <{graph}> {{\n{triples}\n}} }} WHERE {{}}")
            else:
                self.run(f"INSERT DATA {{ GRAPH <{graph}> {{\n{triples}\n}} }}")

    def delete(self, graph: str) -> None:
        self.run(f"DROP SILENT GRAPH <{graph}>")
