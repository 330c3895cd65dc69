"""What the query tests share: a query's fixture graph as a store, and golden answers.

Each named query has tests/queries/fixtures/<stem>.ttl (or .trig when named graphs
matter) and its expected answers in tests/queries/expected/; `--update-expected`
rewrites them (review the diff).
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from atkg.sparql import QueryFile
from atkg.store import EmbeddedStore

HERE = Path(__file__).parent
FIXTURES = HERE / "fixtures"
EXPECTED = HERE / "expected"
FIXTURE_GRAPH = "https://w3id.org/atkg/graph/fixture"


def fixture_store(query: QueryFile) -> EmbeddedStore:
    """The query's fixture: a TriG file as is, a Turtle file into one fixture graph."""
    store = ox.Store()
    trig = FIXTURES / f"{query.path.stem}.trig"
    if trig.exists():
        store.load(trig.read_bytes(), format=ox.RdfFormat.TRIG)
    else:
        ttl = FIXTURES / f"{query.path.stem}.ttl"
        store.load(
            ttl.read_bytes(), format=ox.RdfFormat.TURTLE, to_graph=ox.NamedNode(FIXTURE_GRAPH)
        )
    return EmbeddedStore(store)


def check_golden(path: Path, actual: str, update: bool) -> None:
    """Compare an answer with its golden file, or (re)write it with --update-expected."""
    if update or not path.exists():
        path.write_text(actual, encoding="utf-8")
        if not update:
            pytest.fail(f"{path.name} did not exist and was written: review and commit it")
        return
    expected = path.read_text(encoding="utf-8")
    assert actual == expected, (
        f"answer differs from {path.relative_to(HERE.parent.parent)}; if the change is right, "
        "rerun with --update-expected and review the diff"
    )
