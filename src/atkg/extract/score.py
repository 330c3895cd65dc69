"""Score the extractor against independent ground truth; `python -m atkg.extract.score`.

Two truths, neither made by the extractor:

* the seeds (../shared/seeds): their citations were curated by hand in
  data/curated/citations.tsv; scored on canonical symbols per document and per
  (locator, symbol), and on every cited entity (documents, instruments, bodies,
  mandates) per (locator, reference);
* AKN4UN XML (../shared/data/unga-resolutions/xml): the undocs.org links of the
  footnotes; the plain-text extractor is scored on the English text of the same
  resolution (../shared/corpus) per (footnote, symbol).

The figures are reported in docs/extract.md; tests/extract/test_extract_score.py keeps them from
falling below the quality bar.
"""

from __future__ import annotations

import csv
import sys
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from atkg.extract.model import Extraction
from atkg.extract.resolve import Resolver

SHARED = Path(__file__).resolve().parents[4] / "shared"


@dataclass(frozen=True)
class Score:
    name: str
    true_positives: int
    predicted: int
    expected: int

    @property
    def precision(self) -> float:
        return self.true_positives / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.true_positives / self.expected if self.expected else 1.0

    def row(self) -> str:
        return (
            f"| {self.name} | {self.precision:.3f} | {self.recall:.3f} | "
            f"{self.true_positives} | {self.predicted} | {self.expected} |"
        )


def score(name: str, predicted: Iterable[tuple], expected: Iterable[tuple]) -> Score:
    p, e = set(predicted), set(expected)
    return Score(name, len(p & e), len(p), len(e))


def _curated(curated: Path, table: str) -> list[dict[str, str]]:
    lines = [
        ln
        for ln in (curated / f"{table}.tsv").read_text(encoding="utf-8").splitlines()
        if not ln.startswith("#")
    ]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


def seed_gold(curated: Path) -> dict[str, list[dict[str, str]]]:
    """Hand-curated citations of each seed document, keyed by document key."""
    gold: dict[str, list[dict[str, str]]] = {}
    for row in _curated(curated, "citations"):
        gold.setdefault(row["source"], []).append(row)
    return gold


def score_seeds(seeds: Path, curated: Path) -> tuple[list[Score], dict[str, float]]:
    from atkg.extract.text import extract_text, read_text

    resolver = Resolver.from_curated(curated)
    symbols = {r["id"] for r in _curated(curated, "documents") if r.get("symbol")}
    gold = seed_gold(curated)
    exp_doc, exp_loc, exp_ref, got_doc, got_loc, got_ref = (set() for _ in range(6))
    verbs_ok = verbs_all = 0
    timings: dict[str, float] = {}
    for path in sorted(seeds.glob("[0-9]*.txt")):
        key = resolver.seed_document(path.name) or path.stem
        started = time.perf_counter()
        ex = extract_text(read_text(path), file=path.name, resolver=resolver)
        timings[path.name] = time.perf_counter() - started
        gold_verbs = {}
        for row in gold.get(key, []):
            kind, _, cited = row["cited"].partition(":")
            exp_ref.add((key, row["locator"], row["cited"]))
            if kind == "document" and cited in symbols:
                exp_doc.add((key, cited))
                exp_loc.add((key, row["locator"], cited))
                gold_verbs[row["locator"], cited] = row["verb"].removeprefix("verb/")
        for c in ex.citations:
            if c.ref:
                got_ref.add((key, c.locator, c.ref))
            if c.symbol:
                got_doc.add((key, c.symbol))
                got_loc.add((key, c.locator, c.symbol))
                if (c.locator, c.symbol) in gold_verbs:
                    verbs_all += 1
                    verbs_ok += (c.verb or "") == gold_verbs[c.locator, c.symbol]
    scores = [
        score("seeds: symbols per document", got_doc, exp_doc),
        score("seeds: (locator, symbol)", got_loc, exp_loc),
        score("seeds: (locator, any cited entity)", got_ref, exp_ref),
    ]
    timings["verb agreement"] = verbs_ok / verbs_all if verbs_all else 1.0
    return scores, timings


def xml_truth(xml: Path) -> set[tuple[str, str]]:
    """(footnote number, symbol) of every undocs.org link in an AKN4UN file's footnotes."""
    from atkg.extract.akn import AKN, _text, parse

    # "Ibid." notes carry no link: the UN means the previous note's reference, so the
    # truth of such a note is the links of the previous one
    truth: set[tuple[str, str]] = set()
    previous: set[str] = set()
    for note in parse(xml.read_bytes(), str(xml)).iter(f"{AKN}authorialNote"):
        links = {hit for hit in _note_links(note)}
        if not links and _text(note).strip().rstrip(".。") in {"Ibid", "同上"}:
            links = previous
        truth |= {(note.get("marker", ""), symbol) for symbol in links}
        previous = links
    return truth


