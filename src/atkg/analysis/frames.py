"""pandas DataFrames of every analysis, for notebooks.

pandas is an optional dependency (the `analysis` extra): the CLI and the tables do not
need it, and a 60 MB library should not be required to build or query the graph. It is
imported only when a frame is asked for.

    >>> from atkg.analysis import frames                      # doctest: +SKIP
    >>> store = frames.open_store()                           # doctest: +SKIP
    >>> frames.gaps(store)["analysis/mandate-overlaps"]       # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

from atkg.analysis import gaps as _gaps
from atkg.analysis import network as _network
from atkg.analysis import overlaps as _overlaps
from atkg.analysis.tables import Table, library_tables
from atkg.errors import UsageError
from atkg.store import EmbeddedStore, RemoteStore, Store

if TYPE_CHECKING:
    import pandas as pd


def require_pandas() -> ModuleType:
    try:
        import pandas
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise UsageError("DataFrames need pandas: pip install 'atkg[analysis]'") from exc
    return pandas


def open_store(build_dir: Path | None = None, endpoint: str | None = None) -> Store:
    """The last build's embedded store, or a remote endpoint when one is given."""
    if endpoint:
        return RemoteStore(endpoint)
    from atkg.build import open_built_store
    from atkg.paths import ProjectPaths

    return EmbeddedStore(open_built_store(ProjectPaths.default(), build_dir))


def _frames(tables: list[Table]) -> dict[str, pd.DataFrame]:
    return {t.name: t.to_frame() for t in tables}


def query(store: Store, name: str, root: Path | None = None, **params: str) -> pd.DataFrame:
    """One library query (`analysis/mandate-overlaps`) as a DataFrame."""
    (table,) = library_tables(store, [name], root, {name: params})
    return table.to_frame()


def gaps(
    store: Store, root: Path | None = None, params: Mapping[str, Mapping[str, str]] | None = None
) -> dict[str, pd.DataFrame]:
    """Every gap analysis, keyed by query name."""
    return _frames(_gaps.gaps(store, root, params))


def overlaps(store: Store, root: Path | None = None) -> dict[str, pd.DataFrame]:
    """Every overlap analysis, with the membership overlap scores."""
    return _frames(_overlaps.overlaps(store, root))


def network(store: Store, root: Path | None = None) -> dict[str, pd.DataFrame]:
    """Citation centrality, membership overlaps and communities."""
    return _frames(_network.network(store, root))
