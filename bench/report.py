"""Markdown for a suite run (bench/suite.py) and the ratios between two runs."""

from __future__ import annotations

import math
from typing import Any

TARGETS = {
    "seed_build_s": 1.0,
    "query_seed_ms": 20.0,
    "query_1e6_ms": 300.0,
    "growth": 1.2,
    "load_tps": 500_000,
    "shacl_1e6_s": 30.0,
    "analysis_ratio_1e5": 20.0,
    "memory_1e6_mb": 4096,
}


def _ms(seconds: float | None) -> str:
    if seconds is None:
        return "—"
    ms = seconds * 1000
    return f"{ms:.1f}" if ms < 100 else f"{ms:,.0f}"


def _s(seconds: float | None) -> str:
    return "—" if seconds is None else f"{seconds:.2f}"


def _scales(results: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    return [(k, v) for k, v in results["scales"].items() if "error" not in v]


def growth(results: dict[str, Any], name: str, first: int = 0) -> float | None:
    """Exponent k of time ~ n^k between a generated scale (the smallest) and the largest."""
    points = [
        (v["quads_built"], v["queries"][name]["median_s"])
        for k, v in _scales(results)
        if k != "seed" and name in v.get("queries", {})
    ]
    if len(points) < 2 + first:
        return None
    (n0, t0), (n1, t1) = points[first], points[-1]
    floor = 2e-4  # below 0.2 ms timing noise dominates: count it as 0.2 ms
    return math.log(max(t1, floor) / max(t0, floor)) / math.log(n1 / n0)


def markdown(results: dict[str, Any]) -> str:
    m = results["machine"]
    scales = _scales(results)
    lines = [
        "# atkg benchmark suite",
        "",
        f"Machine: {m['cpu']}, {m['cores']} cores, {m['memory_gib']} GiB; {m['system']}; "
        f"Python {m['python']}, pyoxigraph {m['pyoxigraph']}, rdflib {m['rdflib']}, "
        f"pyshacl {m['pyshacl']}. Run {m['date']}, {results['repeat']} runs per measure "
        "(median; p95 for queries). Shared machine: read ratios, not absolute times.",
        "",
    ]
    seed = results["scales"].get("seed", {})
    if "build" in seed:
        b = seed["build"]
        lines += [
            "## Seed build (`atkg build`, in process)",
            "",
            "| step | median s |",
            "|---|---|",
        ]
        lines += [f"| {step} | {_s(v['median_s'])} |" for step, v in b.items()]
        lines.append("")
    lines += [
        "## Per scale",
        "",
        "| measure | " + " | ".join(f"{v['quads_built']:,} q ({k})" for k, v in scales) + " |",
        "|---|" + "---|" * len(scales),
    ]

    def row(label: str, get: Any) -> None:
        cells = []
        for _k, v in scales:
            try:
                cells.append(get(v))
            except (KeyError, TypeError):
                cells.append("—")
        lines.append(f"| {label} | " + " | ".join(cells) + " |")

    row("quads loaded", lambda v: f"{v['quads']:,}")
    for key, label in (
        ("pyoxigraph_memory", "load, pyoxigraph memory (triples/s)"),
        ("pyoxigraph_memory_lenient", "load, pyoxigraph memory, lenient (triples/s)"),
        ("pyoxigraph_disk", "load, pyoxigraph RocksDB bulk (triples/s)"),
        ("rdflib", "load, rdflib Dataset (triples/s)"),
    ):
        row(label, lambda v, k=key: f"{v['load'][k]['triples_per_s']:,.0f}")
    row("reason, CONSTRUCT rules (s)", lambda v: _s(v["reasoning"]["rules"]["median_s"]))
    row("reason, owlrl OWL-RL (s)", lambda v: _s(v["reasoning"]["owlrl"]["median_s"]))
    row("SHACL, store → rdflib graph (s)", lambda v: _s(v["shacl"]["to_rdflib_s"]))
    row("SHACL, pyshacl core (s)", lambda v: _s(v["shacl"]["pyshacl_core"]["median_s"]))
    row("SHACL, pyshacl SPARQL-based (s)", lambda v: _s(v["shacl"]["pyshacl_sparql"]["median_s"]))
    row("SHACL, atkg fast validator (s)", lambda v: _s(v["shacl"]["atkg_fast"]["median_s"]))
    row(
        "SHACL violations / warnings (pyshacl)",
        lambda v: (
            f"{v['shacl']['pyshacl_core']['violations'] + v['shacl']['pyshacl_sparql']['violations']}"  # noqa: E501
            f" / {v['shacl']['pyshacl_core']['warnings']}"
        ),
    )
    row(
        "SHACL violations / warnings (fast)",
        lambda v: (
            f"{v['shacl']['atkg_fast']['violations']} / {v['shacl']['atkg_fast']['warnings']}"
        ),
    )
    fmts = next((list(v["export"]) for _k, v in scales if "export" in v), [])
    for fmt in fmts:
        row(f"export {fmt} (s)", lambda v, f=fmt: _s(v["export"][f]["median_s"]))
    for fmt in ("nt", "ttl"):
        row(f"export {fmt}, rdflib (s)", lambda v, f=fmt: _s(v["export"][f]["rdflib_s"]))
    row("write RocksDB store (s)", lambda v: _s(v["write_store_s"]))
    row("peak memory, load to queries (MB)", lambda v: f"{v['peak_memory_before_export_mb']:,.0f}")
    row("peak memory, atkg steps (MB)", lambda v: f"{v['peak_memory_atkg_mb']:,.0f}")
    row("peak memory, with baselines (MB)", lambda v: f"{v['peak_memory_mb']:,.0f}")
    for server in ("atkg", "oxigraph"):
        row(
            f"server {server}: req/s, p50/p99 ms",
            lambda v, s=server: (
                f"{v['server'][s]['requests_per_s']:,.0f}, "
                f"{v['server'][s]['latency_p50_ms']:.1f}/{v['server'][s]['latency_p99_ms']:.1f}"
            ),
        )
    lines.append("")

    names = sorted({n for _k, v in scales for n in v.get("queries", {})})
    lines += [
        "## Named queries (ms: median / p95; rdflib = one run on rdflib's engine, 30 s limit)",
        "",
        "| query | "
        + " | ".join(f"{k}" for k, _v in scales)
        + " | rdflib at largest baseline | ratio | growth n^k, smallest → largest "
        "| from the second smallest |",
        "|---|" + "---|" * (len(scales) + 4),
    ]
    base = next(
        (v for _k, v in reversed(scales) if any("rdflib_s" in q for q in v["queries"].values())),
        None,
    )
    for name in names:
        cells = []
        for _k, v in scales:
            q = v["queries"].get(name)
            cells.append(f"{_ms(q['median_s'])} / {_ms(q['p95_s'])}" if q else "—")
        rdf, ratio = "—", "—"
        if base and name in base["queries"] and "rdflib_s" in base["queries"][name]:
            r = base["queries"][name]["rdflib_s"]
            own = base["queries"][name]["median_s"]
            rdf = "> 30000" if r is None else _ms(r)
            ratio = f"{(r or 30.0) / own:,.0f}x" if own else "—"
        k, k2 = growth(results, name), growth(results, name, 1)
        cells += [rdf, ratio, "—" if k is None else f"{k:.2f}", "—" if k2 is None else f"{k2:.2f}"]
        lines.append(f"| `{name}` | " + " | ".join(cells) + " |")
    lines += ["", *targets(results), ""]
    rep = results.get("report", {})
    if "skipped" in rep:
        lines.append(f"Report generation: skipped ({rep['skipped']}).")
    elif rep:
        lines.append(f"Report generation (`atkg report`, seed): {rep['seed_s']:.2f} s.")
    return "\n".join(lines) + "\n"


def analysis_ratio(v: dict[str, Any]) -> float | None:
    pairs = [
        (q["rdflib_s"] or 30.0, q["median_s"])
        for q in v["queries"].values()
        if q["kind"] == "analysis" and "rdflib_s" in q
    ]
    if not pairs:
        return None
    return sum(a for a, _ in pairs) / sum(b for _, b in pairs)


def targets(results: dict[str, Any]) -> list[str]:
    scales = dict(_scales(results))
    out = ["## Targets", "", "| target | measured | met |", "|---|---|---|"]

    def add(label: str, value: float | None, limit: float, fmt: str, below: bool = True) -> None:
        if value is None:
            out.append(f"| {label} | not measured | — |")
            return
        ok = value < limit if below else value >= limit
        out.append(f"| {label} | {fmt.format(value)} | {'yes' if ok else 'no'} |")

    seed = scales.get("seed", {})
    build = seed.get("build", {})
    steps = [s for s in ("load", "reason", "validate", "write") if s in build]
    add(
        "seed build (load+reason+validate+write) < 1 s",
        sum(build[s]["median_s"] for s in steps) if steps else None,
        TARGETS["seed_build_s"],
        "{:.2f} s",
    )
    if seed.get("queries"):
        worst = max(seed["queries"].items(), key=lambda kv: kv[1]["median_s"])
        add(
            f"every query < 20 ms on the seed (slowest `{worst[0]}`)",
            worst[1]["median_s"] * 1000,
            TARGETS["query_seed_ms"],
            "{:.1f} ms",
        )
    big = max((v for k, v in scales.items() if k != "seed"), key=lambda v: v["quads"], default=None)
    if big:
        worst = max(big["queries"].items(), key=lambda kv: kv[1]["median_s"])
        add(
            f"every query < 300 ms at {big['quads_built']:,} (slowest `{worst[0]}`)",
            worst[1]["median_s"] * 1000,
            TARGETS["query_1e6_ms"],
            "{:.0f} ms",
        )
        names = list(big["queries"])
        for first, span in ((0, "smallest → largest"), (1, "second smallest → largest")):
            ks = [(growth(results, n, first), n) for n in names]
            ks = [(k, n) for k, n in ks if k is not None]
            if ks:
                k, n = max(ks)
                add(f"growth ≤ n^1.2, {span} (steepest `{n}`)", k, TARGETS["growth"], "n^{:.2f}")
        for key, label in (
            ("pyoxigraph_memory", "strict parse"),
            ("pyoxigraph_memory_lenient", "lenient parse of atkg's own dumps"),
        ):
            if key in big["load"]:
                add(
                    f"load ≥ 500k triples/s at {big['quads']:,} ({label})",
                    big["load"][key]["triples_per_s"],
                    TARGETS["load_tps"],
                    "{:,.0f}/s",
                    below=False,
                )
        sh = big["shacl"]
        fast = sh.get("atkg_fast", {}).get("median_s")
        add(
            f"SHACL of {big['quads_built']:,} < 30 s (atkg fast validator)",
            fast,
            TARGETS["shacl_1e6_s"],
            "{:.1f} s",
        )
        pyshacl_total = (
            sh["to_rdflib_s"] + sh["pyshacl_core"]["median_s"] + sh["pyshacl_sparql"]["median_s"]
            if "to_rdflib_s" in sh
            else None
        )
        add("  … pyshacl (copy + core + SPARQL)", pyshacl_total, TARGETS["shacl_1e6_s"], "{:.1f} s")
        add(
            f"peak memory at {big['quads_built']:,} < 4 GiB (atkg's steps)",
            big["peak_memory_atkg_mb"],
            TARGETS["memory_1e6_mb"],
            "{:,.0f} MB",
        )
    for k, v in scales.items():
        r = analysis_ratio(v)
        if r is not None and k != "seed":
            add(
                f"analysis suite vs rdflib at {v['quads_built']:,}",
                r,
                TARGETS["analysis_ratio_1e5"],
                "{:,.0f}x",
                below=False,
            )
    return out


def _flatten(data: Any, prefix: str = "") -> dict[str, float]:
    flat: dict[str, float] = {}
    if isinstance(data, dict):
        for key, value in data.items():
            if key in ("machine", "runs"):
                continue
            flat.update(_flatten(value, f"{prefix}{key}."))
    elif isinstance(data, int | float) and not isinstance(data, bool):
        name = prefix[:-1]
        if name.endswith(("_s", "_ms", "per_s", "_mb")):
            flat[name] = float(data)
    return flat


def compare(a: dict[str, Any], b: dict[str, Any], name_a: str, name_b: str) -> str:
    """Every shared timing of two runs as B / A (< 1: B is faster, or uses less)."""
    fa, fb = _flatten(a.get("scales", {})), _flatten(b.get("scales", {}))
    lines = [
        f"# {name_b} / {name_a}",
        "",
        f"A: {a['machine'].get('date')} on {a['machine'].get('cpu')}; "
        f"B: {b['machine'].get('date')} on {b['machine'].get('cpu')}.",
        "Ratio B/A: below 1 is faster (for req/s and triples/s, above 1 is faster).",
        "",
        "| measure | A | B | B/A |",
        "|---|---|---|---|",
    ]
    for key in sorted(fa.keys() & fb.keys()):
        va, vb = fa[key], fb[key]
        ratio = f"{vb / va:.2f}" if va else "—"
        lines.append(f"| {key} | {va:.4g} | {vb:.4g} | {ratio} |")
    return "\n".join(lines) + "\n"
