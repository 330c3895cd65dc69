"""The UN Treaty Collection participation loader: counts, round trip, names, errors.

The quality bar of the issue: per instrument, the participants with a consent to be bound
are exactly the rows of the source table that carry one; a table regenerated from the graph
equals the source table (all 27 of the snapshot); UNTC's spellings, footnote markers
included, resolve to states, and an unknown name is an error naming file and line.
"""

from __future__ import annotations

import csv
import datetime
import shutil
import time
from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import RDF

from atkg import iris
from atkg.build import load_sources
from atkg.errors import InputError
from atkg.loaders import curated, participation, states, untc, vocabularies
from atkg.loaders.context import LoadContext
from atkg.namespaces import ATKG
from atkg.paths import ProjectPaths
from atkg.tables import Row, Table, read_table

UNTC = ProjectPaths.default().sources / "untc"
SHARED = (
    Path(__file__).resolve().parents[3]
    / "shared"
    / "data"
    / "untc-participation-2013-2015"
    / "treaties"
)


def manifest_rows() -> list[tuple[str, Path]]:
    table = read_table(UNTC / "manifest.tsv", participation.MANIFEST_COLUMNS)
    return [(row.get("untc_id"), UNTC / row.get("file")) for row in table.rows]


TABLES = manifest_rows()
IDS = [untc_id for untc_id, _ in TABLES]


def source_rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


@pytest.fixture(scope="module")
def graph(built_graph: Graph) -> Graph:
    return built_graph


def instrument_of(graph: Graph, untc_id: str) -> URIRef:
    table = iris.document(f"untc/{untc_id}")
    instrument = graph.value(table, ATKG.statusOf)
    assert isinstance(instrument, URIRef), f"no instrument for {untc_id}"
    return instrument


# -- the snapshot, loaded --------------------------------------------------------------


def test_the_snapshot_has_27_tables() -> None:
    assert len(TABLES) == 27


@pytest.mark.skipif(not SHARED.exists(), reason="the team's shared data is not mounted")
@pytest.mark.parametrize(("untc_id", "path"), TABLES, ids=IDS)
def test_project_copy_equals_the_shared_snapshot(untc_id: str, path: Path) -> None:
    assert path.read_bytes() == (SHARED / path.name).read_bytes(), untc_id


@pytest.mark.parametrize(("untc_id", "path"), TABLES, ids=IDS)
def test_consent_count_equals_the_source(graph: Graph, untc_id: str, path: Path) -> None:
    rows = source_rows(path)
    consent_columns = [
        i for i, heading in enumerate(rows[0]) if i and untc.parse_heading(i, heading).consent
    ]
    expected = {r[0] for r in rows[1:] if any(r[i].strip() for i in consent_columns)}
    instrument = instrument_of(graph, untc_id)
    names = {
        str(graph.value(a, ATKG.participantName))
        for a in graph.subjects(ATKG.instrument, instrument)
        if (a, RDF.type, ATKG.ConsentToBeBound) in graph
    }
    assert names == expected, untc_id
    parties = {
        graph.value(a, ATKG.participant)
        for a in graph.subjects(ATKG.instrument, instrument)
        if (a, RDF.type, ATKG.ConsentToBeBound) in graph
    }
    assert len(parties) == len(expected), f"{untc_id}: two rows resolve to one participant"


@pytest.mark.parametrize(("untc_id", "path"), TABLES, ids=IDS)
def test_round_trip(graph: Graph, untc_id: str, path: Path) -> None:
    regenerated = participation.regenerate_table(graph, iris.document(f"untc/{untc_id}"))
    assert regenerated == source_rows(path), untc_id


def action(graph: Graph, instrument: str, participant: URIRef) -> tuple[str, str]:
    node = URIRef(
        f"{iris.instrument(instrument)}/action/{str(participant).split('/id/', 1)[1]}/consent"
    )
    kind = str(graph.value(node, ATKG.actionType)).rsplit("/", 1)[1]
    return kind, str(graph.value(node, ATKG.date))


