"""Dataset descriptions of the build: VoID (statistics, linksets) and DCAT (catalogue).

Both are computed from the built store, so they always match what is published. The whole
build is one `void:Dataset` that is also a `dcat:Dataset`; each named graph is a subset
(`void:subset`) described with its own title, licence and source, because atkg mixes
sources under different terms (curated tables CC BY 4.0, country codes ODC-PDDL). Nodes
get IRIs, never blank nodes, so the output is deterministic and each part can be linked.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

import pyoxigraph as ox
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, PROV, RDF, RDFS, VOID, XSD

from atkg.export import FORMATS
from atkg.namespaces import ATKG, BASE, GRAPH, PREFIXES, bind_prefixes
from atkg.paths import ProjectPaths

SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
DATASET = URIRef(BASE + "dataset")
CATALOG = URIRef(BASE + "catalog")
SERVICE = URIRef(BASE + "sparql")
PUBLISHER = URIRef(BASE + "team")
PROJECT_LICENSE = URIRef("https://creativecommons.org/licenses/by/4.0/")
ID_SPACE = PREFIXES["atkgid"]

#: SPDX identifiers used in table headers, as licence IRIs.
LICENSES = {
    "CC-BY-4.0": "https://creativecommons.org/licenses/by/4.0/",
    "CC0-1.0": "https://creativecommons.org/publicdomain/zero/1.0/",
    "ODC-PDDL-1.0": "https://opendatacommons.org/licenses/pddl/1-0/",
    "ODC-BY-1.0": "https://opendatacommons.org/licenses/by/1-0/",
}

#: Datasets atkg links to: (slug, IRI of the target dataset, title, namespace of its resources).
TARGETS = (
    ("wikidata", "https://www.wikidata.org/", "Wikidata", "http://www.wikidata.org/entity/"),
    (
        "unbis",
        "http://metadata.un.org/thesaurus/",
        "UNBIS Thesaurus",
        "http://metadata.un.org/thesaurus/",
    ),
    ("undocs", "https://undocs.org/", "UN Official Document System", "https://undocs.org/"),
    ("untc", "https://treaties.un.org/", "UN Treaty Collection", "http://treaties.un.org/"),
    ("untc", "https://treaties.un.org/", "UN Treaty Collection", "https://treaties.un.org/"),
)


@dataclass(frozen=True)
class Access:
    """Where the dataset can be reached: the SPARQL endpoint and the dump base URL."""

    endpoint: str = "https://w3id.org/atkg/sparql"
    dumps: str = "https://w3id.org/atkg/dumps/"
    dump_stem: str = "atkg"
    issued: str | None = None  # ISO date, when the caller knows the release date


@dataclass
class Stats:
    triples: int = 0
    subjects: set[str] = field(default_factory=set)
    objects: set[str] = field(default_factory=set)
    properties: Counter[str] = field(default_factory=Counter)
    classes: Counter[str] = field(default_factory=Counter)
    graphs: Counter[str] = field(default_factory=Counter)
    links: Counter[tuple[str, str, str]] = field(default_factory=Counter)


def _key(term: object) -> str:
    return term.value if isinstance(term, ox.NamedNode | ox.BlankNode) else str(term)


def statistics(store: ox.Store) -> Stats:
    """Counts over the union of the named graphs (distinct triples, as VoID counts them)."""
    stats = Stats()
    seen: set[tuple[str, str, str]] = set()
    typed: set[tuple[str, str]] = set()
    for quad in store:
        stats.graphs[quad.graph_name.value] += 1  # type: ignore[union-attr]
        s, p, o = quad.subject, quad.predicate.value, quad.object
        triple = (_key(s), p, _key(o) if not isinstance(o, ox.Literal) else str(o))
        if triple in seen:
            continue
        seen.add(triple)
        stats.subjects.add(triple[0])
        stats.objects.add(triple[2])
        stats.properties[p] += 1
        if p == str(RDF.type) and isinstance(o, ox.NamedNode) and (triple[0], o.value) not in typed:
            typed.add((triple[0], o.value))
            stats.classes[o.value] += 1
        linked = isinstance(o, ox.NamedNode) and isinstance(s, ox.NamedNode)
        if linked and s.value.startswith(ID_SPACE):  # type: ignore[union-attr]
            for slug, _target, _title, space in TARGETS:
                if o.value.startswith(space):  # type: ignore[union-attr]
                    stats.links[(slug, p, space)] += 1
    stats.triples = len(seen)
    return stats


def _slug(iri: str) -> str:
    for prefix, ns in sorted(PREFIXES.items(), key=lambda kv: -len(kv[1])):
        if iri.startswith(ns):
            return quote(f"{prefix}-{iri[len(ns) :]}", safe="-._~")
    return quote(iri, safe="")


def _vocabulary(iri: str) -> str:
    cut = max(iri.rfind("#"), iri.rfind("/"))
    return iri[: cut + 1]


def table_metadata(path: Path) -> dict[str, str]:
    """The `# key: value` lines above a curated table's header row."""
    meta: dict[str, str] = {}
    if not path.is_file():
        return meta
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if not line.startswith("#"):
                break
            key, sep, value = line[1:].partition(":")
            if sep:
                meta[key.strip()] = value.strip()
    return meta


