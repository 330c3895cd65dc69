"""Curation rules, checked row by row so that a failure names the file, line and key.

The build already refuses a dangling reference or a bad date; these tests restate each
rule on its own, so that a curator sees which rule a row breaks, and add the rules the
loader cannot know: dates no more precise than the seed text, symbols in their canonical
form, one entity under one id, acronyms kept out of labels, Chinese names as printed.
"""

from __future__ import annotations

import datetime
import os
import re
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from atkg.lint import lint_tables
from atkg.loaders import curated, ilo, unga_metadata, vocabularies
from atkg.loaders.context import LoadContext
from atkg.loaders.states import index_states
from atkg.paths import ProjectPaths
from atkg.tables import Row, Table, read_table

PATHS = ProjectPaths.default()
SEEDS = Path(os.environ.get("ATKG_SEEDS", PATHS.root.parent / "shared" / "seeds"))
SPECS = {spec.name: spec for spec in curated.TABLES}
TABLES: dict[str, Table] = {
    name: read_table(PATHS.curated / f"{name}.tsv", spec.columns, display_path=f"{name}.tsv")
    for name, spec in SPECS.items()
    if (PATHS.curated / f"{name}.tsv").exists()
}
CONCEPTS = read_table(
    PATHS.vocabularies / "concepts.tsv", vocabularies.COLUMNS, display_path="concepts.tsv"
)


def _keys() -> dict[str, set[str]]:
    keys = {
        spec.kind: {spec.key_of(r) for r in TABLES[name].rows}
        for name, spec in SPECS.items()
        if spec.kind and name in TABLES
    }
    ctx = LoadContext()
    index_states(ctx, PATHS.sources / "country-codes")
    keys["state"] = set(ctx.keys["state"])
    # GA resolutions loaded from data/sources/unga-metadata are citable documents too
    unga = unga_metadata.read_metadata(ctx, PATHS.sources / "unga-metadata", str)
    keys.setdefault("document", set()).update(r.symbol for r in unga.records)
    keys["concept"] = {f"{r.get('scheme')}/{r.get('key')}" for r in CONCEPTS.rows}
    return keys


KEYS = _keys()


def _rid(table: str, row: Row) -> str:
    spec = SPECS.get(table)
    key = spec.key_of(row) if spec else f"{row.get('scheme')}/{row.get('key')}"
    return f"{table}.tsv:{row.line}:{key.replace(chr(9), '|')}"


def _params(
    tables: list[str], keep: Callable[[Row], bool] = lambda r: True
) -> list[pytest.ParameterSet]:
    return [
        pytest.param(name, row, id=_rid(name, row))
        for name in tables
        if name in TABLES
        for row in TABLES[name].rows
        if keep(row)
    ]


# -- identity -----------------------------------------------------------------------------

_KEY_COUNTS = {name: Counter(SPECS[name].key_of(r) for r in t.rows) for name, t in TABLES.items()}


@pytest.mark.parametrize(("table", "row"), _params(list(TABLES)))
def test_row_key_is_unique(table: str, row: Row) -> None:
    key = SPECS[table].key_of(row)
    assert key, "the row has an empty key"
    assert _KEY_COUNTS[table][key] == 1, f"key {key!r} is used by another row of {table}.tsv"


# -- references ---------------------------------------------------------------------------

#: (table, column) -> kind of the bare keys it holds; typed `kind:key` cells are checked too.
BARE = {
    ("documents", "issued_by"): "body",
    ("bodies", "parent"): "body",
    ("mandates", "post_in"): "body",
    ("mandates", "established_by"): "document",
    ("instruments", "adopted_by"): "document",
    ("instruments", "supplements"): "instrument",
    ("instruments", "optional_protocol_to"): "instrument",
    ("events", "organized_by"): "body",
    ("objectives", "instrument"): "instrument",
    ("paragraphs", "document"): "document",
    ("seeds", "document"): "document",
    ("citations", "source"): "document",
}
TYPED = {
    ("labels", "entity"),
    ("relations", "agent"),
    ("relations", "organization"),
    ("citations", "cited"),
    ("coverage", "entity"),
    ("paragraphs", "names"),
    ("statistics", "about"),
}
CONCEPT_COLUMNS = {
    ("relations", "role"),
    ("coverage", "concept"),
    ("paragraphs", "section"),
    ("paragraphs", "addresses"),
    ("citations", "verb"),
}