def _note_links(note) -> set[str]:  # type: ignore[no-untyped-def]
    from atkg.extract.akn import _links

    return {symbol for symbol, _ in _links(note)}


def score_corpus(corpus: Path, xml_dir: Path, curated: Path) -> list[Score]:
    """The plain-text extractor on ../shared/corpus against the XML links of the same text."""
    from atkg.extract.text import extract_text, read_text

    resolver = Resolver.from_curated(curated)
    scores = []
    for path in sorted(corpus.glob("A-RES-*.txt")):
        number = path.name.split("-")[2:4]  # A-RES-74-176-... -> 74, 176
        xml = next(iter(sorted(xml_dir.glob(f"A_RES_{number[0]}_{number[1]}*E.xml"))), None)
        if xml is None:
            continue
        truth = xml_truth(xml)
        ex: Extraction = extract_text(read_text(path), file=path.name, resolver=resolver)
        got = {(c.footnote, c.symbol) for c in ex.citations if c.footnote and c.symbol}
        scores.append(score(f"{path.name[:16]}: (footnote, symbol) vs XML links", got, truth))
        scores.append(
            score(
                f"{path.name[:16]}: symbols vs XML links",
                {s for _, s in got},
                {s for _, s in truth},
            )
        )
    return scores


def akn_as_text(data: bytes, name: str) -> str:
    """An AKN4UN file as plain text in the ../shared/corpus convention, links dropped.

    Paragraphs one per line, footnotes as `[fn N]` markers listed at the end: the same
    conversion that made ../shared/corpus, so every XML file can test the text extractor.
    """
    from atkg.extract.akn import AKN, _text, parse

    root = parse(data, name)
    lines: list[str] = []
    notes: list[str] = []

    def flat(elem) -> str:  # type: ignore[no-untyped-def]
        parts = [elem.text or ""]
        for child in elem:
            if child.tag == f"{AKN}authorialNote":
                notes.append(f"{child.get('marker')}. " + " ".join(_text(child).split()))
                parts.append(f"[fn {child.get('marker')}]")
            else:
                parts.append(flat(child))
            parts.append(child.tail or "")
        return "".join(parts)

    for part in ("preface", "preamble", "mainBody"):
        for block in root.iter(f"{AKN}{part}"):
            for elem in block:
                text = " ".join(flat(elem).split())
                if text:
                    lines.append(text)
    return "\n\n".join(lines) + "\n\n-----\nFOOTNOTES\n" + "\n".join(notes) + "\n"


def score_xml_as_text(xml_dir: Path, curated: Path) -> list[Score]:
    """The text extractor on each AKN4UN file turned into text, against its own links."""
    from atkg.extract.text import extract_text

    resolver = Resolver.from_curated(curated)
    got: set[tuple[str, str, str]] = set()
    truth: set[tuple[str, str, str]] = set()
    per_language: dict[str, tuple[set, set]] = {}
    for path in sorted(xml_dir.glob("*.xml")):
        data = path.read_bytes()
        ex = extract_text(akn_as_text(data, path.name), file=path.name, resolver=resolver)
        mine = {
            (path.name, c.footnote or "", c.symbol) for c in ex.citations if c.footnote and c.symbol
        }
        true = {(path.name, fn, sym) for fn, sym in xml_truth(path)}
        got |= mine
        truth |= true
        lang = ex.document.language or "?"
        g, t = per_language.setdefault(lang, (set(), set()))
        g |= mine
        t |= true
    scores = [
        score(f"AKN4UN as text, {lang}: (footnote, symbol) vs links", g, t)
        for lang, (g, t) in sorted(per_language.items())
    ]
    scores.append(score("AKN4UN as text, all 9 files: (footnote, symbol) vs links", got, truth))
    return scores


def main() -> int:
    root = Path(__file__).resolve().parents[3]
    curated = root / "data" / "curated"
    out = sys.stdout
    out.write(
        "| measure | precision | recall | TP | predicted | expected |\n|---|---|---|---|---|---|\n"
    )
    seeds = SHARED / "seeds"
    if seeds.exists():
        scores, timings = score_seeds(seeds, curated)
        for s in scores:
            out.write(s.row() + "\n")
    else:
        timings = {}
    corpus = SHARED / "corpus"
    if corpus.exists():
        for s in score_corpus(corpus, SHARED / "data" / "unga-resolutions" / "xml", curated):
            out.write(s.row() + "\n")
    xml_dir = SHARED / "data" / "unga-resolutions" / "xml"
    if xml_dir.exists():
        for s in score_xml_as_text(xml_dir, curated):
            out.write(s.row() + "\n")
    for name, value in timings.items():
        unit = "" if name == "verb agreement" else " ms"
        shown = f"{value:.3f}" if not unit else f"{value * 1000:.1f}"
        out.write(f"\n{name}: {shown}{unit}")
    out.write("\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
