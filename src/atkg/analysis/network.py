"""Network analytics over query results: which documents anchor the regime, who overlaps.

Graphs are built from the edge lists of two report queries (citation-network and
mechanism-membership), never from rdflib or pyoxigraph directly, so they come out the same
from the embedded store and from a remote endpoint. Nodes are keyed by IRI strings and
carry only string or number attributes, which GEXF and GraphML (and Gephi) need.
Scores are rounded to six decimals so that answers stay comparable across platforms.
"""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Literal

import networkx as nx

from atkg.analysis.tables import Table, library_tables
from atkg.errors import UsageError
from atkg.store import Store

CITATIONS = "reports/citation-network"
MEMBERSHIP = "reports/mechanism-membership"
DIGITS = 6


def _kind(iri: str) -> str:
    """The kind of an atkg instance from its IRI template (`/id/body/...` is a body)."""
    if "/id/" not in iri:
        return "other"
    return iri.split("/id/", 1)[1].split("/", 1)[0]


def _label(label: object, iri: str) -> str:
    return str(label) if label else iri.rsplit("/id/", 1)[-1]


# -- building graphs ---------------------------------------------------------------------


def citation_graph(store: Store, root: Path | None = None) -> nx.DiGraph:
    """Documents and what they cite, as a directed graph weighted by citation counts."""
    (table,) = library_tables(store, [CITATIONS], root)
    graph = nx.DiGraph(name="atkg citation network")
    for row in sorted(table.records(), key=lambda r: (str(r["source"]), str(r["target"]))):
        source, target = str(row["source"]), str(row["target"])
        for node, label in ((source, row["sourceLabel"]), (target, row["targetLabel"])):
            if node not in graph:
                graph.add_node(node, label=_label(label, node), kind=_kind(node))
        graph.add_edge(source, target, weight=int(row["citations"] or 1))  # type: ignore[arg-type]
    return graph


def membership_graph(store: Store, root: Path | None = None) -> nx.Graph:
    """The bipartite graph of bodies (bipartite=0) and the mechanisms they take part in (=1)."""
    (table,) = library_tables(store, [MEMBERSHIP], root)
    graph = nx.Graph(name="atkg body-mechanism membership")
    rows = sorted(table.records(), key=lambda r: (str(r["body"]), str(r["mechanism"])))
    for row in rows:
        body, mechanism = str(row["body"]), str(row["mechanism"])
        graph.add_node(body, label=_label(row["bodyLabel"], body), kind="body", bipartite=0)
        graph.add_node(
            mechanism, label=_label(row["mechanismLabel"], mechanism), kind="mechanism", bipartite=1
        )
        graph.add_edge(body, mechanism, relations=str(row["relations"]))
    both = sorted(
        n
        for n in graph
        if any(graph.nodes[m]["bipartite"] == graph.nodes[n]["bipartite"] for m in graph[n])
    )
    if both:  # the query keeps the sides apart; a failure here means it was changed
        raise ValueError(f"membership graph is not bipartite at {both[:5]}")
    return graph


# -- metrics -----------------------------------------------------------------------------


def pagerank(
    graph: nx.DiGraph, alpha: float = 0.85, tol: float = 1e-12, max_iter: int = 1000
) -> dict[str, float]:
    """Weighted PageRank by power iteration, in pure Python.

    networkx's `pagerank` needs scipy, which atkg does not otherwise depend on; this is
    the same algorithm (dangling nodes spread their rank evenly) on graphs of a few
    thousand nodes at most.

    >>> g = nx.DiGraph([("a", "c"), ("b", "c")])
    >>> {k: round(v, 3) for k, v in sorted(pagerank(g).items())}
    {'a': 0.213, 'b': 0.213, 'c': 0.574}
    """
    nodes = sorted(graph.nodes)
    if not nodes:
        return {}
    n = len(nodes)
    out_weight = {
        u: sum(d.get("weight", 1) for _, _, d in graph.out_edges(u, data=True)) for u in nodes
    }
    rank = dict.fromkeys(nodes, 1.0 / n)
    for _ in range(max_iter):
        dangling = alpha * sum(rank[u] for u in nodes if not out_weight[u]) / n
        new = dict.fromkeys(nodes, (1.0 - alpha) / n + dangling)
        for u, v, data in graph.edges(data=True):
            new[v] += alpha * rank[u] * data.get("weight", 1) / out_weight[u]
        if sum(abs(new[u] - rank[u]) for u in nodes) < n * tol:
            return new
        rank = new
    return rank


def citation_centrality(graph: nx.DiGraph) -> Table:
    """In-degree, weighted PageRank and betweenness of every node cited at least once.

    In-degree counts the documents citing a node; PageRank lets a citation from a
    much-cited document weigh more; betweenness finds the nodes that chains of citation
    pass through. Sorted by in-degree, then PageRank, then IRI: on a network whose citing
    documents are few, PageRank alone lifts whatever a short citation list names.
    """
    ranks = pagerank(graph)
    betweenness = nx.betweenness_centrality(graph) if graph.number_of_nodes() else {}
    rows = []
    for node in graph.nodes:
        indegree = graph.in_degree(node)
        if not indegree:
            continue
        rows.append(
            (
                node,
                graph.nodes[node]["label"],
                graph.nodes[node]["kind"],
                indegree,
                round(ranks[node], DIGITS),
                round(betweenness[node], DIGITS),
            )
        )
    rows.sort(key=lambda r: (-r[3], -r[4], r[0]))
    return Table(
        "network/citation-centrality",
        "Which documents, instruments, bodies and mandates anchor the regime",
        ("node", "label", "kind", "inDegree", "pagerank", "betweenness"),
        tuple(rows),
    )


