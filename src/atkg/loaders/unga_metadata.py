"""UN General Assembly resolution metadata: adoption, votes, sponsors and UNBIS subjects.

The UN publishes, for each GA resolution, a metadata record (JSON, one per line in
`<session>.jsonl`): symbol, title, adoption date, Main Committee, agenda item, how it was
adopted, the Member States in favour, against and abstaining in a recorded vote, the
sponsors, and the library's UNBIS subject headings. The default build reads only the
trafficking-related records shipped in data/sources/unga-metadata/; pointing the
environment variable ATKG_UNGA_METADATA at a directory of such files loads every record
in it instead (docs/unga-metadata.md).

Loading is two passes like the curated tables: `read_metadata` registers each record's
document key (its symbol) so that curated rows can cite it, and notes which documents a
curated row already describes; `load_metadata` maps the records. For a document that
documents.tsv also describes, the curated row wins for the literal facts that SHACL
allows once (symbol, English label, adoption date, session, agenda item, curation
record): the record then adds only its own facts (committee, adoption type, sponsors,
subjects, votes) and its derivation from the data set.

Votes name states, and an unknown name is an error with file and line. Sponsor entries
and subject headings that name no state or UNBIS concept (procedural notes such as
"submitted by the Chair", named bodies, agenda-item numbers) are kept in `unresolved`,
never silently dropped, but do not fail the build: they are the source's own noise.
"""

from __future__ import annotations

import datetime
import json
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

from rdflib import Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS, XSD

from atkg import iris
from atkg.errors import InputError, Problem
from atkg.loaders import states
from atkg.loaders.context import LoadContext, Triples, attest, source_dataset
from atkg.loaders.rows import add_symbol_labels
from atkg.namespaces import ATKG
from atkg.tables import read_table

ENV = "ATKG_UNGA_METADATA"
DATASET = "unga-metadata"
DEFAULT_FILE = "trafficking-related.jsonl"
UNBIS_FILE = "unbis-ids.tsv"
NAMES_FILE = "state-names.tsv"
UNBIS = "http://metadata.un.org/thesaurus/"
UNDOCS = "https://undocs.org/en/"
ATTESTATION = "unga-metadata"
VOTES = (("MS_in_favour", "yes"), ("MS_against", "no"), ("MS_abstaining", "abstain"))
ADOPTION = {"Without a vote": "without-vote", "By a recorded vote": "recorded-vote"}
COMMITTEES = {"#fifthCommittee": "Fifth Committee"}

_SESSION = re.compile(r"^A/RES/((?:E?S-)?[0-9]+)/")
_SYMBOL = re.compile(r"^A/RES/(?:E?S-)?[0-9]+/[0-9]+$")
_PART = re.compile(r"^A/RES/\S+ [A-Z](?:-[A-Z])?$")
_AGENDA = re.compile(r"^Agenda items?\s+", re.IGNORECASE)
_ON_BEHALF = re.compile(r"\s*[,(]\s*(?:on|of) behalf of\b.*$", re.IGNORECASE | re.DOTALL)


@dataclass
class Record:
    """One resolution's metadata as read, with the file and line it came from."""

    display: str
    line: int
    data: dict[str, Any]
    curated: bool

    @property
    def symbol(self) -> str:
        return str(self.data.get("symbol", "")).strip()

    @property
    def record(self) -> str:
        return f"{self.display}:{self.line}"


@dataclass
class UngaSource:
    """The records to load, the lookups they need, and what could not be resolved."""

    records: list[Record] = field(default_factory=list)
    unbis: dict[str, str] = field(default_factory=dict)
    aliases: dict[str, str] = field(default_factory=dict)
    unresolved: list[str] = field(default_factory=list)


def metadata_files(directory: Path, environ: dict[str, str] | None = None) -> list[Path]:
    """The files to read: every *.jsonl of $ATKG_UNGA_METADATA if set, else the shipped one."""
    chosen = (os.environ if environ is None else environ).get(ENV, "").strip()
    if chosen:
        return sorted(Path(chosen).glob("*.jsonl"))
    path = directory / DEFAULT_FILE
    return [path] if path.exists() else []


