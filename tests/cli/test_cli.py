"""The `atkg` command in process: exit codes, outputs, and errors users see."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from atkg.cli import main


@pytest.fixture(scope="module")
def build_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("cli") / "build"
    assert main(["--build-dir", str(out), "build"]) == 0
    return out


def test_build_prints_summary(build_dir: Path) -> None:
    summary = json.loads((build_dir / "summary.json").read_text())
    assert summary["triples"] > 10_000
    assert summary["shacl"]["violations"] == 0


def test_validate_exits_zero_on_the_real_data() -> None:
    assert main(["validate"]) == 0


def test_query_formats(build_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        main(
            ["--build-dir", str(build_dir), "query", "reports/triples-per-graph", "--format", "csv"]
        )
        == 0
    )
    out = capsys.readouterr().out
    assert out.startswith("graph,triples\n")
    assert "https://w3id.org/atkg/graph/curated/bodies" in out
    assert (
        main(
            [
                "--build-dir",
                str(build_dir),
                "query",
                "reports/triples-per-graph",
                "--format",
                "json",
            ]
        )
        == 0
    )
    data = json.loads(capsys.readouterr().out)
    assert data["head"]["vars"] == ["graph", "triples"]
    assert (
        main(
            [
                "--build-dir",
                str(build_dir),
                "query",
                "reports/instances-per-class",
                "--format",
                "tsv",
            ]
        )
        == 0
    )
    assert capsys.readouterr().out.startswith("?class\t?instances\n")


def test_query_by_path_and_table(
    build_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    query = tmp_path / "bodies.rq"
    query.write_text(
        "#+ summary: bodies by acronym\n"
        "#+ params:\n#+   - ?_acronym_literal the acronym\n"
        "SELECT ?body WHERE { ?body atkg:acronym ?a . "
        "FILTER(STR(?a) = ?_acronym_literal) } ORDER BY ?body\n"
    )
    assert (
        main(
            [
                "--build-dir",
                str(build_dir),
                "query",
                str(query),
                "--param",
                "acronym=UNODC",
                "--format",
                "csv",
            ]
        )
        == 0
    )
    assert "https://w3id.org/atkg/id/body/unodc" in capsys.readouterr().out
    assert (
        main(["--build-dir", str(build_dir), "query", str(query), "--param", "acronym=UNODC"]) == 0
    )
    assert "atkgid:body/unodc" in capsys.readouterr().out


def test_usage_errors_exit_two(
    build_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--build-dir", str(build_dir), "query", "analysis/no-such-query"]) == 2
    assert "no query" in capsys.readouterr().err
    assert main(["--build-dir", str(tmp_path / "none"), "info"]) == 2
    assert "atkg build" in capsys.readouterr().err
    with pytest.raises(SystemExit) as info:
        main(["export", "--format", "docx"])
    assert info.value.code == 2
    with pytest.raises(SystemExit) as info:
        main(["frobnicate"])
    assert info.value.code == 2


def test_unknown_parameter_is_a_usage_error(
    build_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert (
        main(
            [
                "--build-dir",
                str(build_dir),
                "query",
                "reports/triples-per-graph",
                "--param",
                "colour=blue",
            ]
        )
        == 2
    )
    assert "unknown parameter" in capsys.readouterr().err


def test_export_nt_writes_the_whole_graph(build_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "atkg.nt"
    assert main(["--build-dir", str(build_dir), "export", "--format", "nt", "-o", str(out)]) == 0
    lines = [line for line in out.read_text(encoding="utf-8").splitlines() if line]
    summary = json.loads((build_dir / "summary.json").read_text())
    # the union of graphs: at most the sum of per-graph triples, minus duplicates
    assert 0.9 * summary["triples"] < len(lines) <= summary["triples"]
    assert len(set(lines)) == len(lines)


def test_info(build_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--build-dir", str(build_dir), "info"]) == 0
    out = capsys.readouterr().out
    assert "curated/bodies" in out
    assert "atkg:Body" in out


def test_lint_reports_clean_tables() -> None:
    assert main(["lint"]) == 0


def test_invalid_data_exits_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import shutil

    root = Path(__file__).resolve().parents[2]
    for part in ("ontology", "shapes", "queries", "data"):
        shutil.copytree(root / part, tmp_path / part)
    bodies = tmp_path / "data" / "curated" / "bodies.tsv"
    bodies.write_text(bodies.read_text(encoding="utf-8") + "x\n", encoding="utf-8")
    monkeypatch.setenv("ATKG_HOME", str(tmp_path))
    assert main(["--build-dir", str(tmp_path / "build"), "build"]) == 1
    err = capsys.readouterr().err
    assert "data/curated/bodies.tsv:" in err
    assert not (tmp_path / "build").exists()
