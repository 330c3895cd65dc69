"""Deterministic serialisation of the build: the same graph always gives the same bytes.

Line-based formats are written by pyoxigraph and sorted; Turtle uses rdflib's
`longturtle` (canonical layout, sorted); TriG, JSON-LD and RDF/XML are written by rdflib
from graphs whose blank nodes atkg never creates, so their order is stable too.
"""

from __future__ import annotations

import io

import pyoxigraph as ox
from rdflib import Dataset, Graph, URIRef

from atkg.errors import UsageError
from atkg.namespaces import bind_prefixes
from atkg.store import from_ox

FORMATS = {
    "ttl": "text/turtle",
    "nt": "application/n-triples",
    "nq": "application/n-quads",
    "trig": "application/trig",
    "jsonld": "application/ld+json",
    "xml": "application/rdf+xml",
}


def _sorted_lines(data: bytes, unique: bool = False) -> bytes:
    lines = [line for line in data.decode("utf-8").splitlines() if line.strip()]
    if unique:
        lines = list(set(lines))
    return ("\n".join(sorted(lines)) + "\n").encode("utf-8")


def to_dataset(store: ox.Store) -> Dataset:
    """The store's named graphs as an rdflib Dataset (for rdflib-only serialisers)."""
    ds = Dataset()
    bind_prefixes(ds)
    for quad in store:
        graph = ds.graph(URIRef(quad.graph_name.value)) if isinstance(
            quad.graph_name, ox.NamedNode) else ds.default_graph
        graph.add((from_ox(quad.subject), from_ox(quad.predicate),
                   from_ox(quad.object)))  # type: ignore[arg-type]
    return ds


def union_graph(store: ox.Store) -> Graph:
    graph = Graph()
    bind_prefixes(graph)
    for quad in store:
        graph.add((from_ox(quad.subject), from_ox(quad.predicate),
                   from_ox(quad.object)))  # type: ignore[arg-type]
    return graph


def serialise(store: ox.Store, fmt: str) -> bytes:
    """The whole build in one format: quads for nq/trig, the union of graphs otherwise."""
    if fmt not in FORMATS:
        raise UsageError(f"unknown format {fmt!r} (one of: {', '.join(FORMATS)})")
    if fmt == "nq":
        return _sorted_lines(store.dump(format=ox.RdfFormat.N_QUADS))
    if fmt == "nt":
        buffer = io.BytesIO()
        for quad in store:
            buffer.write(str(ox.Triple(quad.subject, quad.predicate, quad.object)).encode())
            buffer.write(b" .\n")
        return _sorted_lines(buffer.getvalue(), unique=True)
    if fmt == "trig":
        return to_dataset(store).serialize(format="trig").encode("utf-8")
    graph = union_graph(store)
    if fmt == "ttl":
        return graph.serialize(format="longturtle").encode("utf-8")
    if fmt == "xml":
        return graph.serialize(format="pretty-xml").encode("utf-8")
    return graph.serialize(format="json-ld", auto_compact=True, sort_keys=True).encode("utf-8")