def read_metadata(
    ctx: LoadContext,
    directory: Path,
    display: Callable[[Path], str],
    files: list[Path] | None = None,
) -> UngaSource:
    """First pass: read the records and lookups, register each record's document key.

    Call it after the curated keys are indexed: a key already there marks the record as
    describing a curated document (the curated row wins for single-valued literals).
    """
    source = UngaSource()
    files = metadata_files(directory) if files is None else files
    if not files:
        return source
    lookups = [directory, *{f.parent for f in files if f.parent != directory}]
    for folder in lookups:
        _read_lookups(ctx, source, folder, display)
    seen: dict[str, tuple[str, Any]] = {}
    for path in files:
        shown = display(path)
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            ctx.problems.append(Problem(shown, None, f"cannot read: {exc}"))
            continue
        for number, text in enumerate(lines, start=1):
            if not text.strip():
                continue
            try:
                data = json.loads(text)
            except json.JSONDecodeError as exc:
                ctx.problems.append(Problem(shown, number, f"not a JSON object: {exc.msg}"))
                continue
            symbol = str(data.get("symbol", "")).strip() if isinstance(data, dict) else ""
            if _PART.match(symbol):
                # "A/RES/79/258 B": a lettered part is not a document with a symbol of its own
                source.unresolved.append(f"{shown}:{number}: part symbol {symbol!r} skipped")
                continue
            if not _SYMBOL.match(symbol):
                ctx.problems.append(
                    Problem(shown, number, f"not a GA resolution symbol: {symbol!r}", "symbol")
                )
                continue
            if symbol in seen:
                # the source repeats some records, a few re-extracted with shifted symbols:
                # the first record of a symbol is kept, the others are reported
                first, previous = seen[symbol]
                how = "repeats" if previous == data else "differs from, and yields to,"
                source.unresolved.append(f"{shown}:{number}: {symbol} {how} {first}")
                continue
            seen[symbol] = (f"{shown}:{number}", data)
            curated = symbol in ctx.keys["document"]
            ctx.keys["document"].add(symbol)
            source.records.append(Record(shown, number, data, curated))
    return source


def _read_lookups(
    ctx: LoadContext, source: UngaSource, folder: Path, display: Callable[[Path], str]
) -> None:
    try:
        if (folder / UNBIS_FILE).exists():
            path = folder / UNBIS_FILE
            table = read_table(
                path, ("heading", "unbis_id"), ("heading", "unbis_id"), display(path)
            )
            for row in table.rows:
                if not row.get("unbis_id").isdigit():
                    ctx.problems.append(table.problem(row, "not a UNBIS id", "unbis_id"))
                    continue
                source.unbis[row.get("heading").casefold()] = row.get("unbis_id")
        if (folder / NAMES_FILE).exists():
            path = folder / NAMES_FILE
            table = read_table(path, ("name", "state", "note"), ("name", "state"), display(path))
            for row in table.rows:
                if row.get("state") not in ctx.keys["state"]:
                    ctx.problems.append(table.problem(row, "unknown state", "state"))
                    continue
                source.aliases[states.normalise_name(row.get("name"))] = row.get("state")
    except InputError as exc:
        ctx.problems.extend(exc.problems)


def load_metadata(ctx: LoadContext, source: UngaSource, country_dir: Path) -> Triples:
    """Second pass: each record's document facts, votes and sponsors, with provenance."""
    g = Triples()
    if not source.records:
        return g
    names = {**states.name_index(country_dir), **source.aliases}
    dataset = describe_dataset(g)
    for rec in source.records:
        _map_record(ctx, g, source, rec, names, dataset)
    return g


