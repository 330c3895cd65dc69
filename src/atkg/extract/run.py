"""What `atkg extract` and `atkg ingest` do, kept out of commands.py.

Each file is read on its own: one that cannot be read (binary, empty, not UTF-8,
malformed XML, too large) is reported with the reason and the others still go through;
the command then exits 1.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from atkg.errors import InputError, Problem
from atkg.extract import extract_file
from atkg.extract.model import Extraction
from atkg.extract.resolve import Resolver, read_rows
from atkg.extract.to_rdf import Context
from atkg.paths import ProjectPaths


@dataclass
class Batch:
    extractions: list[Extraction] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def resolver_for(paths: ProjectPaths) -> Resolver:
    """Curated tables plus the documents already ingested (data/ingested/*.tsv)."""
    from atkg.extract.ingest import DIRECTORY, parse_table

    resolver = Resolver.from_curated(paths.curated)
    for table in sorted((paths.root / DIRECTORY).glob("*.tsv")):
        try:
            meta, _ = parse_table(table.read_text(encoding="utf-8"))
        except (ValueError, UnicodeDecodeError):
            continue
        resolver.documents.setdefault(meta.key, meta.type)
    return resolver


def extract_all(files: Sequence[Path], resolver: Resolver) -> Batch:
    batch = Batch()
    for path in files:
        try:
            batch.extractions.append(extract_file(path, str(path), resolver))
        except InputError as exc:
            batch.problems.extend(exc.problems)
    return batch


def to_json(batch: Batch) -> str:
    return json.dumps([ex.to_json() for ex in batch.extractions], ensure_ascii=False, indent=2)


def to_turtle(batch: Batch, paths: ProjectPaths) -> str:
    """The graphs `atkg ingest` would add, as TriG (one named graph per document)."""
    from atkg.build import to_store
    from atkg.export import serialise
    from atkg.extract.ingest import graph_of

    ctx = context_for(paths)
    graphs = {f"ingested/{ex.document.key}": graph_of(ex, ctx) for ex in batch.extractions}
    return serialise(to_store(graphs), "trig").decode("utf-8")


def context_for(paths: ProjectPaths) -> Context:
    """What the curated tables describe (no build needed), as the build's loader sees it.

    Documents ingested before are not counted: their graphs are rebuilt from their
    tables, so the graph of a document ingested again describes it again.
    """
    ctx = Context(documents={row["id"] for row in read_rows(paths.curated / "documents.tsv")})
    for table, kind in (("instruments", "instrument"), ("bodies", "body"), ("mandates", "mandate")):
        ctx.entities[kind] = {row["id"] for row in read_rows(paths.curated / f"{table}.tsv")}
    ctx.concepts = {
        f"{row['scheme']}/{row['key']}"
        for row in read_rows(paths.vocabularies / "concepts.tsv")
        if row.get("scheme") and row.get("key")
    }
    return ctx


def ingest_all(batch: Batch, paths: ProjectPaths) -> list[Path]:
    from atkg.extract.ingest import write_ingested

    return [write_ingested(ex, paths.root) for ex in batch.extractions]
