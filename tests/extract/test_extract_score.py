"""The quality bar: precision and recall on independent ground truth, and speed.

The truths live outside the repository (../shared); the tests skip with the reason when
it is absent. The figures are kept in docs/extract.md (`python -m atkg.extract.score`).
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from atkg.extract.resolve import Resolver
from atkg.extract.score import SHARED, score_corpus, score_seeds, score_xml_as_text
from atkg.extract.text import extract_text, read_text

SEEDS = SHARED / "seeds"
CORPUS = SHARED / "corpus"
XML = SHARED / "data" / "unga-resolutions" / "xml"
PRECISION, RECALL = 0.97, 0.95


@pytest.mark.skipif(not SEEDS.is_dir(), reason=f"{SEEDS} is not present")
def test_seeds_against_curated_citations(paths) -> None:  # type: ignore[no-untyped-def]
    scores, _ = score_seeds(SEEDS, paths.curated)
    for s in scores[:2]:  # canonical symbols, per document and per (locator, symbol)
        assert s.precision >= PRECISION, s
        assert s.recall >= RECALL, s


@pytest.mark.skipif(not (CORPUS.is_dir() and XML.is_dir()), reason="../shared corpus absent")
def test_corpus_against_xml_links(paths) -> None:  # type: ignore[no-untyped-def]
    for s in score_corpus(CORPUS, XML, paths.curated):
        assert s.precision >= PRECISION, s
        assert s.recall >= RECALL, s


@pytest.mark.skipif(not XML.is_dir(), reason=f"{XML} is not present")
def test_all_xml_as_text_against_links(paths) -> None:  # type: ignore[no-untyped-def]
    overall = score_xml_as_text(XML, paths.curated)[-1]
    assert overall.precision >= PRECISION, overall
    assert overall.recall >= RECALL, overall


@pytest.mark.parametrize("name", ["synthetic-zh.txt", "synthetic-en.txt"])
def test_fifty_kilobytes_in_under_100_ms(paths, name: str) -> None:  # type: ignore[no-untyped-def]
    """A 50 KB document extracts in under 100 ms (best of three, warm resolver)."""
    text = read_text(Path(__file__).parent / "fixtures" / name)
    body = text * (50_000 // len(text.encode()) + 1)
    body = body.encode()[:50_000].decode(errors="ignore")
    resolver = Resolver.from_curated(paths.curated)
    extract_text(body, resolver=resolver)
    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        extract_text(body, resolver=resolver)
        best = min(best, time.perf_counter() - started)
    assert best < 0.1, f"{best * 1000:.0f} ms"
