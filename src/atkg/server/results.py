"""SPARQL results written straight from pyoxigraph terms, with a row limit and a deadline.

pyoxigraph can serialise whole result sets itself, but the server must stop at its result
limit and give up at its timeout, and both need the rows one by one: solutions are pulled
lazily, so a query that streams (most do) stops computing when the server stops reading.
"""

from __future__ import annotations

import csv
import io
import json
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox

from atkg.export import FORMATS

SELECT_TYPES = {
    "application/sparql-results+json": "json",
    "application/json": "json",
    "application/sparql-results+xml": "xml",
    "application/xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
}
GRAPH_TYPES = {
    "text/turtle": "ttl",
    "application/ld+json": "jsonld",
    "application/n-triples": "nt",
    "application/rdf+xml": "xml",
    "text/plain": "nt",
}
#: `format=` short names accepted in URLs (handy in browsers and for CSV downloads).
FORMAT_PARAM = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
    "ttl": "text/turtle",
    "turtle": "text/turtle",
    "jsonld": "application/ld+json",
    "nt": "application/n-triples",
    "rdfxml": "application/rdf+xml",
}
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


class QueryTimeoutError(Exception):
    """The deadline passed while the results were being produced."""


@dataclass
class Limited:
    """Rows (or triples) pulled under a limit and a deadline."""

    items: list
    truncated: bool


def pull(items: Iterable, limit: int, deadline: float) -> Limited:  # type: ignore[type-arg]
    """At most `limit` items; QueryTimeoutError once time.monotonic() passes the deadline."""
    out = []
    for item in items:
        if len(out) >= limit:
            return Limited(out, True)
        if time.monotonic() > deadline:
            raise QueryTimeoutError
        out.append(item)
    return Limited(out, False)


def _json_term(term: object) -> dict[str, str]:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    assert isinstance(term, ox.Literal)
    out = {"type": "literal", "value": term.value}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype.value != XSD_STRING:
        out["datatype"] = term.datatype.value
    return out


def _xml_term(term: object) -> str:
    if isinstance(term, ox.NamedNode):
        return f"<uri>{escape(term.value)}</uri>"
    if isinstance(term, ox.BlankNode):
        return f"<bnode>{escape(term.value)}</bnode>"
    assert isinstance(term, ox.Literal)
    if term.language:
        return f"<literal xml:lang={quoteattr(term.language)}>{escape(term.value)}</literal>"
    if term.datatype.value != XSD_STRING:
        return f"<literal datatype={quoteattr(term.datatype.value)}>{escape(term.value)}</literal>"
    return f"<literal>{escape(term.value)}</literal>"


def _csv_value(term: object) -> str:
    return "" if term is None else term.value  # type: ignore[attr-defined]


def _tsv_value(term: object) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.Literal) and not term.language and term.datatype.value == XSD_STRING:
        return json.dumps(term.value, ensure_ascii=False)  # N-Triples-style quoted string
    return str(term)


def write_select(variables: list[str], rows: list[list[object]], kind: str) -> bytes:
    """Rows (lists of pyoxigraph terms or None) as SPARQL JSON, XML, CSV or TSV."""
    if kind == "json":
        bindings = [
            {v: _json_term(t) for v, t in zip(variables, row, strict=True) if t is not None}
            for row in rows
        ]
        doc = {"head": {"vars": variables}, "results": {"bindings": bindings}}
        return json.dumps(doc, ensure_ascii=False).encode("utf-8")
    if kind == "xml":
        return "".join(_xml_select(variables, rows)).encode("utf-8")
    if kind == "csv":
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\r\n")
        writer.writerow(variables)
        writer.writerows([_csv_value(t) for t in row] for row in rows)
        return buf.getvalue().encode("utf-8")
    lines = ["\t".join(f"?{v}" for v in variables)]
    lines += ["\t".join(_tsv_value(t) for t in row) for row in rows]
    return ("\n".join(lines) + "\n").encode("utf-8")


def _xml_select(variables: list[str], rows: list[list[object]]) -> Iterator[str]:
    yield '<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">\n'
    yield "<head>" + "".join(f"<variable name={quoteattr(v)}/>" for v in variables) + "</head>\n"
    yield "<results>\n"
    for row in rows:
        cells = "".join(
            f"<binding name={quoteattr(v)}>{_xml_term(t)}</binding>"
            for v, t in zip(variables, row, strict=True)
            if t is not None
        )
        yield f"<result>{cells}</result>\n"
    yield "</results>\n</sparql>\n"


def write_boolean(value: bool, kind: str) -> bytes:
    if kind == "json":
        return json.dumps({"head": {}, "boolean": value}).encode()
    if kind == "xml":
        return (
            '<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">'
            f"<head/><boolean>{'true' if value else 'false'}</boolean></sparql>\n"
        ).encode()
    return ("true\n" if value else "false\n").encode()  # CSV/TSV have no boolean form


def write_graph(triples: list[ox.Triple], kind: str, prefixes: dict[str, str]) -> bytes:
    """Triples in an RDF format of atkg.export (Turtle, JSON-LD, N-Triples, RDF/XML)."""
    rdf_format = FORMATS[kind][0]
    data = ox.serialize(triples, format=rdf_format, prefixes=None if kind == "nt" else prefixes)
    return data or b""
