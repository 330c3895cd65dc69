"""States and M49 regions from the country-codes data package (ODC-PDDL).

Ships in data/sources/country-codes/ so the default build needs nothing outside the
project. Participants that UN treaties admit besides UN Member States (Holy See, State of
Palestine, Cook Islands, Niue) are states here too; dependent territories are not.

UN membership is not in the data package (no admission dates; its UNTERM footnote markers
miss two Member States): loaders/un_membership.py derives it from the General Assembly's
recorded votes instead.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from pathlib import Path

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS

from atkg import iris
from atkg.errors import InputError, Problem
from atkg.loaders.context import LoadContext, Triples, attest, source_dataset
from atkg.namespaces import ATKG

DATASET = "country-codes"
COUNTRY_FILE = "country-codes.csv"
LANGUAGES = {"en": "en", "cn": "zh", "fr": "fr", "es": "es", "ar": "ar", "ru": "ru"}
NAME_COLUMNS = {
    "en": "UNTERM English Short",
    "zh": "UNTERM Chinese Short",
    "fr": "UNTERM French Short",
    "es": "UNTERM Spanish Short",
    "ar": "UNTERM Arabic Short",
    "ru": "UNTERM Russian Short",
}
#: English spellings a participant may go by, besides the UNTERM short name.
ENGLISH_NAME_COLUMNS = (
    "UNTERM English Short",
    "UNTERM English Formal",
    "official_name_en",
    "CLDR display name",
)
#: Admitted by UN treaties' "all States" clauses though the data set does not mark them
#: independent; Taiwan is left out because UN treaty practice does not list it.
EXTRA_PARTICIPANTS = {"PSE", "COK", "NIU"}
EXCLUDED = {"TWN"}
LEVELS = (
    ("Region Code", "Region Name"),
    ("Sub-region Code", "Sub-region Name"),
    ("Intermediate Region Code", "Intermediate Region Name"),
)

_MARKERS = re.compile(r"\s*\*+\s*$")
_THE = re.compile(r"\s*\(the\)\s*$", re.IGNORECASE)


def _clean(name: str) -> str:
    """UNTERM names carry footnote asterisks; drop them."""
    return name.replace("*", "").strip()


def normalise_name(name: str) -> str:
    """A spelling reduced to what distinguishes one state from another.

    Case, accents, apostrophe shapes, UNTERM's trailing "(the)" and footnote asterisks,
    a leading "the" and the abbreviation "St." are not distinctive.

    >>> normalise_name("Netherlands (the) *")
    'netherlands'
    >>> normalise_name("St. Kitts and Nevis") == normalise_name("Saint Kitts and Nevis")
    True
    >>> normalise_name("Côte d’Ivoire") == normalise_name("Cote d'Ivoire")
    True
    """
    text = _THE.sub("", _MARKERS.sub("", name.replace("\u00a0", " ")))
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.replace("\u2019", "'").replace("\u2018", "'").casefold().strip()
    text = re.sub(r"^the\s+", "", text)
    text = re.sub(r"\bst\.\s*", "saint ", text)
    return " ".join(text.split())


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
    for row in _read(directory / COUNTRY_FILE, COUNTRY_FILE):
        if is_state(row):
            ctx.keys["state"].add(row["ISO3166-1-Alpha-3"])


def name_index(directory: Path) -> dict[str, str]:
    """Normalised English spellings of every state, to its ISO 3166 alpha-3 code.

    A spelling shared by two states (none is, today) is left out rather than guessed.
    """
    index: dict[str, set[str]] = {}
    for row in _read(directory / COUNTRY_FILE, COUNTRY_FILE):
        if not is_state(row):
            continue
        for column in ENGLISH_NAME_COLUMNS:
            if row.get(column, "").strip():
                index.setdefault(normalise_name(row[column]), set()).add(row["ISO3166-1-Alpha-3"])
    return {name: next(iter(codes)) for name, codes in index.items() if len(codes) == 1}


def _m49_names(directory: Path) -> tuple[dict[str, dict[str, str]], dict[str, dict[str, str]]]:
    """Region names and country names by code and language, from the six UNSD files."""
    regions: dict[str, dict[str, str]] = {}
    countries: dict[str, dict[str, str]] = {}
    for suffix, lang in LANGUAGES.items():
        for row in _read(directory / f"UNSD-m49-{suffix}.csv", f"UNSD-m49-{suffix}.csv"):
            for code_col, name_col in (("Global Code", "Global Name"), *LEVELS):
                code = row.get(code_col, "").strip()
                if code:
                    regions.setdefault(code, {})[lang] = row[name_col].strip()
            iso3 = row.get("ISO-alpha3 Code", "").strip()
            if iso3 and row.get("Country or Area", "").strip():
                countries.setdefault(iso3, {})[lang] = row["Country or Area"].strip()
    return regions, countries


def _state_names(row: dict[str, str], m49: dict[str, str]) -> dict[str, str]:
    """The UNTERM short name in each UN language; UNSD's M49 name where UNTERM has none.

    Côte d'Ivoire and Türkiye lack UNTERM names in the package; the English fallback is
    CLDR's name because UNSD's English file spells Côte d'Ivoire otherwise than the UN.
    """
    names = {}
    for lang, col in NAME_COLUMNS.items():
        name = _clean(row.get(col, ""))
        if not name and lang == "en":
            name = row.get("CLDR display name", "").strip() or row.get("official_name_en", "")
        if not name:
            name = m49.get(lang, "")
        if name:
            names[lang] = name
    return names


def load_states(ctx: LoadContext, directory: Path, display: str) -> Triples:
    """States with ISO and M49 codes, names in six languages, and M49 regions as concepts."""
    g = Triples()
    dataset = source_dataset(
        g,
        DATASET,
        "Country codes (datasets/country-codes)",
        "国家代码数据集",
        "https://github.com/datasets/country-codes",
    )
    g.add((dataset, DCTERMS.license, URIRef("https://opendatacommons.org/licenses/pddl/1-0/")))

    region_names, country_names = _m49_names(directory)

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

    path = directory / COUNTRY_FILE
    for line, row in enumerate(_read(path, display), start=2):
        if not is_state(row):
            continue
        iso3 = row["ISO3166-1-Alpha-3"]
        node = iris.state(iso3)
        g.add((node, RDF.type, ATKG.State))
        g.add((node, ATKG.iso3, Literal(iso3)))
        g.add((node, ATKG.iso2, Literal(row["ISO3166-1-Alpha-2"])))
        g.add((node, ATKG.m49, Literal(row["M49"].zfill(3))))
        for lang, name in _state_names(row, country_names.get(iso3, {})).items():
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
                region_node(code.zfill(3), parent)
                parent = smallest = code.zfill(3)
        if smallest:
            g.add((node, ATKG.region, iris.region(smallest)))
        g.add((node, ATKG.curationRecord, Literal(f"{display}:{line}")))
        attest(g, node, dataset, f"row {line}")
    _ = ctx
    return g
