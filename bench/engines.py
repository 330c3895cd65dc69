"""Engine comparison behind the choice of pyoxigraph: load and query, against rdflib.

Run: `python bench/engines.py [--scale 100000] [--repeat 5] [--out bench/results]`.

The graph is the real seed build, replicated with renamed instance IRIs until it reaches
the requested size, so that the shape of the data (classes, fan-out, literals) is the
domain's own. Each engine runs the same query files (every SELECT of queries/) with the
same text; figures are medians, reported as ratios rdflib / pyoxigraph measured in the
same process, because absolute times on shared machines drift.
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
from pathlib import Path

import pyoxigraph as ox
from rdflib import Dataset
from suite import limited as _with_limit
from suite import timed

from atkg.build import assemble
from atkg.paths import ProjectPaths
from atkg.sparql import full_text, query_library

ID = "https://w3id.org/atkg/id/"


def replicate(nquads: bytes, target: int) -> bytes:
    """Copies of the instance data with renamed IRIs (the ontology is kept once)."""
    lines = nquads.decode("utf-8").splitlines()
    onto = [line for line in lines if line.endswith("<https://w3id.org/atkg/graph/ontology> .")]
    data = [line for line in lines if line not in set(onto)]
    out = list(onto)
    copy = 0
    while len(out) < target:
        prefix = f"{ID}copy{copy}/"
        out.extend(line.replace(ID, prefix) for line in data)
        copy += 1
    return ("\n".join(out[:target]) + "\n").encode("utf-8")


RDFLIB_LIMIT_S = 60.0


def run(scale: int, repeat: int) -> dict[str, object]:
    paths = ProjectPaths.default()
    seed = assemble(paths).store
    nquads = replicate(seed.dump(format=ox.RdfFormat.N_QUADS), scale)
    triples = nquads.count(b"\n")

    def load_ox() -> ox.Store:
        store = ox.Store()
        store.load(nquads, format=ox.RdfFormat.N_QUADS)
        return store

    def load_rdflib() -> Dataset:
        ds = Dataset(default_union=True)
        ds.parse(data=nquads, format="nquads")
        return ds

    load = {"pyoxigraph": timed(load_ox, max(1, repeat // 2)), "rdflib": timed(load_rdflib, 1)}
    store, dataset = load_ox(), load_rdflib()
    queries = {}
    for name, query in query_library(paths.queries).items():
        if query.kind == "construct" or query.parameters:
            continue
        text = full_text(query)
        ox_times = timed(
            lambda t=text: list(store.query(t, use_default_graph_as_union=True)), repeat
        )
        rdf_s = _with_limit(lambda t=text: list(dataset.query(t)), RDFLIB_LIMIT_S)
        queries[name] = {
            "pyoxigraph_s": statistics.median(ox_times),
            "rdflib_s": rdf_s if rdf_s is not None else RDFLIB_LIMIT_S,
            "rdflib_timed_out": rdf_s is None,
        }
    ratios = [q["rdflib_s"] / q["pyoxigraph_s"] for q in queries.values() if q["pyoxigraph_s"] > 0]
    return {
        "machine": f"{platform.machine()} {platform.system()} Python {platform.python_version()}",
        "triples": triples,
        "load_s": {k: statistics.median(v) for k, v in load.items()},
        "load_ratio": statistics.median(load["rdflib"]) / statistics.median(load["pyoxigraph"]),
        "queries": queries,
        "query_ratio_median": statistics.median(ratios) if ratios else None,
        "query_ratio_min": min(ratios) if ratios else None,
    }


def reasoning(repeat: int) -> dict[str, float]:
    """CONSTRUCT rules on pyoxigraph against owlrl's OWL-RL closure on the seed graph."""
    import owlrl

    from atkg.build import load_sources, to_store
    from atkg.reason import construct_rules, materialise

    paths = ProjectPaths.default()
    graphs = load_sources(paths)
    rules = construct_rules(paths.queries)

    def rules_run() -> None:
        store = to_store(graphs)
        materialise(store, rules, ox.NamedNode("https://w3id.org/atkg/graph/inferred"))

    def owlrl_run() -> None:
        from rdflib import Graph

        g = Graph()
        for graph in graphs.values():
            for t in graph:
                g.add(t)
        owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(g)

    rules_s = statistics.median(timed(rules_run, repeat))
    owlrl_s = statistics.median(timed(owlrl_run, 1))
    return {"rules_s": rules_s, "owlrl_s": owlrl_s, "ratio": owlrl_s / rules_s}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scale", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--out", type=Path, default=Path("bench/results"))
    args = parser.parse_args()
    result = run(args.scale, args.repeat)
    result["reasoning_seed"] = reasoning(args.repeat)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "engines.json").write_text(json.dumps(result, indent=2) + "\n")
    lines = [
        f"Engines at {result['triples']:,} triples ({result['machine']}):",
        "",
        "| measure | rdflib | pyoxigraph | ratio |",
        "|---|---|---|---|",
    ]
    load = result["load_s"]
    lines.append(
        f"| load N-Quads | {load['rdflib']:.2f} s | {load['pyoxigraph']:.3f} s | "
        f"{result['load_ratio']:.0f}x |"
    )
    for name, q in sorted(result["queries"].items()):
        over = ">" if q["rdflib_timed_out"] else ""
        lines.append(
            f"| `{name}` | {over}{q['rdflib_s'] * 1000:.0f} ms | "
            f"{q['pyoxigraph_s'] * 1000:.1f} ms | "
            f"{over}{q['rdflib_s'] / q['pyoxigraph_s']:.0f}x |"
        )
    r = result["reasoning_seed"]
    lines += [
        "",
        f"Median query ratio: {result['query_ratio_median']:.0f}x "
        f"(lowest {result['query_ratio_min']:.1f}x).",
        f"Reasoning on the seed graph: CONSTRUCT rules {r['rules_s']:.2f} s, "
        f"owlrl OWL-RL {r['owlrl_s']:.1f} s ({r['ratio']:.0f}x).",
    ]
    (args.out / "engines.md").write_text("\n".join(lines) + "\n")
    print("\n".join(lines))  # noqa: T201


if __name__ == "__main__":
    main()
