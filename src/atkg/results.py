"""Rendering query results as CSV, TSV, SPARQL JSON or a terminal table."""

from __future__ import annotations

import csv
import io
import json

from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

from atkg.namespaces import PREFIXES
from atkg.store import Results


def compact(term: Node | None) -> str:
    """A term as a reader wants it in a table: CURIE for known namespaces, plain literal."""
    if term is None:
        return ""
    if isinstance(term, URIRef):
        text = str(term)
        for prefix, iri in sorted(PREFIXES.items(), key=lambda kv: -len(kv[1])):
            if text.startswith(iri):
                return f"{prefix}:{text[len(iri) :]}"
        return text
    return str(term)


def to_csv(results: Results, delimiter: str = ",") -> str:
    """SPARQL 1.1 CSV results (full IRIs, lexical forms)."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\n")
    writer.writerow(results.variables)
    for row in results.rows:
        writer.writerow(["" if t is None else str(t) for t in row])
    return out.getvalue()


def to_tsv(results: Results) -> str:
    """SPARQL 1.1 TSV results (terms in N-Triples syntax)."""
    lines = ["\t".join(f"?{v}" for v in results.variables)]
    for row in results.rows:
        lines.append("\t".join("" if t is None else t.n3() for t in row))
    return "\n".join(lines) + "\n"


def _json_term(term: Node) -> dict[str, str]:
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    assert isinstance(term, Literal)
    out = {"type": "literal", "value": str(term)}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype:
        out["datatype"] = str(term.datatype)
    return out


def to_json(results: Results) -> str:
    """SPARQL 1.1 JSON results."""
    if results.boolean is not None:
        return json.dumps({"head": {}, "boolean": results.boolean}, indent=2)
    bindings = [
        {v: _json_term(t) for v, t in zip(results.variables, row, strict=True) if t is not None}
        for row in results.rows
    ]
    return json.dumps(
        {"head": {"vars": list(results.variables)}, "results": {"bindings": bindings}},
        indent=2,
        ensure_ascii=False,
    )
