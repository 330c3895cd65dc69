"""Fixtures of the ontology tests: the terms the ontology declares."""

from __future__ import annotations

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS

from atkg.namespaces import PREFIXES

#: The kinds of declaration that make an IRI a term of the ontology.
TERM_KINDS = (
    OWL.Class,
    OWL.ObjectProperty,
    OWL.DatatypeProperty,
    OWL.AnnotationProperty,
    RDFS.Datatype,
)


def declared_terms(ontology: Graph) -> list[URIRef]:
    """Every IRI in the atkg namespace that the ontology declares, sorted."""
    namespace = PREFIXES["atkg"]
    terms = {
        s
        for kind in TERM_KINDS
        for s in ontology.subjects(RDF.type, kind)
        if isinstance(s, URIRef) and str(s).startswith(namespace)
    }
    return sorted(terms)


@pytest.fixture(scope="session")
def atkg_terms(ontology: Graph) -> list[URIRef]:
    return declared_terms(ontology)
