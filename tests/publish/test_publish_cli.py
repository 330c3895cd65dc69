"""`atkg publish` and `atkg describe` from the command line."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import RDF, VOID

from atkg.build import BuildResult
from atkg.cli import main
from atkg.paths import ProjectPaths


@pytest.fixture()
def cli_build(monkeypatch: pytest.MonkeyPatch, built: BuildResult, paths: ProjectPaths) -> None:
    """The commands read the session's build instead of build/ on disk."""
    monkeypatch.setattr("atkg.publish.cli._built", lambda _args: (paths, built.store))


@pytest.mark.slow
def test_publish_command(cli_build, fresh_oxigraph, capsys) -> None:  # type: ignore[no-untyped-def]
    target = fresh_oxigraph.target
    code = main(
        [
            "publish",
            "--endpoint",
            target.endpoint,
            "--graph-store",
            target.graph_store,
            "--check-queries",
        ]
    )
    err = capsys.readouterr().err
    assert code == 0, err
    assert "created  curated/bodies" in err and " graphs, " in err and "ok" in err
    assert "queries answer the same" in err and "DIFFERENT" not in err


def test_publish_needs_a_password_with_a_user(cli_build, capsys, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.delenv("ATKG_PASSWORD", raising=False)
    code = main(["publish", "--endpoint", "http://127.0.0.1:9/sparql", "--user", "dba"])
    assert code == 2 and "password" in capsys.readouterr().err


def test_publish_reports_an_unreachable_server(cli_build, capsys) -> None:  # type: ignore[no-untyped-def]
    code = main(["publish", "--endpoint", "http://127.0.0.1:9/sparql", "--retries", "0"])
    assert code == 1 and "no answer" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("what", "kind"),
    [("void", VOID.Dataset), ("dcat", URIRef("http://www.w3.org/ns/dcat#Catalog"))],
)
def test_describe_command(cli_build, tmp_path: Path, what: str, kind: URIRef) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / f"{what}.ttl"
    assert main(["describe", what, "-o", str(out), "--endpoint", "https://e/sparql"]) == 0
    graph = Graph().parse(out, format="turtle")
    assert any(graph.subjects(RDF.type, kind))
