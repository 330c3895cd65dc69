"""Treaty participation from the UN Treaty Collection's participant tables.

Each table (data/sources/untc/tables/*.csv, listed in manifest.tsv with its status date)
is UNTC's own layout: the participant, then one or two date columns whose heading names
the actions they record and the mark that follows a date for each ("Ratification,
Acceptance(A), Approval(AA), Accession(a), Succession(d)"; a date without a mark is the
heading's unmarked action). Every dated cell becomes an atkg:TreatyAction (participant,
instrument, action type, date) derived from the table, at its row; a cell in any column
but a signature column is also an atkg:ConsentToBeBound.

The table itself becomes an atkg:StatusTable, a document keyed `untc/<UNTC id>`, so that
curated rows (instruments.tsv) can cite it as their source like any other document.
`regenerate_table` rebuilds a table from the graph alone, which is how the round trip
is tested.
"""

from __future__ import annotations

import csv
import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, XSD

from atkg import iris
from atkg.errors import InputError, Problem
from atkg.loaders import states
from atkg.loaders.context import LoadContext, Triples, attest, source_dataset
from atkg.loaders.untc import (
    Column,
    format_cell,
    parse_cell,
    parse_heading,
    strip_footnotes,
)
from atkg.namespaces import ATKG
from atkg.tables import Row, Table, read_table

MANIFEST = "manifest.tsv"
NAMES = "participant-names.tsv"
MANIFEST_COLUMNS = ("untc_id", "file", "title", "status_date", "url", "note")
NAME_COLUMNS = ("name", "participant", "note")
DATASET = "untc"
DOCUMENT_PREFIX = "untc/"


@dataclass
class StatusTableFile:
    """One participant table as read from disk, with its manifest entry."""

    untc_id: str
    display: str
    manifest_line: int
    title: str
    status_date: datetime.date
    url: str
    header: list[str]
    columns: list[Column]
    rows: list[tuple[int, list[str]]]

    @property
    def key(self) -> str:
        return DOCUMENT_PREFIX + self.untc_id

    @property
    def iri(self) -> URIRef:
        return iris.document(self.key)


@dataclass
class UntcSource:
    """Every table of the manifest, the participant spellings, and where they came from."""

    manifest_display: str = ""
    tables: list[StatusTableFile] = field(default_factory=list)
    aliases: dict[str, tuple[str, str, int]] = field(default_factory=dict)
    names_display: str = ""


def read_untc(ctx: LoadContext, directory: Path, display: Callable[[Path], str]) -> UntcSource:
    """First pass: read the manifest, the tables and the spellings; register the tables.

    Each table's document key (`untc/XVIII-12-a`) is registered so that curated rows can
    cite it. Problems go to the context; a missing directory is simply no data.
    """
    source = UntcSource()
    manifest_path = directory / MANIFEST
    if not manifest_path.exists():
        return source
    source.manifest_display = display(manifest_path)
    try:
        manifest = read_table(
            manifest_path,
            MANIFEST_COLUMNS,
            ("untc_id", "file", "status_date"),
            source.manifest_display,
        )
        names_path = directory / NAMES
        source.names_display = display(names_path)
        names = (
            read_table(names_path, NAME_COLUMNS, ("name", "participant"), source.names_display)
            if names_path.exists()
            else None
        )
    except InputError as exc:
        ctx.problems.extend(exc.problems)
        return source
    for row in names.rows if names else []:
        kind, _, key = row.get("participant").partition(":")
        if kind not in ("state", "body") or not key:
            ctx.problems.append(
                Problem(
                    source.names_display,
                    row.line,
                    "participant must be state:ISO3 or body:id",
                    "participant",
                )
            )
            continue
        source.aliases[states.normalise_name(row.get("name"))] = (kind, key, row.line)
    for row in manifest.rows:
        table = _read_table_file(ctx, manifest, row, directory, display)
        if table is None:
            continue
        if table.key in ctx.keys["document"]:
            ctx.problems.append(
                manifest.problem(row, f"duplicate UNTC id {table.untc_id!r}", "untc_id")
            )
            continue
        ctx.keys["document"].add(table.key)
        source.tables.append(table)
    return source


