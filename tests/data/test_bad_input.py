"""Bad input gives an error naming the file, line and term at fault."""

from __future__ import annotations

import pytest

from atkg.build import load_sources
from atkg.errors import InputError
from atkg.paths import ProjectPaths


def _append(path, line: str) -> int:  # type: ignore[no-untyped-def]
    text = path.read_text(encoding="utf-8")
    if not text.endswith("\n"):
        text += "\n"
    path.write_text(text + line + "\n", encoding="utf-8")
    return text.count("\n") + 1


def _header(path) -> list[str]:  # type: ignore[no-untyped-def]
    for line in path.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            return line.split("\t")
    raise AssertionError("no header")


def _row(path, **cells: str) -> str:  # type: ignore[no-untyped-def]
    return "\t".join(cells.get(col, "") for col in _header(path))


def _problems(paths: ProjectPaths) -> list[str]:
    with pytest.raises(InputError) as info:
        load_sources(paths)
    return [str(p) for p in info.value.problems]


GOOD_BODY = dict(
    id="test-body",
    type="NonGovernmentalOrganization",
    name_en="Test body",
    name_zh="测试机构",
    source="A/RES/64/293",
    locator="pp 1",
)


def test_malformed_row(project_copy: ProjectPaths) -> None:
    path = project_copy.curated / "bodies.tsv"
    line = _append(path, "test-body\tNonGovernmentalOrganization")
    assert any(
        p.startswith(f"data/curated/bodies.tsv:{line}") and "cells" in p
        for p in _problems(project_copy)
    )


def test_unknown_column(project_copy: ProjectPaths) -> None:
    path = project_copy.curated / "mandates.tsv"
    lines = path.read_text(encoding="utf-8").split("\n")
    number = next(i for i, line in enumerate(lines) if line and not line.startswith("#"))
    lines[number] = lines[number] + "\tcolour"
    path.write_text("\n".join(lines), encoding="utf-8")
    problems = _problems(project_copy)
    assert any(f"data/curated/mandates.tsv:{number + 1}" in p and "'colour'" in p for p in problems)


def test_reference_to_unknown_id(project_copy: ProjectPaths) -> None:
    path = project_copy.curated / "bodies.tsv"
    line = _append(path, _row(path, **{**GOOD_BODY, "parent": "no-such-body"}))
    assert any(
        p.startswith(f"data/curated/bodies.tsv:{line} [parent]") and "no-such-body" in p
        for p in _problems(project_copy)
    )


@pytest.mark.parametrize("bad", ["2010-02-30", "30/07/2010", "2010-13"])
def test_bad_date(project_copy: ProjectPaths, bad: str) -> None:
    path = project_copy.curated / "relations.tsv"
    line = _append(
        path,
        _row(
            path,
            type="Membership",
            agent="body:ilo",
            organization="body:icat",
            role="role/partner",
            start=bad,
            source="A/RES/64/293",
            locator="pp 1",
        ),
    )
    assert any(
        p.startswith(f"data/curated/relations.tsv:{line} [start]") and bad in p
        for p in _problems(project_copy)
    )


def test_bad_locator_and_unknown_source(project_copy: ProjectPaths) -> None:
    path = project_copy.curated / "bodies.tsv"
    line = _append(
        path, _row(path, **{**GOOD_BODY, "source": "A/RES/99/999", "locator": "somewhere"})
    )
    problems = _problems(project_copy)
    assert any(p.startswith(f"data/curated/bodies.tsv:{line} [locator]") for p in problems)


def test_duplicate_id(project_copy: ProjectPaths) -> None:
    path = project_copy.curated / "bodies.tsv"
    line = _append(path, _row(path, **{**GOOD_BODY, "id": "unodc"}))
    assert any(
        p.startswith(f"data/curated/bodies.tsv:{line}") and "duplicate" in p and "'unodc'" in p
        for p in _problems(project_copy)
    )


def test_unknown_concept(project_copy: ProjectPaths) -> None:
    path = project_copy.curated / "coverage.tsv"
    line = _append(
        path,
        _row(
            path, entity="body:unodc", concept="pillar/hope", source="A/RES/64/293", locator="pp 1"
        ),
    )
    assert any(
        p.startswith(f"data/curated/coverage.tsv:{line} [concept]") and "pillar/hope" in p
        for p in _problems(project_copy)
    )


def test_malformed_turtle(project_copy: ProjectPaths) -> None:
    path = project_copy.ontology
    text = path.read_text(encoding="utf-8").split("\n")
    text.insert(40, 'atkg:Broken a owl:Class ; rdfs:label "unterminated .')
    path.write_text("\n".join(text), encoding="utf-8")
    problems = _problems(project_copy)
    assert len(problems) == 1
    assert problems[0].startswith("ontology/atkg.ttl:")
    assert "syntax" in problems[0].lower()


def test_crlf_line_endings(project_copy: ProjectPaths) -> None:
    path = project_copy.curated / "mandates.tsv"
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    assert any(
        "carriage return" in p and p.startswith("data/curated/mandates.tsv:")
        for p in _problems(project_copy)
    )


def test_unknown_table(project_copy: ProjectPaths) -> None:
    (project_copy.curated / "bodys.tsv").write_text("id\n", encoding="utf-8")
    assert any(
        p.startswith("data/curated/bodys.tsv") and "unknown table" in p
        for p in _problems(project_copy)
    )
