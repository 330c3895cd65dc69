"""The build: load every source into its named graph, reason, validate, then write.

Atomic: outputs are written to a staging directory beside build/ and swapped in only
when every step has succeeded, so a failed build leaves the last good one untouched.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph, Literal
from rdflib.compare import to_canonical_graph

from atkg import __version__, iris
from atkg.errors import InputError, Problem
from atkg.export import serialise
from atkg.loaders import (
    curated,
    ilo,
    participation,
    states,
    un_membership,
    unga_metadata,
    vocabularies,
)
from atkg.loaders.context import LoadContext
from atkg.namespaces import GRAPH
from atkg.paths import ProjectPaths
from atkg.reason import construct_rules, materialise
from atkg.store import to_ox
from atkg.tables import read_table
from atkg.validate import ValidationReport, load_shapes, validate_graph, validate_store

log = logging.getLogger(__name__)

STORE_DIR = "store"
TRIG_FILE = "atkg.trig"
SUMMARY_FILE = "summary.json"
ONTOLOGY_GRAPH = "ontology"
INFERRED_GRAPH = "inferred"

Progress = Callable[[str], None]


class ValidationFailed(Exception):  # noqa: N818 - reads as a state, like StopIteration
    """The built graph does not conform to the shapes; nothing was written."""

    def __init__(self, report: ValidationReport) -> None:
        self.report = report
        super().__init__(f"{len(report.violations)} SHACL violations")


@dataclass
class BuildResult:
    store: ox.Store
    graphs: dict[str, int]
    timings: dict[str, float] = field(default_factory=dict)
    report: ValidationReport | None = None
    reasoning: dict[str, int] = field(default_factory=dict)
    output: Path | None = None

    @property
    def triples(self) -> int:
        return sum(self.graphs.values())


def _cache_dir() -> Path:
    root = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(os.environ.get("ATKG_CACHE_DIR") or Path(root) / "atkg")


def parse_turtle(path: Path, display: str) -> Graph:
    """The file as a graph whose blank nodes have canonical labels (stable outputs).

    Canonical labelling costs more than the parse; its result is cached as N-Triples
    under ~/.cache/atkg (or $ATKG_CACHE_DIR), keyed by a hash of the file's bytes and the
    rdflib version, so an unchanged ontology is read back in a few milliseconds.
    """
    import hashlib

    import rdflib

    try:
        data = path.read_bytes()
    except FileNotFoundError as exc:
        raise InputError([Problem(display, None, "file not found")]) from exc
    digest = hashlib.sha256(data + rdflib.__version__.encode()).hexdigest()[:24]
    cached = _cache_dir() / f"canonical-{digest}.nt"
    if cached.is_file():  # pyoxigraph keeps blank node labels, rdflib's N-Triples parser not
        from atkg.store import from_ox

        graph = Graph()
        xsd_string = ox.NamedNode("http://www.w3.org/2001/XMLSchema#string")
        for quad in ox.parse(path=str(cached), format=ox.RdfFormat.N_TRIPLES):
            o = quad.object
            obj = (
                Literal(o.value)
                if isinstance(o, ox.Literal) and o.datatype == xsd_string
                else from_ox(o)
            )
            graph.add((from_ox(quad.subject), from_ox(quad.predicate), obj))  # type: ignore[arg-type]
        return graph
    graph = Graph()
    try:
        graph.parse(data=data, format="turtle", publicID=path.resolve().as_uri())
    except Exception as exc:  # rdflib's parsers raise several exception types
        line = getattr(exc, "lines", None)
        raise InputError(
            [
                Problem(
                    display, line if isinstance(line, int) else None, f"Turtle syntax error: {exc}"
                )
            ]
        ) from exc
    # blank nodes (OWL axioms) get canonical labels so that outputs are byte-identical
    canonical = Graph()
    for triple in to_canonical_graph(graph):
        canonical.add(triple)
    try:
        cached.parent.mkdir(parents=True, exist_ok=True)
        partial = cached.with_suffix(f".{os.getpid()}.tmp")
        canonical.serialize(partial, format="nt", encoding="utf-8")
        partial.replace(cached)
    except OSError:  # a read-only home: no cache, same result
        log.debug("cannot write the parse cache %s", cached)
    return canonical


def load_sources(paths: ProjectPaths) -> dict[str, Graph]:
    """Every source as an rdflib graph, keyed by named-graph name; InputError lists problems."""
    ctx = LoadContext()
    graphs: dict[str, Graph] = {
        ONTOLOGY_GRAPH: parse_turtle(paths.ontology, paths.relative(paths.ontology))
    }

    vocab_path = paths.vocabularies / "concepts.tsv"
    vocab_table = None
    if vocab_path.exists():
        try:
            vocab_table = read_table(
                vocab_path, vocabularies.COLUMNS, vocabularies.REQUIRED, paths.relative(vocab_path)
            )
        except InputError as exc:
            ctx.problems.extend(exc.problems)
        else:
            vocabularies.index_concepts(ctx, vocab_table)

    country_dir = paths.sources / "country-codes"
    states.index_states(ctx, country_dir)
    try:
        tables = curated.read_curated(paths.curated, lambda p: paths.relative(p))
    except InputError as exc:
        ctx.problems.extend(exc.problems)
        tables = {}
    # documents named only by seeds.tsv still need to exist; the index pass checks keys
    curated.index_keys(ctx, tables)
    # UNTC status tables are documents that instruments.tsv rows may cite
    untc = participation.read_untc(ctx, paths.sources / "untc", paths.relative)
    # GA resolution metadata: its documents are citable by curated rows too
    unga = unga_metadata.read_metadata(ctx, paths.sources / "unga-metadata", paths.relative)
    # ILO NORMLEX records: the sources instruments.tsv cites for what the seeds omit
    ilo_records = ilo.read_ilo(ctx, paths.sources / "ilo", paths.relative)
    if vocab_table is not None:
        graphs["vocabularies"] = vocabularies.map_concepts(ctx, vocab_table)
    graphs["states"] = states.load_states(
        ctx, country_dir, paths.relative(country_dir / "country-codes.csv")
    )
    graphs.update(curated.map_tables(ctx, tables))
    graphs["participation"] = participation.load_participation(
        ctx, untc, tables.get("instruments"), country_dir
    )
    graphs["unga-metadata"] = unga_metadata.load_metadata(ctx, unga, country_dir)
    graphs["ilo-normlex"] = ilo.load_ilo(ctx, ilo_records, tables.get("instruments"))
    graphs["un-membership"] = un_membership.load_membership(
        ctx, paths.sources / "unga-metadata", paths.relative
    )
    # -- documents added by `atkg ingest` (src/atkg/extract/ingest.py): one graph each --
    ingested_dir = paths.root / "data" / "ingested"
    if ingested_dir.is_dir():
        from atkg.extract.ingest import ingested_context, load_ingested

        graphs.update(
            load_ingested(
                ingested_dir, paths.relative(ingested_dir), ingested_context(ctx), ctx.problems
            )
        )
    # -- end of ingested documents --
    if ctx.problems:
        raise InputError(ctx.problems)
    return graphs


def to_store(graphs: dict[str, Graph]) -> ox.Store:
    store = ox.Store()
    for name, graph in graphs.items():
        g = ox.NamedNode(str(iris.graph(name)))
        store.extend(
            ox.Quad(to_ox(s), to_ox(p), to_ox(o), g)  # type: ignore[arg-type]
            for s, p, o in graph
        )
    return store


def data_graph(store: ox.Store) -> Graph:
    """The union of every graph except the ontology: what the shapes validate."""
    from atkg.store import from_ox

    onto = ox.NamedNode(str(iris.graph(ONTOLOGY_GRAPH)))
    graph = Graph()
    for quad in store:
        if quad.graph_name != onto:
            graph.add((from_ox(quad.subject), from_ox(quad.predicate), from_ox(quad.object)))  # type: ignore[arg-type]
    return graph


def graph_counts(store: ox.Store) -> dict[str, int]:
    counts: dict[str, int] = {}
    prefix = str(GRAPH)
    for graph in store.named_graphs():
        name = graph.value.removeprefix(prefix)
        counts[name] = sum(1 for _ in store.quads_for_pattern(None, None, None, graph))
    return dict(sorted(counts.items()))


def assemble(paths: ProjectPaths, progress: Progress | None = None) -> BuildResult:
    """Load, reason and validate in memory; raise on bad input or a non-conforming graph."""
    note = progress or (lambda _step: None)
    timings: dict[str, float] = {}

    note("load")
    t0 = time.perf_counter()
    graphs = load_sources(paths)
    store = to_store(graphs)
    timings["load"] = time.perf_counter() - t0

    note("reason")
    t0 = time.perf_counter()
    reasoning = materialise(
        store, construct_rules(paths.queries), ox.NamedNode(str(iris.graph(INFERRED_GRAPH)))
    )
    timings["reason"] = time.perf_counter() - t0

    note("validate")
    t0 = time.perf_counter()
    shapes = load_shapes(paths.shapes, paths.relative(paths.shapes))
    if os.environ.get("ATKG_VALIDATOR") == "pyshacl":  # the reference, pyshacl on rdflib
        report = validate_graph(data_graph(store), shapes)
    else:  # the same results from whole-graph SPARQL (tests/shapes/test_shacl_sparql.py)
        report = validate_store(store, shapes, (str(iris.graph(ONTOLOGY_GRAPH)),))
    timings["validate"] = time.perf_counter() - t0
    result = BuildResult(
        store,
        graph_counts(store),
        timings,
        report,
        {"inferred": reasoning.inferred, "passes": reasoning.passes},
    )
    if not report.conforms:
        raise ValidationFailed(report)
    return result


def _write_store(store: ox.Store, location: Path) -> None:
    disk = ox.Store(str(location))
    disk.bulk_extend(store)
    disk.flush()
    del disk


def write_outputs(result: BuildResult, out_dir: Path, progress: Progress | None = None) -> None:
    """Write the store, the TriG dump and the summary into out_dir, atomically."""
    note = progress or (lambda _step: None)
    note("write")
    t0 = time.perf_counter()
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = out_dir.parent / f".{out_dir.name}.staging-{os.getpid()}"
    if staging.exists():
        shutil.rmtree(staging)
    staging.mkdir()
    try:
        # the on-disk store is written by pyoxigraph without the GIL, beside the TriG dump
        with ThreadPoolExecutor(1) as pool:
            disk = pool.submit(_write_store, result.store, staging / STORE_DIR)
            (staging / TRIG_FILE).write_bytes(serialise(result.store, "trig"))
            disk.result()
        result.timings["write"] = time.perf_counter() - t0
        summary = {
            "atkg_version": __version__,
            "triples": result.triples,
            "graphs": result.graphs,
            "timings_s": {k: round(v, 4) for k, v in result.timings.items()},
            "reasoning": result.reasoning,
            "shacl": {
                "violations": len(result.report.violations) if result.report else 0,
                "warnings": len(result.report.warnings) if result.report else 0,
            },
        }
        (staging / SUMMARY_FILE).write_text(json.dumps(summary, indent=2) + "\n")
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    previous = out_dir.parent / f".{out_dir.name}.previous-{os.getpid()}"
    if out_dir.exists():
        out_dir.rename(previous)
    staging.rename(out_dir)
    shutil.rmtree(previous, ignore_errors=True)
    result.output = out_dir


def build(
    paths: ProjectPaths, out_dir: Path | None = None, progress: Progress | None = None
) -> BuildResult:
    """The whole build; on any failure the previous outputs in out_dir stay as they were."""
    result = assemble(paths, progress)
    write_outputs(result, out_dir or paths.build, progress)
    return result


def open_built_store(paths: ProjectPaths, out_dir: Path | None = None) -> ox.Store:
    """The embedded store of the last good build (read-only)."""
    from atkg.errors import UsageError

    location = (out_dir or paths.build) / STORE_DIR
    if not location.exists():
        raise UsageError(f"no build at {location.parent}: run `atkg build` first")
    return ox.Store.read_only(str(location))
