"""One code path: every analysis answers the same through a SPARQL endpoint.

Serves the session's build with the `oxigraph` server (the `test` extra installs it) on a
local port, with the union of the named graphs as default graph, as atkg's remote store
expects, and compares every table with the embedded store's.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest

from atkg.analysis import gaps, network, overlaps
from atkg.analysis.tables import run_query
from atkg.build import BuildResult
from atkg.paths import ProjectPaths
from atkg.sparql import QueryFile, load_query
from atkg.store import EmbeddedStore, RemoteStore

pytestmark = pytest.mark.slow


def _server_binary() -> str:
    found = shutil.which("oxigraph") or str(Path(sys.executable).with_name("oxigraph"))
    if not Path(found).exists():
        pytest.skip("the oxigraph server (pip package `oxigraph`) is not installed")
    return found


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def remote(built: BuildResult, tmp_path_factory: pytest.TempPathFactory) -> Iterator[RemoteStore]:
    binary = _server_binary()
    work = tmp_path_factory.mktemp("endpoint")
    dump = work / "build.nq"
    built.store.dump(str(dump), format=ox.RdfFormat.N_QUADS)
    location = work / "db"
    subprocess.run(
        [binary, "load", "--location", str(location), "--file", str(dump)],
        check=True,
        capture_output=True,
    )
    port = _free_port()
    server = subprocess.Popen(
        [
            binary,
            "serve-read-only",
            "--location",
            str(location),
            "--bind",
            f"127.0.0.1:{port}",
            "--union-default-graph",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    endpoint = f"http://127.0.0.1:{port}/query"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(f"{endpoint}?query=ASK%7B%7D", timeout=1).read()
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    pytest.fail("the oxigraph server did not start")
                time.sleep(0.2)
        yield RemoteStore(endpoint)
    finally:
        server.terminate()
        server.wait(timeout=10)


def _library_queries() -> list[QueryFile]:
    """The gap, overlap, lookup and network queries (not the participation ones or `info`)."""
    root = ProjectPaths.default().queries
    paths = [
        p
        for p in sorted((root / "analysis").glob("*.rq"))
        if not p.name.startswith("participation-")
    ]
    paths += [
        p
        for p in sorted((root / "reports").glob("*.rq"))
        if p.stem not in ("triples-per-graph", "instances-per-class")
    ]
    return [load_query(p, root) for p in paths]


QUERIES = _library_queries()


@pytest.mark.parametrize("query", QUERIES, ids=[q.name for q in QUERIES])
def test_query_answers_alike(query: QueryFile, store: EmbeddedStore, remote: RemoteStore) -> None:
    assert run_query(remote, query) == run_query(store, query)


@pytest.mark.parametrize(
    "analysis", [gaps.gaps, overlaps.overlaps, network.network], ids=["gaps", "overlaps", "network"]
)
def test_analyses_answer_alike(analysis, store: EmbeddedStore, remote: RemoteStore) -> None:  # type: ignore[no-untyped-def]
    assert analysis(remote) == analysis(store)
