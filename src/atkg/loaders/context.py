"""Shared state of one load: the key index, the problems found, and cell parsing.

Loading is two passes: first every table's keys are indexed, so that a reference from
one table to another resolves (or fails with the file, line and column) regardless of
the order in which tables are read; then rows are mapped to triples.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, XSD
from rdflib.term import Node

from atkg import iris
from atkg.errors import Problem
from atkg.namespaces import ATKG
from atkg.tables import Row, Table

_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_ELEMENT = (
    r"(?:title|heading|signatories|summary|"
    r"(?:annex )?(?:para|pp|op) \d+(?:\([a-z]+\))?|"
    r"annex(?: section [IVXL0-9]+(?:\.[A-Z0-9]+)*)?|fn \d+|table \d+|row \d+|"
    r"section [IVXL0-9]+(?:\.[A-Z0-9]+)*)"
)
LOCATOR = re.compile(rf"^{_ELEMENT}(?: > {_ELEMENT})*$")


def parse_date(text: str) -> Literal:
    """A date cell as an xsd:date, xsd:gYearMonth or xsd:gYear literal.

    >>> parse_date("2010-07-30").datatype.endswith("date")
    True
    >>> str(parse_date("2007-03")), parse_date("2007-03").datatype.endswith("gYearMonth")
    ('2007-03', True)
    """
    import datetime

    m = _DATE.match(text)
    if not m:
        raise ValueError(f"bad date {text!r} (expected YYYY-MM-DD, YYYY-MM or YYYY)")
    year, month, day = m.groups()
    if day:
        try:
            datetime.date(int(year), int(month), int(day))
        except ValueError as exc:
            raise ValueError(f"bad date {text!r}: {exc}") from exc
        return Literal(text, datatype=XSD.date)
    if month:
        if not 1 <= int(month) <= 12:
            raise ValueError(f"bad month in {text!r}")
        return Literal(text, datatype=XSD.gYearMonth)
    return Literal(text, datatype=XSD.gYear)


@dataclass
class LoadContext:
    """Index of keys by kind, plus the problems met so far."""

    keys: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    concepts: set[str] = field(default_factory=set)
    problems: list[Problem] = field(default_factory=list)
    #: languages ("en", "zh") in which a curated entity (`kind:key`) already has a name,
    #: or its symbol gives labels: labels.tsv may describe it only in the others
    named: dict[str, set[str]] = field(default_factory=dict)

    # -- indexing --------------------------------------------------------------------
    def register(self, table: Table, row: Row, kind: str, key: str, column: str) -> bool:
        """Record a key; a duplicate is a problem naming both lines' file."""
        if not key:
            self.problems.append(table.problem(row, f"empty key in {column!r}", column))
            return False
        if key in self.keys[kind]:
            self.problems.append(table.problem(row, f"duplicate {kind} key {key!r}", column))
            return False
        self.keys[kind].add(key)
        return True

    # -- cells -----------------------------------------------------------------------
    def date(self, table: Table, row: Row, column: str) -> Literal | None:
        text = row.get(column)
        if not text:
            return None
        try:
            return parse_date(text)
        except ValueError as exc:
            self.problems.append(table.problem(row, str(exc), column))
            return None

    def integer(self, table: Table, row: Row, column: str) -> Literal | None:
        text = row.get(column)
        if not text:
            return None
        if not text.isdigit():
            self.problems.append(table.problem(row, f"not a whole number: {text!r}", column))
            return None
        return Literal(int(text))

    def choice(self, table: Table, row: Row, column: str, allowed: set[str]) -> str | None:
        text = row.get(column)
        if not text:
            return None
        if text not in allowed:
            options = ", ".join(sorted(allowed))
            self.problems.append(table.problem(row, f"{text!r} is not one of: {options}", column))
            return None
        return text

    def ref(self, table: Table, row: Row, column: str, kind: str, key: str) -> URIRef | None:
        """Resolve a bare key of a known kind; unknown keys are problems."""
        if key not in self.keys[kind]:
            self.problems.append(table.problem(row, f"unknown {kind} {key!r}", column))
            return None
        if kind == "paragraph":
            doc, _, rest = key.rpartition("#")
            para_kind, _, number = rest.partition("/")
            return iris.paragraph(doc, para_kind, number)
        return iris.entity(kind, key)

    def typed_ref(
        self, table: Table, row: Row, column: str, value: str, kinds: tuple[str, ...]
    ) -> URIRef | None:
        """Resolve `kind:key`, the kind restricted to those the column allows."""
        kind, sep, key = value.partition(":")
        if not sep or kind not in kinds:
            allowed = ", ".join(f"{k}:" for k in kinds)
            self.problems.append(
                table.problem(row, f"{value!r} is not a reference ({allowed})", column)
            )
            return None
        return self.ref(table, row, column, kind, key)

    def concept(self, table: Table, row: Row, column: str, value: str) -> URIRef | None:
        if value not in self.concepts:
            self.problems.append(table.problem(row, f"unknown concept {value!r}", column))
            return None
        scheme, _, key = value.partition("/")
        return iris.concept(scheme, key)

    # -- provenance --------------------------------------------------------------------
    def provenance(
        self, graph: Graph, table: Table, row: Row, node: URIRef, *, tag: str = ""
    ) -> None:
        """Attach the row's sources, locators and curation record to the fact node.

        Each (source, locator) pair becomes an atkg:Attestation (a prov:Derivation), and
        the shortcut prov:wasDerivedFrom is stated too, as PROV recommends. A row that
        adds to a node another row made (labels.tsv) passes a tag: its attestations are
        `<node>/attestation/<tag>-N` and the node keeps its own row's curation record.
        """
        if not tag:
            graph.add((node, ATKG.curationRecord, Literal(f"{table.display_path}:{row.line}")))
        sources = row.values("source")
        locators = row.values("locator")
        if not sources:
            self.problems.append(table.problem(row, "no source given", "source"))
            return
        if len(locators) == 1 and len(sources) > 1:
            self.problems.append(
                table.problem(row, "one locator for several sources: give one each", "locator")
            )
            return
        if len(locators) != len(sources):
            self.problems.append(
                table.problem(
                    row,
                    f"{len(sources)} sources but {len(locators)} locators",
                    "locator",
                )
            )
            return
        for n, (source, locator) in enumerate(zip(sources, locators, strict=True), start=1):
            if not LOCATOR.match(locator):
                self.problems.append(
                    table.problem(
                        row, f"locator {locator!r} does not follow the grammar", "locator"
                    )
                )
                continue
            doc = self.ref(table, row, "source", "document", source)
            if doc is None:
                continue
            att = URIRef(f"{node}/attestation/{tag}-{n}") if tag else iris.attestation(node, n)
            attest(graph, node, doc, locator, att)


