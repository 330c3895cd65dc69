"""What each `atkg` subcommand does, kept apart from argument parsing."""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Iterable
from pathlib import Path

from rich.console import Console
from rich.table import Table as RichTable

from atkg.paths import ProjectPaths


def rich_table(title: str, columns: Iterable[str], rows: Iterable[Iterable[str]]) -> RichTable:
    """A terminal table of text cells: the one way query answers are shown."""
    table = RichTable(title=title)
    for column in columns:
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(*row)
    return table


def console_err() -> Console:
    return Console(stderr=True)


def _paths(args: argparse.Namespace) -> tuple[ProjectPaths, Path]:
    paths = ProjectPaths.default()
    return paths, args.build_dir or paths.build


def print_validation(report, show_warnings: bool) -> None:  # type: ignore[no-untyped-def]
    err = console_err()
    shown = report.results if show_warnings else report.violations
    for result in shown:
        colour = {"Violation": "red", "Warning": "yellow"}.get(result.severity, "cyan")
        err.print(f"[{colour}]{result.severity}[/] {result.focus}", highlight=False)
        if result.path:
            err.print(f"    path:    {result.path}", highlight=False)
        err.print(f"    message: {result.message}", highlight=False)
        if result.value:
            err.print(f"    value:   {result.value}", highlight=False)
        if result.record:
            err.print(f"    source:  {result.record}", highlight=False)
    err.print(
        f"{len(report.violations)} violations, {len(report.warnings)} warnings, "
        f"{len(report.infos)} infos"
    )


def cmd_build(args: argparse.Namespace) -> int:
    from atkg.build import build

    paths, out = _paths(args)
    err = console_err()
    started = time.perf_counter()
    with err.status("building") as status:
        result = build(paths, out, progress=lambda step: status.update(f"build: {step}"))
    total = time.perf_counter() - started
    table = RichTable(title=f"atkg build → {out}")
    table.add_column("graph")
    table.add_column("triples", justify="right")
    for name, count in result.graphs.items():
        table.add_row(name, f"{count:,}")
    table.add_row("[bold]total[/]", f"[bold]{result.triples:,}[/]")
    err.print(table)
    steps = ", ".join(f"{k} {v:.2f}s" for k, v in result.timings.items())
    err.print(f"steps: {steps}; total {total:.2f}s")
    if result.report:
        err.print(
            f"SHACL: conforms, {len(result.report.warnings)} warnings, "
            f"{len(result.report.infos)} infos (`atkg validate --warnings` lists them)"
        )
    return 0


def cmd_validate(args: argparse.Namespace) -> int:
    from atkg.build import assemble

    paths, _ = _paths(args)
    result = assemble(paths)  # raises ValidationFailed (exit 1) on violations
    assert result.report is not None
    print_validation(result.report, show_warnings=args.warnings)
    return 0


