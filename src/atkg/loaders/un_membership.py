"""UN membership of states, as the General Assembly's recorded votes show it.

Neither the country-codes package nor any other source the project has gives the dates
on which states were admitted to the United Nations. What the UN's own metadata of GA
resolutions does give is every recorded vote: the Member States in favour, against and
abstaining. Only Members vote in the General Assembly (observer states such as the Holy
See and the State of Palestine do not), so a state recorded as voting on a day was a
Member on that day. Across sessions 74-80 the recorded votes name exactly 193 states.

`derive` turns a directory of `<session>.jsonl` files into the small table shipped in
data/sources/unga-metadata/member-states.tsv: per state, the first and the latest
recorded vote seen (symbol and date) and how many recorded votes it took part in. The
default build reads that table (the full metadata is 2,232 records the project does not
ship); `python -m atkg.loaders.un_membership DIR` regenerates it after a refresh.

Each row becomes an `atkg:Membership` of the state in the United Nations (`body:un`,
role `role/member`), with `atkg:asOf` the dates of both votes, `rdfs:seeAlso` the two
resolutions on undocs.org, and an attestation of the table row. The admission date is not
stated: no source gives it, and the first vote seen is not the admission (most Members
joined long before session 74).
"""

from __future__ import annotations

import argparse
import datetime
import json
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from rdflib import Literal, URIRef
from rdflib.namespace import RDF, RDFS

from atkg import iris
from atkg.errors import InputError, Problem
from atkg.loaders import states
from atkg.loaders.context import LoadContext, Triples, attest
from atkg.loaders.unga_metadata import (
    NAMES_FILE,
    UNDOCS,
    VOTES,
    describe_dataset,
    parse_adoption_date,
)
from atkg.namespaces import ATKG
from atkg.tables import read_table

MEMBERS_FILE = "member-states.tsv"
COLUMNS = (
    "state",
    "first_vote",
    "first_vote_date",
    "latest_vote",
    "latest_vote_date",
    "recorded_votes",
)
UN_BODY = "body:un"
ROLE = "role/member"
HEADER = """\
# title: UN Member States seen voting in the General Assembly
# description: Per state, the first and the latest recorded vote of the General Assembly \
in which the UN's resolution metadata lists it as voting, and the number of recorded votes \
it took part in. Derived by `python -m atkg.loaders.un_membership DIR` from the metadata \
files of sessions {sessions}.
# license: derived from UN data (see SOURCE.txt: the United Nations is the source)
"""


@dataclass
class Seen:
    """The votes of one state: the first and latest (date, symbol) and how many."""

    first: tuple[datetime.date, str]
    latest: tuple[datetime.date, str]
    count: int = 0

    def add(self, day: datetime.date, symbol: str) -> None:
        self.first = min(self.first, (day, symbol))
        self.latest = max(self.latest, (day, symbol))
        self.count += 1


def spelling_index(source_dir: Path, country_dir: Path) -> dict[str, str]:
    """Normalised spellings to ISO alpha-3: the states' names plus the metadata's aliases."""
    names = states.name_index(country_dir)
    alias_path = source_dir / NAMES_FILE
    if alias_path.exists():
        table = read_table(alias_path, ("name", "state", "note"), ("name", "state"), NAMES_FILE)
        names.update({states.normalise_name(r.get("name")): r.get("state") for r in table.rows})
    return names


def derive(metadata_dir: Path, names: dict[str, str]) -> tuple[dict[str, Seen], list[str]]:
    """Every state's recorded votes in the metadata files of a directory.

    An unknown name or date is an error naming the file and line: a refresh must not
    silently lose a Member.
    """
    seen: dict[str, Seen] = {}
    problems: list[Problem] = []
    files = sorted(metadata_dir.glob("*.jsonl"))
    if not files:
        raise InputError([Problem(str(metadata_dir), None, "no *.jsonl metadata files here")])
    for path in files:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                problems.append(Problem(str(path), number, f"not JSON: {exc.msg}"))
                continue
            voters = [(column, name) for column, _ in VOTES for name in record.get(column) or []]
            if not voters:
                continue
            day = parse_adoption_date(str(record.get("adoption_date", "")))
            symbol = str(record.get("symbol", "")).strip()
            if day is None or not symbol:
                problems.append(Problem(str(path), number, "recorded vote without date or symbol"))
                continue
            for column, name in voters:
                state = names.get(states.normalise_name(str(name)))
                if state is None:
                    problems.append(
                        Problem(str(path), number, f"unknown Member State {name!r}", column)
                    )
                    continue
                if state in seen:
                    seen[state].add(day, symbol)
                else:
                    seen[state] = Seen((day, symbol), (day, symbol), 1)
    if problems:
        raise InputError(problems)
    return seen, [p.stem for p in files]


