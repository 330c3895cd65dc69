"""ILO instruments' NORMLEX records: the evidence for what the seeds do not say of them.

The seeds name the ILO's forced labour and child labour conventions but give at most a
year; one of the five the project covers (C105, the Abolition of Forced Labour
Convention) they do not name at all. The ILO's NORMLEX system keeps one record per
instrument with its title, adoption and entry into force. data/sources/ilo/normlex.tsv
holds those records' headings (transcribed by hand; see SOURCE.txt there).

Each record becomes a document keyed `ilo/<code>` (an `atkg:Publication` issued by the
ILO, linking to the record), so that instruments.tsv rows can cite it like any other
source. The instrument facts themselves stay in instruments.tsv, the one list of
instruments; this loader checks that the two agree — every record's code belongs to an
instrument row, and a row's adoption and entry-into-force dates, where both give one,
are the record's or the record's year — and links each instrument to its record
(`rdfs:seeAlso`). The ILO is the depositary of these instruments, so the UN Treaty
Collection has no participant table for them; participation-data-status says so.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS

from atkg import iris
from atkg.errors import InputError
from atkg.loaders.context import LoadContext, Triples, attest, source_dataset
from atkg.namespaces import ATKG
from atkg.tables import Row, Table, read_table

DATASET = "ilo-normlex"
RECORDS_FILE = "normlex.tsv"
COLUMNS = ("code", "title_en", "adopted_on", "session", "entry_into_force", "url")
DOCUMENT_PREFIX = "ilo/"
NORMLEX = "https://normlex.ilo.org/"
#: instruments.tsv columns a record also states, compared when both give a value
CHECKED = (("adopted_on", "adopted_on"), ("entry_into_force", "entry_into_force"))


@dataclass
class IloSource:
    """The records read, keyed by ILO code, and the table they came from."""

    table: Table | None = None
    records: dict[str, Row] = field(default_factory=dict)


def document_key(code: str) -> str:
    """The document key of a NORMLEX record.

    >>> document_key("C105")
    'ilo/C105'
    """
    return DOCUMENT_PREFIX + code


def read_ilo(ctx: LoadContext, directory: Path, display: Callable[[Path], str]) -> IloSource:
    """First pass: read the records and register their document keys for citing."""
    source = IloSource()
    path = directory / RECORDS_FILE
    if not path.exists():
        return source
    try:
        source.table = read_table(path, COLUMNS, COLUMNS, display(path))
    except InputError as exc:
        ctx.problems.extend(exc.problems)
        return source
    for row in source.table.rows:
        code = row.get("code")
        if code in source.records:
            ctx.problems.append(source.table.problem(row, f"duplicate code {code!r}", "code"))
            continue
        if not row.get("url").startswith(NORMLEX):
            ctx.problems.append(source.table.problem(row, "not a NORMLEX address", "url"))
        source.records[code] = row
        ctx.keys["document"].add(document_key(code))
    return source


def load_ilo(ctx: LoadContext, source: IloSource, instruments: Table | None) -> Triples:
    """Second pass: the record documents, and each instrument's link to its record."""
    g = Triples()
    table = source.table
    if table is None or not source.records:
        return g
    by_code = {r.get("ilo_code"): r for r in (instruments.rows if instruments else [])}
    dataset = source_dataset(g, DATASET, "ILO NORMLEX", "国际劳工组织标准数据库", NORMLEX)
    for code, row in source.records.items():
        doc = iris.document(document_key(code))
        g.add((doc, RDF.type, ATKG.Publication))
        g.add((doc, RDFS.label, Literal(f"NORMLEX record of {code}", lang="en")))
        g.add((doc, RDFS.label, Literal(f"国际劳工组织标准数据库 {code} 记录", lang="zh")))
        g.add((doc, DCTERMS.title, Literal(row.get("title_en"), lang="en")))
        g.add((doc, ATKG.issuedBy, iris.body("ilo")))
        g.add((doc, RDFS.seeAlso, URIRef(row.get("url"))))
        attest(g, doc, dataset, f"row {row.line}")
        g.add((doc, ATKG.curationRecord, Literal(f"{table.display_path}:{row.line}")))
        for column in ("adopted_on", "entry_into_force"):
            ctx.date(table, row, column)  # checked only: the instrument row states the dates
        instrument_row = by_code.get(code)
        if instrument_row is None:
            ctx.problems.append(
                table.problem(row, f"no instrument in instruments.tsv has ilo_code {code!r}")
            )
            continue
        g.add((iris.instrument(instrument_row.get("id")), RDFS.seeAlso, URIRef(row.get("url"))))
        for ours, theirs in CHECKED:
            mine, record = instrument_row.get(ours), row.get(theirs)
            if mine and record and not record.startswith(mine):
                ctx.problems.append(
                    table.problem(
                        row,
                        f"{theirs} {record} disagrees with instruments.tsv line "
                        f"{instrument_row.line} ({ours} {mine})",
                        theirs,
                    )
                )
    return g
