"""Deterministic serialisation of the build: the same graph always gives the same bytes.

pyoxigraph writes every format from quads sorted by graph, subject, predicate and object
(its store's own iteration order is not stable across runs), which keeps exports fast at
a million triples and byte-identical for the same graph. Triple formats (Turtle,
N-Triples, RDF/XML, JSON-LD) carry the union of the named graphs; N-Quads and TriG keep
the graphs. JSON-LD is compacted with the context shipped in atkg.publish (sorted nodes).
"""

from __future__ import annotations

from collections.abc import Iterable

import pyoxigraph as ox

from atkg.errors import UsageError
from atkg.namespaces import PREFIXES

FORMATS: dict[str, tuple[ox.RdfFormat, str, bool]] = {
    # name: (format, media type, keeps named graphs)
    "ttl": (ox.RdfFormat.TURTLE, "text/turtle", False),
    "nt": (ox.RdfFormat.N_TRIPLES, "application/n-triples", False),
    "nq": (ox.RdfFormat.N_QUADS, "application/n-quads", True),
    "trig": (ox.RdfFormat.TRIG, "application/trig", True),
    "jsonld": (ox.RdfFormat.JSON_LD, "application/ld+json", False),
    "xml": (ox.RdfFormat.RDF_XML, "application/rdf+xml", False),
}


def _term_key(term: object) -> tuple[int, str]:
    if isinstance(term, ox.NamedNode):
        return (0, term.value)
    if isinstance(term, ox.BlankNode):
        return (1, term.value)
    return (2, str(term))


def sorted_quads(store: ox.Store) -> list[ox.Quad]:
    return sorted(
        store,
        key=lambda q: (
            _term_key(q.graph_name),
            _term_key(q.subject),
            _term_key(q.predicate),
            _term_key(q.object),
        ),
    )


def sorted_triples(quads: Iterable[ox.Quad]) -> list[ox.Triple]:
    unique = {ox.Triple(q.subject, q.predicate, q.object) for q in quads}
    return sorted(
        unique, key=lambda t: (_term_key(t.subject), _term_key(t.predicate), _term_key(t.object))
    )


def serialise(store: ox.Store, fmt: str) -> bytes:
    """The whole build in one format."""
    if fmt not in FORMATS:
        raise UsageError(f"unknown format {fmt!r} (one of: {', '.join(FORMATS)})")
    if fmt == "jsonld":  # compacted with the shipped context (atkg.publish.jsonld)
        from atkg.publish.jsonld import compact_store

        return compact_store(store)
    rdf_format, _media, quads = FORMATS[fmt]
    data = sorted_quads(store) if quads else sorted_triples(store)
    prefixes = None if fmt in ("nt", "nq") else PREFIXES
    result = ox.serialize(data, format=rdf_format, prefixes=prefixes)
    assert result is not None
    return result
