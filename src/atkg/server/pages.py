"""HTML pages: the home page, the query page and one page per dereferenced IRI.

Plain server-rendered HTML with a little inline CSS and script (nothing fetched from a
CDN, so it works offline). Entity pages show the English and Chinese labels, every
statement about the entity and every link to it, each with the graph it comes from and
the documents, locators and curated records behind it; they embed a small schema.org
JSON-LD island (name, url, sameAs) so that search engines can read them.
"""

from __future__ import annotations

import json
from html import escape
from typing import TYPE_CHECKING

import pyoxigraph as ox

from atkg.namespaces import BASE, GRAPH, PREFIXES
from atkg.server.describe import Evidence, Statement
from atkg.sparql import with_values

if TYPE_CHECKING:
    from atkg.server.app import App

CSS = """
body{font-family:system-ui,sans-serif;margin:2rem auto;max-width:72rem;padding:0 1rem;color:#222}
h1{margin-bottom:.2rem} .zh{font-size:1.2rem;color:#444;margin-top:0} .iri{color:#666}
table{border-collapse:collapse;width:100%;margin:1rem 0} td,th{border-bottom:1px solid #ddd;
padding:.3rem .5rem;text-align:left;vertical-align:top} th{background:#f4f4f4}
.ev{font-size:.85rem;color:#555} .lit{color:#063} .tag{font-size:.75rem;color:#888}
nav a{margin-right:1rem} textarea{width:100%;height:16rem;font-family:monospace}
#queries{columns:2;font-size:.9rem} .err{color:#a00}
"""


def layout(title: str, body: str, head: str = "") -> str:
    return (
        f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)}</title><style>{CSS}</style>{head}</head><body>"
        '<nav><a href="/">atkg</a><a href="/query">query</a><a href="/ontology">ontology</a>'
        '<a href="/.well-known/void">VoID</a><a href="/catalog">DCAT</a></nav>'
        f"{body}</body></html>\n"
    )


def curie(iri: str) -> str:
    for prefix, ns in sorted(PREFIXES.items(), key=lambda kv: -len(kv[1])):
        if iri.startswith(ns):
            return f"{prefix}:{iri[len(ns) :]}"
    return iri


def link(app: App, iri: str) -> str:
    """An IRI as a link: its labels for atkg nodes (local address), its CURIE otherwise."""
    local = app.describer.local(iri)
    en = app.describer.label(iri, "en")
    zh = app.describer.label(iri, "zh")
    text = escape(en or zh or curie(iri))
    if en and zh:
        text += f' <span lang="zh">{escape(zh)}</span>'
    if local is None and not iri.startswith(("http://", "https://")):
        return f"<code>{text}</code>"  # urn:, mailto:, javascript: … are shown, not linked
    href = escape(local or iri)
    return f'<a href="{href}" title="{escape(iri)}">{text}</a>'


def term(app: App, node: object) -> str:
    if isinstance(node, ox.NamedNode):
        return link(app, node.value)
    if isinstance(node, ox.BlankNode):
        return f"_:{escape(node.value)}"
    assert isinstance(node, ox.Literal)
    tag = node.language or curie(node.datatype.value)
    lang = f' lang="{escape(node.language)}"' if node.language else ""
    return f'<span class="lit"{lang}>{escape(node.value)}</span> <span class="tag">{tag}</span>'


#: Provenance properties: shown in the Sources section, not as statements.
PROVENANCE = (
    "http://www.w3.org/ns/prov#qualifiedDerivation",
    "http://www.w3.org/ns/prov#wasDerivedFrom",
    "https://w3id.org/atkg/ontology#curationRecord",
)


def graph_link(graph: str, anchor: bool = False) -> str:
    name = graph.removeprefix(str(GRAPH))
    href = f"#src-{name}" if anchor else f"/graph/{name}"
    return f'<a href="{escape(href)}">{escape(name)}</a>'


def evidence(app: App, ev: Evidence) -> str:
    parts = [f"{link(app, doc)} {escape(locator)}" for doc, locator in ev.attestations]
    parts += [f"<code>{escape(r)}</code>" for r in ev.records]
    return '<span class="ev">' + "<br>".join(parts) + "</span>"


