"""The SPARQL-compiled validator (atkg.shacl_sparql) agrees with pyshacl.

The build validates with `validate_store`; these tests keep it honest: on every shape
fixture it reports exactly the results the fixture lists (which pyshacl reports too, as
tests/shapes/test_shapes.py checks), on the built graph exactly pyshacl's results, and
every shape of shapes/ compiles (none falls back to pyshacl silently).
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import RDF

from atkg import iris
from atkg.build import BuildResult, data_graph, to_store
from atkg.namespaces import ATKG_SH, SH
from atkg.paths import ProjectPaths
from atkg.reason import construct_rules, materialise
from atkg.shacl_sparql import compile_shapes
from atkg.validate import ValidationReport, load_shapes, validate_graph, validate_store

PATHS = ProjectPaths.default()
FIXTURES = Path(__file__).parent
TARGETS = (SH.targetClass, SH.targetSubjectsOf, SH.targetObjectsOf, SH.targetNode, SH.target)

Key = tuple[str, str, str, str, str]


def keys(report: ValidationReport) -> set[Key]:
    return {
        (r.focus, r.path, r.component, r.shape.rsplit("#", 1)[-1], r.severity)
        for r in report.results
    }


def expected_keys(graph: Graph) -> set[Key]:
    out = set()
    for result in graph.subjects(RDF.type, SH.ValidationResult):
        path = graph.value(result, SH.resultPath)
        out.add(
            (
                str(graph.value(result, SH.focusNode)),
                str(path) if isinstance(path, URIRef) else "",
                str(graph.value(result, SH.sourceConstraintComponent)).removeprefix(str(SH)),
                str(graph.value(result, SH.sourceShape)).rsplit("#", 1)[-1],
                str(graph.value(result, SH.resultSeverity)).removeprefix(str(SH)),
            )
        )
    return out


def fixture_files() -> list[Path]:
    return sorted(p for p in FIXTURES.glob("*/*.ttl"))


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return load_shapes(PATHS.shapes)


@pytest.fixture(scope="module")
def rules():  # type: ignore[no-untyped-def]
    return construct_rules(PATHS.queries)


def test_every_shape_compiles(shapes: Graph) -> None:
    _checks, unsupported = compile_shapes(shapes)
    assert not unsupported, f"shapes left to pyshacl: {unsupported}"


@pytest.mark.parametrize("fixture", fixture_files(), ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_fixture_agrees(fixture: Path, shapes: Graph, ontology: Graph, rules) -> None:  # type: ignore[no-untyped-def]
    graph = Graph().parse(fixture, format="turtle")
    expected = expected_keys(graph)
    for result in list(graph.subjects(RDF.type, SH.ValidationResult)):
        for node in [result, *graph.objects(result, SH.resultPath)]:
            for triple in list(graph.cbd(node)):
                graph.remove(triple)
    extra = Graph()
    for triple in list(graph):
        if isinstance(triple[0], URIRef) and triple[0].startswith(str(ATKG_SH)):
            extra.add(triple)
            graph.remove(triple)
    shape = ATKG_SH[fixture.parent.name]
    keep = {shape, *shapes.objects(shape, SH.property)}
    isolated = Graph()
    for triple in shapes:
        if triple[1] in TARGETS and triple[0] not in keep:
            continue
        isolated.add(triple)
    isolated += extra
    store = to_store({"ontology": ontology, "fixture": graph})
    materialise(store, rules, ox.NamedNode(str(iris.graph("inferred"))))
    actual = keys(validate_store(store, isolated))
    assert actual == expected, (
        f"unexpected: {sorted(actual - expected)}\nmissing: {sorted(expected - actual)}"
    )


def test_built_graph_agrees(built: BuildResult, shapes: Graph) -> None:
    fast = validate_store(built.store, shapes)
    slow = validate_graph(data_graph(built.store), shapes)
    full = {
        (r.severity, r.focus, r.path, r.component, r.shape, r.value, r.record) for r in fast.results
    }
    reference = {
        (r.severity, r.focus, r.path, r.component, r.shape, r.value, r.record) for r in slow.results
    }
    assert full == reference, (
        f"fast only: {sorted(full - reference)[:5]}\npyshacl only: {sorted(reference - full)[:5]}"
    )
