"""The SPARQL 1.1 Protocol at /sparql, with SPARQLWrapper as the client."""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.parse
import urllib.request

import pyoxigraph as ox
import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import RDF
from SPARQLWrapper import CSV, JSON, TSV, XML, SPARQLWrapper

from atkg.paths import ProjectPaths
from atkg.publish.compare import canonical, runnable
from atkg.publish.publish import DatasetStore
from atkg.server import App, Settings, make_app
from atkg.sparql import query_library
from atkg.store import EmbeddedStore

SD = "http://www.w3.org/ns/sparql-service-description#"
COUNT = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g"


def fetch(url: str, data: bytes | None = None, headers: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
    req = urllib.request.Request(url, data=data, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=30) as resp:
            return resp.status, dict(resp.headers.items()), resp.read()
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers.items()), exc.read()


LIBRARY = [
    q
    for q in query_library(ProjectPaths.default().queries).values()
    if q.kind in ("analysis", "reports", "qc") and runnable(q)
]


@pytest.mark.parametrize("query", LIBRARY, ids=[q.name for q in LIBRARY])
def test_library_answers_alike_over_http(query, base_url: str, store: EmbeddedStore) -> None:  # type: ignore[no-untyped-def]
    # DatasetStore, not RemoteStore: SPARQLWrapper alone takes some of these for updates
    remote = DatasetStore(base_url + "/sparql", [])
    bindings = query.bind({})
    assert canonical(remote.select(query, bindings)) == canonical(store.select(query, bindings))


@pytest.mark.parametrize(
    ("fmt", "media"),
    [
        (JSON, "application/sparql-results+json"),
        (XML, "application/sparql-results+xml"),
        (CSV, "text/csv"),
        (TSV, "text/tab-separated-values"),
    ],
)
def test_select_result_formats(base_url: str, fmt: str, media: str) -> None:
    client = SPARQLWrapper(base_url + "/sparql")
    client.setQuery(COUNT)
    client.setReturnFormat(fmt)
    result = client.query()
    assert result.response.headers["Content-Type"].startswith(media)
    data = result.convert()
    if fmt == JSON:
        assert len(data["results"]["bindings"]) >= 10  # type: ignore[index]
    elif fmt == XML:
        assert len(data.getElementsByTagName("result")) >= 10  # type: ignore[union-attr]
    else:
        text = data.decode() if isinstance(data, bytes) else str(data)
        assert "curated/bodies" in text and len(text.strip().splitlines()) >= 11


@pytest.mark.parametrize(
    ("accept", "fmt"),
    [
        ("text/turtle", "turtle"),
        ("application/ld+json", "json-ld"),
        ("application/n-triples", "nt"),
    ],
)
def test_construct_and_describe_formats(base_url: str, accept: str, fmt: str) -> None:
    unodc = "https://w3id.org/atkg/id/body/unodc"
    for query in (
        f"CONSTRUCT {{ <{unodc}> ?p ?o }} WHERE {{ <{unodc}> ?p ?o }}",
        f"DESCRIBE <{unodc}>",
    ):
        status, headers, body = fetch(
            base_url + "/sparql?" + urllib.parse.urlencode({"query": query}),
            headers={"Accept": accept},
        )
        assert status == 200 and headers["Content-Type"].startswith(accept)
        graph = Graph().parse(data=body, format=fmt)
        assert (URIRef(unodc), RDF.type, URIRef("https://w3id.org/atkg/ontology#Body")) in graph


def test_ask_and_post_forms(base_url: str) -> None:
    ask = "ASK { ?s a atkg:Instrument }"  # atkg's prefixes are predeclared
    for data, ctype in (
        (urllib.parse.urlencode({"query": ask}).encode(), "application/x-www-form-urlencoded"),
        (ask.encode(), "application/sparql-query"),
    ):
        status, _h, body = fetch(
            base_url + "/sparql", data, {"Content-Type": ctype, "Accept": "application/json"}
        )
        assert status == 200 and json.loads(body)["boolean"] is True


def test_service_description_on_plain_get(base_url: str) -> None:
    status, headers, body = fetch(base_url + "/sparql", headers={"Accept": "text/turtle"})
    assert status == 200 and headers["Content-Type"].startswith("text/turtle")
    graph = Graph().parse(data=body, format="turtle")
    services = list(graph.subjects(RDF.type, URIRef(SD + "Service")))
    assert services
    assert graph.value(services[0], URIRef(SD + "endpoint")) == URIRef(base_url + "/sparql")
    # a browser gets the query page instead
    status, headers, body = fetch(base_url + "/sparql", headers={"Accept": "text/html"})
    assert headers["Content-Type"].startswith("text/html") and b"named queries" in body.lower()


