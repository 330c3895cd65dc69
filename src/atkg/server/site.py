"""`atkg export --site DIR`: the server's linked-data pages as static files.

For hosting without a server (GitHub Pages, any static host): every atkg entity as
`doc/<path>/index.html` (what `/doc/<path>` resolves to on static hosts) beside
`doc/<path>.ttl`, `.jsonld` and `.nt`, the ontology's page and RDF, one page per named
graph, the home page, VoID (also at `.well-known/void`), the DCAT catalogue and the JSON-LD
context. The pages are the ones `atkg serve` renders, so both stay alike; the query page
needs a live endpoint and is left out.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from atkg.namespaces import BASE, GRAPH
from atkg.paths import ProjectPaths
from atkg.server import pages
from atkg.server.app import App, Settings, make_app

FORMATS = {".ttl": "ttl", ".jsonld": "jsonld", ".nt": "nt"}


@dataclass
class SiteReport:
    entities: int = 0
    files: int = 0
    bytes: int = 0


def _write(path: Path, data: bytes | str, report: SiteReport) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    raw = data.encode("utf-8") if isinstance(data, str) else data
    path.write_bytes(raw)
    report.files += 1
    report.bytes += len(raw)


def _document(app: App, out: Path, local: str, iri: str, report: SiteReport) -> None:
    """One IRI's page and RDF files, under its local path (`/doc/body/unodc`)."""
    base = out / local.strip("/")
    _write(base / "index.html", pages.entity_page(app, iri), report)
    for suffix, kind in FORMATS.items():
        _write(base.with_name(base.name + suffix), app.describer.rdf(iri, kind), report)


def write_site(
    store: ox.Store, paths: ProjectPaths, out: Path, public_url: str = BASE
) -> SiteReport:
    """Write the static site into `out` (replaced if it exists)."""
    app = make_app(store, paths, Settings(public_url=public_url))
    report = SiteReport()
    if out.exists():
        shutil.rmtree(out)
    try:
        entities = sorted(
            {
                q.subject.value
                for q in store
                if isinstance(q.subject, ox.NamedNode) and q.subject.value.startswith(BASE + "id/")
            }
        )
        for iri in entities:
            _document(app, out, app.describer.local(iri) or "", iri, report)
        report.entities = len(entities)
        _document(app, out, "/ontology", BASE + "ontology", report)
        for graph in sorted(g.value for g in store.named_graphs() if isinstance(g, ox.NamedNode)):
            _document(app, out, "/graph/" + graph.removeprefix(str(GRAPH)), graph, report)
        _write(out / "index.html", pages.home(app), report)
        for name, stem in (("void", "void"), ("dcat", "catalog")):
            for suffix, kind in FORMATS.items():
                data = app.describer.dataset_description(name, kind, public_url)
                _write(out / f"{stem}{suffix}", data, report)
        _write(out / ".well-known" / "void", (out / "void.ttl").read_bytes(), report)
        from atkg.publish.jsonld import shipped_context

        context = json.dumps({"@context": shipped_context()}, indent=1)
        _write(out / "context.jsonld", context, report)
    finally:
        app.close()
    return report