def test_eu_approval_is_an_approval(graph: Graph) -> None:
    assert action(graph, "tip-protocol", iris.body("eu")) == ("approval", "2006-09-06")


def test_china_accession_is_an_accession(graph: Graph) -> None:
    assert action(graph, "tip-protocol", iris.state("CHN")) == ("accession", "2010-02-08")


def test_spot_checks_of_the_source_notes(graph: Graph) -> None:
    """SOURCE.txt's checks against UNTC: Albania, Algeria, the USA; Japan signed only."""
    assert action(graph, "tip-protocol", iris.state("ALB")) == ("ratification", "2002-08-21")
    assert action(graph, "tip-protocol", iris.state("DZA")) == ("ratification", "2004-03-09")
    assert action(graph, "tip-protocol", iris.state("USA")) == ("ratification", "2005-11-03")
    jpn = URIRef(f"{iris.instrument('tip-protocol')}/action/state/JPN/consent")
    assert (jpn, None, None) not in graph


def test_columns_name_their_action_types(graph: Graph) -> None:
    def kinds(instrument: str) -> set[str]:
        return {
            str(o).rsplit("/", 1)[1]
            for a in graph.subjects(ATKG.instrument, iris.instrument(instrument))
            for o in graph.objects(a, ATKG.actionType)
        }

    assert kinds("slavery-convention-1926-amended") == {
        "definitive-signature",
        "participation",
        "ratification",
        "accession",
        "succession",
    }
    assert kinds("traffic-protocol-1947") == {
        "signature",
        "definitive-signature",
        "acceptance",
        "succession",
    }
    # "Definitive signature of the Protocol, Acceptance of the Protocol, ...": form unrecorded
    assert "participation" in kinds("traffic-women-children-1921-amended")


def test_every_table_says_as_of_when(graph: Graph) -> None:
    for untc_id, _ in TABLES:
        date = graph.value(iris.document(f"untc/{untc_id}"), ATKG.statusDate)
        assert date is not None and date.toPython() <= datetime.date(2015, 1, 27), untc_id


def real_context(paths: ProjectPaths) -> LoadContext:
    """What the participation loader needs of a load: concepts, states and bodies indexed."""
    ctx = LoadContext()
    vocab = paths.vocabularies / "concepts.tsv"
    vocabularies.index_concepts(ctx, read_table(vocab, vocabularies.COLUMNS))
    states.index_states(ctx, paths.sources / "country-codes")
    curated.index_keys(ctx, curated.read_curated(paths.curated, str))
    return ctx


def test_loader_is_fast(paths: ProjectPaths) -> None:
    """Reading the 27 tables and mapping about 3,500 actions takes well under a second."""
    ctx = real_context(paths)
    instruments = read_table(paths.curated / "instruments.tsv", curated.TABLES[2].columns)
    started = time.process_time()
    source = participation.read_untc(ctx, UNTC, str)
    graph = participation.load_participation(
        ctx, source, instruments, paths.sources / "country-codes"
    )
    elapsed = time.process_time() - started
    assert ctx.problems == []
    assert len(graph) > 40_000
    assert elapsed < 3, f"{elapsed:.2f} s"


# -- units ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("heading", "consent", "marks"),
    [
        ("Signature", False, {"": "signature"}),
        ("Signature, Succession to signature(d)", False, {"": "signature", "d": "succession"}),
        (
            "Ratification, Acceptance(A), Approval(AA), Accession(a), Succession(d)",
            True,
            {
                "": "ratification",
                "A": "acceptance",
                "AA": "approval",
                "a": "accession",
                "d": "succession",
            },
        ),
        (
            "Accession(a), Succession(d), Ratification",
            True,
            {"": "ratification", "a": "accession", "d": "succession"},
        ),
        (
            "Definitive signature(s), Acceptance(A), Succession(d)",
            True,
            {"s": "definitive-signature", "A": "acceptance", "d": "succession"},
        ),
        (
            "Definitive signature or participation in the Convention and the Protocol, "
            "Participation(P)",
            True,
            {"": "definitive-signature", "P": "participation"},
        ),
        (
            "Definitive signature of the Protocol, Acceptance of the Protocol, Succession to the "
            "Protocol",
            True,
            {"": "participation"},
        ),
        (
            "Formal confirmation(c), Accession(a), Ratification",
            True,
            {"": "ratification", "c": "formal-confirmation", "a": "accession"},
        ),
    ],
)
def test_parse_heading(heading: str, consent: bool, marks: dict[str, str]) -> None:
    column = untc.parse_heading(1, heading)
    assert (column.consent, column.marks) == (consent, marks)


