"""Persons (data/curated/persons.tsv): rows well formed and resolved in the build, every
person holding a post or role with its source, and the 19 signatories of the Group of
Friends letter (seed-000) representing the 19 states that signed it.

Failures name the row (`persons.tsv:<line>:<id>`) or the person's key.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF, RDFS

from atkg import iris
from atkg.build import load_sources
from atkg.errors import InputError
from atkg.loaders import curated
from atkg.namespaces import ATKG
from atkg.paths import ProjectPaths
from atkg.sparql import load_query
from atkg.store import EmbeddedStore
from atkg.tables import Row, read_table

PATHS = ProjectPaths.default()
SPEC = next(spec for spec in curated.TABLES if spec.name == "persons")
TABLE = read_table(PATHS.curated / "persons.tsv", SPEC.columns, display_path="persons.tsv")
ROWS = TABLE.rows
SEEDS = Path(os.environ.get("ATKG_SEEDS", PATHS.root.parent / "shared" / "seeds"))
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
#: seed document key -> file name prefix in /work/shared/seeds
SEED_FILES = {"seed-000": "000_", "seed-001": "001_", "seed-002": "002_", "seed-003": "003_"}
#: the titles the letter of the Group of Friends prints for its signatories
LETTER_ROLES = {"role/permanent-representative", "role/charge-d-affaires-ai"}
GROUP_OF_FRIENDS = iris.body("group-of-friends")
SIGNATORY = iris.concept("role", "signatory")


def _rid(row: Row) -> str:
    return f"persons.tsv:{row.line}:{row.get('id')}"


def _seed_text(key: str) -> str | None:
    prefix = SEED_FILES.get(key)
    files = sorted(SEEDS.glob(f"{prefix}*.txt")) if prefix and SEEDS.is_dir() else []
    return re.sub(r"\s+", "", files[0].read_text("utf-8")) if files else None


# -- the table ----------------------------------------------------------------------------


@pytest.mark.parametrize("row", ROWS, ids=_rid)
def test_person_row_is_well_formed(row: Row) -> None:
    assert SLUG.match(row.get("id")), "person ids are lower-case hyphenated ASCII slugs"
    assert row.get("name_zh"), "name_zh: the name as the seed prints it"
    assert "|" not in row.get("name_en"), "one English name (further spellings are not kept)"
    assert row.get("source") and row.get("locator"), "source and locator are mandatory"


@pytest.mark.parametrize("row", ROWS, ids=_rid)
def test_person_chinese_name_is_printed_in_its_source(row: Row) -> None:
    texts = [t for s in row.values("source") if (t := _seed_text(s)) is not None]
    if not texts:
        pytest.skip(f"seed texts not found in {SEEDS}")
    name = re.sub(r"\s+", "", row.get("name_zh"))
    assert any(name in t for t in texts), f"{row.get('name_zh')!r} is not printed in its source"


# -- in the build ------------------------------------------------------------------------


@pytest.mark.parametrize("row", ROWS, ids=_rid)
def test_person_resolves_in_the_build(row: Row, built_graph: Graph) -> None:
    node = iris.person(row.get("id"))
    assert (node, RDF.type, ATKG.Person) in built_graph
    assert (node, RDFS.label, Literal(row.get("name_zh"), lang="zh")) in built_graph
    if row.get("name_en"):
        assert (node, RDFS.label, Literal(row.get("name_en"), lang="en")) in built_graph
    sources = set(built_graph.objects(node, PROV.wasDerivedFrom))
    assert sources == {iris.document(s) for s in row.values("source")}


def _relations(graph: Graph, person: URIRef) -> list[URIRef]:
    return sorted(r for r in graph.subjects(ATKG.agent, person) if isinstance(r, URIRef))


@pytest.mark.parametrize("row", ROWS, ids=_rid)
def test_every_person_holds_a_role_with_provenance(row: Row, built_graph: Graph) -> None:
    """A person is named for a post or role: at least one qualified relation, with a role
    of the role scheme, a source and a locator."""
    relations = _relations(built_graph, iris.person(row.get("id")))
    assert relations, "no row of relations.tsv has this person as agent"
    for relation in relations:
        assert (relation, RDF.type, ATKG.QualifiedRelation) in built_graph, relation
        assert (relation, ATKG.role, None) in built_graph, f"{relation}: no role"
        assert (relation, PROV.wasDerivedFrom, None) in built_graph, f"{relation}: no source"
        locators = [
            built_graph.value(a, ATKG.locator)
            for a in built_graph.objects(relation, PROV.qualifiedDerivation)
        ]
        assert locators and all(locators), f"{relation}: no locator"


# -- the signatories of the Group of Friends letter ---------------------------------------


@pytest.fixture(scope="module")
def representatives(store: EmbeddedStore) -> dict[str, str]:
    """Organization -> person, for the posts seed-000 prints (through reports/persons)."""
    query = load_query(PATHS.queries / "reports" / "persons.rq", PATHS.queries)
    results = store.select(query, query.bind({}))
    found: dict[str, list[str]] = {}
    for row in results.rows:
        values = dict(zip(results.variables, row, strict=True))
        if str(values["role"]) in LETTER_ROLES and "seed-000" in str(values["evidence"]):
            found.setdefault(str(values["organization"]), []).append(str(values["person"]))
    twice = {org: persons for org, persons in found.items() if len(persons) > 1}
    assert not twice, f"states with more than one signatory: {twice}"
    return {org: persons[0] for org, persons in found.items()}


def _signatory_states(graph: Graph) -> set[str]:
    return {
        str(graph.value(r, ATKG.agent))
        for r in graph.subjects(ATKG.organization, GROUP_OF_FRIENDS)
        if (r, ATKG.role, SIGNATORY) in graph
        and (graph.value(r, ATKG.agent), RDF.type, ATKG.State) in graph
    }


def test_letter_names_nineteen_representatives(representatives: dict[str, str]) -> None:
    assert len(representatives) == 19, sorted(representatives)
    assert len(set(representatives.values())) == 19, "one person per state"


def test_representatives_match_the_signatory_states(
    representatives: dict[str, str], built_graph: Graph
) -> None:
    """Each state that signed the letter (relations.tsv, role/signatory of the group) has
    its signatory person, and no person represents a state that did not sign."""
    states = _signatory_states(built_graph)
    assert len(states) == 19, sorted(states)
    missing = sorted(s.rsplit("/", 1)[-1] for s in states - set(representatives))
    extra = sorted(s.rsplit("/", 1)[-1] for s in set(representatives) - states)
    assert not missing, f"signatory states without their representative: {missing}"
    assert not extra, f"representatives of states not among the signatories: {extra}"


def test_representatives_act_on_behalf_of_their_states(
    representatives: dict[str, str], built_graph: Graph
) -> None:
    """The build derives atkg:represents (a prov:actedOnBehalfOf) from each representation."""
    for state, person in representatives.items():
        assert (URIRef(person), ATKG.represents, URIRef(state)) in built_graph, person
        assert (URIRef(person), PROV.actedOnBehalfOf, URIRef(state)) in built_graph, person


def test_hosts_are_organizers_of_their_events(built_graph: Graph) -> None:
    """A Hosting relation makes its person an organizer of the event (hosts is the inverse
    of organizedBy)."""
    hostings = list(built_graph.subjects(RDF.type, ATKG.Hosting))
    assert hostings
    for relation in hostings:
        agent = built_graph.value(relation, ATKG.agent)
        event = built_graph.value(relation, ATKG.organization)
        assert (event, ATKG.organizedBy, agent) in built_graph, relation


# -- bad input -----------------------------------------------------------------------------


def _append(path: Path, line: str) -> int:
    text = path.read_text(encoding="utf-8")
    path.write_text(text + line + "\n", encoding="utf-8")
    return text.count("\n") + 1


def _problems(paths: ProjectPaths) -> list[str]:
    with pytest.raises(InputError) as info:
        load_sources(paths)
    return [str(p) for p in info.value.problems]


@pytest.mark.parametrize(
    ("cells", "column", "words"),
    [
        (("Hosting", "person:vitaly-churkin", "body:unodc", "role/host"), "organization", "event"),
        (("Membership", "person:vitaly-churkin", "state:RUS", ""), "organization", "state"),
        (("Representation", "person:no-such-person", "state:RUS", ""), "agent", "no-such"),
        (("Representation", "state:RUS", "person:vitaly-churkin", ""), "organization", "person"),
    ],
    ids=["hosting-a-body", "membership-of-a-state", "unknown-person", "person-as-organization"],
)
def test_bad_person_relation(
    project_copy: ProjectPaths, cells: tuple[str, ...], column: str, words: str
) -> None:
    path = project_copy.curated / "relations.tsv"
    line = _append(path, "\t".join([*cells, "", "", "", "seed-000", "signatories", ""]))
    prefix = f"data/curated/relations.tsv:{line} [{column}]"
    assert any(p.startswith(prefix) and words in p for p in _problems(project_copy))


def test_person_without_name(project_copy: ProjectPaths) -> None:
    path = project_copy.curated / "persons.tsv"
    line = _append(path, "zz-nameless\t\t\tseed-000\tsignatories\t")
    assert any(
        p.startswith(f"data/curated/persons.tsv:{line}") and "name" in p
        for p in _problems(project_copy)
    )