def _read_table_file(
    ctx: LoadContext, manifest: Table, row: Row, directory: Path, display: Callable[[Path], str]
) -> StatusTableFile | None:
    try:
        status = datetime.date.fromisoformat(row.get("status_date"))
    except ValueError:
        ctx.problems.append(manifest.problem(row, "status_date is not YYYY-MM-DD", "status_date"))
        return None
    path = directory / row.get("file")
    shown = display(path)
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.reader(handle)
            records = [(reader.line_num, cells) for cells in reader]
    except (OSError, UnicodeDecodeError) as exc:
        ctx.problems.append(manifest.problem(row, f"cannot read {shown}: {exc}", "file"))
        return None
    if not records or not records[0][1] or records[0][1][0].strip() != "Participant":
        ctx.problems.append(Problem(shown, 1, "the first heading must be 'Participant'"))
        return None
    header = records[0][1]
    columns = []
    for number, heading in enumerate(header[1:], start=1):
        try:
            columns.append(parse_heading(number, heading))
        except ValueError as exc:
            ctx.problems.append(Problem(shown, 1, str(exc), heading))
    if len(columns) != len(header) - 1:
        return None
    body = []
    for line, cells in records[1:]:
        if not any(c.strip() for c in cells):
            continue
        if len(cells) != len(header):
            ctx.problems.append(
                Problem(shown, line, f"row has {len(cells)} cells, header has {len(header)}")
            )
            continue
        body.append((line, cells))
    return StatusTableFile(
        row.get("untc_id"),
        shown,
        row.line,
        row.get("title"),
        status,
        row.get("url"),
        header,
        columns,
        body,
    )


def load_participation(
    ctx: LoadContext, source: UntcSource, instruments: Table | None, country_dir: Path
) -> Triples:
    """Second pass: the tables, their columns and every dated action, with provenance."""
    g = Triples()
    if not source.tables:
        return g
    by_untc = {
        r.get("untc_id"): r.get("id")
        for r in (instruments.rows if instruments else [])
        if r.get("untc_id")
    }
    names = states.name_index(country_dir)
    dataset = source_dataset(
        g,
        DATASET,
        "UN Treaty Collection participant tables",
        "联合国条约集参加方状况表",
        "https://treaties.un.org/",
    )
    for table in source.tables:
        key = by_untc.get(table.untc_id)
        if key is None:
            ctx.problems.append(
                Problem(
                    source.manifest_display,
                    table.manifest_line,
                    f"no instrument in instruments.tsv has untc_id {table.untc_id!r}",
                    "untc_id",
                )
            )
            continue
        _map_table(ctx, g, source, table, iris.instrument(key), names, dataset)
    return g


def _map_table(
    ctx: LoadContext,
    g: Triples,
    source: UntcSource,
    table: StatusTableFile,
    instrument: URIRef,
    names: dict[str, str],
    dataset: URIRef,
) -> None:
    node = table.iri
    g.add((node, RDF.type, ATKG.StatusTable))
    g.add((node, RDFS.label, Literal(f"UNTC status table {table.untc_id}", lang="en")))
    g.add((node, RDFS.label, Literal(f"联合国条约集状况表 {table.untc_id}", lang="zh")))
    if table.title:
        g.add((node, DCTERMS.title, Literal(table.title, lang="en")))
    if table.url:
        g.add((node, DCTERMS.source, URIRef(table.url)))
    g.add((node, ATKG.statusOf, instrument))
    g.add((node, ATKG.statusDate, Literal(table.status_date.isoformat(), datatype=XSD.date)))
    _derive(
        g,
        node,
        dataset,
        f"row {table.manifest_line}",
        f"{source.manifest_display}:{table.manifest_line}",
    )
    for number, heading in enumerate(table.header):
        column = URIRef(f"{node}/column/{number}")
        g.add((column, RDF.type, ATKG.TableColumn))
        g.add((column, ATKG.columnOf, node))
        g.add((column, ATKG.columnNumber, Literal(number)))
        g.add((column, RDFS.label, Literal(heading.strip(), lang="en")))
    seen: dict[URIRef, int] = {}
    for line, cells in table.rows:
        participant, path = _resolve(ctx, source, names, table.display, line, cells[0])
        if participant is None:
            continue
        for column, cell in zip(table.columns, cells[1:], strict=True):
            if not cell.strip():
                continue
            try:
                date, mark = parse_cell(cell)
            except ValueError as exc:
                ctx.problems.append(Problem(table.display, line, str(exc), column.heading))
                continue
            action = column.marks.get(mark)
            if action is None:
                ctx.problems.append(
                    Problem(
                        table.display,
                        line,
                        f"mark {mark or '(none)'!r} is not in the heading",
                        column.heading,
                    )
                )
                continue
            if f"action/{action}" not in ctx.concepts:
                ctx.problems.append(
                    Problem(table.display, line, f"no concept action/{action} in concepts.tsv")
                )
                continue
            stage = "consent" if column.consent else "signature"
            act = URIRef(f"{instrument}/action/{path}/{stage}")
            if act in seen:
                ctx.problems.append(
                    Problem(
                        table.display,
                        line,
                        f"a second {stage} for this participant (first on line {seen[act]})",
                        column.heading,
                    )
                )
                continue
            seen[act] = line
            g.add((act, RDF.type, ATKG.TreatyAction))
            if column.consent:
                g.add((act, RDF.type, ATKG.ConsentToBeBound))
            g.add((act, ATKG.participant, participant))
            g.add((act, ATKG.instrument, instrument))
            g.add((act, ATKG.actionType, iris.concept("action", action)))
            g.add((act, ATKG.date, Literal(date.isoformat(), datatype=XSD.date)))
            g.add((act, ATKG.participantName, Literal(cells[0])))
            _derive(g, act, node, f"row {line}", f"{table.display}:{line}")


