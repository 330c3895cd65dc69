"""The GA resolution metadata loader: records, votes, subjects, provenance, errors.

The shipped records are the trafficking-related ones; each must come out as a resolution
with its adoption facts, one vote node per state listed in its vote lists (so the counts
agree with the record's own), UNBIS subjects as IRIs only, and a derivation from the data
set at its line. An unknown voter is an error naming file and line; a document that a
curated row also describes keeps the curated row's single-valued literals.
"""

from __future__ import annotations

import csv
import datetime
import json
from collections import Counter
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF, RDFS

from atkg import iris
from atkg.build import assemble, data_graph
from atkg.loaders import states, unga_metadata
from atkg.loaders.context import LoadContext
from atkg.namespaces import ATKG
from atkg.paths import ProjectPaths

PATHS = ProjectPaths.default()
SOURCE_DIR = PATHS.sources / "unga-metadata"
SHIPPED = SOURCE_DIR / unga_metadata.DEFAULT_FILE
SHARED = PATHS.root.parent / "shared" / "data" / "unga-resolutions"
RECORDS = [
    (n, json.loads(line))
    for n, line in enumerate(SHIPPED.read_text(encoding="utf-8").splitlines(), start=1)
]
SYMBOLS = [r["symbol"] for _, r in RECORDS]
VOTED = [(n, r) for n, r in RECORDS if r["adoption_type"] == "By a recorded vote"]


@pytest.fixture(scope="module")
def graph(built_graph: Graph) -> Graph:
    return built_graph


def context() -> LoadContext:
    ctx = LoadContext()
    states.index_states(ctx, PATHS.sources / "country-codes")
    ctx.concepts.update(f"adoption/{k}" for k in unga_metadata.ADOPTION.values())
    return ctx


@pytest.mark.skipif(not SHARED.is_dir(), reason="shared data not available")
def test_shipped_records_are_the_trafficking_related_list() -> None:
    with (SHARED / "trafficking-related-GA-resolutions-74-80.csv").open(encoding="utf-8") as h:
        listed = [row["symbol"] for row in csv.DictReader(h)]
    assert sorted(SYMBOLS) == sorted(listed)


@pytest.mark.parametrize(("line", "record"), RECORDS, ids=SYMBOLS)
def test_resolution_is_loaded_with_its_adoption_facts(
    graph: Graph, line: int, record: dict
) -> None:
    doc = iris.document(record["symbol"])
    assert (doc, RDF.type, ATKG.GeneralAssemblyResolution) in graph
    assert [str(o) for o in graph.objects(doc, ATKG.symbol)] == [record["symbol"]]
    adopted = graph.value(doc, ATKG.adoptedOn)
    assert adopted is not None and isinstance(adopted.toPython(), datetime.date)
    assert str(graph.value(doc, ATKG.committee)) == record["committee"]
    key = unga_metadata.ADOPTION[record["adoption_type"]]
    assert graph.value(doc, ATKG.adoptionType) == iris.concept("adoption", key)
    record_text = f"data/sources/unga-metadata/{unga_metadata.DEFAULT_FILE}:{line}"
    assert [str(o) for o in graph.objects(doc, ATKG.curationRecord)] == [record_text]
    assert (doc, PROV.wasDerivedFrom, iris.dataset(unga_metadata.DATASET)) in graph


@pytest.mark.parametrize(("line", "record"), VOTED, ids=[r["symbol"] for _, r in VOTED])
def test_votes_agree_with_the_record(graph: Graph, line: int, record: dict) -> None:
    doc = iris.document(record["symbol"])
    cast = Counter(
        str(graph.value(vote, ATKG.voteCast)).rsplit("/", 1)[1]
        for vote in graph.subjects(ATKG.onDocument, doc)
    )
    for column, key in unga_metadata.VOTES:
        assert cast[key] == len(record[column]) == int(record[f"{column}_count"]), column
    for vote in graph.subjects(ATKG.onDocument, doc):
        assert graph.value(vote, ATKG.curationRecord).endswith(f":{line}")
        assert (graph.value(vote, ATKG.voter), RDF.type, ATKG.State) in graph


