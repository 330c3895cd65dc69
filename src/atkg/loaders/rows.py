"""Cell-to-triple helpers shared by the curated tables' mappers."""

from __future__ import annotations

from rdflib import Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS

from atkg.loaders.context import LoadContext, Triples
from atkg.namespaces import ATKG
from atkg.tables import Row, Table


def add_labels(g: Triples, node: URIRef, row: Row, en: str, zh: str) -> None:
    """English label from one column, Chinese labels (first preferred) from another."""
    if row.get(en):
        g.add((node, RDFS.label, Literal(row.get(en), lang="en")))
        g.add((node, SKOS.prefLabel, Literal(row.get(en), lang="en")))
    for i, name in enumerate(row.values(zh)):
        g.add((node, RDFS.label if i == 0 else SKOS.altLabel, Literal(name, lang="zh")))
        if i == 0:
            g.add((node, SKOS.prefLabel, Literal(name, lang="zh")))


def add_type(
    ctx: LoadContext,
    t: Table,
    row: Row,
    g: Triples,
    node: URIRef,
    allowed: set[str],
    default: str | None = None,
) -> None:
    cls = ctx.choice(t, row, "type", allowed) if row.get("type") else default
    if cls is None and not row.get("type"):
        ctx.problems.append(t.problem(row, "missing type", "type"))
    if cls:
        g.add((node, RDF.type, ATKG[cls]))


def add_date(
    ctx: LoadContext, t: Table, row: Row, g: Triples, node: URIRef, column: str, prop: URIRef
) -> None:
    value = ctx.date(t, row, column)
    if value is not None:
        g.add((node, prop, value))