def _source(app: App, node: object, graph: str) -> str:
    """Where one statement comes from: its graph, and the evidence loaded with that graph."""
    if graph == str(GRAPH) + "inferred":
        return graph_link(graph) + ' <span class="ev">derived by atkg\'s rules</span>'
    return graph_link(graph) + "<br>" + evidence(app, app.describer.evidence(node, graph))


def _outgoing(app: App, statements: list[Statement]) -> str:
    rows = [
        f"<tr><td>{link(app, st.predicate.value)}</td><td>{term(app, st.obj)}</td>"
        f"<td>{graph_link(st.graph, anchor=True)}</td></tr>"
        for st in statements
        if st.predicate.value not in PROVENANCE
    ]
    return "".join(rows)


def _sources(app: App, iri: str, statements: list[Statement]) -> str:
    graphs = sorted({st.graph for st in statements if st.graph})
    rows = []
    for graph in graphs:
        name = graph.removeprefix(str(GRAPH))
        rows.append(
            f'<tr id="src-{escape(name)}"><td>{graph_link(graph)}</td>'
            f"<td>{_source(app, ox.NamedNode(iri), graph)}</td></tr>"
        )
    return "".join(rows)


def _incoming(app: App, statements: list[Statement]) -> str:
    rows = [
        f"<tr><td>{link(app, st.predicate.value)}</td><td>{term(app, st.subject)}</td>"
        f"<td>{_source(app, st.subject, st.graph)}</td></tr>"
        for st in statements
    ]
    return "".join(rows)


def entity_page(app: App, iri: str) -> str:
    d = app.describer
    desc = d.describe(iri)
    en, zh = d.label(iri, "en"), d.label(iri, "zh")
    title = en or zh or curie(iri)
    alternates = "".join(
        f'<link rel="alternate" type="{media}" href="{escape(_doc_path(app, iri))}{suffix}">'
        for suffix, media in (
            (".ttl", "text/turtle"),
            (".jsonld", "application/ld+json"),
            (".nt", "application/n-triples"),
        )
    )
    body = [f"<h1>{escape(title)}</h1>"]
    if zh and zh != title:
        body.append(f'<p class="zh" lang="zh">{escape(zh)}</p>')
    body.append(
        f'<p class="iri"><code>{escape(iri)}</code> · as '
        + " · ".join(
            f'<a href="{escape(_doc_path(app, iri))}{s}">{n}</a>'
            for s, n in ((".ttl", "Turtle"), (".jsonld", "JSON-LD"), (".nt", "N-Triples"))
        )
        + "</p>"
    )
    if iri.startswith(str(GRAPH)):
        count = sum(1 for _ in app.store.quads_for_pattern(None, None, None, ox.NamedNode(iri)))
        body.append(
            f"<p>Named graph of the build with {count:,} triples; its licence and source "
            'are in the <a href="/.well-known/void">VoID description</a>.</p>'
        )
    if desc.outgoing:
        body.append(
            "<h2>Statements</h2><table><tr><th>property</th><th>value</th><th>source</th></tr>"
        )
        body.append(_outgoing(app, desc.outgoing) + "</table>")
        body.append(
            "<h2>Sources</h2><p>Each statement above names the graph it was loaded with; "
            "these are the documents, locators and curated records behind each graph's "
            "statements.</p><table><tr><th>graph</th><th>documents and locators, record</th>"
            "</tr>" + _sources(app, iri, desc.outgoing) + "</table>"
        )
    if desc.incoming:
        shown = len(desc.incoming)
        more = f" (first {shown} of {desc.incoming_total})" if desc.incoming_total > shown else ""
        body.append(
            f"<h2>Referenced by{more}</h2><table><tr><th>property</th><th>from</th>"
            "<th>source of the link</th></tr>"
        )
        body.append(_incoming(app, desc.incoming) + "</table>")
    if iri.rstrip("#") == BASE + "ontology":
        body.append(_ontology_terms(app))
    island = {
        "@context": "https://schema.org/",
        "@id": iri,
        "url": iri,
        "name": [v for v in (en, zh) if v],
    }
    same = [
        st.obj.value
        for st in desc.outgoing  # type: ignore[union-attr]
        if st.predicate.value.endswith(("#exactMatch", "#sameAs"))
    ]
    if same:
        island["sameAs"] = same
    island_text = json.dumps(island, ensure_ascii=False).replace("</", "<\\/")
    head = f'{alternates}<script type="application/ld+json">{island_text}</script>'
    return layout(title, "".join(body), head)


