"""Mappers of the entity tables: documents, seeds, instruments, bodies, mandates, events,
persons.

Each row mints one entity IRI (iris.py) and attaches the row's provenance to it.
"""

from __future__ import annotations

from urllib.parse import quote

from rdflib import Literal, URIRef
from rdflib.namespace import ORG, RDF, RDFS, SKOS

from atkg import iris
from atkg.loaders.context import LoadContext, Triples
from atkg.loaders.rows import add_date, add_document_labels, add_labels, add_type
from atkg.namespaces import ATKG
from atkg.tables import Row, Table

UNDOCS = "https://undocs.org/en/"

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


EVENT_TYPES = {
    "Meeting",
    "Session",
    "Conference",
    "Forum",
    "Observance",
    "ExpertGroupMeeting",
    "AwarenessCampaign",
}


def map_document(ctx: LoadContext, t: Table, row: Row, g: Triples) -> None:
    node = iris.document(row.get("id"))
    add_type(ctx, t, row, g, node, DOCUMENT_TYPES)
    if row.get("symbol"):
        if row.get("symbol") != row.get("id"):
            ctx.problems.append(t.problem(row, "symbol must equal id when given", "symbol"))
        g.add((node, ATKG.symbol, Literal(row.get("symbol"))))
        # the UN's own resolver for the symbol: the link that joins atkg to undocs.org
        g.add((node, RDFS.seeAlso, URIRef(UNDOCS + quote(row.get("symbol"), safe="/.-"))))
    add_document_labels(g, node, row)  # titles, or the symbol's labels where untitled
    add_date(ctx, t, row, g, node, "date", ATKG.adoptedOn)
    for key in row.values("issued_by"):
        body = ctx.ref(t, row, "issued_by", "body", key)
        if body is not None:
            g.add((node, ATKG.issuedBy, body))
    for value in row.values("submitted_by"):
        author = ctx.typed_ref(t, row, "submitted_by", value, ("mandate", "body", "state"))
        if author is None:
            continue
        # a state submits a draft resolution as its sponsor: the property the GA metadata
        # loader gives resolutions' sponsors; mandates and bodies submit reports
        prop = ATKG.sponsoredBy if value.startswith("state:") else ATKG.submittedBy
        g.add((node, prop, author))
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
    add_type(ctx, t, row, g, node, INSTRUMENT_TYPES)
    add_labels(g, node, row, "name_en", "name_zh")
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
    add_date(ctx, t, row, g, node, "adopted_on", ATKG.adoptedOn)
    add_date(ctx, t, row, g, node, "entry_into_force", ATKG.entryIntoForce)
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
    add_type(ctx, t, row, g, node, BODY_TYPES)
    add_labels(g, node, row, "name_en", "name_zh")
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
    add_type(ctx, t, row, g, node, MANDATE_TYPES)
    add_labels(g, node, row, "name_en", "name_zh")
    if row.get("post_in"):
        body = ctx.ref(t, row, "post_in", "body", row.get("post_in"))
        if body is not None:
            g.add((node, ORG.postIn, body))
    if row.get("established_by"):
        doc = ctx.ref(t, row, "established_by", "document", row.get("established_by"))
        if doc is not None:
            g.add((node, ATKG.establishedBy, doc))
    add_date(ctx, t, row, g, node, "established_on", ATKG.establishedOn)
    ctx.provenance(g, t, row, node)


def map_event(ctx: LoadContext, t: Table, row: Row, g: Triples) -> None:
    node = iris.event(row.get("id"))
    add_type(ctx, t, row, g, node, EVENT_TYPES)
    add_labels(g, node, row, "name_en", "name_zh")
    add_date(ctx, t, row, g, node, "date", ATKG.date)
    add_date(ctx, t, row, g, node, "end_date", ATKG.endDate)
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


def map_person(ctx: LoadContext, t: Table, row: Row, g: Triples) -> None:
    """A person named in a source: the names only; the posts and roles the person holds
    are rows of relations.tsv (person: agents), each with its own source."""
    node = iris.person(row.get("id"))
    g.add((node, RDF.type, ATKG.Person))
    if not row.get("name_en") and not row.get("name_zh"):
        ctx.problems.append(t.problem(row, "a person needs name_en or name_zh", "name_zh"))
    add_labels(g, node, row, "name_en", "name_zh")
    ctx.provenance(g, t, row, node)
