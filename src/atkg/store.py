"""One store interface for every query: the embedded pyoxigraph store or a SPARQL endpoint.

Both return results as rdflib terms in the same `Results` shape, and both see the union
of the build's named graphs as the default graph, so a query file gives the same answer
on either (remote servers must be configured so: Virtuoso is by default, Oxigraph with
`--union-default-graph`). pyoxigraph was chosen by measurement (see README).
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Protocol

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from atkg.errors import UsageError
from atkg.sparql import QueryFile, full_text, strip_comments


@dataclass(frozen=True)
class Results:
    """Rows of a SELECT (variables in order, values as rdflib terms or None), or an ASK."""

    variables: tuple[str, ...]
    rows: tuple[tuple[Node | None, ...], ...]
    boolean: bool | None = None

    def __len__(self) -> int:
        return len(self.rows)

    def __iter__(self) -> Iterator[tuple[Node | None, ...]]:
        return iter(self.rows)


class Store(Protocol):
    """What every analysis needs of a store; implemented locally and remotely."""

    def select(
        self, query: QueryFile | str, bindings: Mapping[str, Node] | None = None
    ) -> Results: ...

    def construct(
        self, query: QueryFile | str, bindings: Mapping[str, Node] | None = None
    ) -> Graph: ...

    def count_triples(self) -> int: ...


# -- term conversion ------------------------------------------------------------------


def from_ox(term: object) -> Node | None:
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        return Literal(term.value, datatype=URIRef(term.datatype.value))
    raise TypeError(f"unsupported term {term!r}")


@lru_cache(maxsize=1 << 16)
def _named_node(iri: str) -> ox.NamedNode:
    return ox.NamedNode(iri)


def to_ox(term: Node) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    if isinstance(term, URIRef):
        return _named_node(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"unsupported term {term!r}")


# -- embedded --------------------------------------------------------------------------


class EmbeddedStore:
    """pyoxigraph over the build: in memory, or the on-disk store `atkg build` writes."""

    def __init__(self, store: ox.Store) -> None:
        self.store = store

    @classmethod
    def open(cls, path: Path) -> EmbeddedStore:
        if not path.exists():
            raise UsageError(f"no built store at {path}: run `atkg build` first")
        return cls(ox.Store.read_only(str(path)))

    @classmethod
    def from_nquads(cls, data: bytes) -> EmbeddedStore:
        store = ox.Store()
        store.load(data, format=ox.RdfFormat.N_QUADS)
        return cls(store)

    def _run(self, query: QueryFile | str, bindings: Mapping[str, Node] | None) -> object:
        text = full_text(query, bindings)
        try:
            return self.store.query(text, use_default_graph_as_union=True)
        except SyntaxError as exc:
            name = query.name if isinstance(query, QueryFile) else "query"
            raise UsageError(f"{name}: {exc}") from exc

    def select(self, query: QueryFile | str, bindings: Mapping[str, Node] | None = None) -> Results:
        result = self._run(query, bindings)
        if isinstance(result, ox.QueryBoolean):
            return Results((), (), bool(result))
        if not isinstance(result, ox.QuerySolutions):
            raise UsageError("not a SELECT or ASK query")
        variables = tuple(v.value for v in result.variables)
        rows = tuple(tuple(from_ox(sol[v]) for v in variables) for sol in result)
        return Results(variables, rows)

    def construct(
        self, query: QueryFile | str, bindings: Mapping[str, Node] | None = None
    ) -> Graph:
        result = self._run(query, bindings)
        if not isinstance(result, ox.QueryTriples):
            raise UsageError("not a CONSTRUCT or DESCRIBE query")
        graph = Graph()
        for triple in result:
            graph.add((from_ox(triple.subject), from_ox(triple.predicate), from_ox(triple.object)))  # type: ignore[arg-type]
        return graph

    def count_triples(self) -> int:
        return len(self.store)


# -- remote --------------------------------------------------------------------------


def _from_json(binding: Mapping[str, str] | None) -> Node | None:
    if binding is None:
        return None
    kind = binding["type"]
    if kind == "uri":
        return URIRef(binding["value"])
    if kind == "bnode":
        return BNode(binding["value"])
    if "xml:lang" in binding:
        return Literal(binding["value"], lang=binding["xml:lang"])
    if "datatype" in binding:
        return Literal(binding["value"], datatype=URIRef(binding["datatype"]))
    return Literal(binding["value"])


class RemoteStore:
    """A SPARQL 1.1 endpoint through SPARQLWrapper (query protocol only; see `publish`)."""

    def __init__(
        self,
        endpoint: str,
        user: str | None = None,
        password: str | None = None,
        auth: str = "basic",
        timeout: int = 60,
    ) -> None:
        self.endpoint = endpoint
        self.user, self.password, self.auth, self.timeout = user, password, auth, timeout

    def _wrapper(self, text: str, accept: str) -> object:
        from SPARQLWrapper import BASIC, DIGEST, POST, SPARQLWrapper

        wrapper = SPARQLWrapper(self.endpoint)
        wrapper.setMethod(POST)
        wrapper.setTimeout(self.timeout)
        if self.user:
            wrapper.setHTTPAuth(DIGEST if self.auth == "digest" else BASIC)
            wrapper.setCredentials(self.user, self.password or "")
        wrapper.setQuery(strip_comments(text))
        wrapper.setReturnFormat(accept)
        return wrapper

    def select(self, query: QueryFile | str, bindings: Mapping[str, Node] | None = None) -> Results:
        from SPARQLWrapper import JSON

        wrapper = self._wrapper(full_text(query, bindings), JSON)
        data = wrapper.query().convert()  # type: ignore[attr-defined]
        if isinstance(data, bytes):
            data = json.loads(data)
        if "boolean" in data:
            return Results((), (), bool(data["boolean"]))
        variables = tuple(data["head"]["vars"])
        rows = tuple(
            tuple(_from_json(b.get(v)) for v in variables) for b in data["results"]["bindings"]
        )
        return Results(variables, rows)

    def construct(
        self, query: QueryFile | str, bindings: Mapping[str, Node] | None = None
    ) -> Graph:
        from SPARQLWrapper import N3

        wrapper = self._wrapper(full_text(query, bindings), N3)
        result = wrapper.query()  # type: ignore[attr-defined]
        graph = Graph()
        graph.parse(data=result.response.read(), format="turtle")
        return graph

    def count_triples(self) -> int:
        res = self.select("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
        value = res.rows[0][0]
        return int(value) if value is not None else 0  # type: ignore[call-overload]
