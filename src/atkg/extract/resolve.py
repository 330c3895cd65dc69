"""From what a document prints to atkg IRIs: symbols, treaty-series numbers, names, files.

The resolver is built from the curated tables (data/curated/*.tsv), so extraction needs no
build; `with_graph` adds the documents a built graph knows beyond them (for instance
documents ingested earlier). A canonical symbol always mints a document IRI (the IRI
template is deterministic), and `known` says whether atkg holds that document already.
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from atkg import iris
from atkg.extract.symbols import halfwidth

_SPACE = re.compile(r"\s+")


def read_rows(path: Path) -> list[dict[str, str]]:
    """Rows of a curated TSV table (metadata lines skipped); empty if the file is absent."""
    if not path.exists():
        return []
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if not ln.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


def _multi(cell: str | None) -> list[str]:
    return [v.strip() for v in (cell or "").split("|") if v.strip()]


def name_key(text: str) -> str:
    """Names compared without spaces, line breaks or full-width forms.

    >>> name_key("《 联合国打击跨国有组织\\n犯罪公约 》")
    '联合国打击跨国有组织犯罪公约'
    """
    return _SPACE.sub("", halfwidth(text)).strip('《》“”"')


@dataclass
class Resolver:
    """Lookup tables of the entities a citation can point to."""

    documents: dict[str, str] = field(default_factory=dict)  # key -> type
    unts: dict[tuple[int, int], str] = field(default_factory=dict)  # (vol, no) -> instrument
    names: dict[str, str] = field(default_factory=dict)  # name_key -> typed ref
    english_names: dict[str, str] = field(default_factory=dict)  # exact name -> typed ref
    seeds: dict[str, str] = field(default_factory=dict)  # seed file name -> document key
    cache: dict[str, object] = field(default_factory=dict, repr=False)  # compiled patterns

    @classmethod
    def from_curated(cls, curated: Path) -> Resolver:
        r = cls()
        rows = read_rows(curated / "documents.tsv")
        # a title several documents share (recurring resolutions) names none of them
        zh_count = Counter(name_key(n) for row in rows for n in _multi(row.get("title_zh")))
        en_count = Counter(row.get("title_en") for row in rows if row.get("title_en"))
        for row in rows:
            r.documents[row["id"]] = row.get("type") or ""
            for name in _multi(row.get("title_zh")):
                if zh_count[name_key(name)] == 1:
                    r.names.setdefault(name_key(name), f"document:{row['id']}")
            if row.get("title_en") and en_count[row["title_en"]] == 1:
                r.english_names.setdefault(row["title_en"], f"document:{row['id']}")
        for row in read_rows(curated / "instruments.tsv"):
            ref = f"instrument:{row['id']}"
            vol, num = row.get("unts_volume") or "", row.get("unts_number") or ""
            if vol.isdigit() and num.isdigit():
                r.unts[int(vol), int(num)] = row["id"]
            for col in ("name_zh", "short_name_zh"):
                for name in _multi(row.get(col)):
                    r.names[name_key(name)] = ref
            for col in ("name_en", "short_name_en"):
                for name in _multi(row.get(col)):
                    r.english_names[name] = ref
                    # the printed form often stops before ", supplementing the ..."
                    head = name.split(", supplementing")[0]
                    if head != name:
                        r.english_names.setdefault(head, ref)
        for table, kind in (("bodies", "body"), ("mandates", "mandate")):
            for row in read_rows(curated / f"{table}.tsv"):
                ref = f"{kind}:{row['id']}"
                for name in _multi(row.get("name_zh")):
                    r.names.setdefault(name_key(name), ref)
                for name in _multi(row.get("name_en")):
                    r.english_names.setdefault(name, ref)
        for row in read_rows(curated / "seeds.tsv"):
            r.seeds[row["file"]] = row["document"]
        return r

    def with_graph(self, store: object) -> Resolver:
        """Add the documents (by atkg:symbol) a built store holds; `store` is an ox.Store."""
        import pyoxigraph as ox

        from atkg.namespaces import ATKG

        assert isinstance(store, ox.Store)
        pred = ox.NamedNode(str(ATKG.symbol))
        for quad in store.quads_for_pattern(None, pred, None, None):
            self.documents.setdefault(quad.object.value, "")
        return self

    # -- lookups -------------------------------------------------------------------
    def document_ref(self, symbol: str) -> tuple[str, bool]:
        """The typed reference of a document by canonical symbol, and whether atkg has it."""
        return f"document:{symbol}", symbol in self.documents

    def treaty(self, volume: int, number: int) -> str | None:
        inst = self.unts.get((volume, number))
        return f"instrument:{inst}" if inst else None

    def by_name(self, name: str) -> str | None:
        return self.names.get(name_key(name))

    def cop_decision(self, number: str) -> str | None:
        """UNTOC Conference of the Parties decisions have no symbol; atkg keys them by slug."""
        key = "cop-decision-" + number.replace("/", "-")
        return f"document:{key}" if key in self.documents else None

    def seed_document(self, file_name: str) -> str | None:
        return self.seeds.get(file_name)


def iri(ref: str) -> str:
    """The atkg IRI of a typed reference (document:A/RES/64/293 -> .../id/document/A/RES/64/293)."""
    kind, _, key = ref.partition(":")
    return str(iris.entity(kind, key))
