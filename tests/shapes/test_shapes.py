"""The SHACL shapes themselves: well-formed, documented, bound to the ontology, and each
node shape exercised by fixtures that must conform or fail exactly as expected.

Fixtures live in tests/shapes/<ShapeName>/: `valid.ttl` must produce no result at all,
each `invalid-*.ttl` must produce exactly the results it lists as `sh:ValidationResult`
nodes (focus node, path, constraint component, source shape, severity), DASH-style.
A fixture is materialised with the build's own CONSTRUCT rules and the ontology, so it
states only asserted types, as a curated table would. A fixture may give a shape that
has no target of its own a test-only target (triples whose subject is an atkg-sh: IRI
go to the shapes graph, not the data).
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, RDFS
from rdflib.term import Node

from atkg import iris
from atkg.build import data_graph, to_store
from atkg.loaders.context import LOCATOR
from atkg.namespaces import ATKG, ATKG_SH, ATKGID, SH
from atkg.paths import ProjectPaths
from atkg.reason import construct_rules, materialise
from atkg.validate import load_shapes

PATHS = ProjectPaths.default()
FIXTURES = Path(__file__).parent
TARGETS = (SH.targetClass, SH.targetSubjectsOf, SH.targetObjectsOf, SH.targetNode, SH.target)
#: Predicates whose objects name classes or properties the ontology must declare.
TERM_PREDICATES = (
    SH.targetClass,
    SH.targetSubjectsOf,
    SH.targetObjectsOf,
    SH["class"],
    SH.path,
    SH.equals,
    SH.disjoint,
    SH.lessThan,
    SH.lessThanOrEquals,
    SH["in"],
)
SEVERITIES = {SH.Violation, SH.Warning, SH.Info}

Key = tuple[str, str, str, str, str]


@cache
def shapes() -> Graph:
    return load_shapes(PATHS.shapes)


def node_shapes() -> list[URIRef]:
    return sorted(s for s in shapes().subjects(RDF.type, SH.NodeShape) if isinstance(s, URIRef))


def property_shapes() -> list[URIRef]:
    return sorted(s for s in set(shapes().subjects(SH.path, None)) if isinstance(s, URIRef))


def name(shape: URIRef) -> str:
    return shape.removeprefix(str(ATKG_SH))


def fixture_files() -> list[Path]:
    return sorted(FIXTURES.glob("*Shape/*.ttl"))


# -- the shapes graph -----------------------------------------------------------------


def test_shapes_conform_to_shacl_shacl() -> None:
    """The shapes graph is valid SHACL (pyshacl's bundled SHACL-SHACL graph)."""
    from pyshacl.entrypoints import meta_validate

    conforms, _report, text = meta_validate(shapes(), inference="none")
    assert conforms, text


def _terms(graph: Graph, node: Node) -> set[URIRef]:
    """IRIs a shapes value names: itself, list members, or the parts of a path."""
    if isinstance(node, URIRef):
        return {node}
    if not isinstance(node, BNode):
        return set()
    found: set[URIRef] = set()
    if graph.value(node, RDF.first) is not None:
        for item in Collection(graph, node):
            found |= _terms(graph, item)
        return found
    for _p, o in graph.predicate_objects(node):
        found |= _terms(graph, o)
    return found


def test_atkg_terms_in_shapes_are_declared(ontology: Graph) -> None:
    """Every atkg IRI a shape targets, follows, compares or requires is in the ontology."""
    graph = shapes()
    used: set[URIRef] = set()
    for predicate in TERM_PREDICATES:
        for value in graph.objects(None, predicate):
            used |= _terms(graph, value)
    atkg_terms = {t for t in used if t.startswith(str(ATKG))}
    assert atkg_terms, "the shapes name no atkg term at all"
    undeclared = sorted(t for t in atkg_terms if (t, RDF.type, None) not in ontology)
    assert not undeclared, f"atkg terms used by shapes but not declared: {undeclared}"


def test_instance_iris_in_shapes_exist(built_graph: Graph) -> None:
    """Concept schemes the shapes require (role, verb, plan-part ...) exist in the build."""
    graph = shapes()
    used = {t for p in TERM_PREDICATES for v in graph.objects(None, p) for t in _terms(graph, v)}
    instances = sorted(t for t in used if t.startswith(str(ATKGID)))
    missing = [t for t in instances if (t, None, None) not in built_graph]
    assert not missing, f"shapes name instances the build does not have: {missing}"


@pytest.mark.parametrize("shape", node_shapes(), ids=name)
def test_node_shape_is_named_and_documented(shape: URIRef) -> None:
    graph = shapes()
    assert re.fullmatch(r"[A-Z][A-Za-z]*Shape", name(shape)), "node shapes are <Name>Shape"
    assert graph.value(shape, RDF.type) == SH.NodeShape
    for predicate in (RDFS.label, RDFS.comment):
        assert graph.value(shape, predicate) is not None, f"no {predicate}"
    node_level = {SH.pattern, SH.nodeKind, SH["class"], SH["or"], SH["not"], SH.sparql}
    if any(graph.value(shape, p) is not None for p in node_level):
        assert graph.value(shape, SH.severity) in SEVERITIES, "node constraint: severity"
    if any(graph.value(shape, p) is not None for p in node_level - {SH.sparql}):
        assert graph.value(shape, SH.message) is not None, "node constraint: message"
    for constraint in graph.objects(shape, SH.sparql):
        for predicate in (SH.name, SH.description, SH.message, SH.select):
            assert graph.value(constraint, predicate) is not None, f"SPARQL: no {predicate}"


@pytest.mark.parametrize("shape", property_shapes(), ids=name)
def test_property_shape_is_documented(shape: URIRef) -> None:
    """Each property shape has a name, a description, a curator message and a severity."""
    graph = shapes()
    owners = sorted(name(s) for s in graph.subjects(SH.property, shape))
    assert owners, "property shape not used by any node shape"
    assert any(name(shape).startswith(f"{o}-") for o in owners), "named <NodeShape>-<aspect>"
    for predicate in (SH.name, SH.description, SH.message):
        value = graph.value(shape, predicate)
        assert isinstance(value, Literal) and str(value).strip(), f"no {predicate}"
    assert graph.value(shape, SH.severity) in SEVERITIES, "explicit sh:Violation/Warning/Info"


def targets(shape: URIRef) -> set[tuple[URIRef, Node]]:
    return {(p, o) for p in TARGETS for o in shapes().objects(shape, p)}


def helpers() -> set[Node]:
    """Node shapes other shapes use through sh:not or sh:node, rather than by target."""
    graph = shapes()
    return {o for p in (SH["not"], SH.node) for o in graph.objects(None, p)}


@pytest.mark.parametrize("shape", node_shapes(), ids=name)
def test_targets_sit_on_property_shapes(shape: URIRef) -> None:
    """A node shape with property shapes has no target (else pyshacl would check each
    property once per focus node); its property shapes all carry the same targets, so
    that one area covers one set of nodes."""
    members = sorted(shapes().objects(shape, SH.property))
    if not members:
        assert targets(shape), "a node shape without property shapes needs targets"
        return
    assert not targets(shape), "move the node shape's targets to its property shapes"
    if shape in helpers():
        assert all(not targets(m) for m in members), "a helper shape has no targets"
        return
    first = targets(members[0])  # type: ignore[arg-type]
    assert first, f"{name(members[0])} has no target"  # type: ignore[arg-type]
    differing = [name(m) for m in members if targets(m) != first]  # type: ignore[arg-type]
    assert not differing, f"targets differ from {name(members[0])}'s: {differing}"  # type: ignore[arg-type]


def test_every_property_shape_is_named() -> None:
    """No anonymous property shapes: results then name the rule that fired."""
    graph = shapes()
    anonymous = [o for o in graph.objects(None, SH.property) if not isinstance(o, URIRef)]
    assert not anonymous


def test_locator_pattern_is_the_loaders() -> None:
    """AttestationShape checks the same locator grammar the loader enforces."""
    pattern = shapes().value(ATKG_SH["AttestationShape-locator"], SH.pattern)
    assert str(pattern) == LOCATOR.pattern


def test_symbol_pattern_is_the_extractors() -> None:
    """The extractor describes only symbols the shape accepts: the two patterns agree."""
    from atkg.extract.to_rdf import SYMBOL_SHAPE

    assert str(symbol_pattern().pattern) == SYMBOL_SHAPE.pattern


def symbol_pattern() -> re.Pattern[str]:
    pattern = shapes().value(ATKG_SH["DocumentIdentifierShape-symbol"], SH.pattern)
    return re.compile(str(pattern))


GOOD_SYMBOLS = (
    "A/RES/64/293",
    "E/RES/2006/27",
    "A/HRC/RES/6/14",
    "E/CN.4/DEC/2004/110",
    "E/CN.4/RES/1990/68",
    "E/2002/68/Add.1",
    "CTOC/COP/2010/1",
    "ST/SGB/2003/7",
    "A/C.3/70/L.5",
    "A/C.3/70/L.5/Rev.1",
    "A/63/53",
    "S/RES/2331(2016)",
    "A/RES/S-23/2",
    "A/RES/ES-10/19",
    "CEDAW/C/GC/38",
    "E/CN.15/2010/L.3/Rev.1",
)
BAD_SYMBOLS = (
    "A/RES/64/293 ",
    "a/res/64/293",
    "A/RES/64/",
    "A/RES/64/293/",
    "64/293",
    "A//RES/64",
    "A/RES/64/293/Add",
    "A/RES/sixty-four/293",
    "第 64/293 号决议",
    "A/RES",
)


@pytest.mark.parametrize("symbol", GOOD_SYMBOLS)
def test_symbol_pattern_accepts(symbol: str) -> None:
    assert symbol_pattern().match(symbol)


@pytest.mark.parametrize("symbol", BAD_SYMBOLS)
def test_symbol_pattern_rejects(symbol: str) -> None:
    assert not symbol_pattern().match(symbol)


# -- fixtures -----------------------------------------------------------------------------


@pytest.mark.parametrize("shape", node_shapes(), ids=name)
def test_node_shape_has_fixtures(shape: URIRef) -> None:
    folder = FIXTURES / name(shape)
    assert (folder / "valid.ttl").is_file(), f"missing {folder.name}/valid.ttl"
    assert sorted(folder.glob("invalid-*.ttl")), f"missing {folder.name}/invalid-*.ttl"


def path_key(graph: Graph, path: Node | None) -> str:
    """A SHACL path as text, so expected and reported blank-node paths compare."""
    if path is None:
        return ""
    if isinstance(path, URIRef):
        return str(path)
    if graph.value(path, RDF.first) is not None:
        return "(" + " / ".join(path_key(graph, p) for p in Collection(graph, path)) + ")"
    alternatives = graph.value(path, SH.alternativePath)
    if alternatives is not None:
        return "(" + " | ".join(path_key(graph, p) for p in Collection(graph, alternatives)) + ")"
    for predicate, op in (
        (SH.inversePath, "^"),
        (SH.zeroOrMorePath, "*"),
        (SH.oneOrMorePath, "+"),
        (SH.zeroOrOnePath, "?"),
    ):
        inner = graph.value(path, predicate)
        if inner is not None:
            return f"{op}{path_key(graph, inner)}"
    raise AssertionError(f"unsupported path {path!r}")


def result_keys(graph: Graph) -> set[Key]:
    keys = set()
    for result in graph.subjects(RDF.type, SH.ValidationResult):
        keys.add(
            (
                str(graph.value(result, SH.focusNode)),
                path_key(graph, graph.value(result, SH.resultPath)),
                str(graph.value(result, SH.sourceConstraintComponent)).removeprefix(str(SH)),
                name(graph.value(result, SH.sourceShape)),  # type: ignore[arg-type]
                str(graph.value(result, SH.resultSeverity)).removeprefix(str(SH)),
            )
        )
    return keys


def split_fixture(path: Path) -> tuple[Graph, Graph, set[Key]]:
    """(data, test-only shape triples, expected results) of one fixture file."""
    graph = Graph().parse(path, format="turtle")
    expected = result_keys(graph)
    for result in list(graph.subjects(RDF.type, SH.ValidationResult)):
        for node in [result, *graph.objects(result, SH.resultPath)]:
            for triple in list(graph.cbd(node)):
                graph.remove(triple)
    extra = Graph()
    for triple in list(graph):
        if isinstance(triple[0], URIRef) and triple[0].startswith(str(ATKG_SH)):
            extra.add(triple)
            graph.remove(triple)
    return graph, extra, expected


@pytest.fixture(scope="module")
def rules():  # type: ignore[no-untyped-def]
    return construct_rules(PATHS.queries)


def materialised(data: Graph, ontology: Graph, rules) -> Graph:  # type: ignore[no-untyped-def]
    """The fixture as the build would validate it: ontology inferences, typed strings."""
    store = to_store({"ontology": ontology, "fixture": data})
    materialise(store, rules, ox.NamedNode(str(iris.graph("inferred"))))
    return data_graph(store)


def isolated(shape: URIRef, extra: Graph) -> Graph:
    """The shapes graph with only the targets of `shape` and its property shapes."""
    keep = {shape, *shapes().objects(shape, SH.property)}
    graph = Graph()
    for triple in shapes():
        if triple[1] in TARGETS and triple[0] not in keep:
            continue
        graph.add(triple)
    return graph + extra


@pytest.mark.filterwarnings("ignore:NotImplemented should not be used:DeprecationWarning")
@pytest.mark.parametrize("fixture", fixture_files(), ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_fixture(fixture: Path, ontology: Graph, rules) -> None:  # type: ignore[no-untyped-def]
    from pyshacl import validate

    shape = ATKG_SH[fixture.parent.name]
    assert shape in node_shapes(), f"fixture folder names no node shape: {shape}"
    data, extra, expected = split_fixture(fixture)
    if fixture.stem == "valid":
        assert not expected, "valid.ttl lists no expected results"
    else:
        assert expected, f"{fixture.name} lists no expected sh:ValidationResult"
    _conforms, report, _text = validate(
        materialised(data, ontology, rules),
        shacl_graph=isolated(shape, extra),
        inference="none",
        allow_warnings=True,
        allow_infos=True,
        advanced=True,
    )
    actual = result_keys(report)
    extra, missing = sorted(actual - expected), sorted(expected - actual)
    assert not extra, "unexpected results:\n" + "\n".join(map(str, extra))
    assert not missing, "expected results not reported:\n" + "\n".join(map(str, missing))