def source_dataset(
    graph: Graph | Triples, name: str, label_en: str, label_zh: str, origin: str
) -> URIRef:
    """The node of a published data set that loaded facts derive from (`id/dataset/name`)."""
    dataset = iris.dataset(name)
    graph.add((dataset, RDF.type, ATKG.SourceDataset))
    graph.add((dataset, RDFS.label, Literal(label_en, lang="en")))
    graph.add((dataset, RDFS.label, Literal(label_zh, lang="zh")))
    graph.add((dataset, DCTERMS.source, URIRef(origin)))
    return dataset


def attest(
    graph: Graph | Triples,
    node: URIRef,
    source: URIRef,
    locator: str,
    attestation: URIRef | None = None,
) -> URIRef:
    """State that a fact node comes from a source at a locator, in both PROV forms.

    The one place an atkg:Attestation is written: curated rows, source data sets and
    ingested documents all go through it, so their provenance has the same shape.
    """
    att = attestation or iris.attestation(node, 1)
    graph.add((node, PROV.wasDerivedFrom, source))
    graph.add((node, PROV.qualifiedDerivation, att))
    graph.add((att, RDF.type, ATKG.Attestation))
    graph.add((att, PROV.entity, source))
    graph.add((att, ATKG.locator, Literal(locator)))
    return att


class Triples:
    """What a loader emits: triples kept in a plain list, indexed only if someone asks.

    The build only iterates over a loader's output to fill the store, and rdflib's Graph
    spends more time indexing each add than the loaders spend making the triples. Any
    other use (`value`, `subjects`, `in`, ...) gets a real rdflib Graph, built once.
    """

    def __init__(self) -> None:
        self._items: list[tuple[Node, Node, Node]] = []
        self._graph: Graph | None = None

    def add(self, triple: tuple[Node, Node, Node]) -> Triples:
        self._items.append(triple)
        self._graph = None
        return self

    def __iter__(self) -> Iterator[tuple[Node, Node, Node]]:
        return iter(dict.fromkeys(self._items))

    def __len__(self) -> int:
        return len(set(self._items))

    def __contains__(self, triple: object) -> bool:
        return triple in self.graph

    @property
    def graph(self) -> Graph:
        if self._graph is None:
            graph = Graph()
            for triple in self._items:
                graph.add(triple)
            self._graph = graph
        return self._graph

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        return getattr(self.graph, name)
