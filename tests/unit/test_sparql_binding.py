"""Parameters are bound as a VALUES block, identically on every engine."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from rdflib import Literal, URIRef

from atkg.errors import UsageError
from atkg.sparql import Parameter, parse_header, with_values
from atkg.store import EmbeddedStore


def test_values_block_goes_into_the_where_group_not_the_construct_template() -> None:
    text = 'CONSTRUCT { ?s ?p "{" } WHERE { ?s ?p ?_o_iri } # { not here'
    bound = with_values(text, {"_o_iri": URIRef("http://e/o")})
    assert bound.index("VALUES") > bound.index("WHERE")


def test_braces_in_strings_iris_and_comments_are_skipped() -> None:
    text = '# {\nSELECT ?s WHERE { ?s <http://e/p{x}> "}" }'
    bound = with_values(text, {"s": URIRef("http://e/s")})
    assert bound.startswith("# {\nSELECT ?s WHERE { VALUES (?s)")


def test_hostile_literal_cannot_escape_its_term() -> None:
    store = ox.Store()
    store.add(
        ox.Quad(
            ox.NamedNode("http://e/s"),
            ox.NamedNode("http://e/p"),
            ox.Literal("x"),
            ox.NamedNode("http://e/g"),
        )
    )
    evil = Literal('x" } ; DROP ALL ; SELECT * { "')
    results = EmbeddedStore(store).select(
        "SELECT ?s WHERE { ?s <http://e/p> ?_v_literal }", {"_v_literal": evil}
    )
    assert results.rows == ()


def test_parameter_terms() -> None:
    assert Parameter("_instrument_iri", "iri").term("atkgid:instrument/untoc") == URIRef(
        "https://w3id.org/atkg/id/instrument/untoc"
    )
    assert Parameter("_date_date", "date").term("2010-07-30").datatype.endswith("date")
    with pytest.raises(UsageError):
        Parameter("_date_date", "date").term("30 July 2010")
    with pytest.raises(UsageError):
        Parameter("_instrument_iri", "iri").term("untoc")


def test_header_lists_and_maps() -> None:
    header = parse_header(
        "#+ summary: S\n#+ params:\n#+   - ?_x_iri the x\n"
        "#+ defaults:\n#+   x: atkgid:body/unodc\nSELECT * {}"
    )
    assert header == {
        "summary": "S",
        "params": ["?_x_iri the x"],
        "defaults": {"x": "atkgid:body/unodc"},
    }
