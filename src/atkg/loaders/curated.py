"""Curated tables to RDF: one mapper per table, each row one fact node with provenance.

The column lists here are the tables' schema (data/curated/README.md documents them);
`read_table` rejects a column not listed. Each table loads into its own named graph
`graph/curated/<table>`, so an answer can say which file a fact came from.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import ORG, RDF, RDFS, SKOS, XSD

from atkg import iris
from atkg.errors import InputError, Problem
from atkg.loaders.context import LoadContext, Triples, parse_date
from atkg.namespaces import ATKG
from atkg.tables import Row, Table, read_table

PROVENANCE = ("source", "locator", "note")

DOCUMENT_TYPES = {
    "GeneralAssemblyResolution",
    "ECOSOCResolution",
    "HumanRightsCouncilResolution",
    "CommissionOnHumanRightsResolution",
    "CommissionOnHumanRightsDecision",
    "ConferenceOfPartiesDecision",
    "ConferenceOfPartiesReport",
    "SecretaryGeneralReport",
    "SpecialRapporteurReport",
    "Report",
    "Letter",
    "DraftResolution",
    "Publication",
    "ConferenceOutcome",
    "GeneralComment",
}
INSTRUMENT_TYPES = {
    "Convention",
    "Protocol",
    "OptionalProtocol",
    "ActionPlan",
    "Declaration",
    "Agreement",
    "Recommendation",
}
BODY_TYPES = {
    "UNEntity",
    "PrincipalOrgan",
    "SubsidiaryBody",
    "SpecializedAgency",
    "IntergovernmentalOrganization",
    "CoordinationGroup",
    "ConferenceOfParties",
    "WorkingGroup",
    "Initiative",
    "TrustFund",
    "RegionalMechanism",
    "GovernmentOrgan",
    "NonGovernmentalOrganization",
    "Company",
    "Campaign",
    "GroupOfStates",
    "Network",
}
MANDATE_TYPES = {"SpecialRapporteur", "SpecialRepresentative", "IndependentExpert"}
RELATION_TYPES = {
    "Membership",
    "Coordination",
    "Management",
    "Funding",
    "Founding",
    "Partnership",
    "Chairing",
    "Support",
}
EVENT_TYPES = {
    "Meeting",
    "Session",
    "Conference",
    "Forum",
    "Observance",
    "ExpertGroupMeeting",
    "AwarenessCampaign",
}
PARAGRAPH_KINDS = {"preambular", "operative", "annex"}


@dataclass(frozen=True)
class TableSpec:
    """Schema of one curated table: its columns, identity and how a row becomes RDF."""

    name: str
    columns: tuple[str, ...]
    key: tuple[str, ...]
    kind: str | None  # the kind of entity the table's key names, if any
    mapper: Callable[[LoadContext, Table, Row, Graph], None]
    required: tuple[str, ...] = ()

    def key_of(self, row: Row) -> str:
        if self.kind == "paragraph":
            return f"{row.get('document')}#{row.get('kind')}/{row.get('number')}"
        return "\t".join(row.get(c) for c in self.key)


def _labels(g: Triples, node: URIRef, row: Row, en: str, zh: str) -> None:
    """English label from one column, Chinese labels (first preferred) from another."""
    if row.get(en):
        g.add((node, RDFS.label, Literal(row.get(en), lang="en")))
        g.add((node, SKOS.prefLabel, Literal(row.get(en), lang="en")))
    for i, name in enumerate(row.values(zh)):
        g.add((node, RDFS.label if i == 0 else SKOS.altLabel, Literal(name, lang="zh")))
        if i == 0:
            g.add((node, SKOS.prefLabel, Literal(name, lang="zh")))


def _typed(
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


def _date(
    ctx: LoadContext, t: Table, row: Row, g: Triples, node: URIRef, column: str, prop: URIRef
) -> None:
    value = ctx.date(t, row, column)
    if value is not None:
        g.add((node, prop, value))


def map_document(ctx: LoadContext, t: Table, row: Row, g: Triples) -> None:
    node = iris.document(row.get("id"))
    _typed(ctx, t, row, g, node, DOCUMENT_TYPES)
    if row.get("symbol"):
        if row.get("symbol") != row.get("id"):
            ctx.problems.append(t.problem(row, "symbol must equal id when given", "symbol"))
        g.add((node, ATKG.symbol, Literal(row.get("symbol"))))
    _labels(g, node, row, "title_en", "title_zh")
    _date(ctx, t, row, g, node, "date", ATKG.adoptedOn)
    for key in row.values("issued_by"):
        body = ctx.ref(t, row, "issued_by", "body", key)
        if body is not None:
            g.add((node, ATKG.issuedBy, body))
    for col, prop in (("session", ATKG.session), ("agenda_item", ATKG.agendaItem)):
        if row.get(col):
            g.add((node, prop, Literal(row.get(col))))
    ctx.provenance(g, t, row, node)


def map_seed(ctx: LoadContext, t: Table, row: Row, g: Triples) -> None:
    doc = ctx.ref(t, row, "document", "document", row.get("document"))
    if doc is not None:
        g.add((doc, ATKG.sourceFile, Literal(row.get("file"))))


def map_instrument(ctx: LoadContext, t: Table, row: Row, g: Triples) -> None:
    node = iris.instrument(row.get("id"))
    _typed(ctx, t, row, g, node, INSTRUMENT_TYPES)
    _labels(g, node, row, "name_en", "name_zh")
    for col, lang in (("short_name_en", "en"), ("short_name_zh", "zh")):
        for value in row.values(col):
            g.add((node, ATKG.acronym, Literal(value, lang=lang)))
            g.add((node, SKOS.altLabel, Literal(value, lang=lang)))
    scope = ctx.choice(t, row, "scope", {"global", "regional"})
    if scope:
        g.add((node, ATKG.scope, Literal(scope)))
    for code in row.values("region"):
        if not (len(code) == 3 and code.isdigit()):
            ctx.problems.append(t.problem(row, f"not an M49 code: {code!r}", "region"))
            continue
        g.add((node, ATKG.region, iris.region(code)))
    for value in row.values("adopted_by"):
        target = (
            ctx.typed_ref(t, row, "adopted_by", value, ("body", "document"))
            if ":" in value
            else ctx.ref(t, row, "adopted_by", "document", value)
        )
        if target is not None:
            g.add((node, ATKG.adoptedBy, target))
    _date(ctx, t, row, g, node, "adopted_on", ATKG.adoptedOn)
    _date(ctx, t, row, g, node, "entry_into_force", ATKG.entryIntoForce)
    for col, prop in (
        ("supplements", ATKG.supplements),
        ("optional_protocol_to", ATKG.optionalProtocolTo),
    ):
        if row.get(col):
            other = ctx.ref(t, row, col, "instrument", row.get(col))
            if other is not None:
                g.add((node, prop, other))
    for col, prop in (("unts_volume", ATKG.untsVolume), ("unts_number", ATKG.untsNumber)):
        value = ctx.integer(t, row, col)
        if value is not None:
            g.add((node, prop, value))
    for col, prop in (("untc_id", ATKG.untcId), ("ilo_code", ATKG.iloCode)):
        if row.get(col):
            g.add((node, prop, Literal(row.get(col))))
    ctx.provenance(g, t, row, node)


def map_body(ctx: LoadContext, t: Table, row: Row, g: Triples) -> None:
    node = iris.body(row.get("id"))
    _typed(ctx, t, row, g, node, BODY_TYPES)
    _labels(g, node, row, "name_en", "name_zh")
    for col, lang in (("acronym_en", "en"), ("acronym_zh", "zh")):
        for value in row.values(col):
            g.add((node, ATKG.acronym, Literal(value, lang=lang)))
            g.add((node, SKOS.altLabel, Literal(value, lang=lang)))
    if row.get("parent"):
        parent = ctx.ref(t, row, "parent", "body", row.get("parent"))
        if parent is not None:
            g.add((node, ORG.subOrganizationOf, parent))
    if row.get("state"):
        state = ctx.ref(t, row, "state", "state", row.get("state"))
        if state is not None:
            g.add((node, ATKG.organOf, state))
    ctx.provenance(g, t, row, node)


def map_mandate(ctx: LoadContext, t: Table, row: Row, g: Triples) -> None:
    node = iris.mandate(row.get("id"))
    _typed(ctx, t, row, g, node, MANDATE_TYPES)
    _labels(g, node, row, "name_en", "name_zh")
    if row.get("post_in"):
        body = ctx.ref(t, row, "post_in", "body", row.get("post_in"))
        if body is not None:
            g.add((node, ORG.postIn, body))
    if row.get("established_by"):
        doc = ctx.ref(t, row, "established_by", "document", row.get("established_by"))
        if doc is not None:
            g.add((node, ATKG.establishedBy, doc))
    _date(ctx, t, row, g, node, "established_on", ATKG.establishedOn)
    ctx.provenance(g, t, row, node)


def map_relation(ctx: LoadContext, t: Table, row: Row, g: Triples) -> None:
    kind = ctx.choice(t, row, "type", RELATION_TYPES)
    agent = ctx.typed_ref(t, row, "agent", row.get("agent"), ("body", "state", "mandate"))
    org = ctx.typed_ref(
        t, row, "organization", row.get("organization"), ("body", "mandate", "event")
    )
    role = ctx.concept(t, row, "role", row.get("role")) if row.get("role") else None
    if row.get("role") and not row.get("role").startswith("role/"):
        ctx.problems.append(t.problem(row, "role must be a concept of the role scheme", "role"))
    if kind is None or agent is None or org is None:
        if not row.get("type"):
            ctx.problems.append(t.problem(row, "missing type", "type"))
        return
    role_key = row.get("role").partition("/")[2] or None
    node = iris.relation(kind, row.get("agent"), row.get("organization"), role_key)
    g.add((node, RDF.type, ATKG[kind]))
    g.add((node, ATKG.agent, agent))
    g.add((node, ATKG.organization, org))
    if role is not None:
        g.add((node, ATKG.role, role))
    _date(ctx, t, row, g, node, "start", ATKG.startDate)
    _date(ctx, t, row, g, node, "end", ATKG.endDate)
    start, end = row.get("start"), row.get("end")
    if start and end and end < start:
        ctx.problems.append(t.problem(row, f"end {end} is before start {start}", "end"))
    ctx.provenance(g, t, row, node)


CITABLE = ("document", "instrument", "body", "mandate")


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


_ZH_KIND = {"preambular": "序言部分", "operative": "执行部分", "annex": "附件"}


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


def map_event(ctx: LoadContext, t: Table, row: Row, g: Triples) -> None:
    node = iris.event(row.get("id"))
    _typed(ctx, t, row, g, node, EVENT_TYPES)
    _labels(g, node, row, "name_en", "name_zh")
    _date(ctx, t, row, g, node, "date", ATKG.date)
    _date(ctx, t, row, g, node, "end_date", ATKG.endDate)
    for place in row.values("place"):
        g.add((node, ATKG.venue, Literal(place, lang="en")))
    for value in row.values("organized_by"):
        target = (
            ctx.typed_ref(t, row, "organized_by", value, ("body", "state"))
            if ":" in value
            else ctx.ref(t, row, "organized_by", "body", value)
        )
        if target is not None:
            g.add((node, ATKG.organizedBy, target))
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


STATISTIC_SUBJECTS = ("body", "document", "event", "instrument", "mandate", "state")


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


TABLES: tuple[TableSpec, ...] = (
    TableSpec(
        "documents",
        (
            "id",
            "type",
            "symbol",
            "title_en",
            "title_zh",
            "date",
            "issued_by",
            "session",
            "agenda_item",
            *PROVENANCE,
        ),
        ("id",),
        "document",
        map_document,
        ("id", "type", "source", "locator"),
    ),
    TableSpec(
        "seeds",
        ("file", "document", "language", "note"),
        ("file",),
        None,
        map_seed,
        ("file", "document"),
    ),
    TableSpec(
        "instruments",
        (
            "id",
            "type",
            "name_en",
            "name_zh",
            "short_name_en",
            "short_name_zh",
            "scope",
            "region",
            "adopted_by",
            "adopted_on",
            "entry_into_force",
            "supplements",
            "optional_protocol_to",
            "unts_volume",
            "unts_number",
            "untc_id",
            "ilo_code",
            *PROVENANCE,
        ),
        ("id",),
        "instrument",
        map_instrument,
        ("id", "type", "source", "locator"),
    ),
    TableSpec(
        "bodies",
        (
            "id",
            "type",
            "name_en",
            "name_zh",
            "acronym_en",
            "acronym_zh",
            "parent",
            "state",
            *PROVENANCE,
        ),
        ("id",),
        "body",
        map_body,
        ("id", "type", "source", "locator"),
    ),
    TableSpec(
        "mandates",
        (
            "id",
            "type",
            "name_en",
            "name_zh",
            "post_in",
            "established_by",
            "established_on",
            *PROVENANCE,
        ),
        ("id",),
        "mandate",
        map_mandate,
        ("id", "type", "source", "locator"),
    ),
    TableSpec(
        "events",
        (
            "id",
            "type",
            "name_en",
            "name_zh",
            "date",
            "end_date",
            "place",
            "organized_by",
            *PROVENANCE,
        ),
        ("id",),
        "event",
        map_event,
        ("id", "type", "source", "locator"),
    ),
    TableSpec(
        "relations",
        ("type", "agent", "organization", "role", "start", "end", *PROVENANCE),
        ("type", "agent", "organization", "role"),
        None,
        map_relation,
        ("type", "agent", "organization", "source", "locator"),
    ),
    TableSpec(
        "citations",
        ("source", "locator", "cited", "verb", "footnote", "note"),
        ("source", "locator", "cited"),
        None,
        map_citation,
        ("source", "locator", "cited"),
    ),
    TableSpec(
        "paragraphs",
        (
            "document",
            "number",
            "kind",
            "section",
            "topic_en",
            "topic_zh",
            "names",
            "addresses",
            *PROVENANCE,
        ),
        ("document", "kind", "number"),
        "paragraph",
        map_paragraph,
        ("document", "number", "kind", "source", "locator"),
    ),
    TableSpec(
        "coverage",
        ("entity", "concept", *PROVENANCE),
        ("entity", "concept"),
        None,
        map_coverage,
        ("entity", "concept", "source", "locator"),
    ),
    TableSpec(
        "objectives",
        ("instrument", "number", "topic_en", "topic_zh", *PROVENANCE),
        ("instrument", "number"),
        None,
        map_objective,
        ("instrument", "number", "source", "locator"),
    ),
    TableSpec(
        "statistics",
        (
            "id",
            "about",
            "measure_en",
            "measure_zh",
            "value",
            "unit",
            "base",
            "date",
            *PROVENANCE,
        ),
        ("id",),
        "statistic",
        map_statistic,
        ("id", "about", "measure_en", "value", "source", "locator"),
    ),
)


def read_curated(directory: Path, display: Callable[[Path], str]) -> dict[str, Table]:
    """Read every table present in the directory; absent tables are simply empty."""
    tables: dict[str, Table] = {}
    problems = []
    known = {spec.name for spec in TABLES}
    for path in sorted(directory.glob("*.tsv")):
        if path.stem not in known:
            problems.append(Problem(display(path), None, f"unknown table {path.stem!r}"))
    for spec in TABLES:
        path = directory / f"{spec.name}.tsv"
        if not path.exists():
            continue
        try:
            tables[spec.name] = read_table(path, spec.columns, spec.required, display(path))
        except InputError as exc:
            problems.extend(exc.problems)
    if problems:
        raise InputError(problems)
    return tables


def index_keys(ctx: LoadContext, tables: dict[str, Table]) -> None:
    """First pass: register every key, so that references resolve in any order."""
    for spec in TABLES:
        table = tables.get(spec.name)
        if table is None:
            continue
        seen: set[str] = set()
        for row in table.rows:
            key = spec.key_of(row)
            if spec.kind is not None:
                ctx.register(table, row, spec.kind, key, spec.key[0])
            elif key in seen:
                ctx.problems.append(table.problem(row, f"duplicate row for key {key!r}"))
            seen.add(key)


def map_tables(ctx: LoadContext, tables: dict[str, Table]) -> dict[str, Triples]:
    """Second pass: one graph per table."""
    graphs: dict[str, Triples] = {}
    for spec in TABLES:
        table = tables.get(spec.name)
        if table is None:
            continue
        graph = Triples()
        for row in table.rows:
            spec.mapper(ctx, table, row, graph)
        graphs[f"curated/{spec.name}"] = graph
    return graphs