def render(seen: dict[str, Seen], sessions: Sequence[str]) -> str:
    """The member-states table, sorted by state, in the curated TSV format."""
    lines = [HEADER.format(sessions=", ".join(sessions)).rstrip("\n"), "\t".join(COLUMNS)]
    for state in sorted(seen):
        s = seen[state]
        cells = (
            state,
            s.first[1],
            s.first[0].isoformat(),
            s.latest[1],
            s.latest[0].isoformat(),
            str(s.count),
        )
        lines.append("\t".join(cells))
    return "\n".join(lines) + "\n"


def load_membership(ctx: LoadContext, source_dir: Path, display: Callable[[Path], str]) -> Triples:
    """The Membership of every state in the shipped table; bad rows are problems, not skips."""
    g = Triples()
    path = source_dir / MEMBERS_FILE
    if not path.exists():
        return g
    try:
        table = read_table(path, COLUMNS, COLUMNS, display(path))
    except InputError as exc:
        ctx.problems.extend(exc.problems)
        return g
    dataset = describe_dataset(g)
    un = iris.body(UN_BODY.partition(":")[2])
    for row in table.rows:
        state = row.get("state")
        if state not in ctx.keys["state"]:
            ctx.problems.append(table.problem(row, f"unknown state {state!r}", "state"))
            continue
        if not row.get("recorded_votes").isdigit():
            ctx.problems.append(table.problem(row, "not a count", "recorded_votes"))
            continue
        node = iris.relation("Membership", f"state:{state}", UN_BODY, ROLE.partition("/")[2])
        g.add((node, RDF.type, ATKG.Membership))
        g.add((node, ATKG.agent, iris.state(state)))
        g.add((node, ATKG.organization, un))
        g.add((node, ATKG.role, iris.concept(*ROLE.split("/"))))
        for which in ("first", "latest"):
            day = ctx.date(table, row, f"{which}_vote_date")
            vote = row.get(f"{which}_vote")
            if day is not None:
                g.add((node, ATKG.asOf, day))
            if vote:
                g.add((node, RDFS.seeAlso, URIRef(UNDOCS + quote(vote, safe="/.-"))))
        attest(g, node, dataset, f"row {row.line}")
        g.add((node, ATKG.curationRecord, Literal(f"{table.display_path}:{row.line}")))
    return g


def main(argv: Sequence[str] | None = None) -> int:
    """Regenerate member-states.tsv from a directory of GA resolution metadata files."""
    parser = argparse.ArgumentParser(
        prog="python -m atkg.loaders.un_membership",
        description="Derive UN membership (states seen voting) from GA resolution metadata.",
    )
    parser.add_argument("metadata_dir", type=Path, help="directory of <session>.jsonl files")
    parser.add_argument(
        "--project", type=Path, default=Path.cwd(), help="project root (default: here)"
    )
    args = parser.parse_args(argv)
    source_dir = args.project / "data" / "sources" / "unga-metadata"
    country_dir = args.project / "data" / "sources" / "country-codes"
    try:
        seen, sessions = derive(args.metadata_dir, spelling_index(source_dir, country_dir))
    except InputError as exc:
        for problem in exc.problems:
            sys.stderr.write(f"{problem}\n")
        return 1
    target = source_dir / MEMBERS_FILE
    staging = target.with_suffix(".tsv.tmp")
    staging.write_text(render(seen, sessions), encoding="utf-8")
    staging.replace(target)
    sys.stderr.write(f"{target}: {len(seen)} states\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