def test_subjects_are_unbis_iris_and_no_heading_is_copied(graph: Graph) -> None:
    subjects = set(graph.objects(None, ATKG.subject))
    assert subjects and all(str(s).startswith(unga_metadata.UNBIS) for s in subjects)
    trafficking = URIRef(unga_metadata.UNBIS + "1006622")
    assert (iris.document("A/RES/75/158"), ATKG.subject, trafficking) in graph
    # headings that are words, not the agenda-item numbers the source mixes in
    headings = {h.casefold() for _, r in RECORDS for h, *_ in r["subjects"] if len(h) > 4}
    titles = {r["title"].casefold() for _, r in RECORDS}
    ctx = context()
    source = unga_metadata.read_metadata(ctx, SOURCE_DIR, lambda p: p.name)
    loaded = unga_metadata.load_metadata(ctx, source, PATHS.sources / "country-codes")
    literals = {str(o).casefold() for _, _, o in loaded if isinstance(o, Literal)}
    assert not (headings - titles) & literals


def test_sponsors_are_states(graph: Graph) -> None:
    sponsors = list(graph.objects(iris.document("A/RES/75/158"), ATKG.sponsoredBy))
    assert len(sponsors) > 50
    assert all((s, RDF.type, ATKG.State) in graph for s in sponsors)


def test_ilo_c189_is_cited_from_a_res_75_158(graph: Graph) -> None:
    c189 = iris.instrument("ilo-c189")
    assert (c189, PROV.wasDerivedFrom, iris.document("A/RES/75/158")) in graph


def test_unknown_voter_is_an_error_naming_file_and_line(tmp_path: Path) -> None:
    record = dict(RECORDS[-1][1], MS_in_favour=["FRANCE", "NARNIA"])
    path = tmp_path / "x.jsonl"
    path.write_text("\n" + json.dumps(record) + "\n", encoding="utf-8")
    ctx = context()
    source = unga_metadata.read_metadata(ctx, SOURCE_DIR, lambda p: p.name, files=[path])
    unga_metadata.load_metadata(ctx, source, PATHS.sources / "country-codes")
    assert [(p.path, p.line) for p in ctx.problems] == [("x.jsonl", 2)]
    assert "NARNIA" in ctx.problems[0].message


def test_unresolved_sponsors_and_headings_are_reported() -> None:
    ctx = context()
    source = unga_metadata.read_metadata(ctx, SOURCE_DIR, lambda p: p.name)
    unga_metadata.load_metadata(ctx, source, PATHS.sources / "country-codes")
    assert not ctx.problems
    assert len(source.records) == len(RECORDS)
    assert any("SUBMITTED BY THE PRESIDENT" in u.upper() for u in source.unresolved)


def test_curated_row_wins_for_single_valued_literals(project_copy: ProjectPaths) -> None:
    documents = project_copy.curated / "documents.tsv"
    row = [
        "A/RES/75/158",
        "GeneralAssemblyResolution",
        "A/RES/75/158",
        "Trafficking in women and girls (curated)",
        "贩运妇女和女孩问题",
        "2020-12-16",
        "unga",
        "",
        "75",
        "28",
        "A/RES/75/158",
        "title",
        "",
    ]
    with documents.open("a", encoding="utf-8") as handle:
        handle.write("\t".join(row) + "\n")
    graph = data_graph(assemble(project_copy).store)  # raises if SHACL finds violations
    doc = iris.document("A/RES/75/158")
    english = [o for o in graph.objects(doc, RDFS.label) if o.language == "en"]
    assert english == [Literal("Trafficking in women and girls (curated)", lang="en")]
    assert len(list(graph.objects(doc, ATKG.symbol))) == 1
    records = [str(o) for o in graph.objects(doc, ATKG.curationRecord)]
    assert len(records) == 1 and records[0].startswith("data/curated/documents.tsv:")
    assert (doc, PROV.wasDerivedFrom, iris.dataset(unga_metadata.DATASET)) in graph
    assert str(graph.value(doc, ATKG.committee)) == "Third Committee"


@pytest.mark.slow
@pytest.mark.skipif(not SHARED.is_dir(), reason="shared data not available")
def test_all_records_load_on_request() -> None:
    files = unga_metadata.metadata_files(SOURCE_DIR, {unga_metadata.ENV: str(SHARED / "metadata")})
    assert len(files) == 10
    ctx = context()
    source = unga_metadata.read_metadata(ctx, SOURCE_DIR, str, files=files)
    graph = unga_metadata.load_metadata(ctx, source, PATHS.sources / "country-codes")
    assert not ctx.problems, ctx.problems[:5]
    assert len(source.records) > 2000
    assert len(graph) > 1_000_000
