"""Mappers of the fact tables: qualified relations, citations, paragraphs, coverage,
objectives and statistics.

Each row is one reified fact node whose IRI comes from the row's natural key.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from rdflib import Literal
from rdflib.namespace import RDF, RDFS, XSD

from atkg import iris
from atkg.loaders.context import LoadContext, Triples, parse_date
from atkg.loaders.rows import add_date
from atkg.namespaces import ATKG
from atkg.tables import Row, Table

RELATION_TYPES = {
    "Membership",
    "Coordination",
    "Management",
    "Funding",
    "Founding",
    "Partnership",
    "Chairing",
    "Support",
    "Representation",
    "Hosting",
}


#: Kinds a relation's agent and organization may name. A state is an organization only
#: as the party a person represents; a person is never an organization.
RELATION_AGENTS = ("body", "state", "mandate", "person")
RELATION_ORGANIZATIONS = ("body", "mandate", "event", "state")


#: `numbered` is a numbered paragraph of a report or letter (locator `para N`), beside the
#: preambular and operative paragraphs of resolutions and the paragraphs of an annex.
PARAGRAPH_KINDS = {"preambular", "operative", "annex", "numbered"}


CITABLE = ("document", "instrument", "body", "mandate")


_ZH_KIND = {
    "preambular": "序言部分",
    "operative": "执行部分",
    "annex": "附件",
    "numbered": "正文",
}


STATISTIC_SUBJECTS = ("body", "document", "event", "instrument", "mandate", "state")


def map_relation(ctx: LoadContext, t: Table, row: Row, g: Triples) -> None:
    kind = ctx.choice(t, row, "type", RELATION_TYPES)
    agent = ctx.typed_ref(t, row, "agent", row.get("agent"), RELATION_AGENTS)
    org = ctx.typed_ref(t, row, "organization", row.get("organization"), RELATION_ORGANIZATIONS)
    role = ctx.concept(t, row, "role", row.get("role")) if row.get("role") else None
    if row.get("role") and not row.get("role").startswith("role/"):
        ctx.problems.append(t.problem(row, "role must be a concept of the role scheme", "role"))
    if kind is None or agent is None or org is None:
        if not row.get("type"):
            ctx.problems.append(t.problem(row, "missing type", "type"))
        return
    org_kind = row.get("organization").partition(":")[0]
    if kind == "Hosting" and org_kind != "event":
        ctx.problems.append(t.problem(row, "a Hosting relation hosts an event:", "organization"))
        return
    if org_kind == "state" and kind != "Representation":
        ctx.problems.append(
            t.problem(row, "a state: organization is for Representation rows only", "organization")
        )
        return
    role_key = row.get("role").partition("/")[2] or None
    node = iris.relation(kind, row.get("agent"), row.get("organization"), role_key)
    g.add((node, RDF.type, ATKG[kind]))
    g.add((node, ATKG.agent, agent))
    g.add((node, ATKG.organization, org))
    if role is not None:
        g.add((node, ATKG.role, role))
    add_date(ctx, t, row, g, node, "start", ATKG.startDate)
    add_date(ctx, t, row, g, node, "end", ATKG.endDate)
    add_date(ctx, t, row, g, node, "as_of", ATKG.asOf)
    start, end = row.get("start"), row.get("end")
    if start and end and end < start:
        ctx.problems.append(t.problem(row, f"end {end} is before start {start}", "end"))
    ctx.provenance(g, t, row, node)


def map_citation(ctx: LoadContext, t: Table, row: Row, g: Triples) -> None:
    citing = ctx.ref(t, row, "source", "document", row.get("source"))
    cited = ctx.typed_ref(t, row, "cited", row.get("cited"), CITABLE)
    if citing is None or cited is None or not row.get("locator"):
        return
    node = iris.citation(row.get("source"), row.get("locator"), row.get("cited"))
    g.add((node, RDF.type, ATKG.Citation))
    g.add((node, ATKG.citingDocument, citing))
    g.add((node, ATKG.cited, cited))
    if row.get("verb"):
        verb = ctx.concept(t, row, "verb", row.get("verb"))
        if verb is not None:
            g.add((node, ATKG.verb, verb))
    if row.get("footnote"):
        g.add((node, ATKG.footnote, Literal(row.get("footnote"))))
    ctx.provenance(g, t, row, node)


def map_paragraph(ctx: LoadContext, t: Table, row: Row, g: Triples) -> None:
    doc = ctx.ref(t, row, "document", "document", row.get("document"))
    kind = ctx.choice(t, row, "kind", PARAGRAPH_KINDS)
    if doc is None or kind is None:
        return
    node = iris.paragraph(row.get("document"), kind, row.get("number"))
    g.add((node, RDF.type, ATKG.Paragraph))
    g.add((node, ATKG.paragraphOf, doc))
    g.add((node, ATKG.paragraphKind, Literal(kind)))
    g.add((node, ATKG.paragraphNumber, Literal(row.get("number"))))
    g.add(
        (
            node,
            RDFS.label,
            Literal(f"{row.get('document')} {kind} para {row.get('number')}", lang="en"),
        )
    )
    g.add(
        (
            node,
            RDFS.label,
            Literal(f"{row.get('document')} {_ZH_KIND[kind]}第{row.get('number')}段", lang="zh"),
        )
    )
    if row.get("section"):
        section = ctx.concept(t, row, "section", row.get("section"))
        if section is not None:
            g.add((node, ATKG.section, section))
    for col, lang in (("topic_en", "en"), ("topic_zh", "zh")):
        if row.get(col):
            g.add((node, ATKG.topic, Literal(row.get(col), lang=lang)))
    for value in row.values("names"):
        target = ctx.typed_ref(t, row, "names", value, (*CITABLE, "event"))
        if target is not None:
            g.add((node, ATKG.names, target))
    for value in row.values("addresses"):
        theme = ctx.concept(t, row, "addresses", value)
        if theme is not None:
            g.add((node, ATKG.addresses, theme))
    ctx.provenance(g, t, row, node)


def map_coverage(ctx: LoadContext, t: Table, row: Row, g: Triples) -> None:
    entity = ctx.typed_ref(
        t, row, "entity", row.get("entity"), ("instrument", "body", "mandate", "document")
    )
    theme = ctx.concept(t, row, "concept", row.get("concept"))
    if entity is None or theme is None:
        return
    node = iris.coverage(row.get("entity"), row.get("concept"))
    g.add((node, RDF.type, ATKG.ThematicCoverage))
    g.add((node, ATKG.coveringEntity, entity))
    g.add((node, ATKG.theme, theme))
    ctx.provenance(g, t, row, node)


def map_objective(ctx: LoadContext, t: Table, row: Row, g: Triples) -> None:
    plan = ctx.ref(t, row, "instrument", "instrument", row.get("instrument"))
    if plan is None:
        return
    node = iris.objective(row.get("instrument"), row.get("number"))
    g.add((node, RDF.type, ATKG.Objective))
    g.add((node, ATKG.objectiveOf, plan))
    g.add((node, RDFS.label, Literal(f"Objective {row.get('number')}", lang="en")))
    g.add((node, RDFS.label, Literal(f"目标{row.get('number')}", lang="zh")))
    for col, lang in (("topic_en", "en"), ("topic_zh", "zh")):
        if row.get(col):
            g.add((node, ATKG.topic, Literal(row.get(col), lang=lang)))
    ctx.provenance(g, t, row, node)


def map_statistic(ctx: LoadContext, t: Table, row: Row, g: Triples) -> None:
    """A figure a source gives, with what was counted, over what base and when.

    The date cell is a partial date or an ISO 8601 interval `start/end` for a period
    (`2007/2008`): a figure without its period or base cannot be compared with another.
    """
    node = iris.statistic(row.get("id"))
    g.add((node, RDF.type, ATKG.Statistic))
    about = ctx.typed_ref(t, row, "about", row.get("about"), STATISTIC_SUBJECTS)
    if about is not None:
        g.add((node, ATKG.statisticAbout, about))
    for col, lang in (("measure_en", "en"), ("measure_zh", "zh")):
        if row.get(col):
            g.add((node, ATKG.measure, Literal(row.get(col), lang=lang)))
            g.add((node, RDFS.label, Literal(row.get(col), lang=lang)))
    try:
        value = Decimal(row.get("value"))
        if not value.is_finite():
            raise InvalidOperation
    except InvalidOperation:
        ctx.problems.append(t.problem(row, f"not a number: {row.get('value')!r}", "value"))
    else:
        g.add((node, ATKG.value, Literal(str(value), datatype=XSD.decimal)))
    if row.get("unit"):
        g.add((node, ATKG.unit, Literal(row.get("unit"))))
    if row.get("base"):
        g.add((node, ATKG.base, Literal(row.get("base"), lang="en")))
    start, _, end = row.get("date").partition("/")
    for text, prop in ((start, ATKG.referenceDate), (end, ATKG.referenceEndDate)):
        if not text:
            continue
        try:
            g.add((node, prop, parse_date(text)))
        except ValueError as exc:
            ctx.problems.append(t.problem(row, str(exc), "date"))
    if start and end and end < start:
        ctx.problems.append(t.problem(row, f"period ends {end} before it starts {start}", "date"))
    ctx.provenance(g, t, row, node)
