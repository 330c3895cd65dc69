"""The Python API (tables, gaps, overlaps, DataFrames) and `atkg analyse`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from atkg import commands
from atkg.analysis import frames, gaps, overlaps
from atkg.analysis.tables import (
    Table,
    dumps_csv,
    dumps_json,
    queries_root,
    run_query,
    tagged_queries,
)
from atkg.cli import main
from atkg.errors import UsageError
from atkg.sparql import resolve_query
from atkg.store import EmbeddedStore

ID = "https://w3id.org/atkg/id/"


def test_table_renderings() -> None:
    table = Table("t/x", "A table", ("a", "b"), (("x", 1), (None, 0.5)))
    assert table.to_csv() == "a,b\nx,1\n,0.5\n"
    assert json.loads(dumps_json([table]))["t/x"]["rows"] == [
        {"a": "x", "b": 1},
        {"a": None, "b": 0.5},
    ]
    assert dumps_csv([table]).startswith("# t/x: A table\na,b\n")
    assert table.column("b") == [1, 0.5]


def test_gaps_run_every_tagged_query(store: EmbeddedStore) -> None:
    tables = gaps.gaps(store)
    names = [t.name for t in tables]
    assert names == sorted(names)
    assert set(names) == set(gaps.gap_names())
    assert "analysis/exploitation-without-treaty" in names
    direct = run_query(store, resolve_query(queries_root(), names[0]))
    assert tables[0] == direct, "the API answers what the query answers"


def test_one_gap_with_parameters(make_store) -> None:  # type: ignore[no-untyped-def]
    fixture = Path(__file__).parents[1] / "queries" / "fixtures" / "states-not-party.ttl"
    text = fixture.read_text(encoding="utf-8").split("\n", 3)[3]  # after the comment lines
    store = make_store(text)
    late = gaps.gap(store, "states-not-party", date="2017-01-01")
    early = gaps.gap(store, "analysis/states-not-party", date="2002-01-01")
    assert f"{ID}state/CCC" not in late.column("state"), "acceded in 2014"
    assert f"{ID}state/AAA" in early.column("state"), "ratified only in 2004"
    status = dict(zip(late.column("state"), late.column("status"), strict=True))
    assert status[f"{ID}state/BBB"] == "signed, not party"
    assert status[f"{ID}state/FFF"] == "never joined"
    with pytest.raises(UsageError):
        gaps.gap(store, "no-such-gap")


def test_overlaps_add_membership_scores(store: EmbeddedStore) -> None:
    names = [t.name for t in overlaps.overlaps(store)]
    tagged = [q.name for q in tagged_queries("overlap")]
    assert names == [*tagged, "network/mechanism-overlap", "network/body-overlap"]


def test_frames(store: EmbeddedStore) -> None:
    pytest.importorskip("pandas")
    found = frames.gaps(store)
    frame = found["analysis/exploitation-without-treaty"]
    assert list(frame.columns) == ["form", "label", "otherInstruments"]
    assert frames.network(store)["network/citation-centrality"]["inDegree"].is_monotonic_decreasing
    one = frames.query(store, "analysis/states-not-party", date="2001-01-01")
    assert {"region", "state", "status"} <= set(one.columns)
    assert "analysis/mandate-overlaps" in frames.overlaps(store)


@pytest.fixture()
def cli_store(store: EmbeddedStore, monkeypatch: pytest.MonkeyPatch) -> EmbeddedStore:
    """`atkg analyse` on the session's build instead of a build directory on disk."""
    monkeypatch.setattr(commands, "_store", lambda args: store)
    return store


def test_cli_formats(cli_store: EmbeddedStore, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["analyse", "gaps", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert "analysis/regions-without-mechanism" in data
    assert main(["analyse", "overlaps", "-f", "csv"]) == 0
    assert "# analysis/mandate-overlaps:" in capsys.readouterr().out
    assert main(["analyse", "overlaps"]) == 0
    assert "atkgid:body/icat" in capsys.readouterr().out


def test_cli_network_export(
    cli_store: EmbeddedStore, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["analyse", "network", "-f", "csv", "--export", str(tmp_path)]) == 0
    assert "# network/citation-centrality:" in capsys.readouterr().out
    written = sorted(p.name for p in tmp_path.iterdir())
    assert written == [
        "citations.gexf",
        "citations.graphml",
        "membership.gexf",
        "membership.graphml",
    ]
    assert main(["analyse", "gaps", "--export", str(tmp_path)]) == 2


@pytest.mark.parametrize("module", ["tables", "network"])
def test_docstring_examples(module: str) -> None:
    import doctest
    import importlib

    found = doctest.testmod(importlib.import_module(f"atkg.analysis.{module}"))
    assert found.attempted and not found.failed


def test_cli_gap_parameters(cli_store: EmbeddedStore, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["analyse", "gaps", "-f", "json", "-p", "date=2002-01-01"]) == 0
    early = json.loads(capsys.readouterr().out)["analysis/states-not-party"]["rows"]
    assert main(["analyse", "gaps", "-f", "json"]) == 0
    default = json.loads(capsys.readouterr().out)["analysis/states-not-party"]["rows"]
    assert len(early) > len(default), "fewer parties in 2002 than at the end of 2013"
    assert main(["analyse", "gaps", "-p", "no-such-parameter=1"]) == 2
    assert main(["analyse", "overlaps", "-p", "date=2002-01-01"]) == 2
