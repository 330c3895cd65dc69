"""The result shape of every analysis: a named table of plain Python values.

SPARQL answers arrive as rdflib terms; analyses hand on plain values (IRIs as strings,
numbers as numbers) so that CSV, JSON, networkx and pandas all see the same thing, and so
that an embedded store and a remote endpoint, whose literals may differ in datatype
details, still give equal tables.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rdflib import Literal
from rdflib.term import Node

from atkg.paths import ProjectPaths
from atkg.sparql import QueryFile, query_library, resolve_query
from atkg.store import Store

if TYPE_CHECKING:
    import pandas as pd

Value = str | int | float | bool | None


@dataclass(frozen=True)
class Table:
    """Rows of plain values under named columns, with the name and summary of their origin."""

    name: str
    summary: str
    columns: tuple[str, ...]
    rows: tuple[tuple[Value, ...], ...]

    def __len__(self) -> int:
        return len(self.rows)

    def records(self) -> list[dict[str, Value]]:
        return [dict(zip(self.columns, row, strict=True)) for row in self.rows]

    def column(self, name: str) -> list[Value]:
        i = self.columns.index(name)
        return [row[i] for row in self.rows]

    def to_csv(self) -> str:
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(self.columns)
        for row in self.rows:
            writer.writerow(["" if v is None else v for v in row])
        return out.getvalue()

    def to_frame(self) -> pd.DataFrame:
        """The table as a pandas DataFrame (needs the `analysis` extra)."""
        from atkg.analysis.frames import require_pandas

        pandas = require_pandas()
        return pandas.DataFrame(list(self.rows), columns=list(self.columns))


def term_value(term: Node | None) -> Value:
    """An RDF term as a plain value: IRIs and strings as text, numbers and booleans as such.

    >>> from rdflib import URIRef
    >>> term_value(Literal(3)), term_value(URIRef("https://w3id.org/atkg/id/body/icat"))
    (3, 'https://w3id.org/atkg/id/body/icat')
    >>> term_value(Literal("0.25", datatype=URIRef("http://www.w3.org/2001/XMLSchema#decimal")))
    0.25
    """
    if term is None:
        return None
    if isinstance(term, Literal):
        value = term.toPython()
        if isinstance(value, bool | int | float):
            return value
        if isinstance(value, Decimal):
            return float(value)
        return str(term)
    return str(term)


def without_comment_lines(text: str) -> str:
    r"""The query text less its whole-line comments (the `#+` header and notes).

    SPARQLWrapper guesses the query form by searching the text for the first keyword,
    comments included, and only strips every other comment line: a header saying
    "addresses" or "describe" made it send a SELECT as an update or a DESCRIBE. Sending
    the query without its comments gives every endpoint the same text.

    >>> without_comment_lines("#+ summary: describe\n  # note\nSELECT * { ?s ?p ?o }")
    'SELECT * { ?s ?p ?o }'
    """
    return "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))


def run_query(store: Store, query: QueryFile, params: Mapping[str, str] | None = None) -> Table:
    """Run one library query with its parameters (defaults filled in) as a Table."""
    sendable = replace(query, text=without_comment_lines(query.text))
    results = store.select(sendable, query.bind(params or {}))
    rows = tuple(tuple(term_value(t) for t in row) for row in results.rows)
    return Table(query.name, query.summary, results.variables, rows)


def queries_root(root: Path | None = None) -> Path:
    return root if root is not None else ProjectPaths.default().queries


def tagged_queries(tag: str, root: Path | None = None) -> list[QueryFile]:
    """The analysis queries carrying a tag, by name: new queries join an analysis by tagging."""
    library = query_library(queries_root(root))
    found = []
    for _, query in sorted(library.items()):
        tags = query.header.get("tags", [])
        if query.kind == "analysis" and isinstance(tags, list) and tag in tags:
            found.append(query)
    return found


def runs_on_defaults(query: QueryFile) -> bool:
    """Whether every parameter of a query has a default in its header."""
    defaults = query.header.get("defaults")
    if not query.parameters:
        return True
    return isinstance(defaults, dict) and all(p.short in defaults for p in query.parameters)


def library_tables(
    store: Store,
    names: Iterable[str],
    root: Path | None = None,
    params: Mapping[str, Mapping[str, str]] | None = None,
) -> list[Table]:
    """Run named library queries (`analysis/x`) in order; params are keyed by query name."""
    base = queries_root(root)
    return [run_query(store, resolve_query(base, name), (params or {}).get(name)) for name in names]


def dumps_json(tables: Sequence[Table]) -> str:
    """Tables as one JSON object keyed by name, each with its summary and row records."""
    data: dict[str, Any] = {
        t.name: {"summary": t.summary, "columns": list(t.columns), "rows": t.records()}
        for t in tables
    }
    return json.dumps(data, indent=2, ensure_ascii=False)


def dumps_csv(tables: Sequence[Table]) -> str:
    """Tables as CSV blocks, each headed by a `# name: summary` line."""
    return "\n".join(f"# {t.name}: {t.summary}\n{t.to_csv()}" for t in tables)
