"""The curated TSV format: read with line numbers, check the header, write canonically.

A table is `#`-comment metadata lines, one header row, then data rows. Cells are
tab-separated and never quoted, so a diff shows one fact per line. See
data/curated/README.md for the format curators follow.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from atkg.errors import InputError, Problem

MULTI_SEPARATOR = "|"


@dataclass(frozen=True)
class Row:
    """One data row: its cells by column name and the 1-based line it came from."""

    line: int
    cells: dict[str, str]

    def get(self, column: str) -> str:
        return self.cells.get(column, "")

    def values(self, column: str) -> list[str]:
        """Cells of a multi-valued column, split on `|` and trimmed."""
        return split_multi(self.get(column))


@dataclass
class Table:
    """A parsed table: metadata, header and rows, tied to the file it came from."""

    path: Path
    display_path: str
    metadata: dict[str, str]
    header: list[str]
    rows: list[Row] = field(default_factory=list)
    comments: list[str] = field(default_factory=list)

    def problem(self, row: Row | None, message: str, column: str | None = None) -> Problem:
        return Problem(self.display_path, row.line if row else None, message, column)


def split_multi(cell: str) -> list[str]:
    """Split a multi-valued cell.

    >>> split_multi("a | b|c")
    ['a', 'b', 'c']
    >>> split_multi("")
    []
    """
    return [v.strip() for v in cell.split(MULTI_SEPARATOR) if v.strip()]


def read_table(
    path: Path,
    columns: Sequence[str],
    required: Iterable[str] = (),
    display_path: str | None = None,
) -> Table:
    """Read a TSV table, checking its header against the columns the loader knows.

    Raises InputError naming the file and line of every structural defect: an unknown or
    missing column, a row with the wrong number of cells, a stray carriage return.
    """
    shown = display_path or path.as_posix()
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError([Problem(shown, None, f"cannot read: {exc.strerror}")]) from exc
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise InputError([Problem(shown, line, "not valid UTF-8")]) from exc

    problems: list[Problem] = []
    metadata: dict[str, str] = {}
    comments: list[str] = []
    header: list[str] | None = None
    table: Table | None = None
    known = set(columns)
    for number, line in enumerate(text.split("\n"), start=1):
        if "\r" in line:
            problems.append(Problem(shown, number, "carriage return (use LF line endings)"))
            line = line.replace("\r", "")
        if header is None:
            if line.startswith("#"):
                comments.append(line)
                body = line[1:].strip()
                if ":" in body:
                    key, _, value = body.partition(":")
                    metadata[key.strip()] = value.strip()
                continue
            if not line.strip():
                continue
            header = line.split("\t")
            unknown = [c for c in header if c not in known]
            for col in unknown:
                problems.append(Problem(shown, number, f"unknown column {col!r}", col))
            for col in required:
                if col not in header:
                    problems.append(Problem(shown, number, f"missing column {col!r}", col))
            dupes = {c for c in header if header.count(c) > 1}
            for col in sorted(dupes):
                problems.append(Problem(shown, number, f"column {col!r} repeated", col))
            table = Table(path, shown, metadata, header, comments=comments)
            continue
        if not line.strip():
            continue
        if line.startswith("#"):
            problems.append(Problem(shown, number, "comment line after the header"))
            continue
        cells = line.split("\t")
        if len(cells) != len(header):
            problems.append(
                Problem(
                    shown,
                    number,
                    f"row has {len(cells)} cells, header has {len(header)}",
                )
            )
            continue
        assert table is not None
        table.rows.append(Row(number, dict(zip(header, (c.strip() for c in cells), strict=True))))
    if header is None:
        problems.append(Problem(shown, None, "no header row"))
    if problems:
        raise InputError(problems)
    assert table is not None
    return table


def canonical_text(
    table: Table,
    key_columns: Sequence[str],
    sort_value: Callable[[str], Any] = str,
) -> str:
    """The canonical form of a table: metadata kept, cells trimmed, rows sorted by key."""

    def sort_key(row: Row) -> tuple[Any, ...]:
        return tuple(sort_value(row.get(c)) for c in key_columns) + tuple(
            row.get(c) for c in table.header
        )

    lines = list(table.comments)
    lines.append("\t".join(table.header))
    for row in sorted(table.rows, key=sort_key):
        cells = []
        for col in table.header:
            values = row.get(col)
            if MULTI_SEPARATOR in values:
                values = MULTI_SEPARATOR.join(split_multi(values))
            cells.append(" ".join(values.split()))
        lines.append("\t".join(cells))
    return "\n".join(lines) + "\n"