def references(table: str, row: Row) -> Iterator[tuple[str, str, str]]:
    """(column, kind, key) of every reference the row makes."""
    for column in SPECS[table].columns:
        values = row.values(column)
        if column == "source" and table != "citations":
            yield from (
                (column, "document", v) for v in values if not v.startswith(("untc/", "ilo/"))
            )
        elif (table, column) in CONCEPT_COLUMNS:
            yield from ((column, "concept", v) for v in values)
        elif (table, column) in TYPED:
            for v in values:
                kind, _, key = v.partition(":")
                yield column, kind, key
        elif (table, column) in BARE:
            for v in values:
                kind, sep, key = v.partition(":")
                yield (column, kind, key) if sep else (column, BARE[(table, column)], v)
        elif table == "bodies" and column == "state" and values:
            yield column, "state", values[0]


@pytest.mark.parametrize(("table", "row"), _params(list(TABLES)))
def test_references_resolve(table: str, row: Row) -> None:
    missing = [
        f"{column}: {kind}:{key}"
        for column, kind, key in references(table, row)
        if key not in KEYS.get(kind, set())
    ]
    assert not missing, "unknown references: " + ", ".join(missing)


@pytest.mark.parametrize(("table", "row"), _params(list(TABLES), lambda r: bool(r.get("source"))))
def test_locators_pair_with_sources(table: str, row: Row) -> None:
    sources, locators = row.values("source"), row.values("locator")
    if table == "citations":
        return
    assert len(locators) in (1, len(sources)), (
        f"{len(sources)} sources but {len(locators)} locators: pair them in order"
    )
    if len(locators) == 1:
        assert len(sources) == 1 or len(set(sources)) == 1, "one locator for several sources"


# -- dates --------------------------------------------------------------------------------

DATE_COLUMNS = {
    "documents": ("date",),
    "instruments": ("adopted_on", "entry_into_force"),
    "mandates": ("established_on",),
    "events": ("date", "end_date"),
    "relations": ("start", "end", "as_of"),
    "statistics": ("date",),
}
ISO = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def _dates(table: str, row: Row) -> Iterator[tuple[str, str]]:
    for column in DATE_COLUMNS.get(table, ()):
        text = row.get(column)
        if not text:
            continue
        parts = text.split("/") if table == "statistics" else [text]
        yield from ((column, part) for part in parts)


def _dated(row: Row, table: str) -> bool:
    return any(True for _ in _dates(table, row))


def _dated_params() -> list[pytest.ParameterSet]:
    return [p for name in DATE_COLUMNS for p in _params([name], lambda r, n=name: _dated(r, n))]


@pytest.mark.parametrize(("table", "row"), _dated_params())
def test_dates_are_iso_8601(table: str, row: Row) -> None:
    for column, text in _dates(table, row):
        m = ISO.match(text)
        assert m, f"{column}: {text!r} is not YYYY, YYYY-MM or YYYY-MM-DD"
        year, month, day = m.groups()
        if day:
            datetime.date(int(year), int(month), int(day))
        elif month:
            assert 1 <= int(month) <= 12, f"{column}: bad month in {text!r}"


def _seed_texts() -> dict[str, str]:
    """Seed text by document key, whitespace removed (line breaks fall inside words)."""
    if not SEEDS.is_dir():
        return {}
    return {
        r.get("document"): re.sub(r"\s+", "", (SEEDS / r.get("file")).read_text("utf-8"))
        for r in TABLES["seeds"].rows
        if (SEEDS / r.get("file")).exists()
    }


SEED_TEXT = _seed_texts()


def _record_dates() -> dict[str, str]:
    """The ILO NORMLEX records by document key: a row citing one may give its exact dates."""
    path = PATHS.sources / "ilo" / ilo.RECORDS_FILE
    table = read_table(path, ilo.COLUMNS)
    return {ilo.document_key(r.get("code")): "\t".join(r.cells.values()) for r in table.rows}


RECORD_DATES = _record_dates()
needs_seeds = pytest.mark.skipif(not SEED_TEXT, reason=f"seed texts not found in {SEEDS}")


def supported(text: str, date: str) -> bool:
    """Does the seed text print this date at (at least) this precision?"""
    year, month, day = ISO.match(date).groups()  # type: ignore[union-attr]
    if year not in text:
        return False
    if not month:
        return True
    m = str(int(month))
    if not day:
        return re.search(rf"{year}年0?{m}月", text) is not None
    d = str(int(day))
    single = rf"(?<!\d)0?{m}月0?{d}日"
    ranged = rf"(?<!\d)0?{m}月\d{{1,2}}日(?:和|至|到|-){d}日"
    return re.search(single, text) is not None or re.search(ranged, text) is not None


