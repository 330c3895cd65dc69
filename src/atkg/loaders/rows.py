"""Cell-to-triple helpers shared by the curated tables' mappers.

Two kinds of label: a name or title as printed (name_en / name_zh, title_en / title_zh)
is an rdfs:label and a skos:prefLabel; a description in our own words, given where no
name is known with certainty in a language (a document's symbol, data/curated/labels.tsv),
is an rdfs:label only, so that a reader can tell a title from a description.
"""

from __future__ import annotations

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS

from atkg.loaders.context import LoadContext, Triples
from atkg.namespaces import ATKG
from atkg.symbol_labels import symbol_labels
from atkg.tables import Row, Table

LANGUAGES = ("en", "zh")


def add_labels(g: Triples, node: URIRef, row: Row, en: str, zh: str) -> None:
    """English label from one column, Chinese labels (first preferred) from another."""
    if row.get(en):
        g.add((node, RDFS.label, Literal(row.get(en), lang="en")))
        g.add((node, SKOS.prefLabel, Literal(row.get(en), lang="en")))
    for i, name in enumerate(row.values(zh)):
        g.add((node, RDFS.label if i == 0 else SKOS.altLabel, Literal(name, lang="zh")))
        if i == 0:
            g.add((node, SKOS.prefLabel, Literal(name, lang="zh")))


def named_languages(row: Row, en: str, zh: str) -> set[str]:
    """The languages in which a row gives a name (its columns for English and Chinese)."""
    return {lang for lang, col in zip(LANGUAGES, (en, zh), strict=True) if row.values(col)}


def add_description(g: Graph | Triples, node: URIRef, text: str, lang: str) -> None:
    """A descriptive label in our own words: rdfs:label only, never skos:prefLabel."""
    g.add((node, RDFS.label, Literal(text, lang=lang)))


def add_symbol_labels(g: Graph | Triples, node: URIRef, symbol: str, named: set[str]) -> None:
    """The symbol's descriptive labels (atkg.symbol_labels) in the languages not named."""
    if not symbol:
        return
    labels = symbol_labels(symbol)
    for lang, text in zip(LANGUAGES, labels, strict=True):
        if lang not in named:
            add_description(g, node, text, lang)


def add_document_labels(g: Triples, node: URIRef, row: Row) -> None:
    """A document row's titles, and its symbol's labels for a language without a title."""
    add_labels(g, node, row, "title_en", "title_zh")
    add_symbol_labels(g, node, row.get("symbol"), named_languages(row, "title_en", "title_zh"))


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
