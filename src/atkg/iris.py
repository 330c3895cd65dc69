"""IRI minting from natural keys, following the templates in ontology/README.md.

Pure functions, so that every loader mints the same IRI for the same key.

>>> str(document("A/RES/64/293"))
'https://w3id.org/atkg/id/document/A/RES/64/293'
>>> str(body("unodc"))
'https://w3id.org/atkg/id/body/unodc'
>>> str(concept("pillar", "prevention"))
'https://w3id.org/atkg/id/concept/pillar/prevention'
>>> str(document("E/CN.4/DEC/2004/110"))
'https://w3id.org/atkg/id/document/E/CN.4/DEC/2004/110'
"""

from __future__ import annotations

from urllib.parse import quote

from rdflib import URIRef

from atkg.namespaces import ATKGID, GRAPH

_SAFE = "/-._~"

#: Kinds of typed references (`kind:key`) and the IRI path segment of each.
KINDS = (
    "document",
    "instrument",
    "body",
    "mandate",
    "state",
    "event",
    "paragraph",
    "region",
    "person",
)


def _key(key: str) -> str:
    if not key or key != key.strip():
        raise ValueError(f"bad key {key!r}")
    return quote(key, safe=_SAFE)


def entity(kind: str, key: str) -> URIRef:
    """IRI of an instance of one of the KINDS, e.g. entity('body', 'icat')."""
    if kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r}")
    return URIRef(f"{ATKGID}{kind}/{_key(key)}")


def document(key: str) -> URIRef:
    """IRI of a document keyed by its canonical UN symbol or atkg slug."""
    return entity("document", key)


def instrument(key: str) -> URIRef:
    return entity("instrument", key)


def body(key: str) -> URIRef:
    return entity("body", key)


def mandate(key: str) -> URIRef:
    return entity("mandate", key)


def state(iso3: str) -> URIRef:
    return entity("state", iso3)


def region(m49: str) -> URIRef:
    return entity("region", m49)


def person(key: str) -> URIRef:
    """IRI of a person named in a source, keyed by a slug of the name.

    The slug identifies; it is not an attested spelling (persons.tsv has the names).

    >>> str(person("vitaly-churkin"))
    'https://w3id.org/atkg/id/person/vitaly-churkin'
    """
    return entity("person", key)


def event(key: str) -> URIRef:
    return entity("event", key)


def paragraph(document_key: str, kind: str, number: str) -> URIRef:
    """IRI of a paragraph: the document's IRI, then the paragraph kind and number.

    >>> str(paragraph("A/RES/64/293", "annex", "12"))
    'https://w3id.org/atkg/id/document/A/RES/64/293/annex/12'
    """
    return URIRef(f"{document(document_key)}/{_key(kind)}/{_key(number)}")


def scheme(name: str) -> URIRef:
    return URIRef(f"{ATKGID}scheme/{_key(name)}")


def concept(scheme_name: str, key: str) -> URIRef:
    return URIRef(f"{ATKGID}concept/{_key(scheme_name)}/{_key(key)}")


def relation(kind: str, agent: str, organization: str, role: str | None) -> URIRef:
    """IRI of a qualified relation from its natural key (type, agent, organization, role).

    >>> str(relation("Membership", "body:ilo", "body:icat", "member"))
    'https://w3id.org/atkg/id/relation/membership/body/ilo/body/icat/member'
    """
    parts = [kind.lower(), *agent.split(":", 1), *organization.split(":", 1)]
    if role:
        parts.append(role)
    return URIRef(f"{ATKGID}relation/" + "/".join(_key(p) for p in parts))


def slug(text: str) -> str:
    """Lower-case, hyphenated form of free text for use inside an IRI path.

    >>> slug("pp 7 > fn 3")
    'pp-7-fn-3'
    """
    out = []
    for ch in text.lower():
        out.append(ch if ch.isalnum() else "-")
    return "-".join(filter(None, "".join(out).split("-")))


def citation(citing: str, locator: str, cited: str) -> URIRef:
    kind, key = cited.split(":", 1)
    return URIRef(f"{document(citing)}/citation/{slug(locator)}/{_key(kind)}/{_key(key)}")


def coverage(entity_ref: str, concept_ref: str) -> URIRef:
    kind, key = entity_ref.split(":", 1)
    return URIRef(f"{ATKGID}coverage/{_key(kind)}/{_key(key)}/{_key(concept_ref)}")


def statistic(key: str) -> URIRef:
    """A figure a source gives (statistics.tsv): https://w3id.org/atkg/id/statistic/<id>."""
    return URIRef(f"{ATKGID}statistic/{_key(key)}")


def objective(instrument_key: str, number: str) -> URIRef:
    return URIRef(f"{instrument(instrument_key)}/objective/{_key(number)}")


def attestation(fact: URIRef, n: int) -> URIRef:
    return URIRef(f"{fact}/attestation/{n}")


def dataset(name: str) -> URIRef:
    return URIRef(f"{ATKGID}dataset/{_key(name)}")


def graph(name: str) -> URIRef:
    """IRI of a named graph of the build, e.g. graph('curated/bodies')."""
    return URIRef(f"{GRAPH}{_key(name)}")