def _source_datasets(store: ox.Store, graph: str) -> list[tuple[str, str | None, str | None]]:
    """(IRI, licence, source) of each atkg:SourceDataset described inside a graph."""
    found = []
    g = ox.NamedNode(graph)
    kind = ox.NamedNode(str(ATKG.SourceDataset))
    for quad in store.quads_for_pattern(None, ox.NamedNode(str(RDF.type)), kind, g):
        node = quad.subject
        lic = next(store.quads_for_pattern(node, ox.NamedNode(str(DCTERMS.license)), None, g), None)
        src = next(store.quads_for_pattern(node, ox.NamedNode(str(DCTERMS.source)), None, g), None)
        found.append(
            (
                _key(node),
                lic.object.value if lic else None,  # type: ignore[union-attr]
                src.object.value if src else None,  # type: ignore[union-attr]
            )
        )
    return sorted(found)


def _describe_graph(g: Graph, store: ox.Store, paths: ProjectPaths, graph: str, n: int) -> None:
    node = URIRef(graph)
    name = graph.removeprefix(str(GRAPH))
    g.add((DATASET, VOID.subset, node))
    g.add((node, RDF.type, VOID.Dataset))
    g.add((node, RDF.type, DCAT.Dataset))
    g.add((node, RDF.type, SD.NamedGraph))
    g.add((node, VOID.triples, Literal(n)))
    g.add((node, DCTERMS.isPartOf, DATASET))
    licence: str | None = None
    if name.startswith("curated/") or name == "vocabularies":
        path = (
            paths.curated / f"{name.removeprefix('curated/')}.tsv"
            if name.startswith("curated/")
            else paths.vocabularies / "concepts.tsv"
        )
        meta = table_metadata(path)
        if meta.get("title"):
            g.add((node, DCTERMS.title, Literal(meta["title"], lang="en")))
        if meta.get("description"):
            g.add((node, DCTERMS.description, Literal(meta["description"], lang="en")))
        licence = LICENSES.get(meta.get("license", ""), meta.get("license") or None)
        g.add((node, DCTERMS.source, Literal(paths.relative(path))))
    elif name == "ontology":
        g.add((node, DCTERMS.title, Literal("The atkg ontology", lang="en")))
        g.add((node, PROV.wasDerivedFrom, URIRef(BASE + "ontology")))
        g.add((node, DCTERMS.source, Literal(paths.relative(paths.ontology))))
        licence = str(PROJECT_LICENSE)
    elif name == "inferred":
        g.add((node, DCTERMS.title, Literal("Triples derived by atkg's rules", lang="en")))
        g.add((node, DCTERMS.source, Literal("queries/construct/")))
        licence = str(PROJECT_LICENSE)
    for source, lic, origin in _source_datasets(store, graph):
        g.add((node, PROV.wasDerivedFrom, URIRef(source)))
        label = next(
            store.quads_for_pattern(ox.NamedNode(source), ox.NamedNode(str(RDFS.label)), None),
            None,
        )
        if label is not None and (node, DCTERMS.title, None) not in g:
            g.add((node, DCTERMS.title, Literal(label.object.value, lang="en")))
        if origin:
            g.add((URIRef(source), DCTERMS.source, URIRef(origin)))
        if lic:
            licence = lic
    if licence:
        g.add((node, DCTERMS.license, URIRef(licence)))
    else:
        g.add((node, DCTERMS.rights, Literal("no licence stated by the source", lang="en")))


