"""`atkg report` from the command line: a good run, the scopes, and the usage errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from atkg import commands
from atkg.analysis.tables import run_query
from atkg.cli import EXIT_USAGE, main
from atkg.paths import ProjectPaths
from atkg.sparql import resolve_query
from atkg.store import EmbeddedStore

pytest.importorskip("matplotlib", reason="atkg report needs the `report` extra (matplotlib)")

from atkg.report.collect import collect


@pytest.fixture()
def on_seed_graph(store: EmbeddedStore, monkeypatch: pytest.MonkeyPatch) -> None:
    """Point the command at the session's built graph instead of a build/ directory."""
    monkeypatch.setattr(commands, "_store", lambda args: store)


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        ("--pillar", "rehabilitation", "unknown pillar 'rehabilitation'"),
        ("--region", "999", "unknown M49 region '999'"),
        ("--instrument", "no-such-treaty", "unknown instrument 'no-such-treaty'"),
        ("--as-of", "2013-02-30", "--as-of needs a date YYYY-MM-DD"),
        ("--as-of", "2013", "--as-of needs a date YYYY-MM-DD"),
        ("--format", "pdf", "--format takes html, md"),
    ],
    ids=["pillar", "region", "instrument", "bad-date", "year-only", "format"],
)
def test_unknown_scope_is_a_usage_error(
    option: str,
    value: str,
    message: str,
    tmp_path: Path,
    on_seed_graph: None,
    capsys: pytest.CaptureFixture[str],
) -> None:
    code = main(["report", "-o", str(tmp_path / "out"), option, value])
    assert code == EXIT_USAGE
    err = capsys.readouterr().err
    assert message in err, err
    if option in ("--pillar", "--region", "--instrument"):
        assert "known:" in err, "the error lists what exists"
    assert not (tmp_path / "out" / "report.html").exists()


def test_unknown_language_is_refused_by_the_parser(tmp_path: Path) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["report", "-o", str(tmp_path), "--lang", "fr"])
    assert exc.value.code == EXIT_USAGE


def test_scoped_report(tmp_path: Path, on_seed_graph: None) -> None:
    """Europe, prevention, the Convention, mid-2005: the rows outside the scope are gone."""
    out = tmp_path / "europe"
    argv = [
        "report",
        "-o",
        str(out),
        "--format",
        "html",
        "--region",
        "150",
        "--pillar",
        "prevention",
        "--instrument",
        "untoc",
        "--as-of",
        "2005-06-30",
    ]
    assert main(argv) == 0
    html = (out / "report.html").read_text(encoding="utf-8")
    assert not (out / "report.md").exists()
    assert "2005-06-30" in html
    assert "United Nations Convention against Transnational Organized Crime" in html
    assert 'data-key="https://w3id.org/atkg/id/region/150"' in html
    assert 'data-key="https://w3id.org/atkg/id/region/002"' not in html
    assert "/concept/pillar/protection" not in html


def test_scope_filters_rows(store: EmbeddedStore, paths: ProjectPaths) -> None:
    data = collect(store, paths.queries, as_of="2013-12-31", region="150", pillar="prevention")
    regions = run_query(store, resolve_query(paths.queries, "reports/state-regions"))
    europe = {str(r["state"]) for r in regions.records() if r["m49"] == "150" and r["state"]}
    not_party = next(f for f in data.findings if f.query == "analysis/states-not-party")
    assert not_party.items and not_party.scoped_out
    assert {i.values["state"] for i in not_party.items} <= europe
    assert {
        str(r["concept"]) for r in data.coverage.records() if "/pillar/" in str(r["concept"])
    } == {"https://w3id.org/atkg/id/concept/pillar/prevention"}
    assert [r["region"] for r in data.participation.records()] == [
        "https://w3id.org/atkg/id/region/150"
    ]


def test_treaty_without_status_table_is_flagged(store: EmbeddedStore, paths: ProjectPaths) -> None:
    """ILO conventions have no UN status table: their participation gaps carry a caveat."""
    data = collect(store, paths.queries, as_of="2013-12-31", instrument="ilo-c182")
    flagged = {f.query for f in data.findings if f.no_data}
    assert "analysis/states-not-party" in flagged
    assert "analysis/themes-without-actor" not in flagged
    assert not data.participation.rows