@pytest.mark.parametrize(
    ("data", "ctype", "query"),
    [
        (
            b"update=INSERT+DATA+%7B%3Ca%3Ab%3E+%3Ca%3Ac%3E+%3Ca%3Ad%3E%7D",
            "application/x-www-form-urlencoded",
            "",
        ),
        (b"INSERT DATA { <a:b> <a:c> <a:d> }", "application/sparql-update", ""),
        (None, None, "?query=" + urllib.parse.quote("PREFIX a: <a:> DROP ALL")),
        (None, None, "?update=CLEAR%20ALL"),
    ],
    ids=["form-update", "update-body", "update-as-query", "update-param"],
)
def test_updates_are_refused(base_url: str, data, ctype, query, store: EmbeddedStore) -> None:  # type: ignore[no-untyped-def]
    before = store.count_triples()
    status, _h, body = fetch(
        base_url + "/sparql" + query, data, {"Content-Type": ctype} if ctype else {}
    )
    assert status == 403 and b"read-only" in body
    assert store.count_triples() == before


def test_malformed_query_is_a_bad_request(base_url: str) -> None:
    status, _h, body = fetch(base_url + "/sparql?query=SELECT%20WHERE")
    assert status == 400 and b"malformed" in body


def test_result_limit_truncates_and_says_so(base_url: str) -> None:
    query = urllib.parse.urlencode({"query": "SELECT * WHERE { ?s ?p ?o }"})
    status, headers, body = fetch(f"{base_url}/sparql?{query}", headers={"Accept": "text/csv"})
    assert status == 200
    assert len(body.decode().strip().splitlines()) == 5000 + 1  # the limit, plus the header
    assert "Atkg-Truncated" in headers


def test_timeout_stops_a_streaming_query(built, paths) -> None:  # type: ignore[no-untyped-def]
    """In threads, the deadline is checked between rows: a cross product stops in time."""
    app = make_app(built.store, paths, Settings(timeout=0.3, limit=10**9, workers=1))
    started = time.monotonic()
    response = app.run("SELECT * WHERE { ?a ?b ?c . ?d ?e ?f }", "text/csv")
    assert response.status.startswith("503") and b"timed out" in response.body
    assert time.monotonic() - started < 5


@pytest.mark.slow
def test_timeout_ends_a_runaway_aggregate(built, paths, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """With the store on disk, a query past its deadline is ended with its worker process."""
    location = tmp_path / "store"
    disk = ox.Store(str(location))
    disk.bulk_extend(built.store)
    disk.flush()
    del disk
    store = ox.Store.read_only(str(location))
    app = make_app(store, paths, Settings(timeout=1, workers=1), location=str(location))
    try:
        heavy = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
        started = time.monotonic()
        response = app.run(heavy, "application/json")
        assert response.status.startswith("503")
        assert time.monotonic() - started < 10
        # the pool replaced the worker and answers the next query
        response = app.run("ASK { ?s a atkg:Body }", "application/json")
        assert response.status == "200 OK" and json.loads(response.body)["boolean"] is True
        assert app._processes is not None and app._processes.restarts == 1
    finally:
        app.close()


def test_default_graph_uri_is_honoured(base_url: str, built) -> None:  # type: ignore[no-untyped-def]
    graph = "https://w3id.org/atkg/graph/curated/mandates"
    remote = DatasetStore(base_url + "/sparql", [graph])
    res = remote.select("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    assert int(res.rows[0][0]) == built.graphs["curated/mandates"]  # type: ignore[arg-type]


def test_named_queries(base_url: str, app: App, store: EmbeddedStore) -> None:
    status, _h, body = fetch(base_url + "/queries", headers={"Accept": "application/json"})
    listing = {q["name"]: q for q in json.loads(body)}
    assert status == 200 and "analysis/participation-party-as-of" in listing
    name = "analysis/participation-party-as-of"
    url = f"{base_url}/queries/{name}?date=2005-01-01&format=csv"
    status, headers, body = fetch(url)
    assert status == 200 and headers["Content-Type"].startswith("text/csv")
    query = app.queries[name]
    expected = store.select(query, query.bind({"date": "2005-01-01"}))
    assert len(body.decode().strip().splitlines()) == len(expected) + 1
    status, _h, body = fetch(f"{base_url}/queries/{name}?colour=red")
    assert status == 400 and b"unknown parameter" in body
    assert fetch(f"{base_url}/queries/analysis/no-such-query")[0] == 404


def test_void_at_well_known(base_url: str, built) -> None:  # type: ignore[no-untyped-def]
    status, headers, body = fetch(base_url + "/.well-known/void")
    assert status == 200 and headers["Content-Type"].startswith("text/turtle")
    graph = Graph().parse(data=body, format="turtle")
    void = URIRef("http://rdfs.org/ns/void#")
    dataset = URIRef("https://w3id.org/atkg/dataset")
    assert graph.value(dataset, URIRef(void + "sparqlEndpoint")) == URIRef(base_url + "/sparql")
    status, headers, body = fetch(base_url + "/catalog", headers={"Accept": "application/ld+json"})
    assert status == 200 and "@context" in json.loads(body)
