"""`atkg ingest`: extracted citations kept as data/ingested/<slug>.tsv, loaded by the build.

An ingested document is kept as a table, like curated data, not as RDF: a curator can
read and correct it line by line, diffs show one citation per line, and every fact in
the graph points back to its line (atkg:curationRecord data/ingested/<slug>.tsv:N), as
the provenance shapes require. `#` lines before the header describe the document and
name the extractor version; unresolved references are kept as rows with an empty target
and the reason in `note`, so they are never silently dropped. The build turns each file
into the named graph https://w3id.org/atkg/graph/ingested/<symbol-or-slug>.
"""

from __future__ import annotations

import logging
from pathlib import Path

from rdflib import Graph

from atkg.errors import Problem
from atkg.extract import EXTRACTOR_VERSION
from atkg.extract.model import Extraction
from atkg.extract.to_rdf import Context, DocumentMeta, Row, document_type, ingested_graph
from atkg.loaders.context import LoadContext

log = logging.getLogger(__name__)

COLUMNS = (
    "kind",
    "symbol",
    "target",
    "locator",
    "verb",
    "footnote",
    "confidence",
    "start",
    "end",
    "note",
)
META = (
    "document",
    "symbol",
    "title",
    "date",
    "body",
    "language",
    "type",
    "source_file",
    "extractor",
)
DIRECTORY = Path("data") / "ingested"


def file_slug(key: str) -> str:
    """File name stem for a document key: A/RES/74/176 -> A-RES-74-176."""
    return "".join(ch if ch.isalnum() or ch in "._-" else "-" for ch in key).strip("-")


def _cell(value: object) -> str:
    return " ".join(str(value if value is not None else "").split())


def to_table(ex: Extraction) -> str:
    """The TSV text `atkg ingest` writes for one extraction."""
    doc = ex.document
    key = doc.key or file_slug(Path(ex.file).stem)
    kind = document_type(doc.symbol, doc.body, formula=bool(doc.body == "unga"))
    meta = {
        "title": f"Citations extracted from {Path(ex.file).name}",
        "license": "CC-BY-4.0",
        "description": "written by `atkg ingest`; rows without a target did not resolve",
        "document": key,
        "symbol": doc.symbol,
        "title_of_document": doc.title,
        "date": doc.date,
        "body": doc.body,
        "language": doc.language,
        "type": kind,
        "source_file": Path(ex.file).name,
        "extractor": f"atkg.extract {EXTRACTOR_VERSION}",
    }
    lines = [f"# {k}: {_cell(v)}" for k, v in meta.items() if v]
    lines.append("\t".join(COLUMNS))
    order = {p.locator: i for i, p in enumerate(ex.paragraphs)}

    def place(paragraph: str | None, footnote: str | None, start: int) -> tuple[int, int, int]:
        return (order.get(paragraph or "", -1), 1 if footnote else 0, start)

    rows = []
    for c in ex.citations:
        rows.append(
            (
                place(c.paragraph, c.footnote, c.start),
                [
                    c.kind,
                    c.symbol,
                    c.ref,
                    c.locator,
                    c.verb,
                    c.footnote,
                    f"{c.confidence:.2f}",
                    c.start,
                    c.end,
                    "",
                ],
            )
        )
    for u in ex.unresolved:
        locator = " > ".join(
            p for p in (u.paragraph or "heading", f"fn {u.footnote}" if u.footnote else "") if p
        )
        rows.append(
            (
                place(u.paragraph, u.footnote, u.start),
                [u.kind, "", "", locator, "", u.footnote, "", u.start, u.end, u.reason],
            )
        )
    for _, cells in sorted(rows, key=lambda r: r[0]):
        lines.append("\t".join(_cell(v) for v in cells))
    return "\n".join(lines) + "\n"


def parse_table(text: str) -> tuple[DocumentMeta, list[Row]]:
    meta: dict[str, str] = {}
    rows: list[Row] = []
    header: list[str] | None = None
    meta_line = 1
    for number, line in enumerate(text.splitlines(), start=1):
        if header is None and line.startswith("#"):
            key, _, value = line[1:].partition(":")
            key = key.strip()
            if key != "title":  # the table's own title; the document's is title_of_document
                meta["title" if key == "title_of_document" else key] = value.strip()
            if key == "document":
                meta_line = number
            continue
        if header is None:
            header = line.split("\t")
            if tuple(header) != COLUMNS:
                raise ValueError(f"line {number}: header must be {' '.join(COLUMNS)}")
            continue
        if not line.strip():
            continue
        cells = dict(zip(COLUMNS, line.split("\t"), strict=False))
        rows.append(
            Row(
                number,
                cells.get("kind", ""),
                cells.get("symbol", ""),
                cells.get("target", ""),
                cells.get("locator", ""),
                cells.get("verb", ""),
                cells.get("footnote", ""),
            )
        )
    if "document" not in meta:
        raise ValueError("no `# document:` line")
    fields = {k: meta.get(k, "") for k in META if k != "document"}
    return DocumentMeta(key=meta["document"], meta_line=meta_line, **fields), rows


def write_ingested(ex: Extraction, root: Path) -> Path:
    """Write (atomically) data/ingested/<slug>.tsv under the project root; return the path."""
    directory = root / DIRECTORY
    directory.mkdir(parents=True, exist_ok=True)
    key = ex.document.key or file_slug(Path(ex.file).stem)
    path = directory / f"{file_slug(key)}.tsv"
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(to_table(ex), encoding="utf-8")
    tmp.replace(path)
    return path


def graph_of(ex: Extraction, ctx: Context) -> Graph:
    """The graph `atkg ingest` would produce, without writing anything (for --format ttl)."""
    meta, rows = parse_table(to_table(ex))
    display = (DIRECTORY / f"{file_slug(meta.key)}.tsv").as_posix()
    return ingested_graph(meta, rows, display, ctx)


def load_ingested(
    directory: Path, display: str, ctx: Context, problems: list[Problem]
) -> dict[str, Graph]:
    """Every data/ingested/*.tsv as its graph `ingested/<key>` (sorted, so deterministic).

    Documents ingested are known to each other: a document one file cites and another
    file is about is described by the latter, not twice.
    """
    parsed: list[tuple[str, DocumentMeta, list[Row]]] = []
    for path in sorted(directory.glob("*.tsv")):
        shown = f"{display}/{path.name}"
        try:
            meta, rows = parse_table(path.read_text(encoding="utf-8"))
        except (ValueError, UnicodeDecodeError) as exc:
            problems.append(Problem(shown, None, str(exc)))
            continue
        parsed.append((shown, meta, rows))
    graphs: dict[str, Graph] = {}
    # documents ingested first, so that citations between ingested documents resolve
    for shown, meta, _ in parsed:
        graphs[f"ingested/{meta.key}"] = ingested_graph(meta, [], shown, ctx)
    for shown, meta, rows in parsed:
        graphs[f"ingested/{meta.key}"] += ingested_graph(meta, rows, shown, ctx)
    for message in ctx.problems:  # left-out citations are reported, not fatal
        log.warning("%s", message)
    return graphs


def ingested_context(load: LoadContext) -> Context:
    """What the curated tables already describe, from the build's load context."""
    return Context(
        documents=set(load.keys.get("document", set())),
        entities={k: set(v) for k, v in load.keys.items()},
        concepts=set(load.concepts),
    )
