"""data/curated/labels.tsv: descriptive labels for entities without a name in a language.

The project's rule is a label in English and in Chinese on every entity, while names and
titles are stated only as printed or when known with certainty. Where an entity has no
certain name in a language and no symbol to describe it (atkg.symbol_labels), a row of
labels.tsv gives it a short description in our own words, as rdfs:label only (never
skos:prefLabel), with the source and locator that describe the entity.

A row may fill only a language the entity has no name in: a description next to a name
would be a second label in one language, so it is an error naming the file and line, as
is a reference to an entity no table describes.
"""

from __future__ import annotations

from atkg.loaders.context import LoadContext, Triples
from atkg.loaders.rows import LANGUAGES, add_description, named_languages
from atkg.tables import Row, Table

#: kinds of entity a row may describe
LABELLED = ("document", "instrument", "body", "mandate", "event", "person")
#: entity table -> (kind, English name column, Chinese name column)
NAME_COLUMNS = {
    "documents": ("document", "title_en", "title_zh"),
    "instruments": ("instrument", "name_en", "name_zh"),
    "bodies": ("body", "name_en", "name_zh"),
    "mandates": ("mandate", "name_en", "name_zh"),
    "events": ("event", "name_en", "name_zh"),
    "persons": ("person", "name_en", "name_zh"),
}
_LANGUAGE_NAMES = {"en": "an English", "zh": "a Chinese"}


def index_names(ctx: LoadContext, tables: dict[str, Table]) -> None:
    """First pass: the languages each curated entity already has a name in.

    A document with a symbol has labels in both (from its titles or its symbol).
    """
    for name, (kind, en, zh) in NAME_COLUMNS.items():
        table = tables.get(name)
        if table is None:
            continue
        for row in table.rows:
            named = named_languages(row, en, zh)
            if kind == "document" and row.get("symbol"):
                named = set(LANGUAGES)
            ctx.named[f"{kind}:{row.get('id')}"] = named


def map_label(ctx: LoadContext, t: Table, row: Row, g: Triples) -> None:
    """A row's descriptions become rdfs:labels of the entity it names, with provenance."""
    ref = row.get("entity")
    node = ctx.typed_ref(t, row, "entity", ref, LABELLED)
    if node is None:
        return
    # documents that only a loader describes (GA metadata, UNTC status tables) are
    # labelled by it, from their symbol or identifier, in both languages
    named = ctx.named.get(ref, set(LANGUAGES) if ref.startswith("document:") else set())
    added = False
    for lang in LANGUAGES:
        column = f"label_{lang}"
        text = row.get(column)
        if not text:
            continue
        if "|" in text:
            ctx.problems.append(t.problem(row, "one label per language, no '|'", column))
        elif lang in named:
            why = "its symbol gives it labels" if _has_symbol(ref, named) else "its row names it"
            ctx.problems.append(
                t.problem(
                    row,
                    f"{ref} already has {_LANGUAGE_NAMES[lang]} label ({why}): remove {column}",
                    column,
                )
            )
        else:
            add_description(g, node, text, lang)
            added = True
    if not (row.get("label_en") or row.get("label_zh")):
        ctx.problems.append(t.problem(row, "no label: fill label_en or label_zh", "label_en"))
    if added:
        ctx.provenance(g, t, row, node, tag="label")


def _has_symbol(ref: str, named: set[str]) -> bool:
    """A document key with a slash is a symbol (slugs are lower-case words)."""
    return ref.startswith("document:") and "/" in ref and named == set(LANGUAGES)
