"""The ontology header carries what pyLODE renders and a release needs, and its version
agrees with the package's (one version string for code, data and ontology)."""

from __future__ import annotations

import datetime
import re
import tomllib

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF

import atkg
from atkg.namespaces import ONTOLOGY_IRI, VANN
from atkg.paths import ProjectPaths

ONTOLOGY = URIRef(ONTOLOGY_IRI)
SEMVER = re.compile(r"\d+\.\d+\.\d+")
#: Spelt out: importing rdflib's XSD namespace into a test module makes pytest warn.
XSD_DATE = URIRef("http://www.w3.org/2001/XMLSchema#date")


def _one(graph: Graph, predicate: URIRef, lang: str | None = None) -> Literal | URIRef:
    values = [
        v
        for v in graph.objects(ONTOLOGY, predicate)
        if lang is None or (isinstance(v, Literal) and v.language == lang)
    ]
    where = f"{predicate.n3(graph.namespace_manager)}" + (f"@{lang}" if lang else "")
    assert len(values) == 1, f"the ontology header needs exactly one {where}, has {len(values)}"
    value = values[0]
    assert isinstance(value, Literal | URIRef)
    return value


def test_one_ontology_with_the_documented_iri(ontology: Graph) -> None:
    assert list(ontology.subjects(RDF.type, OWL.Ontology)) == [ONTOLOGY]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_title(ontology: Graph, lang: str) -> None:
    assert str(_one(ontology, DCTERMS.title, lang)).strip()


def test_description(ontology: Graph) -> None:
    text = str(_one(ontology, DCTERMS.description, "en"))
    assert text == text.strip() and text.endswith("."), "a sentence without stray whitespace"


def test_license_is_an_iri(ontology: Graph) -> None:
    assert isinstance(_one(ontology, DCTERMS.license), URIRef)


def test_creator(ontology: Graph) -> None:
    creators = list(ontology.objects(ONTOLOGY, DCTERMS.creator))
    assert creators and all(str(c).strip() for c in creators)


def test_created_and_modified_dates(ontology: Graph) -> None:
    dates = {}
    for predicate in (DCTERMS.created, DCTERMS.modified):
        value = _one(ontology, predicate)
        assert isinstance(value, Literal) and value.datatype == XSD_DATE, f"{predicate} xsd:date"
        dates[predicate] = datetime.date.fromisoformat(str(value))
    assert dates[DCTERMS.created] <= dates[DCTERMS.modified]


def test_version_info_is_the_package_version(ontology: Graph) -> None:
    version = str(_one(ontology, OWL.versionInfo))
    assert SEMVER.fullmatch(version), f"owl:versionInfo {version!r} is not semver"
    assert version == atkg.__version__


def test_version_iri_matches_version_info(ontology: Graph) -> None:
    version = str(_one(ontology, OWL.versionInfo))
    assert _one(ontology, OWL.versionIRI) == URIRef(f"{ONTOLOGY_IRI}/{version}")


def test_prior_version_is_an_earlier_release(ontology: Graph) -> None:
    """None for the first release; afterwards `…/ontology/<older version>`."""
    version = tuple(int(p) for p in str(_one(ontology, OWL.versionInfo)).split("."))
    for prior in ontology.objects(ONTOLOGY, OWL.priorVersion):
        m = re.fullmatch(re.escape(ONTOLOGY_IRI) + r"/(\d+)\.(\d+)\.(\d+)", str(prior))
        assert m, f"owl:priorVersion {prior} is not a version IRI of the ontology"
        assert tuple(int(g) for g in m.groups()) < version


def test_preferred_namespace(ontology: Graph) -> None:
    assert str(_one(ontology, VANN.preferredNamespacePrefix)) == "atkg"
    assert str(_one(ontology, VANN.preferredNamespaceUri)) == "https://w3id.org/atkg/ontology#"


def test_package_version_is_the_project_version() -> None:
    pyproject = ProjectPaths.default().root / "pyproject.toml"
    project = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]
    assert project["version"] == atkg.__version__
