"""`atkg serve` over the session's build: the WSGI app, and the same app on a live port."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest

from atkg.build import BuildResult
from atkg.paths import ProjectPaths
from atkg.server import App, Settings, make_app
from atkg.server.run import create_server


@pytest.fixture(scope="session")
def app(built: BuildResult, paths: ProjectPaths) -> App:
    return make_app(built.store, paths, Settings(timeout=10, limit=5000, workers=4))


@pytest.fixture(scope="session")
def base_url(app: App) -> Iterator[str]:
    """The server on a free loopback port, in a thread; shut down after the session."""
    server = create_server(app, "127.0.0.1", 0)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()
