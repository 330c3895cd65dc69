"""The benchmark suite: atkg from the seed graph to a million-fold scale, beside baselines.

Run (the one command; see bench/README.md):

    python bench/suite.py                      # seed, 10^4, 10^5, 10^6 -> bench/results/
    python bench/suite.py --scales 10000 --repeat 3 --out /tmp/b   # a quick smoke run
    python bench/suite.py --compare bench/results/suite.json /tmp/b/suite.json

Each scale runs in its own process (so peak memory is that scale's own) on a graph from
bench/generate.py. Every measure has a baseline measured in the same run: rdflib's store
and SPARQL engine for load, queries and export; pyshacl on an rdflib graph for SHACL
(core constraints and SPARQL-based constraints timed apart); owlrl for reasoning; and
`oxigraph serve-read-only` beside `atkg serve` for the server (wrk). Slow baselines run
only up to --baseline-max triples, once, with a time limit.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import report  # noqa: E402  (bench/report.py: Markdown and comparison)

RESULTS = HERE / "results"
DEFAULT_SCALES = (10_000, 100_000, 1_000_000)
LIMIT_S = 60.0


# -- timing helpers ------------------------------------------------------------------


def timed(fn: Callable[[], object], repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return times


def stats(times: list[float]) -> dict[str, float]:
    ordered = sorted(times)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {"median_s": statistics.median(ordered), "p95_s": p95, "runs": len(ordered)}


def limited(fn: Callable[[], object], limit: float = LIMIT_S) -> float | None:
    """One run of a baseline; None when it exceeds the limit."""
    import signal

    def _alarm(_signum: int, _frame: object) -> None:
        raise TimeoutError

    previous = signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, limit)
    try:
        t0 = time.perf_counter()
        fn()
        return time.perf_counter() - t0
    except TimeoutError:
        return None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# -- one scale (runs in a worker process) ----------------------------------------------


def split_shapes(shapes: Any) -> tuple[Any, Any]:
    """(core, sparql): the shapes with SPARQL-based targets/constraints apart from the rest."""
    from rdflib import Graph

    from atkg.namespaces import SH

    core, sparql = Graph(), Graph()
    targets = {SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf}
    for s, p, o in shapes:
        if p not in (SH.sparql, SH.target):
            core.add((s, p, o))
        if p not in targets:
            sparql.add((s, p, o))
    return core, sparql


def run_scale(
    data: Path | None, repeat: int, baseline_max: int, work: Path, pyshacl_max: int = 1_000_000
) -> dict[str, Any]:
    """Every measure at one scale: atkg's own first (its peak memory), then the baselines."""
    import pyoxigraph as ox

    from atkg.paths import ProjectPaths
    from atkg.validate import load_shapes

    paths = ProjectPaths.default()
    out: dict[str, Any] = {}
    reasoned = data is None
    if data is None:  # the seed: the real build, step by step as `atkg build` runs it
        out["build"], data = _seed_build(paths, repeat, work)
    quads_file = sum(1 for _ in data.open("rb"))

    def load_memory() -> ox.Store:
        store = ox.Store()
        store.load(path=str(data), format=ox.RdfFormat.N_QUADS)
        return store

    def load_disk() -> None:
        target = work / "disk-load"
        shutil.rmtree(target, ignore_errors=True)
        store = ox.Store(str(target))
        store.bulk_load(path=str(data), format=ox.RdfFormat.N_QUADS)
        store.flush()
        del store
        shutil.rmtree(target, ignore_errors=True)

    def load_trusted() -> None:
        # atkg reloading its own dumps (already parsed and validated once): lenient parse
        ox.Store().load(path=str(data), format=ox.RdfFormat.N_QUADS, lenient=True)

    store = load_memory()
    quads = len(store)
    out["quads"], out["bytes"] = quads, data.stat().st_size
    out["load"] = {
        "pyoxigraph_memory": stats(timed(load_memory, repeat)),
        "pyoxigraph_memory_lenient": stats(timed(load_trusted, repeat)),
        "pyoxigraph_disk": stats(timed(load_disk, max(1, repeat // 2))),
    }
    out["reasoning"] = {} if reasoned else {"rules": _reason(store, paths)}
    out["quads_built"] = len(store)
    shapes = load_shapes(paths.shapes)
    out["shacl"] = {"atkg_fast": _fast_shacl(store, shapes, repeat)}
    out["queries"] = _queries(store, paths, repeat)
    out["peak_memory_before_export_mb"] = peak_mb()  # JSON-LD compaction (pyld) needs more
    out["export"] = _export(store, quads, repeat)
    out["write_store_s"], out["build_dir"] = _write_store(store, work / f"build-{quads}")
    out["peak_memory_atkg_mb"] = peak_mb()

    # -- baselines ------------------------------------------------------------------------
    if quads <= baseline_max:
        _rdflib_baselines(out, data, store, quads, paths)
    if not reasoned and quads <= baseline_max // 10:
        out["reasoning"]["owlrl"] = _owlrl(data)
    if quads <= pyshacl_max:
        out["shacl"].update(_pyshacl(store, shapes))
    for entry in out["load"].values():
        entry["triples_per_s"] = quads / entry["median_s"]
    out["quads_source"] = quads_file
    out["peak_memory_mb"] = peak_mb()
    return out


def _seed_build(paths: Any, repeat: int, work: Path) -> tuple[dict[str, Any], Path]:
    import pyoxigraph as ox

    from atkg.build import assemble, write_outputs

    runs = []
    for i in range(repeat):
        t0 = time.perf_counter()
        result = assemble(paths)
        write_outputs(result, work / f"seed-build-{i}")
        runs.append({**result.timings, "total": time.perf_counter() - t0})
        shutil.rmtree(work / f"seed-build-{i}", ignore_errors=True)
    build = {step: stats([r[step] for r in runs]) for step in runs[0]}
    data = work / "seed.nq"
    data.write_bytes(result.store.dump(format=ox.RdfFormat.N_QUADS))  # type: ignore[arg-type]
    return build, data


def _reason(store: Any, paths: Any) -> dict[str, Any]:
    import pyoxigraph as ox

    from atkg import iris
    from atkg.build import INFERRED_GRAPH
    from atkg.reason import construct_rules, materialise

    rules = construct_rules(paths.queries)
    t0 = time.perf_counter()
    report_ = materialise(store, rules, ox.NamedNode(str(iris.graph(INFERRED_GRAPH))))
    return {"median_s": time.perf_counter() - t0, "inferred": report_.inferred}


def _fast_shacl(store: Any, shapes: Any, repeat: int) -> dict[str, Any]:
    from atkg.validate import validate_store

    times = []
    for _ in range(max(1, repeat // 2)):
        t0 = time.perf_counter()
        rep = validate_store(store, shapes)
        times.append(time.perf_counter() - t0)
    return {**stats(times), "violations": len(rep.violations), "warnings": len(rep.warnings)}


def _queries(store: Any, paths: Any, repeat: int) -> dict[str, Any]:
    from atkg.sparql import query_library
    from atkg.store import EmbeddedStore

    embedded = EmbeddedStore(store)
    queries: dict[str, Any] = {}
    for name, query in sorted(query_library(paths.queries).items()):
        if query.kind == "construct":
            continue
        bindings = query.bind({}) if query.parameters else None
        run = (
            (lambda q=query, b=bindings: embedded.construct(q, b))
            if "CONSTRUCT" in query.text.upper().split("WHERE")[0]
            else (lambda q=query, b=bindings: embedded.select(q, b))
        )
        queries[name] = {"kind": query.kind, **stats(timed(run, repeat))}
    return queries


def _export(store: Any, quads: int, repeat: int) -> dict[str, Any]:
    from atkg.export import FORMATS, serialise

    export: dict[str, Any] = {}
    for fmt in FORMATS:
        if quads > 300_000:  # one run; JSON-LD compaction (pyld) gets a time limit
            once = limited(lambda f=fmt: serialise(store, f), 120.0)
            export[fmt] = {"median_s": once, "p95_s": once, "runs": 1, "timed_out": once is None}
        else:
            export[fmt] = stats(timed(lambda f=fmt: serialise(store, f), repeat))
    return export


def _write_store(store: Any, build_dir: Path) -> tuple[float, str]:
    """The build's on-disk store (for the server runs), timed."""
    import pyoxigraph as ox

    shutil.rmtree(build_dir, ignore_errors=True)
    build_dir.mkdir(parents=True)
    t0 = time.perf_counter()
    disk = ox.Store(str(build_dir / "store"))
    disk.bulk_extend(store)
    disk.flush()
    del disk
    return time.perf_counter() - t0, str(build_dir)


def _rdflib_baselines(out: dict[str, Any], data: Path, store: Any, quads: int, paths: Any) -> None:
    """rdflib: load the file, run every query once (30 s limit), serialise nt and turtle."""
    import pyoxigraph as ox
    from rdflib import Dataset, Graph

    from atkg.sparql import full_text, query_library

    def load_rdflib() -> None:
        Dataset(default_union=True).parse(str(data), format="nquads")

    out["load"]["rdflib"] = stats(timed(load_rdflib, 1))
    dataset = Dataset(default_union=True)  # the reasoned data, as the queries see it
    dataset.parse(data=store.dump(format=ox.RdfFormat.N_QUADS), format="nquads")
    for name, query in query_library(paths.queries).items():
        if name in out["queries"]:
            bindings = query.bind({}) if query.parameters else None
            text = full_text(query, bindings)
            out["queries"][name]["rdflib_s"] = limited(lambda t=text: list(dataset.query(t)), 30.0)
    dataset.close()
    graph = Graph()
    for quad in store:
        graph.add(_rdflib_triple(quad))
    for fmt, rdf_fmt in (("nt", "nt"), ("ttl", "turtle")):
        out["export"][fmt]["rdflib_s"] = limited(lambda r=rdf_fmt: graph.serialize(format=r), 120)


def _owlrl(data: Path) -> dict[str, Any]:
    import owlrl
    import pyoxigraph as ox
    from rdflib import Graph

    graph = Graph()
    for quad in ox.parse(path=str(data), format=ox.RdfFormat.N_QUADS):
        graph.add(_rdflib_triple(quad))
    owl_s = limited(lambda: owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(graph), 300)
    return {"median_s": owl_s, "timed_out": owl_s is None}


def _pyshacl(store: Any, shapes: Any) -> dict[str, Any]:
    """pyshacl on an rdflib copy: the copy, core constraints, SPARQL-based ones, apart."""
    from atkg.build import data_graph
    from atkg.validate import validate_graph

    core, sparql = split_shapes(shapes)
    out: dict[str, Any] = {}
    t0 = time.perf_counter()
    graph = data_graph(store)
    out["to_rdflib_s"] = time.perf_counter() - t0
    for name, part in (("pyshacl_core", core), ("pyshacl_sparql", sparql)):
        t0 = time.perf_counter()
        rep = validate_graph(graph, part)
        out[name] = {
            "median_s": time.perf_counter() - t0,
            "violations": len(rep.violations),
            "warnings": len(rep.warnings),
        }
    return out


def _rdflib_triple(quad: Any) -> Any:
    from atkg.store import from_ox

    return (from_ox(quad.subject), from_ox(quad.predicate), from_ox(quad.object))


# -- the server, under wrk ---------------------------------------------------------------

SERVER_QUERY = (
    "SELECT ?p ?o WHERE { <https://w3id.org/atkg/id/instrument/untoc-protocol-tip> ?p ?o } "
    "ORDER BY ?p ?o LIMIT 100"
)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait(port: int, seconds: float = 60.0) -> bool:
    end = time.time() + seconds
    while time.time() < end:
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return True
        time.sleep(0.2)
    return False


def _wrk(url: str, duration: int) -> dict[str, Any]:
    cmd = ["wrk", "-t2", "-c8", f"-d{duration}s", "--latency"]
    cmd += ["-H", "Accept: application/sparql-results+json", url]
    text = subprocess.run(cmd, capture_output=True, text=True, check=False).stdout
    result: dict[str, Any] = {}
    for line in text.splitlines():
        parts = line.split()
        if line.startswith("Requests/sec:"):
            result["requests_per_s"] = float(parts[1])
        elif parts[:1] in (["50%"], ["99%"]):
            result[f"latency_p{parts[0][:-1]}_ms"] = _ms(parts[1])
        elif "Non-2xx" in line:
            result["non_2xx"] = int(parts[-1])
    return result


def _ms(text: str) -> float:
    for unit, factor in (("us", 0.001), ("ms", 1.0), ("s", 1000.0)):
        if text.endswith(unit):
            return float(text[: -len(unit)]) * factor
    return float(text)


def run_server(build_dir: Path, duration: int) -> dict[str, Any]:
    from urllib.parse import quote

    if shutil.which("wrk") is None:
        return {"skipped": "wrk is not installed (apt-get install -y wrk)"}
    bin_dir = Path(sys.executable).parent
    servers = {
        "oxigraph": lambda port: [
            str(bin_dir / "oxigraph"),
            "serve-read-only",
            "--location",
            str(build_dir / "store"),
            "--bind",
            f"127.0.0.1:{port}",
            "--union-default-graph",
        ],
        "atkg": lambda port: [
            str(bin_dir / "atkg"),
            "--build-dir",
            str(build_dir),
            "serve",
            "--port",
            str(port),
        ],
    }
    path = {"oxigraph": "/query", "atkg": "/sparql"}
    out: dict[str, Any] = {}
    for name, command in servers.items():
        port = _free_port()
        proc = subprocess.Popen(command(port), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            if not _wait(port):
                out[name] = {"skipped": "did not start"}
                continue
            url = f"http://127.0.0.1:{port}{path[name]}?query={quote(SERVER_QUERY)}"
            out[name] = _wrk(url, duration)
        finally:
            proc.terminate()
            proc.wait(timeout=30)
    return out


# -- orchestration -------------------------------------------------------------------------


def machine() -> dict[str, Any]:
    import pyoxigraph
    import pyshacl
    import rdflib

    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        mem_kb = next(
            int(line.split()[1])
            for line in Path("/proc/meminfo").read_text().splitlines()
            if line.startswith("MemTotal")
        )
    except OSError:
        mem_kb = 0
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gib": round(mem_kb / 2**20, 1),
        "system": f"{platform.system()} {platform.release()} {platform.machine()}",
        "python": platform.python_version(),
        "pyoxigraph": pyoxigraph.__version__,
        "rdflib": rdflib.__version__,
        "pyshacl": pyshacl.__version__,
        "date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
    }


def worker(args: argparse.Namespace) -> int:
    data = None if args.data == "seed" else Path(args.data)
    result = run_scale(data, args.repeat, args.baseline_max, Path(args.work), args.pyshacl_max)
    sys.stdout.write(json.dumps(result) + "\n")
    return 0


def _log(text: str) -> None:
    sys.stderr.write(f"[{time.strftime('%H:%M:%S')}] {text}\n")
    sys.stderr.flush()


def orchestrate(args: argparse.Namespace) -> int:
    import generate

    work = Path(args.work or tempfile.mkdtemp(prefix="atkg-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    results: dict[str, Any] = {"machine": machine(), "repeat": args.repeat, "scales": {}}
    labels = (["seed"] if not args.no_seed else []) + [str(s) for s in args.scales]
    seed = None
    for label in labels:
        data = "seed"
        if label != "seed":
            seed = seed or generate.Seed(generate.seed_nquads())
            path = work / f"atkg-{label}.nq"
            t0 = time.perf_counter()
            n = generate.write(int(label), path, seed)
            _log(f"generated {n:,} quads for {label} in {time.perf_counter() - t0:.1f} s")
            data = str(path)
        _log(f"measuring {label}")
        cmd = [sys.executable, __file__, "--worker", data, "--work", str(work)]
        cmd += ["--repeat", str(args.repeat), "--baseline-max", str(args.baseline_max)]
        cmd += ["--pyshacl-max", str(args.pyshacl_max)]
        proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
        if proc.returncode != 0:
            _log(f"{label} failed:\n{proc.stderr[-3000:]}")
            results["scales"][label] = {"error": proc.stderr[-3000:]}
            continue
        scale = json.loads(proc.stdout.strip().splitlines()[-1])
        if not args.no_server and (label == "seed" or int(label) >= args.server_min):
            _log(f"server at {label}")
            scale["server"] = run_server(Path(scale["build_dir"]), args.server_seconds)
        shutil.rmtree(scale.pop("build_dir"), ignore_errors=True)
        results["scales"][label] = scale
        _log(f"{label}: {scale['quads']:,} quads, peak {scale['peak_memory_mb']:.0f} MB")
    results["report"] = _report_command()
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "suite.json").write_text(json.dumps(results, indent=1) + "\n")
    (args.out / "suite.md").write_text(report.markdown(results))
    _log(f"wrote {args.out / 'suite.json'} and {args.out / 'suite.md'}")
    if not args.work:
        shutil.rmtree(work, ignore_errors=True)
    return 0


def _report_command() -> dict[str, Any]:
    """`atkg report` on the seed build, if that command exists (skipped otherwise)."""
    atkg = str(Path(sys.executable).parent / "atkg")
    probe = subprocess.run([atkg, "report", "--help"], capture_output=True, check=False)
    if probe.returncode != 0:
        return {"skipped": "`atkg report` does not exist yet"}
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "ATKG_BUILD_DIR": f"{tmp}/build"}
        subprocess.run([atkg, "build"], env=env, capture_output=True, check=False)
        times, code = [], 0
        for _ in range(3):
            t0 = time.perf_counter()
            proc = subprocess.run(
                [atkg, "report", "-o", f"{tmp}/report", "--format", "html,md"],
                env=env,
                capture_output=True,
                check=False,
            )
            times.append(time.perf_counter() - t0)
            code = code or proc.returncode
        return {"seed_s": statistics.median(times), "exit": code, "note": "process, html+md"}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--scales",
        type=lambda s: [int(float(x)) for x in s.split(",")],
        default=list(DEFAULT_SCALES),
        help="comma-separated sizes in quads (default 10000,100000,1000000)",
    )
    parser.add_argument("--repeat", type=int, default=5, help="runs per measure (median, p95)")
    parser.add_argument("--baseline-max", type=int, default=150_000, help="largest rdflib run")
    parser.add_argument("--pyshacl-max", type=int, default=1_100_000, help="largest pyshacl run")
    parser.add_argument("--server-min", type=int, default=100_000, help="smallest server run")
    parser.add_argument("--server-seconds", type=int, default=10)
    parser.add_argument("--no-server", action="store_true")
    parser.add_argument("--no-seed", action="store_true")
    parser.add_argument("--out", type=Path, default=RESULTS)
    parser.add_argument("--work", help="scratch directory (kept if given)")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--data", help=argparse.SUPPRESS)
    parser.add_argument("--compare", nargs=2, type=Path, metavar=("A", "B"))
    args = parser.parse_args(argv)
    if args.compare:
        a, b = (json.loads(p.read_text()) for p in args.compare)
        sys.stdout.write(report.compare(a, b, *(str(p) for p in args.compare)))
        return 0
    if args.worker:
        args.data = args.worker
        return worker(args)
    return orchestrate(args)


if __name__ == "__main__":
    raise SystemExit(main())