def _side(graph: nx.Graph, side: str) -> list[str]:
    wanted = 0 if side == "body" else 1
    return sorted(n for n, d in graph.nodes(data=True) if d.get("bipartite") == wanted)


def projection(graph: nx.Graph, side: Literal["body", "mechanism"]) -> nx.Graph:
    """One side of the membership graph, its pairs joined with Jaccard-weighted edges."""
    if side not in ("body", "mechanism"):
        raise UsageError(f"side must be body or mechanism, not {side!r}")
    nodes = _side(graph, side)
    projected = nx.bipartite.overlap_weighted_projected_graph(graph, nodes, jaccard=True)
    for node in nodes:
        projected.nodes[node].update(graph.nodes[node])
    return projected


def projection_overlap(
    graph: nx.Graph, side: Literal["body", "mechanism"], min_shared: int | None = None
) -> Table:
    """Pairs of mechanisms sharing bodies (or of bodies sharing mechanisms), by Jaccard score.

    The score is the number of shared neighbours over the number of neighbours of either:
    1.0 means two mechanisms gather exactly the same bodies. Bodies must share at least
    two mechanisms by default: two partners of one initiative and nothing else score 1.0
    without overlapping in any useful sense.
    """
    if min_shared is None:
        min_shared = 2 if side == "body" else 1
    projected = projection(graph, side)
    rows = []
    for a, b in itertools.combinations(sorted(projected.nodes), 2):
        if not projected.has_edge(a, b):
            continue
        shared = sorted(set(graph[a]) & set(graph[b]))
        if len(shared) < min_shared:
            continue
        rows.append(
            (
                a,
                b,
                len(shared),
                round(projected[a][b]["weight"], DIGITS),
                " | ".join(s.rsplit("/", 1)[-1] for s in shared),
            )
        )
    rows.sort(key=lambda r: (-r[3], -r[2], r[0], r[1]))
    noun = "mechanisms sharing bodies" if side == "mechanism" else "bodies sharing mechanisms"
    return Table(
        f"network/{side}-overlap",
        f"Pairs of {noun}, by Jaccard overlap",
        (side, "other", "shared", "jaccard", "sharedNames"),
        tuple(rows),
    )


def communities(graph: nx.Graph) -> Table:
    """Communities of the membership graph by greedy modularity, largest first.

    Greedy modularity is deterministic for a given node order, which is why nodes are
    added in sorted order; Louvain would need a seed and still vary across versions.
    """
    ordered = nx.Graph()
    ordered.add_nodes_from(sorted(graph.nodes(data=True)))
    ordered.add_edges_from(sorted(graph.edges))
    found = (
        nx.community.greedy_modularity_communities(ordered)
        if ordered.number_of_edges()
        else [{n} for n in ordered.nodes]
    )
    groups = sorted((sorted(c) for c in found), key=lambda c: (-len(c), c[0]))
    rows = [
        (i + 1, node, graph.nodes[node]["label"], graph.nodes[node]["kind"])
        for i, members in enumerate(groups)
        for node in members
    ]
    return Table(
        "network/communities",
        "Communities of bodies and mechanisms in the membership graph",
        ("community", "node", "label", "kind"),
        tuple(rows),
    )


def network(store: Store, root: Path | None = None) -> list[Table]:
    """The citation ranking, mechanism and body overlaps, and membership communities."""
    membership = membership_graph(store, root)
    return [
        citation_centrality(citation_graph(store, root)),
        projection_overlap(membership, "mechanism"),
        projection_overlap(membership, "body"),
        communities(membership),
    ]


# -- export ------------------------------------------------------------------------------


def _exportable(graph: nx.Graph) -> nx.Graph:
    """A copy whose attributes are strings or numbers (GEXF and GraphML take nothing else)."""
    out = graph.__class__()
    out.graph.update({k: str(v) for k, v in graph.graph.items()})
    for node, data in sorted(graph.nodes(data=True)):
        out.add_node(
            str(node),
            **{
                k: v if isinstance(v, int | float) else str(v)
                for k, v in data.items()
                if v is not None
            },
        )
    for a, b, data in sorted(graph.edges(data=True)):
        out.add_edge(
            str(a),
            str(b),
            **{
                k: v if isinstance(v, int | float) else str(v)
                for k, v in data.items()
                if v is not None
            },
        )
    return out


def export_graph(graph: nx.Graph, path: Path) -> Path:
    """Write a graph for Gephi as GEXF (`.gexf`) or GraphML (`.graphml`), by suffix."""
    clean = _exportable(graph)
    if path.suffix == ".gexf":
        nx.write_gexf(clean, path)
    elif path.suffix == ".graphml":
        nx.write_graphml(clean, path)
    else:
        raise UsageError(f"export to .gexf or .graphml, not {path.name!r}")
    return path
