"""The UN Treaty Collection's participant table format: headings, date cells, names.

Pure functions shared by the participation loader and by the regeneration of a table from
the graph, so that reading and writing a table follow one description of the format.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

#: Words that open a component of a column heading, and the action concept each names;
#: "definitive signature" and "formal confirmation" before the bare words they contain.
ACTION_WORDS = (
    ("definitive signature", "definitive-signature"),
    ("formal confirmation", "formal-confirmation"),
    ("signature", "signature"),
    ("ratification", "ratification"),
    ("acceptance", "acceptance"),
    ("approval", "approval"),
    ("accession", "accession"),
    ("succession", "succession"),
    ("participation", "participation"),
)
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_CELL = re.compile(r"^(\d{1,2}) ([A-Z][a-z]{2}) (\d{4})(?: ([A-Za-z]{1,2}))?$")
_COMPONENT = re.compile(r"^(.*?)\s*(?:\(([A-Za-z]{1,2})\))?$")
#: Footnote markers UNTC prints after a participant's name: numbers (superscript or
#: not, comma-separated), bracketed numbers, asterisks.
_FOOTNOTES = re.compile(
    r"(?:[\s\u00a0]*(?:\d+|\[\d+\]|[\u00b9\u00b2\u00b3\u2070-\u2079]+|\*+),?)+$"
)


@dataclass(frozen=True)
class Column:
    """A date column of a participant table: which actions its marks stand for.

    `marks` maps each mark ("" for a date without one) to an action concept key;
    `consent` is false for a signature column, whose actions do not bind.
    """

    number: int
    heading: str
    consent: bool
    marks: dict[str, str]

    def mark_of(self, action: str) -> str | None:
        return next((m for m, a in sorted(self.marks.items()) if a == action), None)


def parse_heading(number: int, heading: str) -> Column:
    """Read a UNTC column heading; ValueError names what is not understood.

    A column whose first action is signature is a signature column. A date without mark
    is the heading's unmarked action; when the heading lists several unmarked actions
    (e.g. "Definitive signature of the Protocol, Acceptance of the Protocol"), the table
    does not say which, and the action is recorded as participation, unspecified.

    >>> c = parse_heading(2, "Ratification, Acceptance(A), Approval(AA), Accession(a)")
    >>> c.consent, c.marks[""], c.marks["AA"]
    (True, 'ratification', 'approval')
    >>> sorted(parse_heading(1, "Signature, Succession to signature(d)").marks.items())
    [('', 'signature'), ('d', 'succession')]
    """
    unmarked: list[str] = []
    marks: dict[str, str] = {}
    first = None
    for part in _split_components(heading):
        m = _COMPONENT.match(part.strip())
        words, mark = (m.group(1), m.group(2)) if m else (part, None)
        action = next((a for w, a in ACTION_WORDS if words.lower().startswith(w)), None)
        if action is None:
            raise ValueError(f"column heading {heading!r}: no action named in {part.strip()!r}")
        first = first or action
        if mark:
            if marks.get(mark, action) != action:
                raise ValueError(f"column heading {heading!r}: mark ({mark}) used twice")
            marks[mark] = action
        else:
            unmarked.append(action)
    if unmarked:
        marks[""] = unmarked[0] if len(set(unmarked)) == 1 else "participation"
    return Column(number, heading, first != "signature", marks)


def _split_components(heading: str) -> list[str]:
    """Split on commas outside parentheses."""
    parts, depth, current = [], 0, []
    for ch in heading:
        depth += {"(": 1, ")": -1}.get(ch, 0)
        if ch == "," and depth == 0:
            parts.append("".join(current))
            current = []
        else:
            current.append(ch)
    parts.append("".join(current))
    return [p for p in parts if p.strip()]


def parse_cell(text: str) -> tuple[datetime.date, str]:
    """A date cell ("8 Feb 2010 a") as the date and its mark ("" when none).

    >>> parse_cell("8 Feb 2010 a")
    (datetime.date(2010, 2, 8), 'a')
    """
    m = _CELL.match(" ".join(text.split()))
    if not m or m.group(2) not in MONTHS:
        raise ValueError(f"not a UNTC date like '8 Feb 2010 a': {text!r}")
    day, month, year, mark = m.groups()
    return datetime.date(int(year), MONTHS.index(month) + 1, int(day)), mark or ""


def format_cell(date: datetime.date, mark: str) -> str:
    """The inverse of parse_cell."""
    text = f"{date.day} {MONTHS[date.month - 1]} {date.year}"
    return f"{text} {mark}" if mark else text


def strip_footnotes(name: str) -> str:
    """A participant's name without the footnote markers UNTC attaches to it.

    >>> strip_footnotes("Denmark 5, 6"), strip_footnotes("China4"), strip_footnotes("Holy See*")
    ('Denmark', 'China', 'Holy See')
    """
    return _FOOTNOTES.sub("", name.replace("\u00a0", " ")).strip()
