"""One code path: the report read from a SPARQL endpoint says what the embedded one says.

Serves the session's build with the `oxigraph` server (the `test` extra installs it) on a
local port, the union of the named graphs as default graph, as tests/analysis does.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import asdict
from pathlib import Path

import pyoxigraph as ox
import pytest

from atkg.build import BuildResult
from atkg.paths import ProjectPaths
from atkg.store import RemoteStore

from .conftest import AS_OF, Produced

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def endpoint(built: BuildResult, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    binary = shutil.which("oxigraph") or str(Path(sys.executable).with_name("oxigraph"))
    if not Path(binary).exists():
        pytest.skip("the oxigraph server (pip package `oxigraph`) is not installed")
    work = tmp_path_factory.mktemp("report-endpoint")
    built.store.dump(str(work / "build.nq"), format=ox.RdfFormat.N_QUADS)
    subprocess.run(
        [binary, "load", "--location", str(work / "db"), "--file", str(work / "build.nq")],
        check=True,
        capture_output=True,
    )
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = int(sock.getsockname()[1])
    server = subprocess.Popen(
        [
            binary,
            "serve-read-only",
            "--location",
            str(work / "db"),
            "--bind",
            f"127.0.0.1:{port}",
            "--union-default-graph",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}/query"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(f"{url}?query=ASK%7B%7D", timeout=1).read()
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    pytest.fail("the oxigraph server did not start")
                time.sleep(0.2)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_remote_report_equals_embedded(
    endpoint: str, report_en: Produced, paths: ProjectPaths
) -> None:
    from atkg.report.collect import collect

    remote = collect(RemoteStore(endpoint), paths.queries, as_of=AS_OF)
    embedded = report_en.written.data
    for part in (
        "scope",
        "key_figures",
        "coverage",
        "participation",
        "overlaps",
        "centrality",
        "citation_edges",
        "timeline",
        "labels",
        "queries",
    ):
        assert getattr(remote, part) == getattr(embedded, part), part
    assert [asdict(f) for f in remote.findings] == [asdict(f) for f in embedded.findings]
