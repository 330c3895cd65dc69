"""The shapes on real data: the built graph conforms, warnings reach the report, and a
broken cell is reported with the table row a curator has to edit."""

from __future__ import annotations

from collections import Counter

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS

from atkg.build import BuildResult, ValidationFailed, assemble
from atkg.namespaces import ATKG, ATKG_SH, ATKGID, SH
from atkg.paths import ProjectPaths
from atkg.validate import load_shapes, validate_graph


def test_built_graph_conforms(built: BuildResult) -> None:
    """`assemble` raises on violations; the report it keeps has none."""
    assert built.report is not None
    assert built.report.conforms
    assert not built.report.violations, "\n".join(map(str, built.report.violations))


def test_warnings_are_reported(built: BuildResult, paths: ProjectPaths) -> None:
    """Completeness gaps of the seed data come out of validate_graph as warnings, each
    from a shape whose severity is sh:Warning and traced to the row of its node."""
    assert built.report is not None
    warnings = built.report.warnings
    assert warnings, "the seed data has known gaps (undated events, mandates' origins)"
    shapes = load_shapes(paths.shapes)
    by_shape = Counter(w.shape for w in warnings)
    for shape in by_shape:
        assert shapes.value(URIRef(shape), SH.severity) == SH.Warning, shape
    untraced = [str(w) for w in warnings if not w.record.startswith("data/")]
    assert not untraced, "warnings without a curation record:\n" + "\n".join(untraced)


def test_names_not_known_are_listed(built: BuildResult) -> None:
    """Entities whose English label is only a description are reported at Info level
    (atkg-sh:OfficialNameShape), each traced to its row, and never fail the build."""
    assert built.report is not None
    infos = built.report.infos
    assert infos, "the seed data names many entities only in Chinese"
    assert {i.shape for i in infos} == {str(ATKG_SH["OfficialNameShape-english"])}
    untraced = [str(i) for i in infos if not i.record.startswith("data/")]
    assert not untraced, "infos without a curation record:\n" + "\n".join(untraced)


def test_validate_graph_separates_severities(paths: ProjectPaths) -> None:
    """A government organ named by a description only, without its state (a warning and
    an info), and a nameless mandate (violations), each traced to its curation record."""
    data = Graph()
    body, mandate = ATKGID["body/example"], ATKGID["mandate/example"]
    # types as materialised: a government organ is a body
    for node, classes, line in (
        (body, (ATKG.GovernmentOrgan, ATKG.Body), 5),
        (mandate, (ATKG.Mandate,), 7),
    ):
        for cls in classes:
            data.add((node, RDF.type, cls))
        data.add((node, ATKG.curationRecord, Literal(f"data/curated/x.tsv:{line}")))
    data.add((body, RDFS.label, Literal("Example ministry (description)", lang="en")))
    data.add((body, RDFS.label, Literal("示例部", lang="zh")))
    data.add((body, SKOS.prefLabel, Literal("示例部", lang="zh")))
    shapes = Graph()
    for name in ("NameShape", "LabelShape", "OfficialNameShape", "GovernmentOrganShape"):
        shapes += _shape_closure(load_shapes(paths.shapes), ATKG_SH[name])
    report = validate_graph(data, shapes)
    assert not report.conforms
    assert sorted((v.focus, v.shape, v.record) for v in report.violations) == [
        (str(mandate), str(ATKG_SH[shape]), "data/curated/x.tsv:7")
        for shape in ("LabelShape-chinese", "LabelShape-english", "NameShape-label")
    ]
    assert [(w.focus, w.shape, w.record) for w in report.warnings] == [
        (str(body), str(ATKG_SH["GovernmentOrganShape-state"]), "data/curated/x.tsv:5")
    ]
    assert sorted((i.focus, i.shape) for i in report.infos) == [
        (str(body), str(ATKG_SH["OfficialNameShape-english"])),
        (str(mandate), str(ATKG_SH["OfficialNameShape-english"])),
    ]


def _shape_closure(shapes: Graph, shape: URIRef) -> Graph:
    """A node shape with its property shapes (and their blank nodes)."""
    out = Graph()
    out += shapes.cbd(shape)
    for prop in shapes.objects(shape, SH.property):
        out += shapes.cbd(prop)
    return out


def _break_cells(path, key: str, columns: tuple[str, ...]) -> int:  # type: ignore[no-untyped-def]
    """Empty some cells of the row whose first cell is `key`; return its line number."""
    lines = path.read_text(encoding="utf-8").split("\n")
    header_index = next(i for i, line in enumerate(lines) if not line.startswith("#"))
    header = lines[header_index].split("\t")
    for number, line in enumerate(lines, start=1):
        cells = line.split("\t")
        if number > header_index + 1 and cells[0] == key:
            for column in columns:
                cells[header.index(column)] = ""
            lines[number - 1] = "\t".join(cells)
            path.write_text("\n".join(lines), encoding="utf-8")
            return number
    raise AssertionError(f"no row {key!r} in {path}")


@pytest.mark.slow
def test_violation_names_the_row(project_copy: ProjectPaths) -> None:
    """Removing both names of a body stops the build with violations at its row: no
    label at all, and none in English or in Chinese."""
    line = _break_cells(project_copy.curated / "bodies.tsv", "ilo", ("name_en", "name_zh"))
    with pytest.raises(ValidationFailed) as failed:
        assemble(project_copy)
    violations = failed.value.report.violations
    assert sorted((v.focus, v.path, v.shape, v.record) for v in violations) == [
        (
            str(ATKGID["body/ilo"]),
            str(RDFS.label),
            str(ATKG_SH[shape]),
            f"data/curated/bodies.tsv:{line}",
        )
        for shape in ("LabelShape-chinese", "LabelShape-english", "NameShape-label")
    ]
    assert f"(data/curated/bodies.tsv:{line})" in str(violations[0])
