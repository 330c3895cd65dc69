"""Dereferencing atkg IRIs: 303 from /id/ to /doc/, content negotiation, the HTML pages."""

from __future__ import annotations

import json
import re
import urllib.error
import urllib.request

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS

UNODC = "https://w3id.org/atkg/id/body/unodc"
BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        return None


def get(url: str, accept: str | None = None, follow: bool = True):  # type: ignore[no-untyped-def]
    opener = urllib.request.build_opener() if follow else urllib.request.build_opener(NoRedirect)
    req = urllib.request.Request(url, headers={"Accept": accept} if accept else {})
    try:
        with opener.open(req, timeout=30) as resp:
            return resp.status, dict(resp.headers.items()), resp.read()
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers.items()), exc.read()


def test_id_redirects_to_document(base_url: str) -> None:
    status, headers, _ = get(base_url + "/id/body/unodc", "text/turtle", follow=False)
    assert status == 303
    assert headers["Location"] == "/doc/body/unodc" and headers["Vary"] == "Accept"


@pytest.mark.parametrize(
    ("accept", "fmt"),
    [
        ("text/turtle", "turtle"),
        ("application/ld+json", "json-ld"),
        ("application/n-triples", "nt"),
        (None, "turtle"),  # no preference: the data, as Turtle
    ],
)
def test_document_negotiates_rdf(base_url: str, accept: str | None, fmt: str) -> None:
    status, headers, body = get(base_url + "/id/body/unodc", accept)
    assert status == 200 and headers["Vary"] == "Accept"
    graph = Graph().parse(data=body, format=fmt)
    node = URIRef(UNODC)
    assert (node, RDFS.label, Literal("联合国毒品和犯罪问题办公室", lang="zh")) in graph
    assert (node, RDF.type, URIRef("https://w3id.org/atkg/ontology#Body")) in graph
    # links both ways: UNODC is in ICAT, and UN.GIFT's founding names it
    assert (node, URIRef("https://w3id.org/atkg/ontology#memberOf"), None) in graph
    assert (None, None, node) in graph


def test_jsonld_document_is_compacted(base_url: str) -> None:
    _s, _h, body = get(base_url + "/doc/body/unodc.jsonld")
    doc = json.loads(body)
    node = next(n for n in doc["@graph"] if n.get("id") == UNODC)
    assert node["label"]["en"] == "United Nations Office on Drugs and Crime"


def test_html_page_for_browsers(base_url: str) -> None:
    status, headers, body = get(base_url + "/id/body/unodc", BROWSER)
    assert status == 200 and headers["Content-Type"].startswith("text/html")
    page = body.decode()
    assert "United Nations Office on Drugs and Crime" in page
    assert "联合国毒品和犯罪问题办公室" in page
    assert "Referenced by" in page
    # provenance of each fact: its graph, the documents and locators, the curated row
    assert 'href="#src-curated/bodies"' in page and "data/curated/bodies.tsv:" in page
    assert re.search(r"pp 11", page)
    # links stay on this server, and the page embeds schema.org data for search engines
    assert 'href="/doc/body/icat"' in page
    island = re.search(r'<script type="application/ld\+json">(.*?)</script>', page)
    assert island and json.loads(island.group(1))["@id"] == UNODC


def test_incoming_links_carry_their_source(base_url: str) -> None:
    _s, _h, body = get(base_url + "/doc/instrument/tip-protocol", BROWSER)
    page = body.decode()
    assert "Referenced by" in page and "data/curated/citations.tsv:" in page


def test_unknown_iri_is_not_found(base_url: str) -> None:
    assert get(base_url + "/id/body/no-such-body", "text/turtle")[0] == 404
    assert get(base_url + "/doc/body/no-such-body", BROWSER)[0] == 404


def test_unacceptable_type(base_url: str) -> None:
    status, _h, body = get(base_url + "/doc/body/unodc", "image/png")
    assert status == 406 and b"text/turtle" in body


def test_document_symbols_with_slashes(base_url: str) -> None:
    status, _h, body = get(base_url + "/id/document/A/RES/64/293", "text/turtle")
    assert status == 200
    assert b"64/293" in body


def test_ontology_and_graph_pages(base_url: str) -> None:
    status, _h, body = get(base_url + "/ontology", BROWSER)
    assert status == 200 and b'id="Instrument"' in body
    status, _headers, body = get(base_url + "/ontology", "text/turtle")
    assert status == 200 and b"owl:Class" in body
    status, _h, body = get(base_url + "/graph/curated/mandates", "application/n-triples")
    assert status == 200 and len(body.splitlines()) > 50


def test_home_and_query_page(base_url: str) -> None:
    status, _h, body = get(base_url + "/", BROWSER)
    assert status == 200 and b"/sparql" in body
    status, _h, body = get(base_url + "/query", BROWSER)
    assert status == 200 and b"analysis/participation-party-as-of" in body
    status, _headers, body = get(base_url + "/static/query.js")
    assert status == 200 and b"fetch('/sparql'" in body