def _store(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from atkg.build import open_built_store
    from atkg.store import EmbeddedStore, RemoteStore

    if getattr(args, "endpoint", None):
        return RemoteStore(args.endpoint)
    paths, out = _paths(args)
    return EmbeddedStore(open_built_store(paths, out))


def cmd_query(args: argparse.Namespace) -> int:
    from atkg.errors import UsageError
    from atkg.results import compact, to_csv, to_json, to_tsv
    from atkg.sparql import query_library, resolve_query

    paths, _ = _paths(args)
    if args.list:
        for name, q in query_library(paths.queries).items():
            print(f"{name}\t{q.summary}")
        return 0
    if not args.query:
        raise UsageError("give a query name or file (or --list)")
    query = resolve_query(paths.queries, args.query)
    values = {}
    for item in args.param:
        name, sep, value = item.partition("=")
        if not sep:
            raise UsageError(f"--param needs NAME=VALUE, got {item!r}")
        values[name.strip()] = value.strip()
    results = _store(args).select(query, query.bind(values))
    if args.format == "csv":
        sys.stdout.write(to_csv(results))
    elif args.format == "tsv":
        sys.stdout.write(to_tsv(results))
    elif args.format == "json":
        sys.stdout.write(to_json(results) + "\n")
    elif results.boolean is not None:
        print("true" if results.boolean else "false")
    else:
        rows = ([compact(t) for t in row] for row in results.rows)
        Console().print(rich_table(f"{query.name}: {query.summary}", results.variables, rows))
        console_err().print(f"{len(results)} rows")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from atkg.build import open_built_store
    from atkg.export import serialise

    paths, out = _paths(args)
    if args.site:  # the linked-data pages as static files (atkg.server.site)
        from atkg.publish.cli import run_site

        return run_site(args)
    if not args.format:
        from atkg.errors import UsageError

        raise UsageError("give --format (or --site DIR)")
    data = serialise(open_built_store(paths, out), args.format)
    if args.output:
        tmp = args.output.with_name(args.output.name + ".tmp")
        tmp.write_bytes(data)
        tmp.replace(args.output)
        console_err().print(f"wrote {args.output} ({len(data):,} bytes)")
    else:
        sys.stdout.buffer.write(data)
    return 0


def cmd_info(args: argparse.Namespace) -> int:
    from atkg.results import compact
    from atkg.sparql import resolve_query

    paths, _ = _paths(args)
    store = _store(args)
    console = Console()
    for name in ("reports/triples-per-graph", "reports/instances-per-class"):
        query = resolve_query(paths.queries, name)
        results = store.select(query)
        rows = ([compact(t) for t in row] for row in results.rows)
        console.print(rich_table(query.summary, results.variables, rows))
    return 0


def cmd_lint(args: argparse.Namespace) -> int:
    from atkg.lint import lint_tables

    paths, _ = _paths(args)
    changed = lint_tables(paths, fix=args.fix)
    for path in changed:
        verb = "rewrote" if args.fix else "not canonical:"
        print(f"{verb} {path}", file=sys.stderr)
    if changed and not args.fix:
        print("run `atkg lint --fix` to rewrite them", file=sys.stderr)
        return 1
    return 0


def cmd_qc(args: argparse.Namespace) -> int:
    from atkg.results import compact
    from atkg.sparql import query_library

    paths, _ = _paths(args)
    store = _store(args)
    failed = 0
    for name, query in query_library(paths.queries).items():
        if query.kind != "qc":
            continue
        results = store.select(query)
        status = "ok" if not results.rows else f"{len(results)} rows"
        print(f"{name}: {status}")
        for row in results.rows[:20]:
            print("    " + "  ".join(compact(t) for t in row))
        if results.rows and str(query.header.get("severity", "error")) == "error":
            failed += 1
    return 1 if failed else 0


def cmd_consistency(args: argparse.Namespace) -> int:
    from atkg.build import parse_turtle
    from atkg.errors import UsageError
    from atkg.hermit import check_consistency, java_available

    paths, _ = _paths(args)
    if not java_available():
        raise UsageError("HermiT needs Java (`java` not found on PATH)")
    report = check_consistency(parse_turtle(paths.ontology, paths.relative(paths.ontology)))
    if report.consistent:
        print(f"consistent: {report.classes} classes, none unsatisfiable (HermiT)")
        return 0
    print(f"INCONSISTENT: {report.message}", file=sys.stderr)
    for iri in report.unsatisfiable:
        print(f"  unsatisfiable: {iri}", file=sys.stderr)
    return 1


def _cell(value: object) -> str:
    """A table value for the terminal: atkg IRIs as CURIEs, nothing for missing values."""
    from rdflib import URIRef

    from atkg.results import compact

    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(("http://", "https://")):
        return compact(URIRef(value))
    return str(value)


def cmd_analyse(args: argparse.Namespace) -> int:
    from atkg.analysis import gaps, network, overlaps
    from atkg.analysis.tables import dumps_csv, dumps_json
    from atkg.errors import UsageError

    if args.export and args.analysis != "network":
        raise UsageError("--export goes with `atkg analyse network`")
    paths, _ = _paths(args)
    store = _store(args)
    values = {}
    for item in args.param:
        name, sep, value = item.partition("=")
        if not sep:
            raise UsageError(f"--param needs NAME=VALUE, got {item!r}")
        values[name.strip()] = value.strip()
    if values and args.analysis != "gaps":
        raise UsageError("--param goes with `atkg analyse gaps`")
    if args.analysis == "gaps":
        tables = gaps.gaps(store, paths.queries, gaps.params_for(values, paths.queries))
    elif args.analysis == "overlaps":
        tables = overlaps.overlaps(store, paths.queries)
    else:
        tables = network.network(store, paths.queries)
    if args.export:
        args.export.mkdir(parents=True, exist_ok=True)
        graphs = {
            "citations": network.citation_graph(store, paths.queries),
            "membership": network.membership_graph(store, paths.queries),
        }
        for stem, graph in graphs.items():
            for suffix in (".gexf", ".graphml"):
                written = network.export_graph(graph, args.export / f"{stem}{suffix}")
                console_err().print(f"wrote {written}")
    if args.format == "csv":
        sys.stdout.write(dumps_csv(tables))
    elif args.format == "json":
        sys.stdout.write(dumps_json(tables) + "\n")
    else:
        console = Console()
        for table in tables:
            title = f"{table.name}: {table.summary} ({len(table)} rows)"
            rows = ([_cell(value) for value in row] for row in table.rows)
            console.print(rich_table(title, table.columns, rows))
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    from contextlib import nullcontext

    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    from atkg.report.write import write_report

    paths, _ = _paths(args)
    formats = [f.strip() for f in args.format.split(",") if f.strip()]
    err = console_err()
    # a live display only on a terminal: in logs and pipes it would leave stray lines
    display = (
        Progress(
            SpinnerColumn(),
            TextColumn("{task.description}"),
            TimeElapsedColumn(),
            console=err,
            transient=True,
        )
        if err.is_terminal
        else None
    )
    with display or nullcontext():
        task = display.add_task("report: opening the graph") if display else None

        def progress(step: str) -> None:
            if display is not None and task is not None:
                display.update(task, description=f"report: {step}")

        written = write_report(
            _store(args),
            args.output,
            paths.queries,
            formats=formats,
            lang=args.lang,
            as_of=args.as_of,
            pillar=args.pillar,
            region=args.region,
            instrument=args.instrument,
            progress=progress,
        )
    for path in written.files:
        if path.suffix in (".html", ".md"):
            err.print(f"wrote {path}", highlight=False)
    findings = written.data.findings
    err.print(
        f"{len(findings)} gap queries, {sum(len(f.items) for f in findings)} findings; "
        + ", ".join(f"{k} {v:.2f}s" for k, v in written.timings.items()),
        highlight=False,
    )
    return 0


def cmd_extract(args: argparse.Namespace) -> int:
    from atkg.errors import InputError
    from atkg.extract.run import extract_all, resolver_for, to_json, to_turtle

    paths, _ = _paths(args)
    batch = extract_all(args.files, resolver_for(paths))
    if batch.extractions:
        text = to_json(batch) if args.format == "json" else to_turtle(batch, paths)
        sys.stdout.write(text.rstrip("\n") + "\n")
    if batch.problems:
        raise InputError(batch.problems)
    return 0


def cmd_ingest(args: argparse.Namespace) -> int:
    from atkg.errors import InputError
    from atkg.extract.run import extract_all, ingest_all, resolver_for

    paths, _ = _paths(args)
    batch = extract_all(args.files, resolver_for(paths))
    err = console_err()
    for ex, written in zip(batch.extractions, ingest_all(batch, paths), strict=True):
        err.print(
            f"{ex.file}: {len(ex.citations)} citations, {len(ex.unresolved)} unresolved "
            f"→ {paths.relative(written)} (graph ingested/{ex.document.key})",
            highlight=False,
        )
    if batch.extractions:
        err.print("run `atkg build` to add them to the graph")
    if batch.problems:
        raise InputError(batch.problems)
    return 0


def cmd_publish(args: argparse.Namespace) -> int:
    from atkg.publish.cli import run_publish

    return run_publish(args)


def cmd_serve(args: argparse.Namespace) -> int:
    from atkg.publish.cli import run_serve

    return run_serve(args)


def cmd_describe(args: argparse.Namespace) -> int:
    from atkg.publish.cli import run_describe

    return run_describe(args)