def _seed_dated_params() -> list[pytest.ParameterSet]:
    return [
        p
        for p in _dated_params()
        if any(s in SEED_TEXT for s in p.values[1].values("source"))  # type: ignore[union-attr]
    ]


@needs_seeds
@pytest.mark.parametrize(("table", "row"), _seed_dated_params() or [pytest.param("", None)])
def test_dates_are_as_precise_as_the_seeds(table: str, row: Row) -> None:
    """A day is recorded only where a seed prints the day, a month only where it prints it."""
    text = "".join(SEED_TEXT[s] for s in row.values("source") if s in SEED_TEXT)
    records = {RECORD_DATES.get(s, "") for s in row.values("source")}
    bad = [
        f"{c}: {d}"
        for c, d in _dates(table, row)
        if not supported(text, d) and not any(d in r.split("\t") for r in records)
    ]
    assert not bad, "no cited seed prints these dates at this precision: " + ", ".join(bad)


# -- symbols and identifiers --------------------------------------------------------------

SYMBOL_FORMS = {
    "GeneralAssemblyResolution": r"A/RES/\d{2}/\d{1,3}",
    "ECOSOCResolution": r"E/RES/\d{4}/\d{1,3}",
    "HumanRightsCouncilResolution": r"A/HRC/RES/\d{1,2}/\d{1,3}",
    "CommissionOnHumanRightsResolution": r"E/CN\.4/RES/\d{4}/\d{1,3}",
    "CommissionOnHumanRightsDecision": r"E/CN\.4/DEC/\d{4}/\d{1,3}",
    "ConferenceOfPartiesReport": r"CTOC/COP/\d{4}/\d{1,2}",
}
SYMBOL = re.compile(r"^(?:A|E|S|ST|CTOC)(?:/[A-Za-z0-9.]+)+$")
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@pytest.mark.parametrize(("table", "row"), _params(["documents"]))
def test_document_symbols_are_well_formed(table: str, row: Row) -> None:
    key, symbol, kind = row.get("id"), row.get("symbol"), row.get("type")
    if "/" not in key:
        assert SLUG.match(key), f"{key!r} is neither a UN symbol nor a lower-case slug"
        assert not symbol, "a slug-keyed document has no symbol"
        return
    assert SYMBOL.match(key), f"{key!r} is not a canonical English UN symbol"
    assert symbol == key, "the symbol column repeats the id of a symbol-keyed document"
    if kind in SYMBOL_FORMS:
        assert re.fullmatch(SYMBOL_FORMS[kind], key), f"{key!r} is not the form of a {kind}"


@pytest.mark.parametrize(("table", "row"), _params(["instruments"]))
def test_instrument_identifiers_are_well_formed(table: str, row: Row) -> None:
    assert SLUG.match(row.get("id")), "instrument ids are lower-case slugs"
    for column in ("unts_volume", "unts_number"):
        assert not row.get(column) or row.get(column).isdigit(), f"{column} is a number"
    assert bool(row.get("unts_volume")) == bool(row.get("unts_number")), (
        "give the UNTS volume and number together"
    )
    untc = row.get("untc_id")
    assert not untc or re.fullmatch(r"[IVXL]+-\d+(?:-[a-z])?", untc), f"bad UNTC id {untc!r}"
    ilo = row.get("ilo_code")
    assert not ilo or re.fullmatch(r"[CPR]\d{3}", ilo), f"bad ILO code {ilo!r}"


@pytest.mark.parametrize(("table", "row"), _params(["bodies", "events", "mandates", "statistics"]))
def test_slugs_are_well_formed(table: str, row: Row) -> None:
    assert SLUG.match(row.get("id")), f"{row.get('id')!r} is not a lower-case hyphenated slug"


# -- one entity, one id -------------------------------------------------------------------


def _shared(table: str, fields: Callable[[Row], list[str]]) -> dict[str, list[str]]:
    owners: dict[str, list[str]] = {}
    for row in TABLES[table].rows:
        for value in dict.fromkeys(fields(row)):
            owners.setdefault(value, []).append(SPECS[table].key_of(row))
    return owners