def void_graph(
    store: ox.Store, paths: ProjectPaths | None = None, access: Access | None = None
) -> Graph:
    """VoID description: statistics, partitions, vocabularies, subsets and linksets."""
    paths = paths or ProjectPaths.default()
    access = access or Access()
    stats = statistics(store)
    g = bind_prefixes(Graph())
    g.bind("void", VOID)
    g.bind("dcat", DCAT)
    g.bind("sd", SD)
    d = DATASET
    g.add((d, RDF.type, VOID.Dataset))
    g.add((d, DCTERMS.title, Literal("atkg: the anti-trafficking knowledge graph", lang="en")))
    g.add((d, DCTERMS.title, Literal("打击贩运人口知识图谱", lang="zh")))
    g.add((d, DCTERMS.license, PROJECT_LICENSE))
    g.add((d, VOID.uriSpace, Literal(ID_SPACE)))
    g.add((d, VOID.sparqlEndpoint, URIRef(access.endpoint)))
    g.add((d, VOID.feature, URIRef("http://www.w3.org/ns/formats/Turtle")))
    for fmt in FORMATS:
        g.add((d, VOID.dataDump, URIRef(f"{access.dumps}{access.dump_stem}.{fmt}")))
    for example in ("body/unodc", "instrument/tip-protocol", "document/A/RES/64/293"):
        g.add((d, VOID.exampleResource, URIRef(ID_SPACE + example)))
    g.add((d, VOID.triples, Literal(stats.triples)))
    g.add((d, VOID.distinctSubjects, Literal(len(stats.subjects))))
    g.add((d, VOID.distinctObjects, Literal(len(stats.objects))))
    g.add((d, VOID.properties, Literal(len(stats.properties))))
    g.add((d, VOID.classes, Literal(len(stats.classes))))
    vocabularies = {_vocabulary(p) for p in stats.properties} | {
        _vocabulary(c) for c in stats.classes
    }
    for vocab in sorted(vocabularies):
        g.add((d, VOID.vocabulary, URIRef(vocab)))
    for cls, count in sorted(stats.classes.items()):
        part = URIRef(f"{d}/class/{_slug(cls)}")
        g.add((d, VOID.classPartition, part))
        g.add((part, VOID["class"], URIRef(cls)))
        g.add((part, VOID.entities, Literal(count)))
    for prop, count in sorted(stats.properties.items()):
        part = URIRef(f"{d}/property/{_slug(prop)}")
        g.add((d, VOID.propertyPartition, part))
        g.add((part, VOID.property, URIRef(prop)))
        g.add((part, VOID.triples, Literal(count)))
    for graph, n in sorted(stats.graphs.items()):
        _describe_graph(g, store, paths, graph, n)
    _linksets(g, stats.links)
    return g


def _linksets(g: Graph, links: Counter[tuple[str, str, str]]) -> None:
    """One void:Linkset per (target dataset, link predicate), only where links exist."""
    merged: dict[tuple[str, str], int] = defaultdict(int)
    for (slug, predicate, _space), n in links.items():
        merged[(slug, predicate)] += n
    targets = {slug: (iri, title) for slug, iri, title, _ in TARGETS}
    for (slug, predicate), n in sorted(merged.items()):
        target, title = targets[slug]
        ls = URIRef(f"{DATASET}/linkset/{slug}-{_slug(predicate)}")
        g.add((DATASET, VOID.subset, ls))
        g.add((ls, RDF.type, VOID.Linkset))
        g.add((ls, VOID.subjectsTarget, DATASET))
        g.add((ls, VOID.objectsTarget, URIRef(target)))
        g.add((ls, VOID.linkPredicate, URIRef(predicate)))
        g.add((ls, VOID.triples, Literal(n)))
        g.add((URIRef(target), RDF.type, VOID.Dataset))
        g.add((URIRef(target), DCTERMS.title, Literal(title, lang="en")))


MEDIA_TYPES = "https://www.iana.org/assignments/media-types/"


