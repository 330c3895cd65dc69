"""The SHACL gate: pyshacl over the built graph, results traced back to curated rows.

Shapes live in shapes/*.ttl, one file per area. Violations fail a build; warnings
(completeness goals) are reported but let it pass. Each result names the focus node, the
path, the message and the table row (atkg:curationRecord) that the node came from.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF
from rdflib.term import Node

from atkg.errors import InputError, Problem
from atkg.namespaces import ATKG, SH


@dataclass(frozen=True)
class ValidationResult:
    severity: str  # Violation, Warning or Info
    focus: str
    path: str
    message: str
    value: str
    shape: str
    record: str  # file:line of the row the focus node came from, or ""

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
            )
        )
    results.sort(key=lambda r: (r.severity != "Violation", r.record, r.focus, r.path, r.message))
    return ValidationReport(tuple(results))
