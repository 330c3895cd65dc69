"""Compacted JSON-LD: the shipped context stays in sync, and the export reads back the same.

Read back by two independent processors: pyoxigraph, and pyld (expand, then URDNA2015
canonical N-Quads) with a document loader that refuses the network, as the export must
carry its context inline.
"""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph

from atkg.build import BuildResult
from atkg.export import serialise
from atkg.publish.jsonld import compact, context_from_ontology, shipped_context


@pytest.fixture(scope="module")
def exported(built: BuildResult) -> bytes:
    return serialise(built.store, "jsonld")


def _triples(quads: object) -> set[ox.Triple]:
    return {ox.Triple(q.subject, q.predicate, q.object) for q in quads}  # type: ignore[attr-defined]


def _named(triples: set[ox.Triple]) -> set[ox.Triple]:
    """Triples without blank nodes (whose labels a round trip may change)."""
    return {
        t
        for t in triples
        if not isinstance(t.subject, ox.BlankNode) and not isinstance(t.object, ox.BlankNode)
    }


def test_shipped_context_matches_the_ontology(ontology: Graph, update_expected: bool) -> None:
    if update_expected:  # pytest --update-expected rewrites the shipped file
        from importlib import resources

        from atkg.publish.jsonld import CONTEXT_FILE, context_document

        path = Path(str(resources.files("atkg.publish").joinpath(CONTEXT_FILE)))
        path.write_text(context_document(ontology), encoding="utf-8")
        shipped_context.cache_clear()
    assert shipped_context() == context_from_ontology(ontology), (
        "src/atkg/publish/jsonld_context.json is stale: run pytest --update-expected "
        "tests/publish/test_jsonld.py (new ontology properties need their terms)"
    )


def test_export_is_compacted_and_deterministic(exported: bytes, built: BuildResult) -> None:
    doc = json.loads(exported)
    assert doc["@context"] == shipped_context()
    unodc = next(n for n in doc["@graph"] if n.get("id") == "https://w3id.org/atkg/id/body/unodc")
    assert unodc["label"] == {
        "en": "United Nations Office on Drugs and Crime",
        "zh": "联合国毒品和犯罪问题办公室",
    }
    assert "https://w3id.org/atkg/id/body/icat" in json.dumps(unodc["memberOf"])
    assert serialise(built.store, "jsonld") == exported


def test_export_reads_back_with_pyoxigraph(exported: bytes, built: BuildResult) -> None:
    original = _triples(built.store)
    back = _triples(ox.parse(exported, format=ox.RdfFormat.JSON_LD))
    assert len(back) == len(original)
    assert _named(back) == _named(original)


def test_export_reads_back_with_pyld(exported: bytes, built: BuildResult) -> None:
    jsonld = pytest.importorskip("pyld.jsonld")

    def offline(url: str, options: object = None) -> dict[str, object]:
        raise jsonld.JsonLdError(f"no network in tests: {url}", "loading document failed")

    nquads = jsonld.to_rdf(
        json.loads(exported), {"format": "application/n-quads", "documentLoader": offline}
    )
    back = _triples(ox.parse(nquads.encode("utf-8"), format=ox.RdfFormat.N_QUADS))
    assert _named(back) == _named(_triples(built.store))


def test_small_graph_round_trip() -> None:
    text = """
    @prefix atkg: <https://w3id.org/atkg/ontology#> .
    @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
    <https://w3id.org/atkg/id/body/a> a atkg:Body ; rdfs:label "A"@en , "甲"@zh ;
        atkg:memberOf <https://w3id.org/atkg/id/body/b> ; atkg:acronym "A" .
    """
    graph = Graph().parse(data=text, format="turtle")
    data = compact(graph)
    node = json.loads(data)["@graph"][0]
    assert node["label"] == {"en": "A", "zh": "甲"}
    assert node["memberOf"] == "https://w3id.org/atkg/id/body/b"
    assert node["type"] == "atkg:Body"
    back = Graph().parse(data=data, format="json-ld")
    from rdflib.compare import isomorphic

    assert isomorphic(back, graph)
