"""What the server says about an IRI: its statements both ways, with their provenance.

Everything is read with pyoxigraph's pattern lookups on the read-only store (no SPARQL
needed for one node), so a page costs a few index scans. Each statement carries its named
graph (which source it was loaded from, or `inferred`) and, through the node it is about,
the attestations (document and locator) and the curated record it was built from.
"""

from __future__ import annotations

import urllib.parse
from dataclasses import dataclass, field
from functools import lru_cache

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS

from atkg.namespaces import ATKG, BASE, GRAPH, PREFIXES
from atkg.paths import ProjectPaths

INCOMING_LIMIT = 500  # links shown into a node (a state has hundreds of treaty actions)
LABELS = (str(SKOS.prefLabel), str(RDFS.label), str(DCTERMS.title))
_N = ox.NamedNode
QUALIFIED = _N(str(PROV.qualifiedDerivation))
ENTITY = _N(str(PROV.entity))
LOCATOR = _N(str(ATKG.locator))
RECORD = _N(str(ATKG.curationRecord))


@dataclass(frozen=True)
class Evidence:
    """Why atkg states something about a node: documents with locators, and its records."""

    attestations: tuple[tuple[str, str], ...] = ()  # (document IRI, locator)
    records: tuple[str, ...] = ()  # data/curated/x.tsv:LINE


@dataclass
class Statement:
    subject: object
    predicate: ox.NamedNode
    obj: object
    graph: str


@dataclass
class Description:
    iri: str
    outgoing: list[Statement] = field(default_factory=list)
    incoming: list[Statement] = field(default_factory=list)
    incoming_total: int = 0


class Describer:
    """Lookups for one store; labels and evidence are cached (the store never changes)."""

    def __init__(self, store: ox.Store, paths: ProjectPaths) -> None:
        self.store, self.paths = store, paths
        self.label = lru_cache(maxsize=65536)(self._label)  # type: ignore[method-assign]
        self.evidence = lru_cache(maxsize=16384)(self._evidence)  # type: ignore[method-assign]

    # -- IRIs -----------------------------------------------------------------------------

    @staticmethod
    def iri_for(path: str) -> str:
        """The atkg IRI a local path stands for (`/id/body/unodc` → …/atkg/id/body/unodc)."""
        return BASE + urllib.parse.quote(path.lstrip("/"), safe="/-._~")

    @staticmethod
    def local(iri: str) -> str | None:
        """Where the server shows an IRI (`/doc/...`, `/ontology#x`), or None if not atkg's."""
        if not iri.startswith(BASE):
            return None
        rest = iri[len(BASE) :]
        if rest.startswith("id/"):
            return "/doc/" + rest[3:]
        return "/" + rest

    def exists(self, iri: str) -> bool:
        node = _N(iri)
        if iri.startswith(str(GRAPH)):
            return node in set(self.store.named_graphs())
        if iri.rstrip("#") == BASE + "ontology":
            return True
        return next(self.store.quads_for_pattern(node, None, None, None), None) is not None or (
            next(self.store.quads_for_pattern(None, None, node, None), None) is not None
        )

    # -- labels and evidence ----------------------------------------------------------

    def _label(self, iri: str, lang: str) -> str | None:
        node = _N(iri)
        for prop in LABELS:
            for quad in self.store.quads_for_pattern(node, _N(prop), None, None):
                obj = quad.object
                if isinstance(obj, ox.Literal) and (obj.language or "") == lang:
                    return obj.value
        return None

    def _evidence(self, node: object, graph: str) -> Evidence:
        """The attestations and records of a node that were loaded with one graph."""
        if not isinstance(node, ox.NamedNode | ox.BlankNode) or not graph:
            return Evidence()
        g = _N(graph)
        atts = set()
        for quad in self.store.quads_for_pattern(node, QUALIFIED, None, g):
            att = quad.object
            docs = [q.object for q in self.store.quads_for_pattern(att, ENTITY, None, None)]  # type: ignore[arg-type]
            locs = [q.object for q in self.store.quads_for_pattern(att, LOCATOR, None, None)]  # type: ignore[arg-type]
            for doc in docs:
                atts.add((doc.value, locs[0].value if locs else ""))  # type: ignore[union-attr]
        records = {q.object.value for q in self.store.quads_for_pattern(node, RECORD, None, g)}  # type: ignore[union-attr]
        return Evidence(tuple(sorted(atts)), tuple(sorted(records)))

    # -- descriptions -------------------------------------------------------------------

    def describe(self, iri: str) -> Description:
        node = _N(iri)
        out = Description(iri)
        for quad in self.store.quads_for_pattern(node, None, None, None):
            out.outgoing.append(Statement(node, quad.predicate, quad.object, _graph(quad)))
        for quad in self.store.quads_for_pattern(None, None, node, None):
            out.incoming_total += 1
            if len(out.incoming) < INCOMING_LIMIT:
                out.incoming.append(Statement(quad.subject, quad.predicate, node, _graph(quad)))
        key = lambda st: (st.predicate.value, str(st.obj), str(st.subject), st.graph)  # noqa: E731
        out.outgoing.sort(key=key)
        out.incoming.sort(key=key)
        return out

    def triples(self, iri: str) -> list[ox.Triple]:
        """The RDF of a node's document: its statements both ways and its attestations."""
        if iri.startswith(str(GRAPH)):
            quads = self.store.quads_for_pattern(None, None, None, _N(iri))
            return sorted({ox.Triple(q.subject, q.predicate, q.object) for q in quads}, key=str)
        if iri.rstrip("#") == BASE + "ontology":
            graph = _N(str(GRAPH) + "ontology")
            quads = self.store.quads_for_pattern(None, None, None, graph)
            return sorted({ox.Triple(q.subject, q.predicate, q.object) for q in quads}, key=str)
        node = _N(iri)
        found = set()
        for quad in self.store.quads_for_pattern(node, None, None, None):
            found.add(ox.Triple(quad.subject, quad.predicate, quad.object))
            if quad.predicate == QUALIFIED:
                for q in self.store.quads_for_pattern(quad.object, None, None, None):  # type: ignore[arg-type]
                    found.add(ox.Triple(q.subject, q.predicate, q.object))
        for i, quad in enumerate(self.store.quads_for_pattern(None, None, node, None)):
            if i >= INCOMING_LIMIT:
                break
            found.add(ox.Triple(quad.subject, quad.predicate, quad.object))
        return sorted(found, key=str)

    def rdf(self, iri: str, kind: str) -> bytes:
        triples = self.triples(iri)
        if kind == "jsonld":
            from atkg.publish.jsonld import compact
            from atkg.store import from_ox

            graph = Graph()
            for t in triples:
                graph.add((from_ox(t.subject), from_ox(t.predicate), from_ox(t.object)))  # type: ignore[arg-type]
            return compact(graph)
        from atkg.server.results import write_graph

        return write_graph(triples, kind, PREFIXES)

    # -- dataset-level documents --------------------------------------------------------

    def dataset_description(self, name: str, kind: str, base_url: str) -> bytes:
        """VoID, DCAT or the SPARQL service description, with this server's addresses."""
        from atkg.publish import describe

        base_url = base_url.rstrip("/") + "/"
        access = describe.Access(endpoint=base_url + "sparql", dumps=base_url + "dumps/")
        if name == "sd":
            graph = service_description(base_url + "sparql", self.store)
        elif name == "void":
            graph = describe.void_graph(self.store, self.paths, access)
        else:
            graph = describe.dcat_graph(self.store, self.paths, access)
        if kind == "jsonld":
            return describe.jsonld(graph)
        return describe.serialise(graph, kind)