def test_parse_heading_rejects_an_unknown_action() -> None:
    with pytest.raises(ValueError, match="Reservation"):
        untc.parse_heading(1, "Ratification, Reservation(R)")


@pytest.mark.parametrize(
    ("cell", "date", "mark"),
    [
        ("8 Feb 2010 a", datetime.date(2010, 2, 8), "a"),
        ("12 Dec 2000", datetime.date(2000, 12, 12), ""),
        ("6 Sep 2006 AA", datetime.date(2006, 9, 6), "AA"),
        ("25\u00a0Oct 1988  P", datetime.date(1988, 10, 25), "P"),
    ],
)
def test_parse_cell(cell: str, date: datetime.date, mark: str) -> None:
    assert untc.parse_cell(cell) == (date, mark)
    assert untc.format_cell(date, mark) == " ".join(cell.split())


@pytest.mark.parametrize("cell", ["2010-02-08", "8 February 2010", "8 Feb 2010 a b", "31 Feb 2010"])
def test_parse_cell_rejects(cell: str) -> None:
    with pytest.raises(ValueError):
        untc.parse_cell(cell)


@pytest.mark.parametrize(
    ("cell", "name"),
    [
        ("China", "China"),
        ("China4", "China"),
        ("Denmark 5, 6", "Denmark"),
        ("Serbia\u00a02,3", "Serbia"),
        ("Holy See*", "Holy See"),
        ("Germany [7]", "Germany"),
        ("Bosnia and Herzegovina³", "Bosnia and Herzegovina"),
        ("Micronesia (Federated States of)", "Micronesia (Federated States of)"),
    ],
)
def test_strip_footnotes(cell: str, name: str) -> None:
    assert untc.strip_footnotes(cell) == name


# -- refreshed and broken input ----------------------------------------------------------


HEADER = (
    'Participant,Signature,"Ratification, Acceptance(A), Approval(AA), Accession(a), '
    'Succession(d)"\n'
)
MANIFEST_HEAD = "\t".join(participation.MANIFEST_COLUMNS) + "\n"


@pytest.fixture(scope="module")
def context(paths: ProjectPaths) -> LoadContext:
    return real_context(paths)


def load_scratch(
    tmp_path: Path, ctx: LoadContext, table: str, untc_id: str = "XVIII-12-a"
) -> tuple[Graph, list[str]]:
    """Load one table through the participation loader alone, as tables/18-12-a.csv."""
    directory = tmp_path / "untc"
    (directory / "tables").mkdir(parents=True)
    shutil.copy(UNTC / participation.NAMES, directory / participation.NAMES)
    (directory / "tables" / "18-12-a.csv").write_text(table, encoding="utf-8")
    (directory / participation.MANIFEST).write_text(
        MANIFEST_HEAD + f"{untc_id}\ttables/18-12-a.csv\t\t2014-01-27\t\t\n", encoding="utf-8"
    )
    scratch = LoadContext(ctx.keys.copy(), set(ctx.concepts), [])
    scratch.keys["document"] = set(ctx.keys["document"])
    source = participation.read_untc(
        scratch, directory, lambda p: p.relative_to(tmp_path).as_posix()
    )
    instruments = Table(Path("instruments.tsv"), "instruments.tsv", {}, ["id", "untc_id"])
    instruments.rows.append(Row(2, {"id": "tip-protocol", "untc_id": "XVIII-12-a"}))
    graph = participation.load_participation(
        scratch, source, instruments, ProjectPaths.default().sources / "country-codes"
    )
    return graph, [str(p) for p in scratch.problems]


