"""The HTTP client of `atkg publish`: retries, authentication, and the Update fallback.

Offline: a small local HTTP server plays the part of a flaky or strict graph store.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer
from typing import ClassVar

import pytest

from atkg.publish.gsp import (
    Auth,
    GraphStore,
    HttpClient,
    PublishError,
    SparqlUpdate,
    graph_url,
)


class Recorder(BaseHTTPRequestHandler):
    """Answers from a script of statuses, recording every request."""

    script: ClassVar[list[int]] = []
    seen: ClassVar[list[tuple[str, str, dict[str, str], bytes]]] = []

    def _answer(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        self.seen.append((self.command, self.path, dict(self.headers.items()), body))
        status = self.script.pop(0) if self.script else 204
        self.send_response(status)
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_GET = do_PUT = do_POST = do_DELETE = do_HEAD = _answer  # noqa: N815 - http.server names

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture()
def fake() -> Iterator[tuple[str, type[Recorder]]]:
    handler = type("Handler", (Recorder,), {"script": [], "seen": []})
    server = HTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, args=(0.02,), daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/store", handler
    server.shutdown()
    server.server_close()


def no_sleep(_seconds: float) -> None:
    pass


def test_graph_url_identifies_graphs_indirectly() -> None:
    assert graph_url("http://h/store", "https://w3id.org/atkg/graph/a b") == (
        "http://h/store?graph=https%3A%2F%2Fw3id.org%2Fatkg%2Fgraph%2Fa+b"
    )
    assert graph_url("http://h/crud?x=1", "g").startswith("http://h/crud?x=1&graph=")


def test_transient_failures_are_retried(fake: tuple[str, type[Recorder]]) -> None:
    url, handler = fake
    handler.script = [503, 502, 201]
    client = HttpClient(retries=3, sleep=no_sleep)
    assert GraphStore(url, client).put("https://e/g", b"<a:s> <a:p> <a:o> .\n") == 201
    assert client.attempts == 3
    assert [r[0] for r in handler.seen] == ["PUT", "PUT", "PUT"]
    assert handler.seen[0][2]["Content-Type"] == "application/n-triples"


def test_retries_give_up_with_the_last_status(fake: tuple[str, type[Recorder]]) -> None:
    url, handler = fake
    handler.script = [503, 503, 503]
    with pytest.raises(PublishError, match="503"):
        GraphStore(url, HttpClient(retries=2, sleep=no_sleep)).put("https://e/g", b"")


def test_client_errors_are_not_retried(fake: tuple[str, type[Recorder]]) -> None:
    url, handler = fake
    handler.script = [400]
    client = HttpClient(retries=3, sleep=no_sleep)
    with pytest.raises(PublishError) as info:
        GraphStore(url, client).put("https://e/g", b"bad")
    assert info.value.status == 400
    assert client.attempts == 1


def test_unreachable_server_is_reported() -> None:
    client = HttpClient(retries=1, sleep=no_sleep, timeout=2)
    with pytest.raises(PublishError, match="no answer"):
        GraphStore("http://127.0.0.1:9/store", client).put("https://e/g", b"")


def test_basic_auth_is_sent_up_front(fake: tuple[str, type[Recorder]]) -> None:
    url, handler = fake
    client = HttpClient(auth=Auth("u", "p", "basic"), sleep=no_sleep)
    GraphStore(url, client).put("https://e/g", b"<a:s> <a:p> <a:o> .\n")
    assert handler.seen[0][2]["Authorization"] == "Basic dTpw"


def test_missing_graph_reads_as_none(fake: tuple[str, type[Recorder]]) -> None:
    url, handler = fake
    handler.script = [404, 404]
    store = GraphStore(url, HttpClient(sleep=no_sleep))
    assert store.get("https://e/none") is None
    assert store.delete("https://e/none") is False


def test_update_fallback_keeps_blank_nodes_in_one_request(
    fake: tuple[str, type[Recorder]], monkeypatch: pytest.MonkeyPatch
) -> None:
    url, handler = fake
    monkeypatch.setattr(SparqlUpdate, "CHUNK", 2)
    lines = [f"<a:s{i}> <a:p> <a:o> ." for i in range(5)] + [
        "_:b1 <a:p> _:b2 .",
        "_:b2 <a:p> <a:o> .",
    ]
    SparqlUpdate(url, HttpClient(sleep=no_sleep)).put("https://e/g", "\n".join(lines).encode())
    from urllib.parse import parse_qs

    updates = [parse_qs(body.decode())["update"][0] for _m, _p, _h, body in handler.seen]
    assert updates[0] == "DROP SILENT GRAPH <https://e/g>"
    # blank nodes and the first chunk together, as a template (Virtuoso refuses them in DATA)
    assert updates[1].startswith("INSERT { GRAPH <https://e/g>") and "_:b1" in updates[1]
    assert "_:b2 <a:p> <a:o>" in updates[1]
    assert all(u.startswith("INSERT DATA") and "_:" not in u for u in updates[2:])
    inserted = sum(u.count(" .") for u in updates[1:])
    assert inserted == len(lines)
