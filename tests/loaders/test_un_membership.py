"""UN membership from the General Assembly's recorded votes.

The shipped table must be what the derivation gives from the UN's metadata (when the
metadata is beside the project), name exactly the 193 Member States, and load as one
attested Membership in the United Nations per state; observers and the other treaty
participants (Holy See, State of Palestine, Cook Islands, Niue) are never Members.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rdflib import Graph, Literal
from rdflib.namespace import RDF, RDFS, XSD

from atkg import iris
from atkg.build import load_sources
from atkg.errors import InputError
from atkg.loaders import un_membership
from atkg.namespaces import ATKG, PROV
from atkg.paths import ProjectPaths
from atkg.tables import read_table

PATHS = ProjectPaths.default()
SOURCE_DIR = PATHS.sources / "unga-metadata"
COUNTRY_DIR = PATHS.sources / "country-codes"
SHARED_METADATA = PATHS.root.parent / "shared" / "data" / "unga-resolutions" / "metadata"
NOT_MEMBERS = ("VAT", "PSE", "COK", "NIU")
UN = iris.body("un")


def shipped() -> dict[str, dict[str, str]]:
    table = read_table(SOURCE_DIR / un_membership.MEMBERS_FILE, un_membership.COLUMNS)
    return {row.get("state"): row.cells for row in table.rows}


def members(graph: Graph) -> set[str]:
    found = set()
    for node in graph.subjects(ATKG.organization, UN):
        if (node, RDF.type, ATKG.Membership) in graph:
            agent = graph.value(node, ATKG.agent)
            found.add(str(agent).rsplit("/", 1)[1])
    return found


def test_the_table_names_the_193_member_states() -> None:
    rows = shipped()
    assert len(rows) == 193
    assert not set(NOT_MEMBERS) & set(rows)


@pytest.mark.skipif(
    not SHARED_METADATA.is_dir(), reason="the UN metadata is not beside the project"
)
def test_the_table_is_what_the_metadata_gives() -> None:
    names = un_membership.spelling_index(SOURCE_DIR, COUNTRY_DIR)
    seen, sessions = un_membership.derive(SHARED_METADATA, names)
    expected = (SOURCE_DIR / un_membership.MEMBERS_FILE).read_text(encoding="utf-8")
    assert un_membership.render(seen, sessions) == expected


def test_each_member_has_one_attested_membership(built_graph: Graph) -> None:
    assert members(built_graph) == set(shipped())
    for state, row in shipped().items():
        node = iris.relation("Membership", f"state:{state}", "body:un", "member")
        latest = Literal(row["latest_vote_date"], datatype=XSD.date)
        assert (node, ATKG.asOf, latest) in built_graph, state
        assert (node, PROV.wasDerivedFrom, iris.dataset("unga-metadata")) in built_graph, state
        pages = {str(page) for page in built_graph.objects(node, RDFS.seeAlso)}
        assert f"https://undocs.org/en/{row['latest_vote']}" in pages, state


@pytest.mark.parametrize("iso3", NOT_MEMBERS)
def test_observers_and_other_participants_are_not_members(built_graph: Graph, iso3: str) -> None:
    assert iso3 not in members(built_graph)
    assert (iris.state(iso3), RDF.type, ATKG.State) in built_graph


def test_unknown_voter_names_file_and_line(tmp_path: Path) -> None:
    record = {
        "symbol": "A/RES/80/1",
        "adoption_date": "1 October 2025",
        "MS_in_favour": ["CHINA", "FREEDONIA"],
    }
    (tmp_path / "80.jsonl").write_text("\n" + json.dumps(record) + "\n", encoding="utf-8")
    names = un_membership.spelling_index(SOURCE_DIR, COUNTRY_DIR)
    with pytest.raises(InputError) as info:
        un_membership.derive(tmp_path, names)
    found = [str(p) for p in info.value.problems]
    assert found == [f"{tmp_path / '80.jsonl'}:2 [MS_in_favour]: unknown Member State 'FREEDONIA'"]


def test_a_row_naming_no_state_stops_the_build(project_copy: ProjectPaths) -> None:
    path = project_copy.sources / "unga-metadata" / un_membership.MEMBERS_FILE
    text = path.read_text(encoding="utf-8")
    path.write_text(text + "XXZ\tA/RES/80/1\t2025-10-01\tA/RES/80/1\t2025-10-01\t1\n", "utf-8")
    with pytest.raises(InputError) as info:
        load_sources(project_copy)
    found = [str(p) for p in info.value.problems]
    line = text.count("\n") + 1
    assert any(
        p.startswith(f"data/sources/unga-metadata/member-states.tsv:{line} [state]") for p in found
    ), found


def test_the_regenerator_writes_the_same_table(tmp_path: Path) -> None:
    if not SHARED_METADATA.is_dir():
        pytest.skip("the UN metadata is not beside the project")
    project = tmp_path / "project"
    for part in ("unga-metadata", "country-codes"):
        target = project / "data" / "sources" / part
        target.mkdir(parents=True)
        for f in (PATHS.sources / part).iterdir():
            if f.is_file() and f.name != un_membership.MEMBERS_FILE:
                (target / f.name).write_bytes(f.read_bytes())
    code = un_membership.main([str(SHARED_METADATA), "--project", str(project)])
    assert code == 0
    written = project / "data" / "sources" / "unga-metadata" / un_membership.MEMBERS_FILE
    assert written.read_text("utf-8") == (SOURCE_DIR / un_membership.MEMBERS_FILE).read_text(
        "utf-8"
    )
