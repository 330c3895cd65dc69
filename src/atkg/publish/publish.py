"""`atkg publish`: replace every named graph of the build on a SPARQL server, then verify.

Each graph goes over as sorted N-Triples, with a Graph Store Protocol PUT when the server
has a graph store (one request per graph, replacing it atomically on both Oxigraph and
Virtuoso), else as SPARQL Update (DROP, then INSERT DATA in chunks). Afterwards the
triple count of every graph is read back through the query endpoint and compared with
the build's; a mismatch fails the publish. Graphs under atkg's graph namespace that the
server holds but the build does not are reported as stale, and dropped with `prune`.
"""

from __future__ import annotations

import json
import logging
import time
import urllib.parse
from collections.abc import Iterable
from dataclasses import dataclass, field

import pyoxigraph as ox

from atkg.namespaces import GRAPH
from atkg.publish.gsp import Auth, GraphStore, HttpClient, SparqlUpdate
from atkg.store import RemoteStore

log = logging.getLogger(__name__)

GRAPH_NS = str(GRAPH)
_COUNTS = (
    "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } "
    f'FILTER(STRSTARTS(STR(?g), "{GRAPH_NS}")) }} GROUP BY ?g'
)


@dataclass(frozen=True)
class Target:
    """Where to publish: the query endpoint and, for writing, a graph store or update URL."""

    endpoint: str
    graph_store: str | None = None
    update: str | None = None
    auth: Auth | None = None

    @property
    def method(self) -> str:
        return "gsp" if self.graph_store else "update"


@dataclass
class GraphReport:
    """What publishing did to one graph."""

    graph: str
    local: int
    before: int
    after: int = -1
    seconds: float = 0.0

    @property
    def action(self) -> str:
        return "created" if self.before == 0 else "replaced"

    @property
    def verified(self) -> bool:
        return self.after == self.local


@dataclass
class PublishReport:
    target: Target
    graphs: list[GraphReport] = field(default_factory=list)
    stale: list[str] = field(default_factory=list)
    pruned: list[str] = field(default_factory=list)
    seconds: float = 0.0
    requests: int = 0

    @property
    def ok(self) -> bool:
        return all(g.verified for g in self.graphs)

    @property
    def triples(self) -> int:
        return sum(g.local for g in self.graphs)


def build_graphs(store: ox.Store) -> list[str]:
    """The build's named graphs, sorted (the publish order)."""
    return sorted(g.value for g in store.named_graphs() if isinstance(g, ox.NamedNode))


def graph_ntriples(store: ox.Store, graph: str) -> tuple[bytes, int]:
    """One graph as N-Triples, with its triple count."""
    triples = [
        ox.Triple(q.subject, q.predicate, q.object)
        for q in store.quads_for_pattern(None, None, None, ox.NamedNode(graph))
    ]
    data = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)
    assert data is not None
    return data, len(triples)


def remote_counts(target: Target, http: HttpClient) -> dict[str, int]:
    """Triples per atkg graph on the server, read through its query endpoint."""
    body = urllib.parse.urlencode({"query": _COUNTS}).encode()
    resp = http.request(
        "POST",
        target.endpoint,
        body,
        {
            "Content-Type": "application/x-www-form-urlencoded",
            "Accept": "application/sparql-results+json",
        },
    )
    data = json.loads(resp.body)
    return {b["g"]["value"]: int(b["n"]["value"]) for b in data["results"]["bindings"]}


def publish(
    store: ox.Store,
    target: Target,
    *,
    prune: bool = False,
    http: HttpClient | None = None,
    graphs: Iterable[str] | None = None,
) -> PublishReport:
    """Replace each named graph of the build on the server and verify the counts."""
    client = http or HttpClient(auth=target.auth)
    started = time.perf_counter()
    report = PublishReport(target)
    names = list(graphs) if graphs is not None else build_graphs(store)
    before = remote_counts(target, client)
    if target.graph_store:
        gsp = GraphStore(target.graph_store, client)
    else:
        update = SparqlUpdate(target.update or target.endpoint, client)
    for name in names:
        t0 = time.perf_counter()
        data, count = graph_ntriples(store, name)
        if target.graph_store:
            gsp.put(name, data)
        else:
            update.put(name, data)
        entry = GraphReport(name, count, before.get(name, 0), seconds=time.perf_counter() - t0)
        report.graphs.append(entry)
        log.info("%s %s: %d triples", entry.action, name, count)
    report.stale = sorted(set(before) - set(names))
    for name in report.stale if prune else ():
        if target.graph_store:
            gsp.delete(name)
        else:
            update.delete(name)
        report.pruned.append(name)
    after = remote_counts(target, client)
    for entry in report.graphs:
        entry.after = after.get(entry.graph, 0)
    report.seconds = time.perf_counter() - started
    report.requests = client.attempts
    return report


_FORMS = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")


def query_form(text: str) -> str:
    """SELECT, ASK, CONSTRUCT or DESCRIBE: the first keyword after comments and the prologue.

    >>> query_form("PREFIX a: <x:>\\n# describe the load\\nSELECT * { ?s ?p ?o }")
    'SELECT'
    """
    for line in text.splitlines():
        words = line.strip().split(None, 1)
        if not words or words[0].startswith("#") or words[0].upper() in ("PREFIX", "BASE"):
            continue
        word = words[0].upper()
        for form in _FORMS:
            if word.startswith(form):
                return form
        break
    return "SELECT"


class DatasetStore(RemoteStore):
    """A remote store whose queries see exactly the given graphs, whatever else the server holds.

    Each query carries the SPARQL Protocol's `default-graph-uri` and `named-graph-uri`
    parameters listing the build's graphs, so the default graph is their merge (as on the
    embedded store) and `GRAPH ?g` ranges over them only. This is what makes answers equal
    on Virtuoso, whose default graph otherwise also holds its own system graphs, and on an
    Oxigraph server whether or not it runs with `--union-default-graph`.
    """

    def __init__(self, endpoint: str, graphs: Iterable[str], **kwargs: object) -> None:
        super().__init__(endpoint, **kwargs)  # type: ignore[arg-type]
        self.graphs = tuple(graphs)

    def _wrapper(self, text: str, accept: str) -> object:
        wrapper = super()._wrapper(text, accept)
        # SPARQLWrapper guesses the form with a regex that a word like "add" or "load" in a
        # comment fools (it then sends `update=`); the first keyword after the prologue decides.
        wrapper.queryType = query_form(text)  # type: ignore[attr-defined]
        for graph in self.graphs:
            wrapper.addDefaultGraph(graph)  # type: ignore[attr-defined]
            wrapper.addNamedGraph(graph)  # type: ignore[attr-defined]
        return wrapper


def format_report(report: PublishReport) -> list[str]:
    """Lines for the terminal: one per graph, then the totals."""
    lines = []
    for g in report.graphs:
        name = g.graph.removeprefix(GRAPH_NS)
        mark = "ok" if g.verified else f"MISMATCH: server holds {g.after}"
        lines.append(f"{g.action:8} {name:28} {g.before:>8,} → {g.local:>8,}  {mark}")
    for name in report.stale:
        verb = "dropped" if name in report.pruned else "stale (not in the build; --prune drops)"
        lines.append(f"{verb} {name.removeprefix(GRAPH_NS)}")
    lines.append(
        f"{len(report.graphs)} graphs, {report.triples:,} triples by {report.target.method} "
        f"in {report.seconds:.2f}s ({report.requests} requests)"
    )
    return lines
