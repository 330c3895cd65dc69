"""Compacted JSON-LD with the context shipped in the package (`jsonld_context.json`).

The context gives every ontology property a short term (its local name; object properties
coerced to `@id`), labels and definitions as language maps (`"label": {"en": …, "zh": …}`)
and the project's prefixes, so that a node reads like plain JSON. It is generated from the
ontology (`context_from_ontology`) and a test keeps the shipped file in sync.

Compaction is rdflib's JSON-LD serialiser with that context (no new dependency: pyld is
needed only to check the output, and then only in tests). Its output order follows rdflib's
hashing, so nodes and values are sorted afterwards: the same graph gives the same bytes.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

import pyoxigraph as ox
from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS

from atkg.namespaces import ATKG, PREFIXES

CONTEXT_FILE = "jsonld_context.json"
#: Where the context is published, for documents that refer to it instead of inlining it.
CONTEXT_URL = "https://w3id.org/atkg/context.jsonld"

#: Annotations read as language maps: `{"en": "…", "zh": "…"}`.
LANGUAGE_MAPS = {
    "label": RDFS.label,
    "prefLabel": SKOS.prefLabel,
    "altLabel": SKOS.altLabel,
    "definition": SKOS.definition,
    "title": DCTERMS.title,
}


def context_from_ontology(ontology: Graph) -> dict[str, Any]:
    """The JSON-LD context for atkg data, derived from the ontology's property declarations."""
    ctx: dict[str, Any] = {"id": "@id", "type": "@type"}
    ctx.update(dict(sorted(PREFIXES.items())))
    ctx["schema"] = "https://schema.org/"
    for term, iri in LANGUAGE_MAPS.items():
        ctx[term] = {"@id": str(iri), "@container": "@language"}
    ns = str(ATKG)
    kinds = ((OWL.ObjectProperty, True), (OWL.DatatypeProperty, False))
    for kind, is_object in kinds:
        for prop in sorted(set(ontology.subjects(RDF.type, kind))):
            if not isinstance(prop, URIRef) or not str(prop).startswith(ns):
                continue
            name = str(prop)[len(ns) :]
            if name in ctx:
                continue
            ctx[name] = {"@id": f"atkg:{name}", "@type": "@id"} if is_object else f"atkg:{name}"
    return ctx


@cache
def shipped_context() -> dict[str, Any]:
    """The context file shipped in the package."""
    text = resources.files("atkg.publish").joinpath(CONTEXT_FILE).read_text(encoding="utf-8")
    return json.loads(text)["@context"]  # type: ignore[no-any-return]


def context_document(ontology: Graph) -> str:
    """The text of `jsonld_context.json` (what `--update-expected`-style regeneration writes)."""
    return json.dumps({"@context": context_from_ontology(ontology)}, indent=2) + "\n"


def _sort(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _sort(v) for k, v in value.items()}
    if isinstance(value, list):
        items = [_sort(v) for v in value]
        return sorted(items, key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))
    return value


def compact(graph: Graph, context: dict[str, Any] | None = None, inline: bool = True) -> bytes:
    """A graph as compacted JSON-LD, deterministic; with the context inline or by URL."""
    ctx = context if context is not None else shipped_context()
    text = graph.serialize(format="json-ld", context=ctx, auto_compact=True)
    doc = json.loads(text)
    nodes = doc.get("@graph", [doc] if "@id" in doc or "id" in doc else [])
    for node in nodes:
        node.pop("@context", None)
    nodes = sorted((_sort(n) for n in nodes), key=lambda n: str(n.get("id", n.get("@id", ""))))
    out = {"@context": ctx if inline else CONTEXT_URL, "@graph": nodes}
    return (json.dumps(out, indent=1, ensure_ascii=False, sort_keys=True) + "\n").encode("utf-8")


def compact_store(store: ox.Store, context: dict[str, Any] | None = None) -> bytes:
    """The union of the build's named graphs as compacted JSON-LD."""
    from atkg.store import from_ox

    graph = Graph()
    for quad in store:
        graph.add((from_ox(quad.subject), from_ox(quad.predicate), from_ox(quad.object)))  # type: ignore[arg-type]
    return compact(graph, context)
