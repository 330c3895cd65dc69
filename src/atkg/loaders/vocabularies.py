"""The SKOS concept schemes (pillars, forms of exploitation, groups, verbs, roles, actions)."""

from __future__ import annotations

from rdflib import Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS

from atkg import iris
from atkg.loaders.context import LoadContext, Triples
from atkg.tables import Table

COLUMNS = (
    "scheme",
    "key",
    "label_en",
    "label_zh",
    "definition_en",
    "broader",
    "close_match",
    "source",
    "locator",
    "note",
)
REQUIRED = ("scheme", "key", "label_en", "label_zh", "definition_en")

#: Scheme names with their English and Chinese titles.
SCHEMES: dict[str, tuple[str, str]] = {
    "pillar": ("Pillars of action against trafficking in persons", "打击贩运人口行动支柱"),
    "plan-part": ("Parts of the Global Plan of Action", "全球行动计划各部分"),
    "exploitation": ("Forms of exploitation", "剥削形式"),
    "group": ("Target groups", "目标群体"),
    "verb": ("Citing verbs", "引用动词"),
    "role": ("Roles in qualified relations", "限定关系中的角色"),
    "action": ("Treaty actions", "条约行动类型"),
    "adoption": ("Ways of adopting a resolution", "决议通过方式"),
    "vote": ("Votes cast", "投票类型"),
}


def index_concepts(ctx: LoadContext, table: Table) -> None:
    for row in table.rows:
        scheme, key = row.get("scheme"), row.get("key")
        if scheme not in SCHEMES:
            ctx.problems.append(table.problem(row, f"unknown scheme {scheme!r}", "scheme"))
            continue
        ref = f"{scheme}/{key}"
        if ref in ctx.concepts:
            ctx.problems.append(table.problem(row, f"duplicate concept {ref!r}", "key"))
        ctx.concepts.add(ref)


def map_concepts(ctx: LoadContext, table: Table) -> Triples:
    g = Triples()
    for name, (en, zh) in SCHEMES.items():
        node = iris.scheme(name)
        g.add((node, RDF.type, SKOS.ConceptScheme))
        g.add((node, RDFS.label, Literal(en, lang="en")))
        g.add((node, RDFS.label, Literal(zh, lang="zh")))
        g.add((node, SKOS.prefLabel, Literal(en, lang="en")))
        g.add((node, SKOS.prefLabel, Literal(zh, lang="zh")))
    for row in table.rows:
        scheme, key = row.get("scheme"), row.get("key")
        if scheme not in SCHEMES:
            continue
        node = iris.concept(scheme, key)
        g.add((node, RDF.type, SKOS.Concept))
        g.add((node, SKOS.inScheme, iris.scheme(scheme)))
        for col, lang in (("label_en", "en"), ("label_zh", "zh")):
            if row.get(col):
                g.add((node, SKOS.prefLabel, Literal(row.get(col), lang=lang)))
                g.add((node, RDFS.label, Literal(row.get(col), lang=lang)))
        if row.get("definition_en"):
            g.add((node, SKOS.definition, Literal(row.get("definition_en"), lang="en")))
        if row.get("broader"):
            ref = f"{scheme}/{row.get('broader')}"
            if ref not in ctx.concepts:
                ctx.problems.append(
                    table.problem(row, f"unknown broader concept {ref!r}", "broader")
                )
            else:
                g.add((node, SKOS.broader, iris.concept(scheme, row.get("broader"))))
        else:
            g.add((node, SKOS.topConceptOf, iris.scheme(scheme)))
        for iri in row.values("close_match"):
            if not iri.startswith(("http://", "https://")):
                ctx.problems.append(table.problem(row, f"not an IRI: {iri!r}", "close_match"))
                continue
            g.add((node, SKOS.closeMatch, URIRef(iri)))
        if row.get("source"):
            ctx.provenance(g, table, row, node)
    return g
