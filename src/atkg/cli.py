"""The `atkg` command: parse arguments, call one function, map the outcome to an exit code.

Exit codes: 0 success, 1 invalid data (bad input, SHACL violations, QC failures),
2 usage error (unknown query, bad parameter, missing build).
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from atkg import __version__
from atkg.errors import InputError, UsageError

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        print(f"atkg: error: {message}", file=sys.stderr)
        raise SystemExit(EXIT_USAGE)


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="atkg", description="The anti-trafficking knowledge graph.")
    parser.add_argument("--version", action="version", version=f"atkg {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="log progress details")
    parser.add_argument("--build-dir", type=Path, help="where builds go (default: build/)")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    sub.add_parser("build", help="load, reason, validate and write build/")
    p = sub.add_parser("validate", help="check the sources against the SHACL shapes")
    p.add_argument("--warnings", action="store_true", help="list warnings and infos too")
    p = sub.add_parser("query", help="run a SPARQL query file of the library or a path")
    p.add_argument("query", nargs="?", help="library name (analysis/x) or path to a .rq file")
    p.add_argument("--param", "-p", action="append", default=[], metavar="NAME=VALUE")
    p.add_argument("--format", "-f", choices=["table", "csv", "tsv", "json"], default="table")
    p.add_argument("--endpoint", help="SPARQL endpoint URL instead of the embedded store")
    p.add_argument("--list", action="store_true", help="list the query library")
    p = sub.add_parser("export", help="write the built graph in an RDF format")
    p.add_argument("--format", "-f", choices=["ttl", "nt", "nq", "jsonld", "xml", "trig"])
    p.add_argument("-o", "--output", type=Path, help="file to write (default: stdout)")
    p.add_argument("--site", type=Path, metavar="DIR", help="write the linked-data pages instead")
    p.add_argument("--public-url", default="https://w3id.org/atkg/", help="--site: its address")
    sub.add_parser("info", help="counts by graph and by class in the last build")
    p = sub.add_parser("lint", help="check curated tables are in canonical form")
    p.add_argument("--fix", action="store_true", help="rewrite them in canonical form")
    sub.add_parser("qc", help="run the QC violation queries on the last build")
    sub.add_parser("consistency", help="check the ontology with HermiT (needs Java)")
    p = sub.add_parser("analyse", help="gap, overlap and network analyses of the regime")
    p.add_argument("analysis", choices=["gaps", "overlaps", "network"])
    p.add_argument("--format", "-f", choices=["table", "csv", "json"], default="table")
    p.add_argument(
        "--param",
        "-p",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="gaps: a parameter for every gap query that takes it (date=2010-01-01)",
    )
    p.add_argument("--endpoint", help="SPARQL endpoint URL instead of the embedded store")
    p.add_argument(
        "--export",
        type=Path,
        metavar="DIR",
        help="network: also write the graphs as GEXF and GraphML into DIR",
    )
    p = sub.add_parser("report", help="write the gap-analysis report (HTML and Markdown)")
    p.add_argument("-o", "--output", type=Path, required=True, metavar="DIR", help="directory")
    p.add_argument("--format", "-f", default="html,md", help="html, md or both (html,md)")
    p.add_argument("--lang", choices=["en", "zh"], default="en", help="language of the report")
    p.add_argument("--as-of", metavar="DATE", help="date of treaty participation (default: today)")
    p.add_argument("--pillar", metavar="P", help="one pillar: prevention, protection, ...")
    p.add_argument("--region", metavar="M49", help="one M49 region by code: 002, 150, 034 ...")
    p.add_argument("--instrument", metavar="ID", help="treaty key (default: tip-protocol)")
    p.add_argument("--endpoint", help="SPARQL endpoint URL instead of the embedded store")
    p = sub.add_parser("extract", help="print what UN documents are and everything they cite")
    p.add_argument(
        "files",
        nargs="+",
        type=Path,
        metavar="FILE",
        help="plain text (Chinese or English), AKN4UN XML or PDF",
    )
    p.add_argument("--format", "-f", choices=["json", "ttl"], default="json")
    p = sub.add_parser("ingest", help="extract documents into data/ingested/ for the next build")
    p.add_argument("files", nargs="+", type=Path, metavar="FILE")
    from atkg.publish.cli import add_subcommands  # publish, serve, describe

    add_subcommands(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )
    from atkg import commands
    from atkg.build import ValidationFailed

    try:
        return int(getattr(commands, f"cmd_{args.command}")(args))
    except InputError as exc:
        commands.console_err().print(f"[bold red]Invalid input[/] ({len(exc.problems)} problems):")
        for problem in exc.problems:
            print(f"  {problem}", file=sys.stderr)
        return EXIT_INVALID
    except ValidationFailed as exc:
        commands.print_validation(exc.report, show_warnings=False)
        print("build failed: the previous build was left untouched", file=sys.stderr)
        return EXIT_INVALID
    except UsageError as exc:
        print(f"atkg: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:
        return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
