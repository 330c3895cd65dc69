"""VoID and DCAT descriptions of the build: counts that match, licences per source, links."""

from __future__ import annotations

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS, RDF, RDFS, SKOS, VOID

from atkg.build import BuildResult
from atkg.export import FORMATS
from atkg.namespaces import GRAPH
from atkg.paths import ProjectPaths
from atkg.publish.describe import (
    CATALOG,
    DATASET,
    SERVICE,
    Access,
    dcat_graph,
    serialise,
    statistics,
    void_graph,
)

ACCESS = Access(endpoint="https://example.org/sparql", dumps="https://example.org/dumps/")


@pytest.fixture(scope="module")
def dcat(built: BuildResult, paths: ProjectPaths) -> Graph:
    return dcat_graph(built.store, paths, ACCESS)


def _int(graph: Graph, node: URIRef, prop: URIRef) -> int:
    value = graph.value(node, prop)
    assert isinstance(value, Literal), f"{node} has no {prop}"
    return int(value)


def test_void_counts_match_the_build(dcat: Graph, built: BuildResult) -> None:
    distinct = {(q.subject, q.predicate, q.object) for q in built.store}
    assert _int(dcat, DATASET, VOID.triples) == len(distinct)
    assert _int(dcat, DATASET, VOID.distinctSubjects) == len({t[0] for t in distinct})
    for name, count in built.graphs.items():
        assert _int(dcat, URIRef(str(GRAPH) + name), VOID.triples) == count, name
    partitions = list(dcat.objects(DATASET, VOID.propertyPartition))
    assert sum(_int(dcat, p, VOID.triples) for p in partitions) == len(distinct)
    assert dcat.value(DATASET, VOID.sparqlEndpoint) == URIRef(ACCESS.endpoint)
    assert (DATASET, VOID.uriSpace, Literal("https://w3id.org/atkg/id/")) in dcat


@pytest.mark.parametrize("name", ["curated/bodies", "vocabularies", "ontology", "states"])
def test_every_source_has_licence_and_provenance(dcat: Graph, name: str) -> None:
    node = URIRef(str(GRAPH) + name)
    assert (DATASET, VOID.subset, node) in dcat
    licence = dcat.value(node, DCTERMS.license)
    expected = (
        "https://opendatacommons.org/licenses/pddl/1-0/"
        if name == "states"
        else "https://creativecommons.org/licenses/by/4.0/"
    )
    assert licence == URIRef(expected), name
    assert dcat.value(node, DCTERMS.title) is not None, name
    source = dcat.value(node, DCTERMS.source) or dcat.value(
        node, URIRef("http://www.w3.org/ns/prov#wasDerivedFrom")
    )
    assert source is not None, name


def test_source_without_licence_says_so(dcat: Graph) -> None:
    node = URIRef(str(GRAPH) + "participation")
    assert dcat.value(node, DCTERMS.license) is None
    assert dcat.value(node, DCTERMS.rights) is not None


def test_linksets_count_the_links_present(dcat: Graph, built: BuildResult) -> None:
    wikidata = sum(
        1
        for q in built.store.quads_for_pattern(None, None, None, None)
        if q.predicate.value == str(SKOS.exactMatch)
        and q.object.value.startswith("http://www.wikidata.org/entity/")  # type: ignore[union-attr]
    )
    linksets = {
        str(dcat.value(ls, VOID.objectsTarget)): _int(dcat, ls, VOID.triples)
        for ls in dcat.subjects(RDF.type, VOID.Linkset)
    }
    assert linksets["https://www.wikidata.org/"] == wikidata > 0
    assert linksets["http://metadata.un.org/thesaurus/"] > 0  # UNBIS close matches
    symbols = sum(
        1
        for q in built.store.quads_for_pattern(None, None, None, None)
        if q.predicate.value == "https://w3id.org/atkg/ontology#symbol"
    )
    undocs = sum(
        1
        for q in built.store.quads_for_pattern(None, None, None, None)
        if q.predicate.value == str(RDFS.seeAlso)
        and q.object.value.startswith("https://undocs.org/")  # type: ignore[union-attr]
    )
    # one undocs.org link per symbol, plus the resolutions whose votes attest UN membership
    assert linksets["https://undocs.org/"] == undocs >= symbols > 0


def test_dcat_catalogue(dcat: Graph) -> None:
    assert (CATALOG, DCAT.dataset, DATASET) in dcat
    assert (CATALOG, DCAT.service, SERVICE) in dcat
    assert dcat.value(SERVICE, DCAT.endpointURL) == URIRef(ACCESS.endpoint)
    distributions = list(dcat.objects(DATASET, DCAT.distribution))
    assert len(distributions) == len(FORMATS)
    for dist in distributions:
        assert dcat.value(dist, DCAT.accessURL) == dcat.value(dist, DCAT.downloadURL), dist
        assert str(dcat.value(dist, DCAT.mediaType)).startswith("https://www.iana.org/")
        assert dcat.value(dist, DCTERMS.license) is not None


def test_description_is_deterministic_and_parses(built: BuildResult, paths: ProjectPaths) -> None:
    first = serialise(void_graph(built.store, paths, ACCESS))
    assert first == serialise(void_graph(built.store, paths, ACCESS))
    parsed = Graph().parse(data=first, format="turtle")
    assert (DATASET, RDF.type, VOID.Dataset) in parsed
    assert b"_:" not in first  # every node is named


def test_statistics_of_a_small_store() -> None:
    import pyoxigraph as ox

    store = ox.Store()
    g = ox.NamedNode("https://w3id.org/atkg/graph/x")
    s, p = ox.NamedNode("https://w3id.org/atkg/id/body/a"), ox.NamedNode(str(SKOS.exactMatch))
    wd = ox.NamedNode("http://www.wikidata.org/entity/Q1")
    store.add(ox.Quad(s, p, wd, g))
    store.add(ox.Quad(s, p, wd, ox.NamedNode("https://w3id.org/atkg/graph/y")))
    stats = statistics(store)
    assert stats.triples == 1  # the same triple in two graphs counts once
    assert stats.graphs == {"https://w3id.org/atkg/graph/x": 1, "https://w3id.org/atkg/graph/y": 1}
    assert dict(stats.links) == {("wikidata", str(SKOS.exactMatch), str(wd.value)[:31]): 1}
