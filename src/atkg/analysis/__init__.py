"""Gap, overlap and network analyses of the regime, run through one `atkg.store.Store`.

Every analysis reads the graph only through a store (embedded pyoxigraph or a remote
SPARQL endpoint), so the same code gives the same answers on both. Results are plain
`Table`s (no pandas needed, which keeps the CLI light); `atkg.analysis.frames` turns them
into pandas DataFrames for notebooks.
"""

from __future__ import annotations

from atkg.analysis.tables import Table, library_tables, run_query

__all__ = ["Table", "library_tables", "run_query"]
