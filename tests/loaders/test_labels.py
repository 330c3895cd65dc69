"""data/curated/labels.tsv: descriptions for entities without a name in a language.

The loader maps a row to rdfs:labels of the entity (never skos:prefLabel) with the row's
provenance as attestations `<entity>/attestation/label-N`, and refuses, naming file, line
and column, a row for an unknown entity or for a language the entity already has a name
(or symbol labels) in. On the real data: every row resolves and adds a label in a
language without a name, and every entity of the built graph has both labels.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import PROV, RDFS, SKOS

from atkg import iris
from atkg.build import load_sources
from atkg.errors import InputError
from atkg.loaders import curated
from atkg.loaders.context import LoadContext, Triples
from atkg.loaders.labels import map_label
from atkg.namespaces import ATKG
from atkg.paths import ProjectPaths
from atkg.store import EmbeddedStore
from atkg.tables import Row, Table, read_table

PATHS = ProjectPaths.default()
SPEC = next(spec for spec in curated.TABLES if spec.name == "labels")
SHOWN = "data/curated/labels.tsv"
LABELS = read_table(PATHS.curated / "labels.tsv", SPEC.columns, display_path=SHOWN)


def _table(tmp_path: Path, *rows: str) -> Table:
    path = tmp_path / "labels.tsv"
    lines = ["# title: test", "\t".join(SPEC.columns), *rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return read_table(path, SPEC.columns, SPEC.required, display_path=SHOWN)


def _ctx() -> LoadContext:
    ctx = LoadContext()
    ctx.keys["body"] |= {"named", "chinese-only"}
    ctx.keys["document"] |= {"seed-003", "A/RES/64/293", "A/RES/74/176"}
    ctx.named.update(
        {
            "body:named": {"en", "zh"},
            "body:chinese-only": {"zh"},
            "document:seed-003": {"zh"},
            "document:A/RES/64/293": {"en", "zh"},
        }
    )
    return ctx


def _map(tmp_path: Path, *rows: str) -> tuple[LoadContext, Graph]:
    ctx, table, g = _ctx(), _table(tmp_path, *rows), Triples()
    for row in table.rows:
        map_label(ctx, table, row, g)
    return ctx, g.graph


def test_row_becomes_a_description_with_provenance(tmp_path: Path) -> None:
    ctx, g = _map(tmp_path, "body:chinese-only\tA body in our words\t\tseed-003\tpara 7\t")
    assert not ctx.problems, ctx.problems
    node = iris.body("chinese-only")
    assert (node, RDFS.label, Literal("A body in our words", lang="en")) in g
    assert not list(g.objects(node, SKOS.prefLabel)), "a description is never a prefLabel"
    att = URIRef(f"{node}/attestation/label-1")
    assert (node, PROV.qualifiedDerivation, att) in g
    assert (node, PROV.wasDerivedFrom, iris.document("seed-003")) in g
    assert (att, ATKG.locator, Literal("para 7")) in g
    assert not list(g.objects(node, ATKG.curationRecord)), "the entity keeps its own row's"


@pytest.mark.parametrize(
    ("row", "column", "message"),
    [
        ("event:nowhere\tA meeting\t\tseed-003\tpara 1\t", "entity", "unknown event 'nowhere'"),
        ("state:AUT\tAustria\t\tseed-003\tpara 1\t", "entity", "is not a reference"),
        ("body:named\tAnother name\t\tseed-003\tpara 1\t", "label_en", "already has an English"),
        (
            "body:chinese-only\t\t另一个名称\tseed-003\tpara 1\t",
            "label_zh",
            "already has a Chinese",
        ),
        ("document:A/RES/64/293\t\t决议\tseed-003\tpara 1\t", "label_zh", "its symbol"),
        ("document:A/RES/74/176\t\t决议\tseed-003\tpara 1\t", "label_zh", "already has"),
        ("body:chinese-only\t\t\tseed-003\tpara 1\t", "label_en", "no label"),
        ("body:chinese-only\tOne | Two\t\tseed-003\tpara 1\t", "label_en", "one label"),
        ("body:chinese-only\tA body\t\tseed-003\tparagraph 1\t", "locator", "grammar"),
        ("body:chinese-only\tA body\t\tno-such-doc\tpara 1\t", "source", "unknown document"),
    ],
    ids=lambda v: v.split("\t")[0] if "\t" in v else v,
)
def test_bad_rows_name_file_line_and_column(
    tmp_path: Path, row: str, column: str, message: str
) -> None:
    ctx, _g = _map(tmp_path, row)
    assert [(p.path, p.line, p.column) for p in ctx.problems] == [(SHOWN, 3, column)], ctx.problems
    assert message in ctx.problems[0].message


def test_unknown_entity_stops_the_build(project_copy: ProjectPaths) -> None:
    path = project_copy.curated / "labels.tsv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines.append("event:no-such-event\tA meeting\t\tseed-003\tpara 1\t")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(InputError) as failed:
        load_sources(project_copy)
    assert [str(p) for p in failed.value.problems] == [
        f"{SHOWN}:{len(lines)} [entity]: unknown event 'no-such-event'"
    ]


# -- the real table -----------------------------------------------------------------------


def _rid(row: Row) -> str:
    return f"labels.tsv:{row.line}:{row.get('entity')}"


@pytest.mark.parametrize("row", LABELS.rows, ids=_rid)
def test_row_labels_an_entity_without_a_name(row: Row, built_graph: Graph) -> None:
    """The entity exists, and each label the row gives is its one label in a language it
    has no name (skos:prefLabel) in: never a second label beside a name."""
    kind, _, key = row.get("entity").partition(":")
    node = iris.entity(kind, key)
    assert (node, None, None) in built_graph, f"{row.get('entity')} is not in the build"
    given = {lang: row.get(f"label_{lang}") for lang in ("en", "zh") if row.get(f"label_{lang}")}
    assert given, "the row gives no label"
    for lang, text in given.items():
        names = [n for n in built_graph.objects(node, SKOS.prefLabel) if n.language == lang]
        assert not names, f"already named in {lang}: {names}"
        labels = [n for n in built_graph.objects(node, RDFS.label) if n.language == lang]
        assert labels == [Literal(text, lang=lang)]


@pytest.mark.parametrize(
    "row", [r for r in LABELS.rows if r.get("entity").startswith("instrument:")], ids=_rid
)
def test_instrument_labels_say_what_they_are(row: Row) -> None:
    """A treaty's Chinese label is either the title the UN or ILO uses or our description."""
    if row.get("label_zh"):
        assert row.get("note").startswith(
            ("UN Chinese title", "ILO Chinese title", "descriptive")
        ), row.get("note")


ENTITIES = """
SELECT ?entity ?language WHERE {
  VALUES ?class { atkg:Body atkg:Document atkg:Event atkg:Instrument atkg:Mandate atkg:State }
  VALUES ?language { "en" "zh" }
  ?entity a ?class .
  MINUS { ?entity rdfs:label ?label BIND(LANG(?label) AS ?language) }
}
ORDER BY ?entity ?language
"""


def test_every_entity_has_an_english_and_a_chinese_label(store: EmbeddedStore) -> None:
    missing = [f"{e} @{lang}" for e, lang in store.select(ENTITIES).rows]
    assert not missing, "entities without a label in a language:\n" + "\n".join(missing)