def _resolve(
    ctx: LoadContext, source: UntcSource, names: dict[str, str], display: str, line: int, cell: str
) -> tuple[URIRef | None, str]:
    """The participant a name cell denotes, and its path in action IRIs (state/CHN)."""
    name = states.normalise_name(strip_footnotes(cell))
    kind, key, alias_line = source.aliases.get(name, ("", "", 0))
    if not kind and name in names:
        kind, key = "state", names[name]
    if not kind:
        ctx.problems.append(
            Problem(
                display,
                line,
                f"unknown participant {cell!r}: add its spelling to "
                f"{source.names_display or NAMES}",
                "Participant",
            )
        )
        return None, ""
    if key not in ctx.keys[kind]:
        ctx.problems.append(
            Problem(source.names_display, alias_line, f"unknown {kind} {key!r}", "participant")
        )
        return None, ""
    return iris.entity(kind, key), f"{kind}/{key}"


def _derive(g: Triples, node: URIRef, source: URIRef, locator: str, record: str) -> None:
    attest(g, node, source, locator)
    g.add((node, ATKG.curationRecord, Literal(record)))


# -- regeneration ----------------------------------------------------------------------


def regenerate_table(graph: Graph | Triples, table: URIRef) -> list[list[str]]:
    """The participant table as UNTC prints it, rebuilt from the graph alone.

    The headings come from the table's columns, each row from the actions derived from
    the table at that row: the name as recorded, then each date with the mark its column
    heading gives its action type. Rows keep the order of the source.
    """
    columns = sorted(
        (int(n), str(h))
        for c in graph.subjects(ATKG.columnOf, table)
        for n in graph.objects(c, ATKG.columnNumber)
        for h in graph.objects(c, RDFS.label)
    )
    header = [h for _, h in columns]
    specs = [parse_heading(n, h) for n, h in columns[1:]]
    rows: dict[int, list[str]] = {}
    for act in graph.subjects(PROV.wasDerivedFrom, table):
        if (act, RDF.type, ATKG.TreatyAction) not in graph:
            continue
        line = _row_of(graph, act, table)
        row = rows.setdefault(line, [""] * len(header))
        row[0] = str(graph.value(act, ATKG.participantName))
        action = str(graph.value(act, ATKG.actionType)).rsplit("/", 1)[1]
        consent = (act, RDF.type, ATKG.ConsentToBeBound) in graph
        date = datetime.date.fromisoformat(str(graph.value(act, ATKG.date)))
        spec = next(s for s in specs if s.consent == consent and s.mark_of(action) is not None)
        row[spec.number] = format_cell(date, spec.mark_of(action) or "")
    return [header, *(rows[line] for line in sorted(rows))]


def _row_of(graph: Graph | Triples, act: URIRef, table: URIRef) -> int:
    for att in graph.objects(act, PROV.qualifiedDerivation):
        if (att, PROV.entity, table) in graph:
            locator = str(graph.value(att, ATKG.locator))
            return int(locator.removeprefix("row "))
    raise ValueError(f"{act} has no row in {table}")
