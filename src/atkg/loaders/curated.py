"""Curated tables to RDF: the registry of tables, and the two-pass load over them.

The column lists here are the tables' schema (data/curated/README.md documents them);
`read_table` rejects a column not listed. Each table loads into its own named graph
`graph/curated/<table>`, so an answer can say which file a fact came from. The row
mappers live in `curated_entities` (entities) and `curated_facts` (reified facts).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from atkg.errors import InputError, Problem
from atkg.loaders.context import LoadContext, Triples
from atkg.loaders.curated_entities import (
    BODY_TYPES,
    DOCUMENT_TYPES,
    EVENT_TYPES,
    INSTRUMENT_TYPES,
    MANDATE_TYPES,
    map_body,
    map_document,
    map_event,
    map_instrument,
    map_mandate,
    map_person,
    map_seed,
)
from atkg.loaders.curated_facts import (
    PARAGRAPH_KINDS,
    RELATION_TYPES,
    map_citation,
    map_coverage,
    map_objective,
    map_paragraph,
    map_relation,
    map_statistic,
)
from atkg.loaders.labels import index_names, map_label
from atkg.tables import Row, Table, read_table

__all__ = [
    "BODY_TYPES",
    "DOCUMENT_TYPES",
    "EVENT_TYPES",
    "INSTRUMENT_TYPES",
    "MANDATE_TYPES",
    "PARAGRAPH_KINDS",
    "RELATION_TYPES",
    "TABLES",
    "TableSpec",
    "index_keys",
    "map_tables",
    "read_curated",
]


PROVENANCE = ("source", "locator", "note")


@dataclass(frozen=True)
class TableSpec:
    """Schema of one curated table: its columns, identity and how a row becomes RDF."""

    name: str
    columns: tuple[str, ...]
    key: tuple[str, ...]
    kind: str | None  # the kind of entity the table's key names, if any
    mapper: Callable[[LoadContext, Table, Row, Triples], None]
    required: tuple[str, ...] = ()

    def key_of(self, row: Row) -> str:
        if self.kind == "paragraph":
            return f"{row.get('document')}#{row.get('kind')}/{row.get('number')}"
        return "\t".join(row.get(c) for c in self.key)


TABLES: tuple[TableSpec, ...] = (
    TableSpec(
        "documents",
        (
            "id",
            "type",
            "symbol",
            "title_en",
            "title_zh",
            "date",
            "issued_by",
            "submitted_by",
            "session",
            "agenda_item",
            *PROVENANCE,
        ),
        ("id",),
        "document",
        map_document,
        ("id", "type", "source", "locator"),
    ),
    TableSpec(
        "seeds",
        ("file", "document", "language", "note"),
        ("file",),
        None,
        map_seed,
        ("file", "document"),
    ),
    TableSpec(
        "instruments",
        (
            "id",
            "type",
            "name_en",
            "name_zh",
            "short_name_en",
            "short_name_zh",
            "scope",
            "region",
            "adopted_by",
            "adopted_on",
            "entry_into_force",
            "supplements",
            "optional_protocol_to",
            "unts_volume",
            "unts_number",
            "untc_id",
            "ilo_code",
            *PROVENANCE,
        ),
        ("id",),
        "instrument",
        map_instrument,
        ("id", "type", "source", "locator"),
    ),
    TableSpec(
        "bodies",
        (
            "id",
            "type",
            "name_en",
            "name_zh",
            "acronym_en",
            "acronym_zh",
            "parent",
            "state",
            *PROVENANCE,
        ),
        ("id",),
        "body",
        map_body,
        ("id", "type", "source", "locator"),
    ),
    TableSpec(
        "mandates",
        (
            "id",
            "type",
            "name_en",
            "name_zh",
            "post_in",
            "established_by",
            "established_on",
            *PROVENANCE,
        ),
        ("id",),
        "mandate",
        map_mandate,
        ("id", "type", "source", "locator"),
    ),
    TableSpec(
        "events",
        (
            "id",
            "type",
            "name_en",
            "name_zh",
            "date",
            "end_date",
            "place",
            "organized_by",
            *PROVENANCE,
        ),
        ("id",),
        "event",
        map_event,
        ("id", "type", "source", "locator"),
    ),
    TableSpec(
        "persons",
        ("id", "name_en", "name_zh", *PROVENANCE),
        ("id",),
        "person",
        map_person,
        ("id", "source", "locator"),
    ),
    TableSpec(
        "relations",
        ("type", "agent", "organization", "role", "start", "end", "as_of", *PROVENANCE),
        ("type", "agent", "organization", "role"),
        None,
        map_relation,
        ("type", "agent", "organization", "source", "locator"),
    ),
    TableSpec(
        "citations",
        ("source", "locator", "cited", "verb", "footnote", "note"),
        ("source", "locator", "cited"),
        None,
        map_citation,
        ("source", "locator", "cited"),
    ),
    TableSpec(
        "paragraphs",
        (
            "document",
            "number",
            "kind",
            "section",
            "topic_en",
            "topic_zh",
            "names",
            "addresses",
            *PROVENANCE,
        ),
        ("document", "kind", "number"),
        "paragraph",
        map_paragraph,
        ("document", "number", "kind", "source", "locator"),
    ),
    TableSpec(
        "coverage",
        ("entity", "concept", *PROVENANCE),
        ("entity", "concept"),
        None,
        map_coverage,
        ("entity", "concept", "source", "locator"),
    ),
    TableSpec(
        "objectives",
        ("instrument", "number", "topic_en", "topic_zh", *PROVENANCE),
        ("instrument", "number"),
        None,
        map_objective,
        ("instrument", "number", "source", "locator"),
    ),
    TableSpec(
        "statistics",
        (
            "id",
            "about",
            "measure_en",
            "measure_zh",
            "value",
            "unit",
            "base",
            "date",
            *PROVENANCE,
        ),
        ("id",),
        "statistic",
        map_statistic,
        ("id", "about", "measure_en", "value", "source", "locator"),
    ),
    # descriptions for entities without a name in a language; mapped after every
    # entity table, whose names index_names has recorded (atkg.loaders.labels)
    TableSpec(
        "labels",
        ("entity", "label_en", "label_zh", *PROVENANCE),
        ("entity",),
        None,
        map_label,
        ("entity", "label_en", "label_zh", "source", "locator"),
    ),
)


def read_curated(directory: Path, display: Callable[[Path], str]) -> dict[str, Table]:
    """Read every table present in the directory; absent tables are simply empty."""
    tables: dict[str, Table] = {}
    problems = []
    known = {spec.name for spec in TABLES}
    for path in sorted(directory.glob("*.tsv")):
        if path.stem not in known:
            problems.append(Problem(display(path), None, f"unknown table {path.stem!r}"))
    for spec in TABLES:
        path = directory / f"{spec.name}.tsv"
        if not path.exists():
            continue
        try:
            tables[spec.name] = read_table(path, spec.columns, spec.required, display(path))
        except InputError as exc:
            problems.extend(exc.problems)
    if problems:
        raise InputError(problems)
    return tables


def index_keys(ctx: LoadContext, tables: dict[str, Table]) -> None:
    """First pass: register every key, so that references resolve in any order."""
    for spec in TABLES:
        table = tables.get(spec.name)
        if table is None:
            continue
        seen: set[str] = set()
        for row in table.rows:
            key = spec.key_of(row)
            if spec.kind is not None:
                ctx.register(table, row, spec.kind, key, spec.key[0])
            elif key in seen:
                ctx.problems.append(table.problem(row, f"duplicate row for key {key!r}"))
            seen.add(key)
    index_names(ctx, tables)


def map_tables(ctx: LoadContext, tables: dict[str, Table]) -> dict[str, Triples]:
    """Second pass: one graph per table."""
    graphs: dict[str, Triples] = {}
    for spec in TABLES:
        table = tables.get(spec.name)
        if table is None:
            continue
        graph = Triples()
        for row in table.rows:
            spec.mapper(ctx, table, row, graph)
        graphs[f"curated/{spec.name}"] = graph
    return graphs
