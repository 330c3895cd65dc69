"""Arguments and actions of `atkg publish`, `atkg serve` and `atkg describe`.

Kept here so that atkg/cli.py and atkg/commands.py only register and dispatch them.
The password can come from $ATKG_PASSWORD so that it stays out of shell histories and
process listings.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)


def add_subcommands(sub: Any) -> None:
    """Register the three subcommands on the main parser's subparsers."""
    p = sub.add_parser("publish", help="load every named graph of the build into a SPARQL server")
    p.add_argument("--endpoint", required=True, help="SPARQL query endpoint (counts, checks)")
    p.add_argument("--graph-store", metavar="URL", help="Graph Store Protocol URL (fast path)")
    p.add_argument("--update", metavar="URL", help="SPARQL Update URL (default: --endpoint)")
    p.add_argument("--user", help="user for writes")
    p.add_argument("--password", help="password for writes (or $ATKG_PASSWORD)")
    p.add_argument("--auth", choices=["basic", "digest"], default="basic")
    p.add_argument("--prune", action="store_true", help="drop atkg graphs the build lacks")
    p.add_argument("--retries", type=int, default=4, help="retries of a transient failure")
    p.add_argument(
        "--check-queries",
        action="store_true",
        help="then run the query library on the server and compare with the embedded store",
    )
    p = sub.add_parser("serve", help="serve the build: SPARQL endpoint and linked-data pages")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8000)
    p.add_argument("--timeout", type=float, default=10.0, help="seconds a query may run")
    p.add_argument("--limit", type=int, default=10_000, help="rows a response may carry")
    p.add_argument("--workers", type=int, default=4, help="queries evaluated at once")
    p.add_argument("--public-url", help="address the server is reached at (for VoID, SD)")
    p = sub.add_parser("describe", help="write the VoID and DCAT descriptions of the build")
    p.add_argument("what", choices=["void", "dcat"], help="dcat includes the VoID statistics")
    p.add_argument("--format", "-f", choices=["ttl", "nt", "jsonld", "xml"], default="ttl")
    p.add_argument("-o", "--output", type=Path, help="file to write (default: stdout)")
    p.add_argument("--endpoint", default="https://w3id.org/atkg/sparql", help="SPARQL endpoint")
    p.add_argument("--dumps", default="https://w3id.org/atkg/dumps/", help="base URL of dumps")
    p.add_argument("--issued", help="release date (YYYY-MM-DD) for dct:issued")


def _say(text: str) -> None:
    """A line for the user on stderr (stdout carries data, as in every atkg command)."""
    sys.stderr.write(text + "\n")


def _built(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from atkg.build import open_built_store
    from atkg.paths import ProjectPaths

    paths = ProjectPaths.default()
    return paths, open_built_store(paths, args.build_dir or paths.build)


def run_publish(args: argparse.Namespace) -> int:
    from atkg.errors import UsageError
    from atkg.publish.gsp import Auth, HttpClient, PublishError
    from atkg.publish.publish import DatasetStore, Target, build_graphs, format_report, publish

    paths, store = _built(args)
    password = args.password or os.environ.get("ATKG_PASSWORD")
    if args.user and password is None:
        raise UsageError("--user needs --password or $ATKG_PASSWORD")
    auth = Auth(args.user, password or "", args.auth) if args.user else None
    target = Target(args.endpoint, args.graph_store, args.update, auth)
    try:
        report = publish(
            store, target, prune=args.prune, http=HttpClient(auth=auth, retries=args.retries)
        )
    except PublishError as exc:
        _say(f"atkg publish: {exc}")
        return 1
    for line in format_report(report):
        _say(line)
    failed = not report.ok
    if args.check_queries:
        from atkg.publish.compare import check_queries
        from atkg.sparql import query_library
        from atkg.store import EmbeddedStore

        remote = DatasetStore(
            args.endpoint, build_graphs(store), user=args.user, password=password, auth=args.auth
        )
        checks = check_queries(query_library(paths.queries).values(), EmbeddedStore(store), remote)
        for c in checks:
            if c.equal:
                status = "same"
            elif c.dialect:
                status = f"same but for a known dialect difference: {c.dialect}"
            else:
                detail = (c.error or c.example).strip().splitlines()[0][:240]
                status = f"DIFFERENT: {detail}"
            _say(
                f"{c.name}: {status} ({c.rows} rows; {c.remote_seconds:.2f}s remote, "
                f"{c.seconds:.2f}s embedded)"
            )
        same = sum(c.equal for c in checks)
        _say(f"{same}/{len(checks)} queries answer the same")
        failed = failed or same != len(checks)
    return 1 if failed else 0


def run_serve(args: argparse.Namespace) -> int:
    from atkg.server import Settings, make_app
    from atkg.server.run import create_server

    paths, store = _built(args)
    settings = Settings(
        timeout=args.timeout, limit=args.limit, workers=args.workers, public_url=args.public_url
    )
    location = str((args.build_dir or paths.build) / "store")
    server = create_server(make_app(store, paths, settings, location), args.host, args.port)
    host, port = server.server_address[:2]
    _say(f"atkg serving on http://{host}:{port}/ (SPARQL at /sparql; Ctrl-C stops)")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
        server.get_app().close()  # type: ignore[attr-defined]
    return 0


def run_describe(args: argparse.Namespace) -> int:
    from atkg.publish.describe import Access, dcat_graph, jsonld, serialise, void_graph

    paths, store = _built(args)
    access = Access(endpoint=args.endpoint, dumps=args.dumps, issued=args.issued)
    graph = (void_graph if args.what == "void" else dcat_graph)(store, paths, access)
    data = jsonld(graph) if args.format == "jsonld" else serialise(graph, args.format)
    if args.output:
        args.output.write_bytes(data)
        _say(f"wrote {args.output} ({len(graph)} triples)")
    else:
        sys.stdout.buffer.write(data)
    return 0


def run_site(args: argparse.Namespace) -> int:
    import time

    from atkg.server.site import write_site

    paths, store = _built(args)
    started = time.perf_counter()
    report = write_site(store, paths, args.site, args.public_url)
    _say(
        f"wrote {args.site}: {report.entities:,} entities, {report.files:,} files, "
        f"{report.bytes / 1e6:.1f} MB in {time.perf_counter() - started:.1f}s"
    )
    return 0
