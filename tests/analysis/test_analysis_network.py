"""Network analytics: centrality, projections, communities and Gephi export."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest

from atkg.analysis import network
from atkg.errors import UsageError
from atkg.store import EmbeddedStore

ID = "https://w3id.org/atkg/id/"


def test_pagerank_agrees_with_networkx() -> None:
    """Same numbers as networkx's own Python implementation (scipy is not installed)."""
    from networkx.algorithms.link_analysis import pagerank_alg

    graph = nx.gnp_random_graph(30, 0.1, directed=True, seed=7)
    for i, (u, v) in enumerate(sorted(graph.edges)):
        graph[u][v]["weight"] = 1 + i % 3
    ours = network.pagerank(graph)
    theirs = pagerank_alg._pagerank_python(graph, weight="weight", tol=1e-12, max_iter=1000)
    assert max(abs(ours[n] - theirs[n]) for n in graph) < 1e-9
    assert sum(ours.values()) == pytest.approx(1.0)


def test_citation_centrality(small_store: EmbeddedStore) -> None:
    graph = network.citation_graph(small_store)
    assert graph[f"{ID}document/d2"][f"{ID}instrument/a"]["weight"] == 2
    table = network.citation_centrality(graph)
    rows = {r["node"]: r for r in table.records()}
    assert table.rows[0][0] == f"{ID}instrument/a", "the most cited instrument leads"
    assert rows[f"{ID}instrument/a"]["inDegree"] == 2
    assert rows[f"{ID}instrument/a"]["label"] == "Instrument A"
    assert rows[f"{ID}document/d1"]["betweenness"] > 0, "d3's citations pass through d1"
    assert f"{ID}document/d3" not in rows, "nodes nobody cites are not ranked"
    degrees = table.column("inDegree")
    assert degrees == sorted(degrees, reverse=True)


def test_membership_projection_scores(small_store: EmbeddedStore) -> None:
    graph = network.membership_graph(small_store)
    assert nx.is_bipartite(graph)
    mechanisms = network.projection_overlap(graph, "mechanism").records()
    assert mechanisms == [
        {
            "mechanism": f"{ID}body/icat",
            "other": f"{ID}body/un-gift",
            "shared": 2,
            "jaccard": round(2 / 3, 6),
            "sharedNames": "b1 | b2",
        }
    ]
    bodies = network.projection_overlap(graph, "body").records()
    assert [(r["body"], r["other"], r["jaccard"]) for r in bodies] == [
        (f"{ID}body/b1", f"{ID}body/b2", 1.0)
    ], "b3 shares one mechanism only, under the default minimum of two"
    assert len(network.projection_overlap(graph, "body", min_shared=1)) == 3
    with pytest.raises(UsageError):
        network.projection(graph, "state")  # type: ignore[arg-type]


def test_communities_are_deterministic(small_store: EmbeddedStore) -> None:
    graph = network.membership_graph(small_store)
    first = network.communities(graph)
    shuffled = nx.Graph()
    shuffled.add_nodes_from(reversed(list(graph.nodes(data=True))))
    shuffled.add_edges_from(reversed(list(graph.edges(data=True))))
    assert network.communities(shuffled) == first
    assert sorted(first.column("node")) == sorted(graph.nodes)


@pytest.mark.parametrize("suffix", [".gexf", ".graphml"])
def test_export_for_gephi(small_store: EmbeddedStore, tmp_path: Path, suffix: str) -> None:
    graph = network.membership_graph(small_store)
    path = network.export_graph(graph, tmp_path / f"membership{suffix}")
    back = nx.read_gexf(path) if suffix == ".gexf" else nx.read_graphml(path)
    assert set(back.nodes) == set(graph.nodes), "nodes keep their IRIs, as strings"
    assert back.nodes[f"{ID}body/icat"]["label"] == "ICAT"
    assert back.number_of_edges() == graph.number_of_edges()
    cited = network.export_graph(network.citation_graph(small_store), tmp_path / f"c{suffix}")
    assert cited.stat().st_size > 0


def test_export_refuses_other_formats(small_store: EmbeddedStore, tmp_path: Path) -> None:
    with pytest.raises(UsageError):
        network.export_graph(network.membership_graph(small_store), tmp_path / "graph.json")


def test_network_on_the_built_graph(store: EmbeddedStore) -> None:
    tables = {t.name: t for t in network.network(store)}
    assert list(tables) == [
        "network/citation-centrality",
        "network/mechanism-overlap",
        "network/body-overlap",
        "network/communities",
    ]
    assert len(tables["network/citation-centrality"]) > 20
    pairs = {(r["mechanism"], r["other"]) for r in tables["network/mechanism-overlap"].records()}
    assert (f"{ID}body/icat", f"{ID}body/un-gift") in pairs, "ICAT and UN.GIFT share agencies"
