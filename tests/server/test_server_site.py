"""`atkg export --site`: the server's pages as static files, on a small graph."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph, URIRef

from atkg.paths import ProjectPaths
from atkg.server.site import write_site

DATA = """
@prefix atkg: <https://w3id.org/atkg/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
<https://w3id.org/atkg/id/body/a> a atkg:Body ; rdfs:label "Body A"@en , "甲机构"@zh ;
    atkg:memberOf <https://w3id.org/atkg/id/body/b> .
<https://w3id.org/atkg/id/body/b> a atkg:Body ; rdfs:label "Body B"@en .
<https://w3id.org/atkg/id/document/A/RES/1/2> rdfs:label "A resolution"@en .
"""


def test_site_has_pages_and_rdf(tmp_path: Path, paths: ProjectPaths) -> None:
    store = ox.Store()
    store.load(
        DATA.encode(),
        format=ox.RdfFormat.TURTLE,
        to_graph=ox.NamedNode("https://w3id.org/atkg/graph/curated/bodies"),
    )
    out = tmp_path / "site"
    report = write_site(store, paths, out, "https://example.org/atkg/")
    assert report.entities == 3
    page = (out / "doc/body/a/index.html").read_text(encoding="utf-8")
    assert "Body A" in page and "甲机构" in page and 'href="/doc/body/b"' in page
    assert 'href="/doc/body/a.ttl"' in page  # the alternates sit next to the page
    graph = Graph().parse(out / "doc/body/a.ttl", format="turtle")
    assert (URIRef("https://w3id.org/atkg/id/body/a"), None, None) in graph
    Graph().parse(out / "doc/body/b.jsonld", format="json-ld")
    assert (out / "doc/document/A/RES/1/2/index.html").is_file()
    assert (out / "graph/curated/bodies/index.html").is_file()
    void = (out / ".well-known/void").read_text(encoding="utf-8")
    assert "https://example.org/atkg/sparql" in void
    assert (out / "catalog.ttl").is_file() and (out / "context.jsonld").is_file()
    assert (out / "index.html").is_file() and (out / "ontology/index.html").is_file()
