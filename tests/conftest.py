"""Session fixtures shared by every test: the project paths, the ontology, the built graph.

The build is assembled once per session in memory (load, reason, validate), never
written over the developer's build/ directory.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from rdflib import Graph

from atkg.build import BuildResult, assemble, data_graph, parse_turtle
from atkg.paths import ProjectPaths
from atkg.store import EmbeddedStore


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-expected",
        action="store_true",
        help="rewrite expected query results instead of comparing them",
    )


#: Headless and offline: every background service of Chromium that would call out is off.
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
)


@pytest.fixture(scope="session")
def chromium() -> list[str]:
    """The command line of Debian's Chromium before page-specific flags; skip without it."""
    binary = shutil.which("chromium") or shutil.which("chromium-browser")
    if binary is None:
        pytest.skip("needs Debian's chromium (apt-get install chromium)")
    return [binary, *CHROMIUM_FLAGS]


@pytest.fixture(scope="session")
def update_expected(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-expected"))


@pytest.fixture(scope="session")
def paths() -> ProjectPaths:
    return ProjectPaths.default()


@pytest.fixture(scope="session")
def ontology(paths: ProjectPaths) -> Graph:
    return parse_turtle(paths.ontology, "ontology/atkg.ttl")


@pytest.fixture(scope="session")
def built(paths: ProjectPaths) -> BuildResult:
    """The real seed graph, loaded, reasoned and validated (raises if it does not conform)."""
    return assemble(paths)


@pytest.fixture(scope="session")
def store(built: BuildResult) -> EmbeddedStore:
    return EmbeddedStore(built.store)


@pytest.fixture(scope="session")
def built_graph(built: BuildResult) -> Graph:
    """Union of the built graphs except the ontology, as rdflib (for pyshacl and rdflib tests)."""
    return data_graph(built.store)


@pytest.fixture()
def project_copy(paths: ProjectPaths, tmp_path: Path) -> ProjectPaths:
    """A scratch copy of the project's inputs, for tests that break them on purpose."""
    root = tmp_path / "project"
    for part in ("ontology", "shapes", "queries", "data"):
        shutil.copytree(paths.root / part, root / part)
    return ProjectPaths(root)
