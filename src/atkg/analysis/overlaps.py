"""Overlap analyses: where mandates, mechanisms, instruments and requests duplicate.

The SPARQL overlaps are the queries of queries/analysis/ tagged `overlap`; to them this
module adds the overlap scores of the body-mechanism membership graph, computed with
networkx from a query result (see `atkg.analysis.network`).
"""

from __future__ import annotations

from pathlib import Path

from atkg.analysis import network
from atkg.analysis.tables import Table, run_query, runs_on_defaults, tagged_queries
from atkg.store import Store

TAG = "overlap"


def overlaps(store: Store, root: Path | None = None) -> list[Table]:
    """Every overlap query on its defaults, then the mechanism and body overlap scores."""
    tables = [run_query(store, q) for q in tagged_queries(TAG, root) if runs_on_defaults(q)]
    membership = network.membership_graph(store, root)
    tables.append(network.projection_overlap(membership, side="mechanism"))
    tables.append(network.projection_overlap(membership, side="body"))
    return tables
