"""The QC violation queries of queries/qc/: well formed, silent on the real graph, alive.

Each query must return no row on the built graph (schema.org's assertNoMatch), and must
return rows on a small bad fixture, so that a check cannot go dead unnoticed (PATO's copied
query). The fixture `tests/queries/fixtures/qc/<stem>.ttl` is loaded into a named graph of
its own beside the real ontology (in its `graph/ontology`), and lists the offending items it
expects, as the first column of the rows, in `# expect: <item>` comment lines: CURIEs of
the project's prefix map, full IRIs, or plain text for literal keys such as labels.
"""

from __future__ import annotations

import re
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph, Literal
from rdflib.plugins.sparql import prepareQuery

from atkg import iris
from atkg.namespaces import PREFIXES
from atkg.paths import ProjectPaths
from atkg.sparql import QueryFile, load_query
from atkg.store import EmbeddedStore, Results, to_ox

QUERIES_ROOT = ProjectPaths.default().queries
QC_FILES = sorted((QUERIES_ROOT / "qc").glob("*.rq"))
FIXTURES = Path(__file__).parent / "fixtures" / "qc"
REQUIRED_KEYS = ("summary", "description", "kind", "severity", "tags", "returns")
SEVERITIES = ("error", "warning")
_EXPECT = re.compile(r"^#\s*expect:\s*(.+?)\s*$", re.MULTILINE)
_CURIE = re.compile(r"^([A-Za-z][\w-]*):(\S*)$")


def _ids(paths: list[Path]) -> list[str]:
    return [p.stem for p in paths]


def _load(path: Path) -> QueryFile:
    return load_query(path, QUERIES_ROOT)


def _messages(results: Results, limit: int = 20) -> str:
    index = results.variables.index("message") if "message" in results.variables else 0
    lines = [f"  {row[index]}" for row in results.rows[:limit]]
    if len(results) > limit:
        lines.append(f"  ... and {len(results) - limit} more")
    return "\n".join(lines)


def _expand(item: str) -> str:
    """An `# expect:` item as the text of the term it names."""
    if item.startswith("<") and item.endswith(">"):
        return item[1:-1]
    m = _CURIE.match(item)
    if m and m.group(1) in PREFIXES:
        return PREFIXES[m.group(1)] + m.group(2)
    return item


def test_qc_queries_exist() -> None:
    assert QC_FILES, "queries/qc/ holds no query"


@pytest.mark.parametrize("path", QC_FILES, ids=_ids(QC_FILES))
def test_qc_query_is_well_formed(path: Path) -> None:
    """Name, header keys and values, no PREFIX, ORDER BY, and `returns` = projection."""
    query = _load(path)
    assert path.stem.endswith("-violation"), "QC queries are named *-violation"
    missing = [key for key in REQUIRED_KEYS if not query.header.get(key)]
    assert not missing, f"header lacks {missing}"
    assert query.header["kind"] == "qc"
    assert query.header["severity"] in SEVERITIES
    assert isinstance(query.header["tags"], list)
    body = "\n".join(line for line in query.text.splitlines() if not line.startswith("#"))
    assert not re.search(r"^\s*PREFIX\b", body, re.IGNORECASE | re.MULTILINE), (
        "query bodies declare no PREFIX: the project's prefix map is prepended"
    )
    assert re.search(r"\bORDER\s+BY\b", body, re.IGNORECASE), "every SELECT has ORDER BY"
    prepared = prepareQuery(query.text, initNs=PREFIXES)
    projected = [str(v) for v in prepared.algebra["PV"]]
    assert query.header["returns"] == projected, "`returns` must list the projected variables"
    assert "message" in projected, "each row carries a human ?message"


@pytest.mark.parametrize("path", QC_FILES, ids=_ids(QC_FILES))
def test_qc_query_finds_nothing_on_the_built_graph(path: Path, store: EmbeddedStore) -> None:
    results = store.select(_load(path))
    assert not results.rows, f"{len(results)} violations:\n{_messages(results)}"


@pytest.fixture(scope="module")
def ontology_quads(ontology: Graph) -> list[ox.Quad]:
    graph = ox.NamedNode(str(iris.graph("ontology")))
    return [ox.Quad(to_ox(s), to_ox(p), to_ox(o), graph) for s, p, o in ontology]  # type: ignore[arg-type]


def fixture_store(fixture: Path, ontology_quads: list[ox.Quad]) -> EmbeddedStore:
    """The real ontology in graph/ontology plus the fixture in a graph of its own."""
    store = ox.Store()
    store.extend(ontology_quads)
    store.load(
        path=str(fixture),
        format=ox.RdfFormat.TURTLE,
        to_graph=ox.NamedNode(str(iris.graph("fixture"))),
    )
    return EmbeddedStore(store)


@pytest.mark.parametrize("path", QC_FILES, ids=_ids(QC_FILES))
def test_qc_query_catches_its_bad_fixture(path: Path, ontology_quads: list[ox.Quad]) -> None:
    fixture = FIXTURES / f"{path.stem}.ttl"
    assert fixture.is_file(), f"no bad fixture {fixture.relative_to(FIXTURES.parents[2])}"
    expected = {_expand(item) for item in _EXPECT.findall(fixture.read_text(encoding="utf-8"))}
    assert expected, "the fixture names the items it expects in `# expect:` lines"

    results = fixture_store(fixture, ontology_quads).select(_load(path))
    assert results.rows, "the query found nothing in its bad fixture: the check is dead"
    found = {str(row[0]) for row in results.rows}
    assert found == expected, (
        f"missed: {sorted(expected - found)}; unexpected: {sorted(found - expected)}\n"
        f"{_messages(results)}"
    )
    assert len(set(results.rows)) == len(results.rows), "one row per offending item"
    message = results.variables.index("message")
    for row in results.rows:
        text = row[message]
        assert isinstance(text, Literal) and str(text).strip(), f"row without a message: {row}"
