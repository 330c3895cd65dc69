"""Real SPARQL servers on 127.0.0.1 with the build published into them, once per session.

Oxigraph (the `oxigraph` CLI of the test extra) always; Virtuoso (Debian's
`virtuoso-opensource`) when `virtuoso-t` is installed, else its tests skip. Each server
runs in a temporary directory on a free port and is stopped by its PID.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from atkg.build import BuildResult
from atkg.publish.gsp import Auth
from atkg.publish.publish import DatasetStore, PublishReport, Target, build_graphs, publish

VIRTUOSO_INI = """\
[Database]
DatabaseFile = {d}/virtuoso.db
ErrorLogFile = {d}/virtuoso.log
LockFile = {d}/virtuoso.lck
TransactionFile = {d}/virtuoso.trx
xa_persistent_file = {d}/virtuoso.pxa
TempStorage = TempDatabase
[TempDatabase]
DatabaseFile = {d}/virtuoso-temp.db
TransactionFile = {d}/virtuoso-temp.trx
[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
DirsAllowed = .
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = /var/lib/virtuoso-opensource-7/vsp
ServerThreads = 10
[SPARQL]
; Debian's default of 10000 rows silently truncates results
ResultSetMaxRows = 1000000
MaxQueryExecutionTime = 120
"""


@dataclass
class Server:
    """A running server: how to reach it, and its process."""

    name: str
    target: Target
    process: subprocess.Popen[bytes]

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_ready(
    url: str, process: subprocess.Popen[bytes], seconds: float, log: Path | None
) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2) as resp:
                if resp.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            detail = log.read_text(errors="replace")[-2000:] if log and log.exists() else ""
            pytest.fail(f"the server at {url} did not start: {detail}")
        time.sleep(0.1)


def oxigraph_binary() -> str | None:
    found = shutil.which("oxigraph") or str(Path(sys.executable).with_name("oxigraph"))
    return found if Path(found).exists() else None


def start_oxigraph(directory: Path) -> Server:
    binary = oxigraph_binary()
    if binary is None:
        pytest.skip("the oxigraph server (pip package `oxigraph`, in the test extra) is missing")
    port = free_port()
    log = directory / "oxigraph.log"
    process = subprocess.Popen(
        [
            binary,
            "serve",
            "--location",
            str(directory / "db"),
            "--bind",
            f"127.0.0.1:{port}",
            "--union-default-graph",
        ],
        stdout=log.open("wb"),
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    wait_ready(f"{base}/query?query=ASK%7B%7D", process, 30, log)
    return Server("oxigraph", Target(f"{base}/query", f"{base}/store", f"{base}/update"), process)


def start_virtuoso(directory: Path) -> Server:
    binary = shutil.which("virtuoso-t")
    if binary is None:
        pytest.skip("Virtuoso is not installed (apt-get install virtuoso-opensource)")
    http_port, sql_port = free_port(), free_port()
    ini = directory / "virtuoso.ini"
    ini.write_text(VIRTUOSO_INI.format(d=directory, http_port=http_port, sql_port=sql_port))
    log = directory / "virtuoso.log"
    process = subprocess.Popen(
        [binary, "-c", str(ini), "+foreground"],
        cwd=directory,
        stdout=(directory / "stdout.log").open("wb"),
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{http_port}"
    wait_ready(f"{base}/sparql?query=ASK%7B%7D", process, 90, log)
    target = Target(
        f"{base}/sparql",
        f"{base}/sparql-graph-crud-auth",
        f"{base}/sparql-auth",
        Auth("dba", "dba", "digest"),  # a new database's password; -auth endpoints: digest only
    )
    return Server("virtuoso", target, process)


@dataclass
class Published:
    server: Server
    report: PublishReport
    store: DatasetStore


@pytest.fixture(scope="session")
def oxigraph(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    server = start_oxigraph(tmp_path_factory.mktemp("oxigraph"))
    yield server
    server.stop()


@pytest.fixture(scope="session")
def virtuoso(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    server = start_virtuoso(tmp_path_factory.mktemp("virtuoso"))
    yield server
    server.stop()


def _publish(server: Server, built: BuildResult) -> Published:
    report = publish(built.store, server.target)
    graphs = build_graphs(built.store)
    return Published(server, report, DatasetStore(server.target.endpoint, graphs))


@pytest.fixture(scope="session")
def on_oxigraph(oxigraph: Server, built: BuildResult) -> Published:
    return _publish(oxigraph, built)


@pytest.fixture(scope="session")
def on_virtuoso(virtuoso: Server, built: BuildResult) -> Published:
    return _publish(virtuoso, built)


@pytest.fixture()
def fresh_oxigraph(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """An empty Oxigraph server of its own, for tests that must not disturb the session's."""
    server = start_oxigraph(tmp_path_factory.mktemp("oxigraph-fresh"))
    yield server
    server.stop()