IDENTITY = {
    ("bodies", "Chinese name"): lambda r: r.values("name_zh"),
    ("bodies", "English name"): lambda r: r.values("name_en"),
    ("bodies", "English acronym"): lambda r: r.values("acronym_en"),
    ("instruments", "Chinese name"): lambda r: r.values("name_zh"),
    ("instruments", "English name"): lambda r: r.values("name_en"),
    ("instruments", "UNTS volume and number"): lambda r: (
        [f"{r.get('unts_volume')}/{r.get('unts_number')}"] if r.get("unts_number") else []
    ),
    ("instruments", "UNTC id"): lambda r: r.values("untc_id"),
    ("instruments", "ILO code"): lambda r: r.values("ilo_code"),
    ("documents", "symbol"): lambda r: r.values("symbol"),
    ("mandates", "Chinese name"): lambda r: r.values("name_zh"),
    ("mandates", "English name"): lambda r: r.values("name_en"),
    ("events", "Chinese name and date"): lambda r: [
        f"{n} @ {r.get('date')}" for n in r.values("name_zh")
    ],
}
OWNERS = {k: _shared(k[0], f) for k, f in IDENTITY.items()}

#: Values two rows may share, with the reason (each row is still a distinct entity).
SHARED_ON_PURPOSE = {
    "国家人口贩运问题协调机制": "seed-003 para 13 prints one generic name for the national "
    "coordination mechanisms of Austria and Bulgaria, two bodies",
}


def _identity_params() -> list[pytest.ParameterSet]:
    return [
        pytest.param(table, what, row, id=f"{_rid(table, row)}:{what}")
        for (table, what) in IDENTITY
        for row in TABLES[table].rows
    ]


@pytest.mark.parametrize(("table", "what", "row"), _identity_params())
def test_no_entity_under_two_ids(table: str, what: str, row: Row) -> None:
    key = SPECS[table].key_of(row)
    clashes = {
        value: [k for k in owners if k != key]
        for value, owners in OWNERS[(table, what)].items()
        if key in owners and len(set(owners)) > 1 and value not in SHARED_ON_PURPOSE
    }
    assert not clashes, f"{what} shared with other rows: {clashes}"


#: Rows whose official name contains their acronym (ECPAT International is the name).
ACRONYM_IN_OFFICIAL_NAME = {"ecpat"}
ACRONYMS = {
    "bodies": (("acronym_en", "name_en"), ("acronym_zh", "name_zh")),
    "instruments": (("short_name_en", "name_en"), ("short_name_zh", "name_zh")),
}


@pytest.mark.parametrize(("table", "row"), _params(list(ACRONYMS)))
def test_acronym_not_repeated_in_its_label(table: str, row: Row) -> None:
    """A label is the full name; the acronym has its own column (no `Name (ACR)`)."""
    if row.get("id") in ACRONYM_IN_OFFICIAL_NAME:
        pytest.skip("the acronym is part of the official name")
    for short_col, name_col in ACRONYMS[table]:
        for acronym in row.values(short_col):
            for name in row.values(name_col):
                assert name != acronym, f"{name_col} {name!r} is only the acronym"
                assert f"({acronym})" not in name and f"（{acronym}）" not in name, (
                    f"{name_col} {name!r} repeats the acronym {acronym!r}"
                )
                if " " not in acronym and len(re.findall("[A-Z]", acronym)) > 1:
                    assert not re.search(rf"(?<![\w.]){re.escape(acronym)}(?![\w.])", name), (
                        f"{name_col} {name!r} repeats the acronym {acronym!r}"
                    )


# -- Chinese names as printed -------------------------------------------------------------


@needs_seeds
@pytest.mark.parametrize(("table", "row"), _params(["bodies"], lambda r: bool(r.get("name_zh"))))
def test_body_chinese_names_appear_in_a_seed(table: str, row: Row) -> None:
    seeds = "".join(SEED_TEXT.values())
    absent = [n for n in row.values("name_zh") if re.sub(r"\s+", "", n) not in seeds]
    assert not absent, f"not printed in any seed: {absent}"


@needs_seeds
@pytest.mark.parametrize(("table", "row"), _params(["seeds"]))
def test_seed_files_exist(table: str, row: Row) -> None:
    assert (SEEDS / row.get("file")).is_file(), f"no seed file {row.get('file')}"


# -- canonical form -----------------------------------------------------------------------


@pytest.mark.parametrize("table", [*TABLES, "concepts"])
def test_table_is_canonical(table: str) -> None:
    changed = lint_tables(PATHS)
    name = "data/vocabularies/concepts.tsv" if table == "concepts" else f"data/curated/{table}.tsv"
    assert name not in changed, f"{name} is not canonical: run `atkg lint --fix`"
