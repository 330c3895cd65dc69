"""Small graphs for the network and API tests, loaded into embedded stores."""

from __future__ import annotations

from collections.abc import Callable

import pyoxigraph as ox
import pytest

from atkg.store import EmbeddedStore

PROLOGUE = """
@base <https://w3id.org/atkg/id/> .
@prefix atkg: <https://w3id.org/atkg/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
"""

#: d3 cites d1, which cites a and b; d2 cites a twice. Three bodies in two mechanisms:
#: all three in ICAT, b1 and b2 in UN.GIFT too.
SMALL = """
<c1> a atkg:Citation ; atkg:citingDocument <document/d1> ; atkg:cited <instrument/a> .
<c2> a atkg:Citation ; atkg:citingDocument <document/d1> ; atkg:cited <instrument/b> .
<c3> a atkg:Citation ; atkg:citingDocument <document/d2> ; atkg:cited <instrument/a> .
<c4> a atkg:Citation ; atkg:citingDocument <document/d2> ; atkg:cited <instrument/a> .
<c5> a atkg:Citation ; atkg:citingDocument <document/d3> ; atkg:cited <document/d1> .
<instrument/a> rdfs:label "Instrument A"@en .
<body/icat> a atkg:Body , atkg:CoordinationGroup ; rdfs:label "ICAT"@en .
<body/un-gift> a atkg:Body , atkg:Initiative ; rdfs:label "UN.GIFT"@en .
<body/b1> a atkg:Body . <body/b2> a atkg:Body . <body/b3> a atkg:Body .
<m1> a atkg:Membership ; atkg:agent <body/b1> ; atkg:organization <body/icat> .
<m2> a atkg:Membership ; atkg:agent <body/b2> ; atkg:organization <body/icat> .
<m3> a atkg:Membership ; atkg:agent <body/b3> ; atkg:organization <body/icat> .
<m4> a atkg:Partnership ; atkg:agent <body/b1> ; atkg:organization <body/un-gift> .
<m5> a atkg:Funding ; atkg:agent <body/b2> ; atkg:organization <body/un-gift> .
"""


def turtle_store(text: str) -> EmbeddedStore:
    store = ox.Store()
    store.load(
        (PROLOGUE + text).encode(),
        format=ox.RdfFormat.TURTLE,
        to_graph=ox.NamedNode("https://w3id.org/atkg/graph/fixture"),
    )
    return EmbeddedStore(store)


@pytest.fixture()
def small_store() -> EmbeddedStore:
    return turtle_store(SMALL)


@pytest.fixture()
def make_store() -> Callable[[str], EmbeddedStore]:
    return turtle_store
