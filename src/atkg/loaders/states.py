"""States and M49 regions from the country-codes data package (ODC-PDDL).

Ships in data/sources/country-codes/ so the default build needs nothing outside the
project. Participants that UN treaties admit besides UN Member States (Holy See, State of
Palestine, Cook Islands, Niue) are states here too; dependent territories are not.
"""

from __future__ import annotations

import csv
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS

from atkg import iris
from atkg.errors import InputError, Problem
from atkg.loaders.context import LoadContext
from atkg.namespaces import ATKG

DATASET = "country-codes"
LANGUAGES = {"en": "en", "cn": "zh", "fr": "fr", "es": "es", "ar": "ar", "ru": "ru"}
NAME_COLUMNS = {
    "en": "UNTERM English Short",
    "zh": "UNTERM Chinese Short",
    "fr": "UNTERM French Short",
    "es": "UNTERM Spanish Short",
    "ar": "UNTERM Arabic Short",
    "ru": "UNTERM Russian Short",
}
#: Admitted by UN treaties' "all States" clauses though the data set does not mark them
#: independent; Taiwan is left out because UN treaty practice does not list it.
EXTRA_PARTICIPANTS = {"PSE", "COK", "NIU"}
EXCLUDED = {"TWN"}
LEVELS = (
    ("Region Code", "Region Name"),
    ("Sub-region Code", "Sub-region Name"),
    ("Intermediate Region Code", "Intermediate Region Name"),
)


def _clean(name: str) -> str:
    """UNTERM names carry footnote asterisks; drop them."""
    return name.replace("*", "").strip()


def _read(path: Path, display: str) -> list[dict[str, str]]:
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            return list(csv.DictReader(handle))
    except OSError as exc:
        raise InputError([Problem(display, None, f"cannot read: {exc.strerror}")]) from exc


def is_state(row: dict[str, str]) -> bool:
    iso3 = row.get("ISO3166-1-Alpha-3", "")
    if iso3 in EXCLUDED:
        return False
    return row.get("is_independent") == "Yes" or iso3 in EXTRA_PARTICIPANTS


def index_states(ctx: LoadContext, directory: Path) -> None:
    for row in _read(directory / "country-codes.csv", "country-codes.csv"):
        if is_state(row):
            ctx.keys["state"].add(row["ISO3166-1-Alpha-3"])


def load_states(ctx: LoadContext, directory: Path, display: str) -> Graph:
    """States with ISO and M49 codes, names in six languages, and M49 regions as concepts."""
    g = Graph()
    dataset = iris.dataset(DATASET)
    g.add((dataset, RDF.type, ATKG.SourceDataset))
    g.add((dataset, RDFS.label, Literal("Country codes (datasets/country-codes)", lang="en")))
    g.add((dataset, RDFS.label, Literal("国家代码数据集", lang="zh")))
    g.add((dataset, DCTERMS.license, URIRef("https://opendatacommons.org/licenses/pddl/1-0/")))
    g.add((dataset, DCTERMS.source, URIRef("https://github.com/datasets/country-codes")))

    region_names: dict[str, dict[str, str]] = {}
    for suffix, lang in LANGUAGES.items():
        for row in _read(directory / f"UNSD-m49-{suffix}.csv", f"UNSD-m49-{suffix}.csv"):
            for code_col, name_col in (("Global Code", "Global Name"), *LEVELS):
                code = row.get(code_col, "").strip()
                if code:
                    region_names.setdefault(code, {})[lang] = row[name_col].strip()

    scheme = iris.scheme("m49")
    g.add((scheme, RDF.type, SKOS.ConceptScheme))
    g.add((scheme, RDFS.label, Literal("UN M49 regions", lang="en")))
    g.add((scheme, RDFS.label, Literal("联合国 M49 区域", lang="zh")))

    def region_node(code: str, broader: str | None) -> URIRef:
        node = iris.region(code)
        g.add((node, RDF.type, ATKG.Region))
        g.add((node, RDF.type, SKOS.Concept))
        g.add((node, SKOS.inScheme, scheme))
        g.add((node, ATKG.m49, Literal(code)))
        for lang, name in region_names.get(code, {}).items():
            g.add((node, SKOS.prefLabel, Literal(name, lang=lang)))
            if lang in ("en", "zh"):
                g.add((node, RDFS.label, Literal(name, lang=lang)))
        if broader:
            g.add((node, SKOS.broader, iris.region(broader)))
        else:
            g.add((node, SKOS.topConceptOf, scheme))
        return node

    path = directory / "country-codes.csv"
    for line, row in enumerate(_read(path, display), start=2):
        if not is_state(row):
            continue
        iso3 = row["ISO3166-1-Alpha-3"]
        node = iris.state(iso3)
        g.add((node, RDF.type, ATKG.State))
        g.add((node, ATKG.iso3, Literal(iso3)))
        g.add((node, ATKG.iso2, Literal(row["ISO3166-1-Alpha-2"])))
        g.add((node, ATKG.m49, Literal(row["M49"].zfill(3))))
        for lang, col in NAME_COLUMNS.items():
            name = _clean(row.get(col, "")) or (
                row.get("official_name_en", "") if lang == "en" else ""
            )
            if name:
                g.add((node, RDFS.label, Literal(name, lang=lang)))
        wikidata = row.get("wikidata_id", "")
        if wikidata.startswith("https://www.wikidata.org/wiki/"):
            g.add(
                (
                    node,
                    SKOS.exactMatch,
                    URIRef("http://www.wikidata.org/entity/" + wikidata.rsplit("/", 1)[1]),
                )
            )
        parent = None
        smallest = None
        for code_col, _ in LEVELS:
            code = row.get(code_col, "").strip()
            if code:
                region_node(code, parent)
                parent = smallest = code
        if smallest:
            g.add((node, ATKG.region, iris.region(smallest)))
        g.add((node, ATKG.curationRecord, Literal(f"{display}:{line}")))
        g.add((node, PROV.wasDerivedFrom, dataset))
        att = iris.attestation(node, 1)
        g.add((node, PROV.qualifiedDerivation, att))
        g.add((att, RDF.type, ATKG.Attestation))
        g.add((att, PROV.entity, dataset))
        g.add((att, ATKG.locator, Literal(f"row {line}")))
    _ = ctx
    return g
