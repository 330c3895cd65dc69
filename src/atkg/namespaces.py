"""The single prefix map of atkg, and the namespaces its code writes with."""

from __future__ import annotations

from rdflib import Graph, Namespace
from rdflib.namespace import (
    DCTERMS,
    FOAF,
    ORG,
    OWL,
    PROV,
    RDF,
    RDFS,
    SKOS,
    TIME,
    XSD,
    ClosedNamespace,
)

from atkg._terms import TERMS

BASE = "https://w3id.org/atkg/"
#: Closed over the terms the ontology declares (generated into atkg/_terms.py, kept in sync
#: by a test): a misspelt name raises AttributeError instead of minting a new IRI.
ATKG = ClosedNamespace(BASE + "ontology#", list(TERMS))
ATKGID = Namespace(BASE + "id/")
GRAPH = Namespace(BASE + "graph/")
ONTOLOGY_IRI = BASE + "ontology"
ELI = Namespace("http://data.europa.eu/eli/ontology#")
VANN = Namespace("http://purl.org/vocab/vann/")
SH = Namespace("http://www.w3.org/ns/shacl#")
ATKG_SH = Namespace(BASE + "shapes#")

PREFIXES: dict[str, str] = {
    "atkg": str(ATKG),
    "atkgid": str(ATKGID),
    "atkg-sh": str(ATKG_SH),
    "dcterms": str(DCTERMS),
    "eli": str(ELI),
    "foaf": str(FOAF),
    "org": str(ORG),
    "owl": str(OWL),
    "prov": str(PROV),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "sh": str(SH),
    "skos": str(SKOS),
    "time": str(TIME),
    "vann": str(VANN),
    "xsd": str(XSD),
}


def bind_prefixes(graph: Graph) -> Graph:
    """Bind atkg's prefix map on a graph (or dataset) so serialisations are readable."""
    for prefix, iri in PREFIXES.items():
        graph.bind(prefix, iri, override=True, replace=True)
    return graph


def sparql_prologue() -> str:
    """PREFIX declarations for engines that take no prefix map (pyoxigraph, remote endpoints)."""
    return "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())
