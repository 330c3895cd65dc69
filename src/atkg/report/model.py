"""What a report holds: its scope, the query results it shows, and findings with evidence.

A report is data before it is a document: `ReportData` keeps the `Table` of every query it
shows, so renderers only format and tests can check the printed numbers against the
queries. A `Finding` is one gap query's answer, each row an `Item` with the source
documents and locators it rests on and the curated record it was built from.
"""

from __future__ import annotations

import shlex
from collections.abc import Mapping
from dataclasses import dataclass, field

from atkg.analysis.tables import Table, Value

ATKGID = "https://w3id.org/atkg/id/"


@dataclass(frozen=True)
class Scope:
    """What the report covers; `None` means the whole regime on that axis."""

    as_of: str
    instrument: str
    pillar: str | None = None
    region: str | None = None

    def params(self) -> dict[str, str]:
        """The query parameters this scope sets (short name: value)."""
        return {"date": self.as_of, "instrument": self.instrument}


@dataclass(frozen=True)
class Evidence:
    """A source a fact rests on: the document and where in it, and the curated record."""

    source: str
    record: str | None = None


@dataclass(frozen=True)
class Item:
    """One row of a gap: the thing it is about, the row's values and their evidence."""

    subject: str | None
    values: Mapping[str, Value]
    evidence: tuple[Evidence, ...] = ()
    more: int = 0  # how many further sources were left out of `evidence`


@dataclass(frozen=True)
class Finding:
    """A gap found by one library query, with the parameters that reproduce it."""

    query: str
    summary: str
    description: str
    params: Mapping[str, str]
    table: Table
    items: tuple[Item, ...]
    context: tuple[Evidence, ...] = ()  # evidence for the whole finding (a status table)
    scoped_out: int = 0  # rows left out by --pillar or --region
    no_data: bool = False  # a participation gap on a treaty without a status table

    @property
    def slug(self) -> str:
        return self.query.replace("/", "-")

    def command(self) -> str:
        """The shell command that prints the same answer (before scope filtering)."""
        return query_command(self.query, self.params)


def query_command(query: str, params: Mapping[str, str]) -> str:
    """`atkg query NAME -p name=value ...`, quoted for a POSIX shell."""
    parts = ["atkg", "query", query]
    for name, value in sorted(params.items()):
        parts += ["-p", f"{name}={value}"]
    return shlex.join(parts)


@dataclass
class ReportData:
    """Everything a report shows, as query results and values derived from them."""

    scope: Scope
    labels: dict[str, dict[str, str]]
    key_figures: list[tuple[str, Value, str]]  # (i18n key, value, query it came from)
    coverage: Table
    participation: Table
    overlaps: list[Table]
    centrality: Table
    citation_edges: Table
    timeline: Table
    findings: list[Finding]
    queries: dict[str, dict[str, str]] = field(default_factory=dict)  # name -> params used
    timings: dict[str, float] = field(default_factory=dict)

    def label(self, iri: Value, lang: str) -> str:
        """The name of an entity in `lang`, else in the other language, else its IRI key."""
        if iri is None:
            return ""
        text = str(iri)
        names = self.labels.get(text, {})
        other = "zh" if lang == "en" else "en"
        found = names.get(lang) or names.get(other)
        if found:
            return found
        return text.removeprefix(ATKGID) if text.startswith(ATKGID) else text
