"""The ontology's terms: nothing released disappears, and code uses only declared terms.

`atkg.namespaces.ATKG` is a closed namespace over the local names in the generated module
`atkg/_terms.py`; a test regenerates that module from the ontology and compares, and
`pytest tests/ontology --update-expected` rewrites it after a term is added.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS

import atkg
from atkg.loaders import curated
from atkg.namespaces import ATKG, ONTOLOGY_IRI, PREFIXES
from atkg.paths import ProjectPaths

PATHS = ProjectPaths.default()
RELEASED = PATHS.root / "ontology" / "released-terms.txt"
TERMS_MODULE = Path(atkg.__file__).parent / "_terms.py"
NAMESPACE = PREFIXES["atkg"]
_PREFIX_LINE = re.compile(r"^\s*@prefix\s+([\w-]*):\s*<([^>]*)>\s*\.", re.MULTILINE)
_ATTRIBUTE = re.compile(r"\bATKG(?:\.([A-Za-z_]\w*)|\[\s*[\"']([^\"']+)[\"']\s*\])")
_CURIE = re.compile(r"(?<![\w-])atkg:([A-Za-z_]\w*)")
TERMS_HEADER = '''"""Local names of every term of the atkg ontology. Generated: do not edit by hand.

Generated from ontology/atkg.ttl by tests/ontology/test_ontology_terms.py; after adding a
term to the ontology, run `pytest tests/ontology --update-expected` to rewrite this file.
`atkg.namespaces.ATKG` is closed over these names.
"""
'''


def _released() -> list[str]:
    return RELEASED.read_text(encoding="utf-8").splitlines() if RELEASED.exists() else []


def _local(iri: str) -> str:
    return iri.removeprefix(NAMESPACE)


def render_terms_module(terms: list[URIRef]) -> str:
    """The text of atkg/_terms.py for the given terms (ruff-format stable)."""
    lines = [TERMS_HEADER, "TERMS: tuple[str, ...] = ("]
    lines += [f'    "{_local(t)}",' for t in sorted(terms)]
    lines.append(")")
    return "\n".join(lines) + "\n"


# -- released terms ----------------------------------------------------------------------


def test_released_terms_file_is_canonical() -> None:
    """One atkg IRI per line, sorted, no duplicates (append each release's new terms)."""
    lines = _released()
    assert lines, f"{RELEASED} is missing or empty"
    assert lines == sorted(set(lines)), "released-terms.txt must be sorted and unique"
    stray = [line for line in lines if not re.fullmatch(re.escape(NAMESPACE) + r"\w+", line)]
    assert not stray, f"not atkg term IRIs: {stray}"


@pytest.mark.parametrize("iri", _released(), ids=[_local(i) for i in _released()])
def test_released_term_is_still_declared(iri: str, atkg_terms: list[URIRef]) -> None:
    """Nothing released disappears: deprecate (owl:deprecated, dcterms:isReplacedBy) instead."""
    assert URIRef(iri) in atkg_terms, f"released term {iri} is no longer declared"


def test_deprecated_terms_name_their_replacement(ontology: Graph) -> None:
    deprecated = set(ontology.subjects(OWL.deprecated, None))
    bare = sorted(str(t) for t in deprecated if (t, DCTERMS.isReplacedBy, None) not in ontology)
    assert not bare, f"deprecated terms without dcterms:isReplacedBy: {bare}"


# -- prefixes --------------------------------------------------------------------------


def _declared_prefixes() -> list[tuple[str, str]]:
    return _PREFIX_LINE.findall(PATHS.ontology.read_text(encoding="utf-8"))


def _used_iris(graph: Graph) -> set[str]:
    used: set[str] = set()
    for triple in graph:
        for term in triple:
            if isinstance(term, URIRef):
                used.add(str(term))
            elif getattr(term, "datatype", None) is not None:
                used.add(str(term.datatype))  # type: ignore[attr-defined]
    return used


@pytest.mark.parametrize("prefix, iri", _declared_prefixes(), ids=lambda v: str(v))
def test_turtle_prefix_is_used_and_agrees_with_prefix_map(
    prefix: str, iri: str, ontology: Graph
) -> None:
    assert PREFIXES.get(prefix) == iri, f"@prefix {prefix}: differs from atkg.namespaces.PREFIXES"
    assert any(u.startswith(iri) for u in _used_iris(ontology)), f"@prefix {prefix}: is unused"


def test_turtle_declares_each_prefix_once() -> None:
    names = [p for p, _ in _declared_prefixes()]
    assert names and len(names) == len(set(names))


def test_prefix_map_is_consistent(ontology: Graph) -> None:
    iris = list(PREFIXES.values())
    assert len(iris) == len(set(iris)), "two prefixes for one namespace"
    assert all(re.fullmatch(r"[a-z][a-z0-9-]*", p) for p in PREFIXES)
    assert all(i.endswith(("#", "/")) for i in iris), "namespaces end in # or /"
    assert str(ATKG) == NAMESPACE == "https://w3id.org/atkg/ontology#"
    vann = "http://purl.org/vocab/vann/"
    onto = URIRef(ONTOLOGY_IRI)
    assert str(ontology.value(onto, URIRef(vann + "preferredNamespaceUri"))) == NAMESPACE
    assert str(ontology.value(onto, URIRef(vann + "preferredNamespacePrefix"))) == "atkg"
    assert PREFIXES["xsd"] == "http://www.w3.org/2001/XMLSchema#" and PREFIXES["rdf"] == str(RDF)
    assert PREFIXES["rdfs"] == str(RDFS) and PREFIXES["owl"] == str(OWL)


# -- the closed namespace --------------------------------------------------------------


def test_closed_namespace_is_in_sync_with_ontology(
    atkg_terms: list[URIRef], update_expected: bool
) -> None:
    expected = render_terms_module(atkg_terms)
    if update_expected:
        TERMS_MODULE.write_text(expected, encoding="utf-8")
    actual = TERMS_MODULE.read_text(encoding="utf-8") if TERMS_MODULE.exists() else ""
    assert actual == expected, (
        "atkg/_terms.py is out of date with ontology/atkg.ttl: "
        "run `pytest tests/ontology --update-expected`"
    )
    assert {ATKG[_local(t)] for t in atkg_terms} == set(atkg_terms)


def test_closed_namespace_rejects_unknown_names() -> None:
    assert ATKG.Body == URIRef(NAMESPACE + "Body")
    assert ATKG["memberOf"] == URIRef(NAMESPACE + "memberOf")
    with pytest.raises(AttributeError):
        _ = ATKG.Bdoy
    with pytest.raises(KeyError):
        _ = ATKG["memberof"]


# -- terms used by code, queries and shapes ---------------------------------------------

SOURCES = sorted((PATHS.root / "src" / "atkg").rglob("*.py"))
TEXTS = sorted([*PATHS.queries.rglob("*.rq"), *PATHS.shapes.rglob("*.ttl")])


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: p.relative_to(PATHS.root).as_posix())
def test_atkg_attributes_in_source_are_declared(path: Path, atkg_terms: list[URIRef]) -> None:
    """`ATKG.name` and `ATKG["name"]` in src/atkg name declared terms."""
    declared = {_local(t) for t in atkg_terms}
    text = path.read_text(encoding="utf-8")
    unknown = sorted(
        f"line {text.count(chr(10), 0, m.start()) + 1}: {m.group(1) or m.group(2)}"
        for m in _ATTRIBUTE.finditer(text)
        if (m.group(1) or m.group(2)) not in declared
    )
    assert not unknown, f"undeclared atkg terms: {unknown}"


@pytest.mark.parametrize(
    "name", sorted(n for n in dir(curated) if n.endswith("_TYPES")), ids=lambda n: n
)
def test_loader_type_names_are_declared_classes(name: str, ontology: Graph) -> None:
    """The class names a curated table's `type` column accepts are atkg classes."""
    names = getattr(curated, name)
    missing = sorted(
        n for n in names if (URIRef(NAMESPACE + n), RDF.type, OWL.Class) not in ontology
    )
    assert not missing, f"curated.{name} accepts undeclared classes: {missing}"


@pytest.mark.parametrize("path", TEXTS, ids=lambda p: p.relative_to(PATHS.root).as_posix())
def test_atkg_curies_in_queries_and_shapes_are_declared(
    path: Path, atkg_terms: list[URIRef]
) -> None:
    declared = {_local(t) for t in atkg_terms}
    used = set(_CURIE.findall(path.read_text(encoding="utf-8")))
    assert not sorted(used - declared), f"undeclared atkg terms: {sorted(used - declared)}"
