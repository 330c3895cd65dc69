"""`atkg publish` against real servers: every graph replaced, counts verified, stale graphs.

Oxigraph always; Virtuoso when installed (marker `virtuoso`), which adds digest-only
writes, its own Graph Store URL and a default graph holding system triples.
"""

from __future__ import annotations

import pytest

from atkg.build import BuildResult
from atkg.namespaces import GRAPH
from atkg.publish.gsp import Auth, GraphStore, HttpClient, PublishError
from atkg.publish.publish import Target, publish, remote_counts

pytestmark = pytest.mark.slow


def _expected(built: BuildResult) -> dict[str, int]:
    return {str(GRAPH) + name: n for name, n in built.graphs.items()}


def test_publish_loads_every_graph(on_oxigraph, built: BuildResult) -> None:  # type: ignore[no-untyped-def]
    report = on_oxigraph.report
    assert report.ok, [g for g in report.graphs if not g.verified]
    assert {g.graph: g.after for g in report.graphs} == _expected(built)
    assert all(g.action == "created" for g in report.graphs)
    assert report.triples == built.triples


def test_publish_again_replaces_and_reports_stale_graphs(on_oxigraph, built: BuildResult) -> None:
    target = on_oxigraph.server.target
    stale = str(GRAPH) + "curated/retired-table"
    GraphStore(target.graph_store, HttpClient()).put(stale, b'<https://e/s> <https://e/p> "1" .\n')  # type: ignore[arg-type]
    report = publish(built.store, target, prune=True)
    assert report.ok
    assert all(g.action == "replaced" and g.before == g.local for g in report.graphs)
    assert report.stale == [stale] and report.pruned == [stale]
    assert remote_counts(target, HttpClient()) == _expected(built)


def test_publish_by_sparql_update(built: BuildResult, fresh_oxigraph) -> None:  # type: ignore[no-untyped-def]
    """Servers without a graph store get DROP + INSERT DATA; the result is the same."""
    target = Target(fresh_oxigraph.target.endpoint, None, fresh_oxigraph.target.update)
    report = publish(built.store, target)
    assert report.ok and report.target.method == "update"
    assert remote_counts(target, HttpClient()) == _expected(built)


@pytest.mark.virtuoso
def test_publish_to_virtuoso_with_digest(on_virtuoso, built: BuildResult) -> None:
    report = on_virtuoso.report
    assert report.ok, [(g.graph, g.local, g.after) for g in report.graphs if not g.verified]
    assert {g.graph: g.after for g in report.graphs} == _expected(built)


@pytest.mark.virtuoso
def test_virtuoso_refuses_basic_auth(virtuoso, built: BuildResult) -> None:
    target = virtuoso.target
    basic = Target(target.endpoint, target.graph_store, None, Auth("dba", "dba", "basic"))
    with pytest.raises(PublishError) as info:
        publish(built.store, basic, http=HttpClient(auth=basic.auth, retries=0))
    assert info.value.status == 401


@pytest.mark.virtuoso
def test_virtuoso_by_sparql_update(on_virtuoso, built: BuildResult) -> None:
    """The Update path on Virtuoso: no blank nodes in INSERT DATA, a parser that tires."""
    target = on_virtuoso.server.target
    update = Target(target.endpoint, None, target.update, target.auth)
    graphs = [str(GRAPH) + "ontology", str(GRAPH) + "curated/bodies"]  # blank nodes; 1,447
    report = publish(built.store, update, graphs=graphs)
    assert report.ok, [(g.graph, g.local, g.after) for g in report.graphs]