def _doc_path(app: App, iri: str) -> str:
    return app.describer.local(iri) or iri


def _ontology_terms(app: App) -> str:
    graph = ox.NamedNode(str(GRAPH) + "ontology")
    defined = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#isDefinedBy")
    definition = ox.NamedNode("http://www.w3.org/2004/02/skos/core#definition")
    terms = sorted(
        {
            q.subject.value
            for q in app.store.quads_for_pattern(None, defined, None, graph)
            if isinstance(q.subject, ox.NamedNode)
        }
    )
    rows = []
    for iri in terms:
        anchor = iri.rsplit("#", 1)[-1]
        text = next(
            (
                q.object.value
                for q in app.store.quads_for_pattern(ox.NamedNode(iri), definition, None, graph)
            ),
            "",
        )
        rows.append(
            f'<tr id="{escape(anchor)}"><td><code>{escape(curie(iri))}</code></td>'
            f"<td>{escape(app.describer.label(iri, 'en') or '')}</td>"
            f'<td lang="zh">{escape(app.describer.label(iri, "zh") or "")}</td>'
            f"<td>{escape(text)}</td></tr>"
        )
    return (
        "<h2>Terms</h2><table><tr><th>term</th><th>label</th><th>标签</th>"
        "<th>definition</th></tr>" + "".join(rows) + "</table>"
    )


def home(app: App) -> str:
    graphs = sorted(g.value for g in app.store.named_graphs() if isinstance(g, ox.NamedNode))
    items = "".join(f"<li>{link(app, g)}</li>" for g in graphs)
    examples = "".join(
        f"<li>{link(app, BASE + 'id/' + key)}</li>"
        for key in ("body/unodc", "instrument/tip-protocol", "document/A/RES/64/293")
    )
    body = (
        "<h1>atkg: the anti-trafficking knowledge graph</h1>"
        '<p class="zh" lang="zh">打击贩运人口知识图谱</p>'
        '<p>SPARQL endpoint: <a href="/sparql"><code>/sparql</code></a> (SPARQL 1.1 Protocol, '
        'read-only) · <a href="/query">query page</a> · named queries: '
        '<a href="/queries"><code>/queries</code></a></p>'
        f"<h2>Examples</h2><ul>{examples}</ul><h2>Named graphs</h2><ul>{items}</ul>"
    )
    return layout("atkg", body)


def query_page(app: App) -> str:
    """An editor, the named queries one click away, results as a table, CSV download."""
    library = {}
    for name, q in app.queries.items():
        try:
            text = with_values(q.text, q.bind({})) if q.parameters else q.text
        except Exception:  # a query without defaults is shown with its parameters unbound
            text = q.text
        library[name] = {"summary": q.summary, "text": text}
    items = "".join(
        f'<li><a href="#" data-q="{escape(n)}" title="{escape(v["summary"])}">{escape(n)}</a></li>'
        for n, v in library.items()
    )
    default = (
        "SELECT ?class (COUNT(?s) AS ?n) WHERE { ?s a ?class } GROUP BY ?class ORDER BY DESC(?n)"
    )
    data = json.dumps(library).replace("</", "<\\/")
    body = (
        "<h1>Query atkg</h1><p>SPARQL 1.1; atkg's prefixes are predeclared. "
        f"Results are limited to {app.settings.limit:,} rows and "
        f"{app.settings.timeout:g} seconds.</p>"
        f'<textarea id="editor" spellcheck="false">{escape(default)}</textarea>'
        '<p><button id="run">Run</button> <a id="csv" href="#">download CSV</a> '
        '<span id="status"></span></p><div id="results"></div>'
        f'<h2>Named queries</h2><ul id="queries">{items}</ul>'
        f'<script>const LIBRARY={data};</script><script src="/static/query.js"></script>'
    )
    return layout("atkg query", body)
