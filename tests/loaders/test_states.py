"""States and M49 regions from data/sources/country-codes."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from rdflib import Graph, Literal
from rdflib.namespace import RDF, RDFS, SKOS

from atkg import iris
from atkg.loaders import states
from atkg.loaders.context import LoadContext
from atkg.namespaces import ATKG
from atkg.paths import ProjectPaths

COUNTRY_DIR = ProjectPaths.default().sources / "country-codes"
UNTC_TABLES = ProjectPaths.default().sources / "untc" / "tables"
LANGS = ("en", "zh", "fr", "es", "ar", "ru")


@pytest.fixture(scope="module")
def graph() -> Graph:
    ctx = LoadContext()
    states.index_states(ctx, COUNTRY_DIR)
    return states.load_states(ctx, COUNTRY_DIR, "data/sources/country-codes/country-codes.csv")


def state_codes(graph: Graph) -> set[str]:
    return {str(graph.value(s, ATKG.iso3)) for s in graph.subjects(RDF.type, ATKG.State)}


def test_member_and_observer_states_and_other_participants(graph: Graph) -> None:
    """193 Member States, 2 observer states (VAT, PSE), Cook Islands and Niue: 197."""
    codes = state_codes(graph)
    assert len(codes) == 197
    assert {"VAT", "PSE", "COK", "NIU", "SSD", "CIV", "TUR"} <= codes
    assert not {"TWN", "XKX", "GRL", "PRI"} & codes


@pytest.mark.parametrize("lang", LANGS)
def test_every_state_is_named_in_every_un_language(graph: Graph, lang: str) -> None:
    unnamed = sorted(
        str(graph.value(s, ATKG.iso3))
        for s in graph.subjects(RDF.type, ATKG.State)
        if not any(label.language == lang for label in graph.objects(s, RDFS.label))
    )
    assert unnamed == [], f"no @{lang} name for {unnamed}"


def test_names_drop_unterm_markers_and_fill_gaps(graph: Graph) -> None:
    assert (iris.state("VAT"), RDFS.label, Literal("Holy See (the)", lang="en")) in graph
    assert (iris.state("CIV"), RDFS.label, Literal("科特迪瓦", lang="zh")) in graph
    assert (iris.state("TUR"), RDFS.label, Literal("Türkiye", lang="en")) in graph


def test_regions_are_three_digit_concepts_with_names(graph: Graph) -> None:
    regions = set(graph.subjects(RDF.type, ATKG.Region))
    assert iris.region("002") in regions and iris.region("011") in regions
    for region in regions:
        code = str(graph.value(region, ATKG.m49))
        assert len(code) == 3 and code.isdigit(), region
        assert str(region).endswith("/" + code), region
        assert any(label.language == "en" for label in graph.objects(region, RDFS.label)), region
    tops = set(graph.subjects(SKOS.topConceptOf, iris.scheme("m49")))
    assert tops == {iris.region(c) for c in ("002", "009", "019", "142", "150")}


def test_every_state_reaches_a_top_region(graph: Graph) -> None:
    tops = set(graph.subjects(SKOS.topConceptOf, iris.scheme("m49")))
    for state in graph.subjects(RDF.type, ATKG.State):
        region = graph.value(state, ATKG.region)
        while region is not None and region not in tops:
            region = graph.value(region, SKOS.broader)
        assert region in tops, state


@pytest.mark.parametrize(
    ("name", "iso3"),
    [
        ("Bolivia (Plurinational State of)", "BOL"),
        ("United Kingdom of Great Britain and Northern Ireland", "GBR"),
        ("St. Vincent and the Grenadines", "VCT"),
        ("Côte d'Ivoire", "CIV"),
        ("Czech Republic", "CZE"),
        ("Czechia", "CZE"),
        ("Holy See", "VAT"),
        ("State of Palestine", "PSE"),
        ("Cook Islands", "COK"),
        ("Republic of Korea", "KOR"),
        ("Democratic People's Republic of Korea", "PRK"),
        ("Türkiye", "TUR"),
    ],
)
def test_name_index(name: str, iso3: str) -> None:
    assert states.name_index(COUNTRY_DIR)[states.normalise_name(name)] == iso3


def test_name_index_has_no_territory() -> None:
    assert states.normalise_name("Puerto Rico") not in states.name_index(COUNTRY_DIR)


@pytest.mark.parametrize("path", sorted(UNTC_TABLES.glob("*.csv")), ids=lambda p: p.stem)
def test_untc_spellings_resolve(path: Path) -> None:
    """Every participant of the snapshot is a state by name, or one of the listed spellings."""
    index = states.name_index(COUNTRY_DIR)
    listed = {"european union", "swaziland", "turkey", "the former yugoslav republic of macedonia"}
    with path.open(encoding="utf-8", newline="") as handle:
        names = [row[0] for row in list(csv.reader(handle))[1:]]
    unresolved = [
        n for n in names if states.normalise_name(n) not in index and n.casefold() not in listed
    ]
    assert unresolved == []