def test_names_with_footnote_markers_and_new_spellings_resolve(
    tmp_path: Path, context: LoadContext
) -> None:
    g, found = load_scratch(
        tmp_path,
        context,
        HEADER + 'China 4,,8 Feb 2010 a\n"Türkiye5, 6",13 Dec 2000,25 Mar 2003\n'
        "Netherlands (Kingdom of the),12 Dec 2000,27 Jul 2005 A\n"
        "European Union 7,12 Dec 2000,6 Sep 2006 AA\nCzechia,,24 Sep 2014\n",
    )
    assert found == []
    tip = iris.instrument("tip-protocol")
    participants = {g.value(a, ATKG.participant) for a in g.subjects(ATKG.instrument, tip)}
    assert participants == {
        iris.state("CHN"),
        iris.state("TUR"),
        iris.state("NLD"),
        iris.body("eu"),
        iris.state("CZE"),
    }
    regenerated = participation.regenerate_table(g, iris.document("untc/XVIII-12-a"))
    assert regenerated[1] == ["China 4", "", "8 Feb 2010 a"]
    assert regenerated[2] == ["Türkiye5, 6", "13 Dec 2000", "25 Mar 2003"]


def test_unknown_participant_stops_the_build_naming_file_and_line(
    project_copy: ProjectPaths,
) -> None:
    path = project_copy.sources / "untc" / "tables" / "18-12-a.csv"
    path.write_text(HEADER + "China,,8 Feb 2010 a\nFreedonia 3,1 Jan 2001,\n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_sources(project_copy)
    found = [str(p) for p in info.value.problems]
    assert any(
        p.startswith("data/sources/untc/tables/18-12-a.csv:3 [Participant]") and "Freedonia 3" in p
        for p in found
    ), found


def test_bad_date_and_mark_name_file_line_and_column(tmp_path: Path, context: LoadContext) -> None:
    _, found = load_scratch(tmp_path, context, HEADER + "China,,2010-02-08\nJapan,9 Dec 2002 a,\n")
    assert any(
        p.startswith("untc/tables/18-12-a.csv:2 [Ratification") and "not a UNTC date" in p
        for p in found
    ), found
    assert any(
        p.startswith("untc/tables/18-12-a.csv:3 [Signature]") and "mark 'a'" in p for p in found
    ), found


def test_a_participant_twice_is_an_error(tmp_path: Path, context: LoadContext) -> None:
    _, found = load_scratch(
        tmp_path, context, HEADER + "Turkey,,25 Mar 2003\nTürkiye,,25 Mar 2003\n"
    )
    assert any("18-12-a.csv:3" in p and "second consent" in p and "line 2" in p for p in found), (
        found
    )


def test_table_without_instrument_names_the_manifest_line(
    tmp_path: Path, context: LoadContext
) -> None:
    _, found = load_scratch(tmp_path, context, HEADER + "China,,8 Feb 2010 a\n", "XVIII-12-z")
    assert any(
        p.startswith("untc/manifest.tsv:2 [untc_id]") and "XVIII-12-z" in p for p in found
    ), found


def test_unknown_heading_names_file_and_column(tmp_path: Path, context: LoadContext) -> None:
    _, found = load_scratch(
        tmp_path, context, 'Participant,Signature,"Ratification, Reservation(R)"\nChina,,\n'
    )
    assert any(
        p.startswith("untc/tables/18-12-a.csv:1 [Ratification, Reservation(R)]") for p in found
    ), found


def test_no_untc_directory_is_no_data(tmp_path: Path) -> None:
    ctx = LoadContext()
    source = participation.read_untc(ctx, tmp_path / "untc", lambda p: p.name)
    assert source.tables == [] and ctx.problems == []
    assert len(participation.load_participation(ctx, source, None, tmp_path)) == 0


def test_copy_keeps_provenance_notes() -> None:
    text = (UNTC / "SOURCE.txt").read_text(encoding="utf-8")
    for needed in ("zmjones/untreaties", "003ce1309cc2a27a5a3909f39b7e6634550bf173", "Licence"):
        assert needed in text
