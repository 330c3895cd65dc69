"""The numbers the report prints equal the answers of the queries, run here independently."""

from __future__ import annotations

import pytest

from atkg.analysis import gaps
from atkg.analysis.tables import Table, run_query
from atkg.paths import ProjectPaths
from atkg.sparql import resolve_query
from atkg.store import EmbeddedStore

from .conftest import AS_OF, Page, Produced

TIP = "https://w3id.org/atkg/id/instrument/tip-protocol"
ONTOLOGY = "https://w3id.org/atkg/ontology#"


def _run(store: EmbeddedStore, paths: ProjectPaths, name: str, **params: str) -> Table:
    return run_query(store, resolve_query(paths.queries, name), params)


def _numbers_match(page_rows: list[tuple[str, dict[str, str]]], table: Table) -> None:
    """Same rows in the same order; every numeric cell printed as the query gave it."""
    assert len(page_rows) == len(table), f"{table.name}: {len(page_rows)} rows, query {len(table)}"
    for (key, cells), record in zip(page_rows, table.records(), strict=True):
        assert key == str(record[table.columns[0]]), f"{table.name}: row {key} out of order"
        for column, shown in cells.items():
            value = record[column]
            if isinstance(value, int | float) and not isinstance(value, bool):
                assert shown == str(value), f"{table.name} {key} {column}: {shown} != {value}"


def test_key_figures_equal_the_queries(
    report_en: Produced, store: EmbeddedStore, paths: ProjectPaths
) -> None:
    page = Page(report_en.html)
    counts = {
        str(r["class"]).removeprefix(ONTOLOGY): r["instances"]
        for r in _run(store, paths, "reports/instances-per-class").records()
    }
    classes = {
        "k_bodies": "Body",
        "k_mandates": "Mandate",
        "k_instruments": "Instrument",
        "k_treaties": "Treaty",
        "k_documents": "Document",
        "k_states": "State",
        "k_citations": "Citation",
    }
    for key, cls in classes.items():
        value, query = page.key_figures[key]
        assert query == "reports/instances-per-class"
        assert int(value) == counts[cls], f"{key}: page {value}, query {counts[cls]}"
    parties = _run(store, paths, "analysis/participation-party-as-of", instrument=TIP, date=AS_OF)
    assert int(page.key_figures["k_parties"][0]) == len(parties)
    spread = gaps.params_for({"date": AS_OF, "instrument": TIP}, paths.queries)
    total = sum(len(t) for t in gaps.gaps(store, paths.queries, spread))
    assert int(page.key_figures["k_gaps"][0]) == total
    mandates = _run(store, paths, "analysis/mandate-overlaps")
    assert int(page.key_figures["k_overlaps"][0]) == len(mandates)


def test_participation_table_equals_the_query(
    report_en: Produced, store: EmbeddedStore, paths: ProjectPaths
) -> None:
    page = Page(report_en.html)
    table = _run(store, paths, "reports/participation-by-region", instrument=TIP, date=AS_OF)
    assert table.rows, "the seed graph has participation data for the Protocol"
    _numbers_match(page.tables["reports/participation-by-region"], table)
    for record in table.records():  # the three counts make up each region's states
        parts = record["parties"] + record["signatoriesOnly"] + record["neverActed"]  # type: ignore[operator]
        assert parts == record["states"], record["region"]


def test_participation_agrees_with_the_parties_query(
    report_en: Produced, store: EmbeddedStore, paths: ProjectPaths
) -> None:
    """Parties by region add up to the parties as of the date that are states."""
    data = report_en.written.data
    parties = _run(store, paths, "analysis/participation-party-as-of", instrument=TIP, date=AS_OF)
    states = {p for p in parties.column("participant") if "/id/state/" in str(p)}
    assert sum(int(r["parties"]) for r in data.participation.records()) == len(states)  # type: ignore[arg-type]


@pytest.mark.parametrize("name", ["analysis/mandate-overlaps", "reports/timeline"], ids=lambda n: n)
def test_library_tables_equal_the_queries(
    name: str, report_en: Produced, store: EmbeddedStore, paths: ProjectPaths
) -> None:
    page = Page(report_en.html)
    table = _run(store, paths, name)
    if name == "reports/timeline":
        table = Table(
            table.name,
            table.summary,
            table.columns,
            tuple(r for r in table.rows if str(r[0])[:10] <= AS_OF),
        )
    _numbers_match(page.tables[name], table)


def test_every_gap_is_a_finding_with_its_query(
    report_en: Produced, store: EmbeddedStore, paths: ProjectPaths
) -> None:
    page = Page(report_en.html)
    spread = gaps.params_for({"date": AS_OF, "instrument": TIP}, paths.queries)
    expected = gaps.gaps(store, paths.queries, spread)
    assert [f.query for f in report_en.written.data.findings] == [t.name for t in expected]
    for table in expected:
        if table.rows:
            _numbers_match(page.tables[table.name], table)
        assert f"<code>{table.name}</code>" in report_en.html, table.name
        finding = next(f for f in report_en.written.data.findings if f.query == table.name)
        assert finding.command().startswith(f"atkg query {table.name}")
        for name, value in spread.get(table.name, {}).items():
            assert f"-p {name}={value}" in finding.command(), (table.name, name)


def test_findings_carry_evidence(
    report_en: Produced, store: EmbeddedStore, paths: ProjectPaths
) -> None:
    """Every gap row about an entity names its sources, unless the graph records none."""
    for finding in report_en.written.data.findings:
        for item in finding.items:
            if item.evidence or not item.subject or "/region/" in item.subject:
                continue
            sources = _run(store, paths, "reports/evidence", entity=item.subject, instrument=TIP)
            assert not sources.rows, f"{finding.query}: {item.subject} shown without its sources"
    paragraphs = next(
        f
        for f in report_en.written.data.findings
        if f.query == "analysis/gpa-paragraphs-without-body"
    )
    assert any("A/RES/64/293 annex para" in e.source for i in paragraphs.items for e in i.evidence)


def test_markdown_has_the_same_findings(report_en: Produced) -> None:
    text = report_en.markdown
    for key, value, _ in report_en.written.data.key_figures:
        assert f"| {value} |" in text, key
    for finding in report_en.written.data.findings:
        assert f"`{finding.query}`" in text, finding.query
    for path in report_en.written.files:
        if path.suffix == ".svg":
            assert f"(figures/{path.name})" in text, path.name
            assert path.read_text(encoding="utf-8").lstrip().startswith("<?xml")