def dcat_graph(
    store: ox.Store,
    paths: ProjectPaths | None = None,
    access: Access | None = None,
    void: Graph | None = None,
) -> Graph:
    """DCAT catalogue: the dataset with one distribution per format and the SPARQL service.

    Includes the VoID description (the dataset node is both), so one document carries the
    per-source licences and provenance that portals (CKAN's DCAT harvester) read.
    """
    access = access or Access()
    g = void if void is not None else void_graph(store, paths, access)
    d = DATASET
    g.add((CATALOG, RDF.type, DCAT.Catalog))
    g.add((CATALOG, DCTERMS.title, Literal("atkg catalogue", lang="en")))
    g.add((CATALOG, DCTERMS.publisher, PUBLISHER))
    g.add((CATALOG, DCTERMS.license, PROJECT_LICENSE))
    g.add((CATALOG, DCAT.dataset, d))
    g.add((CATALOG, DCAT.service, SERVICE))
    g.add((PUBLISHER, RDF.type, FOAF.Agent))
    g.add((PUBLISHER, FOAF.name, Literal("The atkg team")))
    g.add((d, RDF.type, DCAT.Dataset))
    g.add((d, DCTERMS.publisher, PUBLISHER))
    g.add(
        (
            d,
            DCTERMS.description,
            Literal(
                "Instruments, documents, bodies, mandates, states and treaty participation of "
                "the international regime against trafficking in persons, with the source and "
                "locator of every fact.",
                lang="en",
            ),
        )
    )
    for word in ("trafficking in persons", "United Nations", "treaties", "linked data"):
        g.add((d, DCAT.keyword, Literal(word, lang="en")))
    if access.issued:
        g.add((d, DCTERMS.issued, Literal(access.issued, datatype=XSD.date)))
    for fmt, (_rdf, media, quads) in FORMATS.items():
        dist = URIRef(f"{d}/distribution/{fmt}")
        url = URIRef(f"{access.dumps}{access.dump_stem}.{fmt}")
        g.add((d, DCAT.distribution, dist))
        g.add((dist, RDF.type, DCAT.Distribution))
        g.add((dist, DCTERMS.title, Literal(f"atkg as {fmt}{' (named graphs)' if quads else ''}")))
        g.add((dist, DCAT.accessURL, url))  # DCAT-AP: mandatory; same as download (SEMIC)
        g.add((dist, DCAT.downloadURL, url))
        g.add((dist, DCAT.mediaType, URIRef(MEDIA_TYPES + media)))
        g.add((dist, DCTERMS.license, PROJECT_LICENSE))
    g.add((SERVICE, RDF.type, DCAT.DataService))
    g.add((SERVICE, DCTERMS.title, Literal("atkg SPARQL endpoint", lang="en")))
    g.add((SERVICE, DCAT.endpointURL, URIRef(access.endpoint)))
    g.add((SERVICE, DCAT.servesDataset, d))
    g.add((SERVICE, DCTERMS.conformsTo, URIRef("https://www.w3.org/TR/sparql11-protocol/")))
    g.add((SERVICE, DCTERMS.license, PROJECT_LICENSE))
    return g


#: Prefixes of the description documents: atkg's map plus the vocabularies they use.
DESCRIBE_PREFIXES = {**PREFIXES, "void": str(VOID), "dcat": str(DCAT), "sd": str(SD)}


def serialise(graph: Graph, fmt: str = "ttl") -> bytes:
    """Deterministic bytes: triples sorted, then pyoxigraph's writer (as in atkg.export)."""
    from atkg.export import FORMATS, sorted_triples
    from atkg.store import to_ox

    rdf_format = FORMATS[fmt][0]
    g = ox.NamedNode(str(GRAPH) + "describe")
    quads = [ox.Quad(to_ox(s), to_ox(p), to_ox(o), g) for s, p, o in graph]  # type: ignore[arg-type]
    triples = sorted_triples(quads)
    prefixes = None if fmt in ("nt", "nq") else DESCRIBE_PREFIXES
    data = ox.serialize(triples, format=rdf_format, prefixes=prefixes)
    assert data is not None
    return data


def jsonld(graph: Graph) -> bytes:
    """A description as compacted JSON-LD: atkg's context plus the VoID, DCAT and SD prefixes."""
    from atkg.publish.jsonld import compact, shipped_context

    context = {**shipped_context(), "void": str(VOID), "dcat": str(DCAT), "sd": str(SD)}
    return compact(graph, context)
