"""Gap analyses: what the regime leaves without norms, actors, parties or answers.

Each gap is a query of queries/analysis/ tagged `gap`; adding a file with that tag adds a
gap to `atkg analyse gaps`. Queries whose parameters lack defaults are left out here (they
need a caller to choose), and run through `gap()` instead.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from atkg.analysis.tables import Table, run_query, runs_on_defaults, tagged_queries
from atkg.errors import UsageError
from atkg.store import Store

TAG = "gap"


def gap_names(root: Path | None = None) -> list[str]:
    """The library names of the gap queries that can run on their defaults."""
    return [q.name for q in tagged_queries(TAG, root) if runs_on_defaults(q)]


def gaps(
    store: Store, root: Path | None = None, params: Mapping[str, Mapping[str, str]] | None = None
) -> list[Table]:
    """Every gap query on its defaults (or on `params[name]`), in name order."""
    chosen = params or {}
    return [
        run_query(store, q, chosen.get(q.name))
        for q in tagged_queries(TAG, root)
        if q.name in chosen or runs_on_defaults(q)
    ]


def gap(store: Store, name: str, root: Path | None = None, **params: str) -> Table:
    """One gap query by short name (`states-not-party`) or library name, with parameters.

    Parameters are given by their short names: `gap(store, "states-not-party",
    instrument="https://w3id.org/atkg/id/instrument/untoc", date="2010-01-01")`.
    """
    key = name if name.startswith("analysis/") else f"analysis/{name}"
    for query in tagged_queries(TAG, root):
        if query.name == key:
            return run_query(store, query, params)
    raise UsageError(f"no gap query {name!r} (known: {', '.join(gap_names(root))})")


def params_for(values: Mapping[str, str], root: Path | None = None) -> dict[str, dict[str, str]]:
    """Spread parameters given once (`date=2010-01-01`) to every gap query that takes them.

    A name no gap query takes is a usage error, so that a misspelt parameter is not ignored.
    """
    spread: dict[str, dict[str, str]] = {}
    used: set[str] = set()
    for query in tagged_queries(TAG, root):
        shorts = {p.short for p in query.parameters}
        chosen = {k: v for k, v in values.items() if k in shorts}
        if chosen:
            spread[query.name] = chosen
            used |= set(chosen)
    unknown = sorted(set(values) - used)
    if unknown:
        raise UsageError(f"no gap query takes {', '.join(unknown)}")
    return spread
