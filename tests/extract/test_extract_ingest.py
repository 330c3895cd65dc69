"""Ingest: the table written to data/ingested/, its graph, and the build that loads it."""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Literal
from rdflib.namespace import PROV, RDF

from atkg import iris
from atkg.cli import main
from atkg.extract import EXTRACTOR_VERSION, extract_file
from atkg.extract.ingest import file_slug, parse_table, to_table
from atkg.extract.run import context_for, resolver_for
from atkg.extract.to_rdf import Context
from atkg.loaders.context import LOCATOR
from atkg.namespaces import ATKG
from atkg.paths import ProjectPaths

FIXTURES = Path(__file__).parent / "fixtures"
EN = FIXTURES / "synthetic-en.txt"
ZH = FIXTURES / "synthetic-zh.txt"


@pytest.fixture()
def ctx(paths: ProjectPaths) -> Context:
    return context_for(paths)


def test_table_round_trip(paths: ProjectPaths) -> None:
    ex = extract_file(ZH, ZH.name, resolver_for(paths))
    meta, rows = parse_table(to_table(ex))
    assert (meta.key, meta.symbol, meta.type) == (
        "A/RES/99/123",
        "A/RES/99/123",
        "GeneralAssemblyResolution",
    )
    assert meta.extractor == f"atkg.extract {EXTRACTOR_VERSION}"
    targets = {r.target for r in rows}
    assert "document:E/CN.4/DEC/2004/110" in targets
    assert "" in targets, "unresolved references are kept as rows without a target"
    assert all(LOCATOR.match(r.locator) for r in rows), [r.locator for r in rows]


def test_graph_follows_the_model(paths: ProjectPaths, ctx: Context) -> None:
    from atkg.extract.ingest import graph_of

    ex = extract_file(ZH, ZH.name, resolver_for(paths))
    g = graph_of(ex, ctx)
    doc = iris.document("A/RES/99/123")
    assert (doc, RDF.type, ATKG.GeneralAssemblyResolution) in g
    assert (doc, ATKG.symbol, Literal("A/RES/99/123")) in g
    citations = set(g.subjects(RDF.type, ATKG.Citation))
    assert citations
    verbs = set()
    for node in citations:
        assert (node, ATKG.citingDocument, doc) in g
        assert len(set(g.objects(node, ATKG.cited))) == 1
        assert (node, PROV.wasDerivedFrom, doc) in g
        record = str(g.value(node, ATKG.curationRecord))
        assert record.startswith("data/ingested/A-RES-99-123.tsv:"), record
        att = g.value(node, PROV.qualifiedDerivation)
        assert LOCATOR.match(str(g.value(att, ATKG.locator)))
        run = g.value(node, PROV.wasGeneratedBy)
        assert (run, RDF.type, PROV.Activity) in g
        verbs.update(g.objects(node, ATKG.verb))
    assert iris.concept("verb", "recalls") in verbs
    cited = {g.value(n, ATKG.cited) for n in citations}
    assert iris.document("E/RES/2006/27") in cited
    assert iris.instrument("tip-protocol") in cited
    # a document atkg does not know yet is described once, typed from its symbol
    new = iris.document("A/RES/74/176")
    assert (new, RDF.type, ATKG.GeneralAssemblyResolution) in g


def test_extract_json_cli(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract", str(EN), str(ZH)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [d["document"]["symbol"] for d in data] == ["A/RES/99/124", "A/RES/99/123"]


def test_extract_ttl_cli(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract", "--format", "ttl", str(EN)]) == 0
    store = ox.Store()
    store.load(capsys.readouterr().out.encode(), format=ox.RdfFormat.TRIG)
    name = ox.NamedNode(str(iris.graph("ingested/A/RES/99/124")))
    assert len(list(store.quads_for_pattern(None, None, None, name))) > 20


def test_ingest_writes_where_the_build_reads(
    project_copy: ProjectPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ATKG_HOME", str(project_copy.root))
    assert main(["ingest", str(EN), str(ZH)]) == 0
    written = sorted(p.name for p in (project_copy.root / "data" / "ingested").glob("*.tsv"))
    assert written == [f"{file_slug('A/RES/99/123')}.tsv", f"{file_slug('A/RES/99/124')}.tsv"]


@pytest.mark.slow
def test_build_loads_ingested_graphs(
    project_copy: ProjectPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The whole build (reasoning, SHACL) accepts ingested documents, each in its graph."""
    from atkg.build import assemble

    monkeypatch.setenv("ATKG_HOME", str(project_copy.root))
    assert main(["ingest", str(EN), str(ZH)]) == 0
    result = assemble(project_copy)  # raises ValidationFailed if the shapes object
    assert result.graphs["ingested/A/RES/99/123"] > 50
    assert result.graphs["ingested/A/RES/99/124"] > 50


def test_resolver_learns_documents_from_a_build(paths: ProjectPaths, built) -> None:  # type: ignore[no-untyped-def]
    from atkg.extract.resolve import Resolver

    resolver = Resolver().with_graph(built.store)
    assert resolver.document_ref("A/RES/64/293") == ("document:A/RES/64/293", True)
    assert resolver.document_ref("A/RES/99/999")[1] is False
