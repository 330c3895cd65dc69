"""The benchmark suite runs end to end at 10^4 quads (slow: about a minute).

The suite itself is run by a documented command (bench/README.md), not by pytest; this
only keeps it from rotting, and checks that the generator's graph is atkg-shaped.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench"


def _module(name: str):  # type: ignore[no-untyped-def]
    sys.path.insert(0, str(BENCH))
    spec = importlib.util.spec_from_file_location(name, BENCH / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.slow
def test_suite_runs_at_ten_thousand(tmp_path: Path) -> None:
    suite = _module("suite")
    out = tmp_path / "out"
    code = suite.main(
        ["--scales", "10000", "--repeat", "1", "--no-seed", "--no-server", "--out", str(out)]
    )
    assert code == 0
    result = json.loads((out / "suite.json").read_text())
    scale = result["scales"]["10000"]
    assert "error" not in scale, scale.get("error")
    assert 5_000 < scale["quads"] < 20_000
    assert scale["queries"], "no named query was measured"
    fast, core = scale["shacl"]["atkg_fast"], scale["shacl"]["pyshacl_core"]
    sparql = scale["shacl"]["pyshacl_sparql"]
    assert fast["violations"] == core["violations"] + sparql["violations"]
    assert (out / "suite.md").read_text().startswith("# atkg benchmark suite")


@pytest.mark.slow
def test_generated_graph_keeps_iri_templates(tmp_path: Path) -> None:
    generate = _module("generate")
    seed = generate.Seed(generate.seed_nquads())
    path = tmp_path / "g.nq"
    n = generate.write(len(seed.fixed) + 2 * len(seed.growing), path, seed)
    text = path.read_text()
    assert n == len(seed.fixed) + 2 * len(seed.growing)
    assert "<https://w3id.org/atkg/id/document/XB/" in text
    assert "<https://w3id.org/atkg/id/instrument/xb-" in text
