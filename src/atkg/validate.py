"""The SHACL gate: the built graph against the shapes, results traced back to curated rows.

Shapes live in shapes/*.ttl, one file per area. Violations fail a build; warnings
(completeness goals) are reported but let it pass. Each result names the focus node, the
path, the message and the table row (atkg:curationRecord) that the node came from.

Two validators give the same report: `validate_graph` (pyshacl on an rdflib graph, the
reference) and `validate_store` (the shapes compiled to whole-graph SPARQL on the store,
atkg.shacl_sparql; 10x faster on the seed graph and 10^6 triples in seconds), which the
build uses; `ATKG_VALIDATOR=pyshacl` makes the build use the reference.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF
from rdflib.term import Node

from atkg.errors import InputError, Problem
from atkg.namespaces import ATKG, GRAPH, SH

ONTOLOGY = GRAPH["ontology"]


@dataclass(frozen=True)
class ValidationResult:
    severity: str  # Violation, Warning or Info
    focus: str
    path: str
    message: str
    value: str
    shape: str
    record: str  # file:line of the row the focus node came from, or ""
    component: str = ""  # the SHACL constraint component, e.g. MinCountConstraintComponent

    def __str__(self) -> str:
        where = f" ({self.record})" if self.record else ""
        path = f" {self.path}" if self.path else ""
        return f"{self.severity}: <{self.focus}>{path}: {self.message}{where}"


@dataclass(frozen=True)
class ValidationReport:
    results: tuple[ValidationResult, ...]

    @property
    def violations(self) -> list[ValidationResult]:
        return [r for r in self.results if r.severity == "Violation"]

    @property
    def warnings(self) -> list[ValidationResult]:
        return [r for r in self.results if r.severity == "Warning"]

    @property
    def infos(self) -> list[ValidationResult]:
        """sh:Info results: facts worth listing that ask for no change (names not known)."""
        return [r for r in self.results if r.severity == "Info"]

    @property
    def conforms(self) -> bool:
        return not self.violations


def load_shapes(directory: Path, display: str = "shapes") -> Graph:
    """Every shapes file, parsed; a syntax error names the file and line."""
    shapes = Graph()
    problems = []
    for path in sorted(directory.glob("*.ttl")):
        try:
            shapes.parse(path, format="turtle")
        except Exception as exc:  # rdflib raises several parser exception types
            problems.append(Problem(f"{display}/{path.name}", _line_of(exc), str(exc).strip()))
    if problems:
        raise InputError(problems)
    return shapes


def _line_of(exc: Exception) -> int | None:
    line = getattr(exc, "lines", None) or getattr(exc, "line", None)
    return int(line) if isinstance(line, int) else None


def _record_of(data: Graph, focus: Node) -> str:
    """The curation record of a node, or of the fact node an attestation belongs to."""
    record = data.value(focus, ATKG.curationRecord)
    if record is None and (focus, RDF.type, ATKG.Attestation) in data:
        owner = data.value(None, PROV.qualifiedDerivation, focus)
        record = data.value(owner, ATKG.curationRecord) if owner is not None else None
    return str(record) if record is not None else ""


def _short(node: Node | None) -> str:
    if node is None:
        return ""
    if isinstance(node, Literal):
        return str(node)
    return str(node)


def validate_graph(data: Graph, shapes: Graph) -> ValidationReport:
    """Validate the (already materialised) data graph; no inference inside pyshacl."""
    from pyshacl import validate

    _conforms, report, _text = validate(
        data,
        shacl_graph=shapes,
        inference="none",
        abort_on_first=False,
        allow_warnings=True,
        allow_infos=True,
        advanced=True,
        # no inference and no SHACL rules run, so the data graph is never modified:
        # validating in place spares pyshacl a copy of it (half the validation time)
        inplace=True,
    )
    results = []
    for result in report.subjects(RDF.type, SH.ValidationResult):
        severity = str(report.value(result, SH.resultSeverity)).rsplit("#", 1)[-1]
        focus = report.value(result, SH.focusNode)
        path = report.value(result, SH.resultPath)
        messages = sorted(str(m) for m in report.objects(result, SH.resultMessage))
        results.append(
            ValidationResult(
                severity=severity,
                focus=_short(focus),
                path=_short(path) if isinstance(path, URIRef) else "",
                message=messages[0] if messages else "",
                value=_short(report.value(result, SH.value)),
                shape=_short(report.value(result, SH.sourceShape)),
                record=_record_of(data, focus) if focus is not None else "",
                component=_short(report.value(result, SH.sourceConstraintComponent)).removeprefix(
                    str(SH)
                ),
            )
        )
    results.sort(key=lambda r: (r.severity != "Violation", r.record, r.focus, r.path, r.message))
    return ValidationReport(tuple(results))


# -- the fast path: SHACL compiled to SPARQL over the store (atkg.shacl_sparql) ------------

_RECORDS = """
SELECT ?focus (MIN(STR(?record)) AS ?r) WHERE {
  VALUES ?focus { %s }
  { ?focus atkg:curationRecord ?record }
  UNION
  { ?focus a atkg:Attestation . ?owner prov:qualifiedDerivation ?focus .
    ?owner atkg:curationRecord ?record }
} GROUP BY ?focus
"""


def validate_store(
    store: ox.Store, shapes: Graph, exclude: tuple[str, ...] = (str(ONTOLOGY),)
) -> ValidationReport:
    """Validate the store's graphs (less `exclude`) like validate_graph, without pyshacl.

    Each constraint runs as one SELECT over the whole store (atkg.shacl_sparql); shapes
    the compiler does not translate go to pyshacl over an rdflib copy, so the report is
    pyshacl's in either case (tests/shapes/test_shacl_sparql.py compares the two).
    """
    from atkg.shacl_sparql import compile_shapes, run_checks
    from atkg.store import from_ox

    skip = {ox.NamedNode(g) for g in exclude}
    graphs: list[object] = [ox.DefaultGraph()]
    graphs += [g for g in store.named_graphs() if g not in skip]
    checks, unsupported = compile_shapes(shapes)
    failures = run_checks(store, checks, graphs)
    focus_nodes = {f.focus for f in failures if isinstance(f.focus, ox.NamedNode)}
    records: dict[str, str] = {}
    if focus_nodes:
        values = " ".join(str(n) for n in sorted(focus_nodes, key=lambda n: n.value))
        prefixes = {"atkg": str(ATKG), "prov": str(PROV)}
        for row in store.query(_RECORDS % values, default_graph=graphs, prefixes=prefixes):  # type: ignore[arg-type, union-attr]
            records[row["focus"].value] = row["r"].value  # type: ignore[index, union-attr]
    results = []
    for f in failures:
        path = f.path if f.path is not None else f.check.path
        if isinstance(path, ox.NamedNode):
            path = URIRef(path.value)
        focus = from_ox(f.focus)
        results.append(
            ValidationResult(
                severity=f.check.severity,
                focus=_short(focus),
                path=str(path) if isinstance(path, URIRef) else "",
                message=f.check.message,
                value=_short(from_ox(f.value)) if f.value is not None else "",
                shape=_short(f.check.shape),
                record=records.get(str(focus), ""),
                component=f.check.component,
            )
        )
    if unsupported:
        results += _pyshacl_for(store, shapes, unsupported, skip).results
    results.sort(key=lambda r: (r.severity != "Violation", r.record, r.focus, r.path, r.message))
    return ValidationReport(tuple(results))


_TARGETS = (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf, SH.target)


def _pyshacl_for(
    store: ox.Store, shapes: Graph, only: list[Node], skip: set[ox.NamedNode]
) -> ValidationReport:
    """pyshacl on an rdflib copy of the data, with targets kept only for `only` shapes."""
    from atkg.store import from_ox

    keep = set(only)
    for shape in only:
        keep.update(shapes.subjects(SH.property, shape))
    partial = Graph()
    for triple in shapes:
        if triple[1] in _TARGETS and triple[0] not in keep:
            continue
        partial.add(triple)
    data = Graph()
    for quad in store:
        if quad.graph_name not in skip:
            data.add((from_ox(quad.subject), from_ox(quad.predicate), from_ox(quad.object)))  # type: ignore[arg-type]
    return validate_graph(data, partial)
