"""Run the queries of a report for a scope, through one store, into a `ReportData`.

Every table comes from a query of the library (queries/analysis, queries/reports), run by
`atkg.analysis` helpers on an `atkg.store.Store`, so that an embedded build and a remote
endpoint give the same report. The scope is checked against the graph first: an unknown
pillar, region or instrument is a usage error naming what exists.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import replace
from pathlib import Path

from atkg.analysis import gaps, network, overlaps
from atkg.analysis.tables import Table, Value, library_tables, queries_root, tagged_queries
from atkg.errors import UsageError
from atkg.report.model import ATKGID, Evidence, Finding, Item, ReportData, Scope
from atkg.store import Store

Progress = Callable[[str], None]

LABELS = "reports/labels"
REGIONS = "reports/state-regions"
COVERAGE = "reports/thematic-coverage"
PARTICIPATION = "reports/participation-by-region"
CLASSES = "reports/instances-per-class"
TIMELINE = "reports/timeline"
EVIDENCE = "reports/evidence"
DATA_STATUS = "analysis/participation-data-status"
PARTY_AS_OF = "analysis/participation-party-as-of"
ONTOLOGY = "https://w3id.org/atkg/ontology#"
#: Key figures: (i18n key, class counted by reports/instances-per-class).
CLASS_FIGURES = (
    ("k_bodies", "Body"),
    ("k_mandates", "Mandate"),
    ("k_instruments", "Instrument"),
    ("k_treaties", "Treaty"),
    ("k_documents", "Document"),
    ("k_states", "State"),
    ("k_citations", "Citation"),
)
#: The column naming what a gap row is about, in order of preference.
SUBJECT_COLUMNS = (
    "paragraph",
    "form",
    "concept",
    "state",
    "participant",
    "instrument",
    "document",
    "region",
    "pillar",
    "addressee",
)
MAX_EVIDENCE = 4


def _quiet(_: str) -> None:
    return None


# -- scope -------------------------------------------------------------------------------


def _key(iri: str, kind: str) -> str:
    return iri.removeprefix(f"{ATKGID}{kind}")


def _choose(value: str, kind: str, known: Iterable[str], noun: str) -> str:
    """The IRI of `value` (a key or an IRI) among `known` IRIs of `kind`, or a usage error."""
    iris = sorted(known)
    iri = value if value.startswith(("http://", "https://")) else f"{ATKGID}{kind}{value}"
    if iri not in iris:
        keys = ", ".join(_key(k, kind) for k in iris)
        raise UsageError(f"unknown {noun} {value!r} (known: {keys})")
    return iri


def resolve_scope(
    labels: Mapping[str, Mapping[str, str]],
    regions: Table,
    as_of: str | None = None,
    pillar: str | None = None,
    region: str | None = None,
    instrument: str | None = None,
) -> Scope:
    """Check a scope given on the command line against the graph and return it.

    `as_of` defaults to today (participation queries stop at their table's status date);
    `instrument` to the Trafficking in Persons Protocol. Keys (`prevention`, `150`,
    `tip-protocol`) and full IRIs are both accepted.
    """
    date = as_of or dt.datetime.now(dt.UTC).date().isoformat()
    try:
        dt.date.fromisoformat(date)
    except ValueError:
        raise UsageError(f"--as-of needs a date YYYY-MM-DD, got {date!r}") from None
    if len(date) != 10:
        raise UsageError(f"--as-of needs a date YYYY-MM-DD, got {date!r}")
    pillars = [iri for iri in labels if iri.startswith(f"{ATKGID}concept/pillar/")]
    instruments = [iri for iri in labels if iri.startswith(f"{ATKGID}instrument/")]
    codes = {str(r["m49"]): str(r["region"]) for r in regions.records()}
    chosen_region = None
    if region is not None:
        code = region.zfill(3) if region.isdigit() else region
        if code not in codes:
            raise UsageError(f"unknown M49 region {region!r} (known: {', '.join(sorted(codes))})")
        chosen_region = codes[code]
    return Scope(
        as_of=date,
        instrument=_choose(instrument or "tip-protocol", "instrument/", instruments, "instrument"),
        pillar=_choose(pillar, "concept/pillar/", pillars, "pillar") if pillar else None,
        region=chosen_region,
    )


class ScopeFilter:
    """Keeps the rows of a table that a scope's pillar and region allow.

    A row naming a state is kept when the state lies in the region; a row naming a region
    when the region shares states with it (itself, narrower and broader regions); a row
    naming a pillar or a section of the Global Plan of Action when it is that pillar.
    Rows naming none of these are kept: the scope does not speak about them.
    """

    def __init__(self, scope: Scope, regions: Table) -> None:
        self.scope = scope
        self.states: dict[str, set[str]] = {}
        for row in regions.records():
            members = self.states.setdefault(str(row["region"]), set())
            if row["state"]:
                members.add(str(row["state"]))
        self.inside = self.states.get(scope.region or "", set())
        self.pillar_key = scope.pillar.rsplit("/", 1)[-1] if scope.pillar else None

    def keeps(self, values: Iterable[Value]) -> bool:
        for value in values:
            if not isinstance(value, str) or not value.startswith(ATKGID):
                continue
            if self.scope.region:
                if value.startswith(f"{ATKGID}state/") and value not in self.inside:
                    return False
                if value.startswith(f"{ATKGID}region/") and not (
                    self.states.get(value, set()) & self.inside
                ):
                    return False
            if self.pillar_key:
                themed = value.startswith(
                    (f"{ATKGID}concept/pillar/", f"{ATKGID}concept/plan-part/")
                )
                if themed and value.rsplit("/", 1)[-1] != self.pillar_key:
                    return False
        return True

    def table(self, table: Table) -> Table:
        return replace(table, rows=tuple(r for r in table.rows if self.keeps(r)))


# -- evidence ----------------------------------------------------------------------------


class EvidenceFinder:
    """The sources of an entity and of its actions on the scope's treaty (reports/evidence).

    One small query per entity, cached: asking for the few entities a report names costs
    far less than reading every attestation of the graph.
    """

    def __init__(self, store: Store, root: Path | None, instrument: str) -> None:
        self.store, self.root, self.instrument = store, root, instrument
        self.cache: dict[str, tuple[tuple[Evidence, ...], int]] = {}

    def of(self, iri: str) -> tuple[tuple[Evidence, ...], int]:
        """Up to MAX_EVIDENCE sources (the entity's own first) and how many more there are."""
        if iri not in self.cache:
            params = {"entity": iri, "instrument": self.instrument}
            (table,) = library_tables(self.store, [EVIDENCE], self.root, {EVIDENCE: params})
            rows = sorted(table.records(), key=lambda r: r["fact"] != iri)
            found = list(
                dict.fromkeys(
                    Evidence(
                        " ".join(str(r[c]) for c in ("source", "locator") if r[c]),
                        str(r["record"]) if r["record"] else None,
                    )
                    for r in rows
                )
            )
            self.cache[iri] = (tuple(found[:MAX_EVIDENCE]), max(0, len(found) - MAX_EVIDENCE))
        return self.cache[iri]


def _subject(record: Mapping[str, Value]) -> str | None:
    for column in SUBJECT_COLUMNS:
        value = record.get(column)
        if isinstance(value, str) and value.startswith(ATKGID):
            return value
    return None


def _finding(
    table: Table,
    query_params: Mapping[str, str],
    header: Mapping[str, object],
    keep: ScopeFilter,
    finder: EvidenceFinder,
    context: tuple[Evidence, ...],
) -> Finding:
    kept = keep.table(table)
    items = []
    for record in kept.records():
        subject = _subject(record)
        evidence: tuple[Evidence, ...] = ()
        more = 0
        if subject:
            evidence, more = finder.of(subject)
        if record.get("locator") and record.get("document"):  # the request itself
            where = f"{_key(str(record['document']), 'document/')} {record['locator']}"
            evidence = (Evidence(where), *evidence)[:MAX_EVIDENCE]
        items.append(Item(subject, record, evidence, more))
    return Finding(
        query=table.name,
        summary=table.summary,
        description=str(header.get("description", "")),
        params=dict(query_params),
        table=kept,
        items=tuple(items),
        context=context,
        scoped_out=len(table) - len(kept),
    )


# -- collecting --------------------------------------------------------------------------


def collect(
    store: Store,
    root: Path | None = None,
    *,
    as_of: str | None = None,
    pillar: str | None = None,
    region: str | None = None,
    instrument: str | None = None,
    progress: Progress = _quiet,
) -> ReportData:
    """Run every query of the report for a scope and keep their answers."""
    base = queries_root(root)
    timings: dict[str, float] = {}
    clock = time.perf_counter()

    def step(name: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        timings[name] = now - clock
        clock = now

    progress("labels and scope")
    labels_table, regions = library_tables(store, [LABELS, REGIONS], base)
    labels: dict[str, dict[str, str]] = {}
    for row in labels_table.records():
        labels.setdefault(str(row["entity"]), {})[str(row["lang"])] = str(row["label"])
    scope = resolve_scope(labels, regions, as_of, pillar, region, instrument)
    keep = ScopeFilter(scope, regions)
    used: dict[str, dict[str, str]] = {LABELS: {}, REGIONS: {}}
    step("scope")

    progress("coverage and participation")
    participation_params = {"instrument": scope.instrument, "date": scope.as_of}
    classes, coverage, participation, parties, data_status = library_tables(
        store,
        [CLASSES, COVERAGE, PARTICIPATION, PARTY_AS_OF, DATA_STATUS],
        base,
        {PARTICIPATION: participation_params, PARTY_AS_OF: participation_params},
    )
    used.update(
        {
            CLASSES: {},
            COVERAGE: {},
            PARTICIPATION: participation_params,
            PARTY_AS_OF: participation_params,
            DATA_STATUS: {},
        }
    )
    coverage = keep.table(coverage)
    participation = keep.table(participation)
    step("coverage")

    progress("overlaps and network")
    overlap_tables = overlaps.overlaps(store, base)
    citations = network.citation_graph(store, base)
    centrality = network.citation_centrality(citations)
    (edges,) = library_tables(store, [network.CITATIONS], base)
    used.update({t.name: {} for t in overlap_tables if not t.name.startswith("network/")})
    used[network.MEMBERSHIP] = {}
    used[network.CITATIONS] = {}
    step("network")

    progress("timeline")
    (timeline,) = library_tables(store, [TIMELINE], base)
    timeline = replace(
        timeline,
        rows=tuple(r for r in timeline.rows if str(r[0])[: len(scope.as_of)] <= scope.as_of),
    )
    used[TIMELINE] = {}
    step("timeline")

    progress("gaps")
    spread = gaps.params_for(scope.params(), base)
    finder = EvidenceFinder(store, base, scope.instrument)
    headers = {q.name: q.header for q in tagged_queries(gaps.TAG, base)}
    status_table = _status_table(data_status, scope.instrument)
    context = finder.of(status_table)[0] if status_table else ()
    findings = []
    for table in gaps.gaps(store, base, spread):
        params = spread.get(table.name, {})
        tags = headers[table.name].get("tags", [])
        on_treaty = isinstance(tags, list) and "treaty-participation" in tags
        progress(f"evidence: {table.name}")
        finding = _finding(
            table, params, headers[table.name], keep, finder, context if on_treaty else ()
        )
        if on_treaty and status_table is None:
            finding = replace(finding, no_data=True)
        findings.append(finding)
        used[table.name] = dict(params)
    used[EVIDENCE] = {"entity": "<IRI>", "instrument": scope.instrument}
    step("gaps")

    counts = {str(r["class"]).removeprefix(ONTOLOGY): r["instances"] for r in classes.records()}
    mandate_pairs = next(t for t in overlap_tables if t.name == "analysis/mandate-overlaps")
    key_figures: list[tuple[str, Value, str]] = [
        (key, counts.get(cls, 0), CLASSES) for key, cls in CLASS_FIGURES
    ]
    key_figures += [
        ("k_parties", len(parties), PARTY_AS_OF),
        ("k_gaps", sum(len(f.table) for f in findings), "analysis (tag gap)"),
        ("k_overlaps", len(mandate_pairs), mandate_pairs.name),
    ]
    return ReportData(
        scope=scope,
        labels=labels,
        key_figures=key_figures,
        coverage=coverage,
        participation=participation,
        overlaps=overlap_tables,
        centrality=centrality,
        citation_edges=edges,
        timeline=timeline,
        findings=findings,
        queries=used,
        timings=timings,
    )


def _status_table(data_status: Table, instrument: str) -> str | None:
    """The IRI of the UN Treaty Collection status table of an instrument, if it has one."""
    for row in data_status.records():
        if row["instrument"] == instrument and row["untcId"]:
            return f"{ATKGID}document/untc/{row['untcId']}"
    return None
