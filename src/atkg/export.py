"""Deterministic serialisation of the build: the same graph always gives the same bytes.

pyoxigraph writes every format from quads sorted by graph and then by the text of their
canonical N-Triples form (its store's own iteration order is not stable across runs),
which keeps exports fast at a million triples and byte-identical for the same graph.
Triple formats (Turtle, N-Triples, RDF/XML, JSON-LD) carry the union of the named graphs;
N-Quads and TriG keep the graphs. JSON-LD is compacted with the context shipped in
atkg.publish (sorted nodes).
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


def _lines(store: ox.Store) -> tuple[list[str], list[str]]:
    """(default-graph N-Triples lines, named-graph N-Quads lines), unsorted.

    One dump of the whole store: dumping graph by graph costs several times more.
    """
    default = store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph())
    default_lines = default.decode("utf-8").splitlines() if default else []
    everything = store.dump(format=ox.RdfFormat.N_QUADS)
    lines = everything.decode("utf-8").splitlines() if everything else []
    if default_lines:
        in_default = set(default_lines)
        lines = [line for line in lines if line not in in_default]
    return default_lines, lines


def _split(line: str) -> tuple[str, str]:
    """(graph term, the triple as an N-Triples line) of a named-graph N-Quads line."""
    cut = line.rindex(" <")  # the graph name is the last term, an IRI
    return line[cut + 1 : -2], line[:cut] + " ."


def sorted_ntriples(store: ox.Store) -> bytes:
    """The union of the graphs as N-Triples, one line per distinct triple, sorted as text.

    Sorting canonical N-Triples lines is done in C by Python's string comparison, ten
    times faster than sorting term objects by a key function; the order is as stable.
    """
    default, named = _lines(store)
    unique = set(default)
    unique.update(_split(line)[1] for line in named)
    return "".join(line + "\n" for line in sorted(unique)).encode("utf-8")


def sorted_nquads(store: ox.Store) -> bytes:
    """N-Quads, the default graph first, then by graph name and the text of the triple."""
    default, named = _lines(store)
    out = [line + "\n" for line in sorted(default)]
    out += [line + "\n" for line in sorted(named, key=lambda line: (_split(line)[0], line))]
    return "".join(out).encode("utf-8")


def serialise(store: ox.Store, fmt: str) -> bytes:
    """The whole build in one format."""
    if fmt not in FORMATS:
        raise UsageError(f"unknown format {fmt!r} (one of: {', '.join(FORMATS)})")
    if fmt == "jsonld":  # compacted with the shipped context (atkg.publish.jsonld)
        from atkg.publish.jsonld import compact_store

        return compact_store(store)
    rdf_format, _media, quads = FORMATS[fmt]
    text = sorted_nquads(store) if quads else sorted_ntriples(store)
    if fmt in ("nt", "nq"):
        return text
    source = ox.RdfFormat.N_QUADS if quads else ox.RdfFormat.N_TRIPLES
    result = ox.serialize(ox.parse(text, format=source), format=rdf_format, prefixes=PREFIXES)
    assert result is not None
    return result