def _map_record(
    ctx: LoadContext,
    g: Triples,
    source: UngaSource,
    rec: Record,
    names: dict[str, str],
    dataset: URIRef,
) -> None:
    data, symbol = rec.data, rec.symbol
    doc = iris.document(symbol)
    g.add((doc, RDF.type, ATKG.GeneralAssemblyResolution))
    if not rec.curated:
        g.add((doc, ATKG.symbol, Literal(symbol)))
        g.add((doc, RDFS.seeAlso, URIRef(UNDOCS + quote(symbol, safe="/.-"))))
        title = " ".join(str(data.get("title", "")).split())
        if title:
            g.add((doc, RDFS.label, Literal(title, lang="en")))
            g.add((doc, SKOS.prefLabel, Literal(title, lang="en")))
        # titles are English only: the symbol describes it in Chinese (and in English
        # when the record has no title), as rdfs:label only (atkg.symbol_labels)
        add_symbol_labels(g, doc, symbol, {"en"} if title else set())
        date = _date(ctx, rec)
        if date is not None:
            g.add((doc, ATKG.adoptedOn, date))
        match = _SESSION.match(symbol)
        if match:
            g.add((doc, ATKG.session, Literal(match.group(1))))
        agenda = _AGENDA.sub("", str(data.get("agenda_item", "")).strip())
        if agenda:
            g.add((doc, ATKG.agendaItem, Literal(agenda)))
        g.add((doc, ATKG.curationRecord, Literal(rec.record)))
    committee = str(data.get("committee", "")).strip()
    if committee:
        g.add((doc, ATKG.committee, Literal(COMMITTEES.get(committee, committee))))
    adoption = str(data.get("adoption_type", "")).strip()
    if adoption:
        key = ADOPTION.get(adoption)
        if key is None or f"adoption/{key}" not in ctx.concepts:
            ctx.problems.append(
                Problem(
                    rec.display, rec.line, f"unknown adoption type {adoption!r}", "adoption_type"
                )
            )
        else:
            g.add((doc, ATKG.adoptionType, iris.concept("adoption", key)))
    _derive(g, doc, dataset, rec, ATTESTATION)
    for heading, *_ in data.get("subjects") or []:
        unbis_id = source.unbis.get(str(heading).strip().casefold())
        if unbis_id:
            g.add((doc, ATKG.subject, URIRef(UNBIS + unbis_id)))
        else:
            source.unresolved.append(f"{rec.record}: subject {heading!r}")
    for column in ("sponsors", "additional_sponsors"):
        for entry in data.get(column) or []:
            state = names.get(states.normalise_name(_ON_BEHALF.sub("", str(entry))))
            if state and state in ctx.keys["state"]:
                g.add((doc, ATKG.sponsoredBy, iris.state(state)))
            elif str(entry).strip():
                source.unresolved.append(f"{rec.record}: {column} {entry!r}")
    for column, cast in VOTES:
        for name in data.get(column) or []:
            state = names.get(states.normalise_name(str(name)))
            if state is None or state not in ctx.keys["state"]:
                ctx.problems.append(
                    Problem(
                        rec.display,
                        rec.line,
                        f"unknown Member State {name!r}: add its spelling to {NAMES_FILE}",
                        column,
                    )
                )
                continue
            vote = URIRef(f"{doc}/vote/{state}")
            g.add((vote, RDF.type, ATKG.Vote))
            g.add((vote, ATKG.voter, iris.state(state)))
            g.add((vote, ATKG.voteCast, iris.concept("vote", cast)))
            g.add((vote, ATKG.onDocument, doc))
            _derive(g, vote, dataset, rec, "1")
            g.add((vote, ATKG.curationRecord, Literal(rec.record)))


def parse_adoption_date(text: str) -> datetime.date | None:
    """The metadata's two date forms: '2019-12-18 00:00:00' (session 74), '23 November 2020'."""
    text = " ".join(text.split())
    for fmt in ("%Y-%m-%d %H:%M:%S", "%d %B %Y", "%Y-%m-%d"):
        try:
            return datetime.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


def _date(ctx: LoadContext, rec: Record) -> Literal | None:
    text = " ".join(str(rec.data.get("adoption_date", "")).split())
    if not text:
        return None
    day = parse_adoption_date(text)
    if day is None:
        ctx.problems.append(Problem(rec.display, rec.line, f"bad date {text!r}", "adoption_date"))
        return None
    return Literal(day.isoformat(), datatype=XSD.date)


def describe_dataset(g: Triples) -> URIRef:
    """The data set node every fact derived from the GA metadata cites."""
    return source_dataset(
        g,
        DATASET,
        "UN General Assembly resolution metadata",
        "联合国大会决议元数据",
        "https://github.com/UNxml/GAresolutions",
    )


def _derive(g: Triples, node: URIRef, dataset: URIRef, rec: Record, suffix: str) -> None:
    """Derivation from the data set at the record's row, both PROV forms."""
    attest(g, node, dataset, f"row {rec.line}", URIRef(f"{node}/attestation/{suffix}"))
