"""The ontology is consistent under HermiT (OWL 2 DL), alone and with atkg's own data.

The data is checked together with `external-axioms.ttl`, the disjointness and domain/range
axioms of PROV-O and SKOS that bear on atkg's terms: the ontology does not import those
vocabularies, but its data must stay consistent when someone merges them. Two small bad
fixtures show that the check can fail. Timings go to the test report as properties
(`--junitxml`), and a generous budget catches a reasoner that suddenly bogs down.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from pathlib import Path

import pytest
from rdflib import Graph

from atkg.build import load_sources
from atkg.hermit import ConsistencyReport, check_consistency, java_available
from atkg.paths import ProjectPaths

pytestmark = [
    pytest.mark.reasoner,
    pytest.mark.skipif(not java_available(), reason="HermiT needs Java, and `java` is not on PATH"),
]

HERE = Path(__file__).parent
#: The curated graphs checked in the default run: agents (bodies and persons), posts, the
#: qualified relations between them and the events they take part in (where the PROV-O
#: clash was found).
SAMPLE = (
    "curated/bodies",
    "curated/persons",
    "curated/mandates",
    "curated/relations",
    "curated/events",
)
BUDGET_SECONDS = 60.0
#: The whole build (about 68,000 triples in 2026-11) took 3 to 30 s, depending on load.
WHOLE_GRAPH_BUDGET_SECONDS = 300.0

Record = Callable[[str, object], None]


def merged(*graphs: Iterable[tuple[object, object, object]]) -> Graph:
    result = Graph()
    for graph in graphs:
        for triple in graph:
            result.add(triple)  # type: ignore[arg-type]
    return result


def timed(
    record_property: Record,
    ontology: Graph,
    extra: Graph | None,
    budget: float = BUDGET_SECONDS,
) -> ConsistencyReport:
    started = time.perf_counter()
    report = check_consistency(ontology, extra)
    seconds = time.perf_counter() - started
    record_property("hermit_seconds", round(seconds, 2))
    assert seconds < budget, f"HermiT took {seconds:.1f} s (budget {budget:.0f} s)"
    return report


def assert_consistent(report: ConsistencyReport) -> None:
    assert report.consistent, (
        f"inconsistent: {report.message}; unsatisfiable: {report.unsatisfiable}"
    )
    assert not report.unsatisfiable, f"unsatisfiable classes: {report.unsatisfiable}"


@pytest.fixture(scope="module")
def external_axioms() -> Graph:
    return Graph().parse(HERE / "external-axioms.ttl", format="turtle")


@pytest.fixture(scope="module")
def sources(paths: ProjectPaths) -> dict[str, Graph]:
    return load_sources(paths)


def test_ontology_is_consistent(ontology: Graph, record_property: Record) -> None:
    report = timed(record_property, ontology, None)
    assert_consistent(report)
    assert report.classes > 50


def test_ontology_with_external_axioms_is_consistent(
    ontology: Graph, external_axioms: Graph, record_property: Record
) -> None:
    assert_consistent(timed(record_property, ontology, external_axioms))


def test_ontology_with_curated_sample_is_consistent(
    ontology: Graph,
    external_axioms: Graph,
    sources: dict[str, Graph],
    record_property: Record,
) -> None:
    sample = merged(external_axioms, *(sources[name] for name in SAMPLE))
    record_property("triples", len(sample))
    assert_consistent(timed(record_property, ontology, sample))


@pytest.mark.slow
def test_ontology_with_whole_built_graph_is_consistent(
    ontology: Graph, external_axioms: Graph, built_graph: Graph, record_property: Record
) -> None:
    """Every graph of the build, inferred triples included."""
    data = merged(external_axioms, built_graph)
    record_property("triples", len(data))
    assert_consistent(timed(record_property, ontology, data, WHOLE_GRAPH_BUDGET_SECONDS))


def test_hermit_reports_an_unsatisfiable_class(
    ontology: Graph, external_axioms: Graph, record_property: Record
) -> None:
    bad = Graph().parse(HERE / "fixtures" / "unsatisfiable-class.ttl", format="turtle")
    report = timed(record_property, ontology, merged(external_axioms, bad))
    assert report.unsatisfiable == ("https://w3id.org/atkg/test#ActivityDocument",)


def test_hermit_reports_an_inconsistent_individual(
    ontology: Graph, external_axioms: Graph, record_property: Record
) -> None:
    bad = Graph().parse(HERE / "fixtures" / "inconsistent-individual.ttl", format="turtle")
    report = timed(record_property, ontology, merged(external_axioms, bad))
    assert not report.consistent