def _graph(quad: ox.Quad) -> str:
    name = quad.graph_name
    return name.value if isinstance(name, ox.NamedNode) else ""


SD_FORMATS = (
    "SPARQL_Results_JSON",
    "SPARQL_Results_XML",
    "SPARQL_Results_CSV",
    "SPARQL_Results_TSV",
    "Turtle",
    "JSON-LD",
    "N-Triples",
    "RDF_XML",
)


def service_description(endpoint: str, store: ox.Store) -> Graph:
    """SPARQL 1.1 Service Description of the endpoint: what a plain GET returns."""
    from atkg.publish.describe import DATASET, SD

    g = Graph()
    service = URIRef(endpoint + "#service")
    dataset = URIRef(endpoint + "#dataset")
    g.add((service, RDF.type, SD.Service))
    g.add((service, SD.endpoint, URIRef(endpoint)))
    g.add((service, SD.supportedLanguage, SD.SPARQL11Query))
    g.add((service, SD.feature, SD.UnionDefaultGraph))
    for fmt in SD_FORMATS:
        g.add((service, SD.resultFormat, URIRef(f"http://www.w3.org/ns/formats/{fmt}")))
    g.add((service, SD.defaultDataset, dataset))
    g.add((dataset, RDF.type, SD.Dataset))
    g.add((dataset, DCTERMS.source, DATASET))
    default = URIRef(endpoint + "#default-graph")
    g.add((dataset, SD.defaultGraph, default))
    g.add((default, RDF.type, SD.Graph))
    g.add((default, RDFS.comment, Literal("the union of the named graphs", lang="en")))
    for graph in sorted(store.named_graphs(), key=str):
        if isinstance(graph, ox.NamedNode):
            named = URIRef(endpoint + "#graph-" + graph.value.removeprefix(str(GRAPH)))
            g.add((dataset, SD.namedGraph, named))
            g.add((named, RDF.type, SD.NamedGraph))
            g.add((named, SD.name, URIRef(graph.value)))
    return g
