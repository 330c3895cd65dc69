"""Extracted citations as RDF in the ontology's terms: one named graph per document.

The graph states the citing document (typed, symbol, title, date, issuer), one
atkg:Citation per (paragraph or footnote, cited entity) with atkg:citingDocument,
atkg:cited, atkg:verb and atkg:footnote, and the same provenance as curated facts:
prov:wasDerivedFrom the citing document, an atkg:Attestation with the locator, and
atkg:curationRecord pointing at the row of data/ingested/<slug>.tsv the fact came from.
Every node is prov:wasGeneratedBy the extraction activity, which names the extractor
version, so a later extractor can tell which graphs it should redo.

Citation IRIs are the curated template with `/extracted` appended: an extracted claim and
a curated one about the same citation stay two facts with their own provenance.
Documents cited but unknown to atkg are described once (type from the symbol, symbol,
provenance), by the first ingested file that cites them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from urllib.parse import quote

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, PROV, RDF, RDFS, XSD

from atkg import iris
from atkg.loaders.context import attest
from atkg.loaders.rows import add_symbol_labels
from atkg.namespaces import ATKG, ATKGID, bind_prefixes

#: The symbol pattern of shapes/identifiers.ttl: symbols outside it are not described.
SYMBOL_SHAPE = re.compile(
    r"^[A-Z]+(?:/(?:[A-Z]+(?:\.[0-9]+)?|(?:E?S-)?[0-9]+))*/(?:[0-9]+|[A-Z]+\.[0-9]+)"
    r"(?:\([0-9]{4}\))?(?:/(?:Add|Rev|Corr|Amend)\.[0-9]+)*$"
)
_TYPES = (
    (re.compile(r"^A/RES/"), "GeneralAssemblyResolution"),
    (re.compile(r"^E/RES/"), "ECOSOCResolution"),
    (re.compile(r"^A/HRC/RES/"), "HumanRightsCouncilResolution"),
    (re.compile(r"^E/CN\.4/RES/"), "CommissionOnHumanRightsResolution"),
    (re.compile(r"^E/CN\.4/DEC/"), "CommissionOnHumanRightsDecision"),
    (re.compile(r"^CTOC/COP/"), "ConferenceOfPartiesReport"),
    (re.compile(r"/GC/\d+$"), "GeneralComment"),
    (re.compile(r"/L\.\d+"), "DraftResolution"),
    (re.compile(r"^ST/"), "Publication"),
    (re.compile(r"^S/RES/"), None),  # no class for Security Council resolutions yet
    (re.compile(r"^[A-Z]"), "Report"),
)


def document_type(symbol: str | None, body: str | None = None, formula: bool = False) -> str | None:
    """The atkg document class a symbol implies (None if atkg has no class for it).

    >>> document_type("A/RES/64/293"), document_type("E/CN.4/DEC/2004/110")
    ('GeneralAssemblyResolution', 'CommissionOnHumanRightsDecision')
    >>> document_type("A/74/127"), document_type(None, "un-secretary-general")
    ('Report', 'SecretaryGeneralReport')
    """
    if symbol:
        return next((cls for rx, cls in _TYPES if rx.search(symbol)), None)
    if body == "un-secretary-general":
        return "SecretaryGeneralReport"
    return "DraftResolution" if formula else "Report"


@dataclass(frozen=True)
class Row:
    """One citation as ingested: the file line it is on, and what it says."""

    line: int
    kind: str
    symbol: str
    target: str  # typed reference, empty when unresolved
    locator: str
    verb: str
    footnote: str


@dataclass
class DocumentMeta:
    key: str
    symbol: str = ""
    title: str = ""
    date: str = ""
    body: str = ""
    language: str = ""
    type: str = ""
    source_file: str = ""
    extractor: str = ""
    meta_line: int = 1


@dataclass
class Context:
    """What the graph being built can rely on, and what it has described so far."""

    documents: set[str] = field(default_factory=set)  # document keys atkg describes already
    entities: dict[str, set[str]] = field(default_factory=dict)  # kind -> keys
    concepts: set[str] = field(default_factory=set)  # "verb/recalls"
    problems: list[str] = field(default_factory=list)


def activity(key: str, version: str) -> URIRef:
    """IRI of the extraction run that produced a document's graph, by extractor version."""
    return URIRef(f"{ATKGID}activity/extract/{iris.slug(version)}/{quote(key, safe='/-._~')}")


