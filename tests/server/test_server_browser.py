"""The pages in a real browser: headless Chromium (Debian's package) runs the query page.

Skipped when `chromium` is not installed. Chromium's `--dump-dom` prints the page after
its scripts ran: the query page, opened with `?name=`, fetches the named query from
/sparql and draws the results table.
"""

from __future__ import annotations

import re
import subprocess

import pytest

from atkg.server import App
from atkg.store import EmbeddedStore


def dump_dom(chromium: list[str], url: str, profile: str) -> str:
    done = subprocess.run(
        [
            *chromium,
            f"--user-data-dir={profile}",
            "--virtual-time-budget=10000",
            "--dump-dom",
            url,
        ],
        capture_output=True,
        timeout=120,
        check=False,
    )
    return done.stdout.decode("utf-8", "replace")


@pytest.mark.parametrize("name", ["reports/triples-per-graph", "analysis/themes-without-actor"])
def test_query_page_runs_a_named_query(
    chromium: list[str], base_url: str, app: App, store: EmbeddedStore, name: str, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    dom = dump_dom(chromium, f"{base_url}/query?name={name}", str(tmp_path))
    found = re.search(r'<div id="results" data-rows="(\d+)">', dom)
    assert found, dom[-2000:]
    query = app.queries[name]
    assert int(found.group(1)) == len(store.select(query, query.bind({})))
    assert "<table>" in dom and "download CSV" in dom


def test_entity_page_renders(chromium: list[str], base_url: str, tmp_path) -> None:  # type: ignore[no-untyped-def]
    dom = dump_dom(chromium, f"{base_url}/doc/body/unodc", str(tmp_path))
    assert "<h1>United Nations Office on Drugs and Crime</h1>" in dom
    assert "联合国毒品和犯罪问题办公室" in dom