def _provenance(
    g: Graph, node: URIRef, source: URIRef, locator: str, record: str, run: URIRef
) -> None:
    attest(g, node, source, locator)
    g.add((node, ATKG.curationRecord, Literal(record)))
    g.add((node, PROV.wasGeneratedBy, run))


def ingested_graph(meta: DocumentMeta, rows: Iterable[Row], display: str, ctx: Context) -> Graph:
    """The named graph of one ingested document (display = data/ingested/<slug>.tsv)."""
    g = bind_prefixes(Graph())
    doc = iris.document(meta.key)
    run = activity(meta.key, meta.extractor)
    g.add((run, RDF.type, PROV.Activity))
    g.add((run, RDFS.label, Literal(f"citation extraction by {meta.extractor}", lang="en")))
    g.add((run, RDFS.label, Literal(f"由 {meta.extractor} 提取引用", lang="zh")))
    g.add((run, OWL.versionInfo, Literal(meta.extractor.rsplit(" ", 1)[-1])))
    if meta.source_file:
        g.add((run, RDFS.comment, Literal(f"extracted from {meta.source_file}", lang="en")))
    if meta.key not in ctx.documents:
        cls = meta.type or document_type(meta.symbol or None, meta.body or None)
        g.add((doc, RDF.type, ATKG[cls or "Report"]))
        if meta.symbol:
            g.add((doc, ATKG.symbol, Literal(meta.symbol)))
        if meta.title:
            g.add((doc, RDFS.label, Literal(meta.title, lang=meta.language or None)))
        # the symbol describes it in the languages without a title (atkg.symbol_labels)
        titled = {meta.language} if meta.title and meta.language else set()
        add_symbol_labels(g, doc, meta.symbol, titled)
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", meta.date or ""):
            g.add((doc, ATKG.adoptedOn, Literal(meta.date, datatype=XSD.date)))
        if meta.body and meta.body in ctx.entities.get("body", set()):
            g.add((doc, ATKG.issuedBy, iris.body(meta.body)))
        _provenance(g, doc, doc, "heading", f"{display}:{meta.meta_line}", run)
        ctx.documents.add(meta.key)
    seen: set[URIRef] = set()
    for row in rows:
        if not row.target:
            continue
        kind, _, key = row.target.partition(":")
        if kind == "document" and key not in ctx.documents:
            cls = document_type(key)
            if cls is None or not SYMBOL_SHAPE.match(key):
                ctx.problems.append(
                    f"{display}:{row.line}: {key} not described (no class "
                    "or not a well-formed symbol); citation left out"
                )
                continue
            cited_doc = iris.document(key)
            g.add((cited_doc, RDF.type, ATKG[cls]))
            g.add((cited_doc, ATKG.symbol, Literal(key)))
            add_symbol_labels(g, cited_doc, key, set())
            _provenance(g, cited_doc, doc, row.locator, f"{display}:{row.line}", run)
            ctx.documents.add(key)
        elif kind != "document" and key not in ctx.entities.get(kind, set()):
            ctx.problems.append(f"{display}:{row.line}: unknown {kind} {key!r}")
            continue
        node = URIRef(f"{iris.citation(meta.key, row.locator, row.target)}/extracted")
        if node in seen:  # one fact per (locator, cited): the first verb stands
            continue
        seen.add(node)
        g.add((node, RDF.type, ATKG.Citation))
        g.add((node, ATKG.citingDocument, doc))
        g.add((node, ATKG.cited, iris.entity(kind, key)))
        if row.verb and f"verb/{row.verb}" in ctx.concepts:
            g.add((node, ATKG.verb, iris.concept("verb", row.verb)))
        if row.footnote.isdigit() and not row.footnote.startswith("0"):
            g.add((node, ATKG.footnote, Literal(row.footnote)))
        _provenance(g, node, doc, row.locator, f"{display}:{row.line}", run)
    return g
