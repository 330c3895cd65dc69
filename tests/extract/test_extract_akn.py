"""AKN4UN XML: a synthetic file of our own, then the UN's files when ../shared has them."""

from __future__ import annotations

from pathlib import Path

import pytest

from atkg.extract.akn import extract_akn, footnote_links
from atkg.extract.model import Extraction
from atkg.extract.resolve import Resolver
from atkg.extract.score import SHARED

FIXTURE = Path(__file__).parent / "fixtures" / "synthetic-akn.xml"
XML_DIR = SHARED / "data" / "unga-resolutions" / "xml"


@pytest.fixture(scope="module")
def resolver(paths) -> Resolver:  # type: ignore[no-untyped-def]
    return Resolver.from_curated(paths.curated)


@pytest.fixture(scope="module")
def synthetic(resolver: Resolver) -> Extraction:
    return extract_akn(FIXTURE.read_bytes(), FIXTURE.name, resolver)


def test_document(synthetic: Extraction) -> None:
    doc = synthetic.document
    assert (doc.symbol, doc.title, doc.date, doc.body, doc.language) == (
        "A/RES/99/125",
        "A third example resolution for the tests",
        "2030-01-02",
        "unga",
        "en",
    )


def test_structure(synthetic: Extraction) -> None:
    assert [(p.locator, p.verb) for p in synthetic.paragraphs] == [
        ("pp 1", "recalls"),
        ("pp 2", "takes-note"),
        ("op 1", "urges"),
        ("op 2", "requests"),
    ]


def test_citations(synthetic: Extraction) -> None:
    got = {(c.locator, c.kind, c.symbol or c.ref, c.verb) for c in synthetic.citations}
    assert got == {
        ("pp 1 > fn 1", "link", "A/RES/55/67", "recalls"),
        ("pp 1 > fn 1", "link", "A/RES/63/194", "recalls"),
        ("pp 1 > fn 2", "treaty-series", "instrument:untoc", "recalls"),
        ("pp 2 > fn 3", "link", "A/74/127", "takes-note"),
        ("op 1 > fn 2", "treaty-series", "instrument:untoc", "urges"),  # <sup>2</sup> again
        ("op 2", "resolution", "A/RES/64/293", "requests"),
    }


def test_footnote_links() -> None:
    assert sorted(footnote_links(FIXTURE.read_bytes(), FIXTURE.name)) == [
        ("1", "A/RES/55/67"),
        ("1", "A/RES/63/194"),
        ("3", "A/74/127"),
    ]


needs_xml = pytest.mark.skipif(not XML_DIR.is_dir(), reason=f"{XML_DIR} is not present")


@needs_xml
@pytest.mark.parametrize(
    "path", sorted(XML_DIR.glob("*.xml")) if XML_DIR.is_dir() else [], ids=lambda p: p.name
)
def test_un_files_keep_every_link(path: Path, resolver: Resolver) -> None:
    """Every undocs.org link of the footnotes comes out as a citation of that footnote."""
    ex = extract_akn(path.read_bytes(), path.name, resolver)
    truth = set(footnote_links(path.read_bytes(), path.name))
    got = {(c.footnote, c.symbol) for c in ex.citations if c.kind == "link"}
    assert truth <= got
    assert ex.document.symbol and ex.document.symbol.startswith("A/RES/")
    assert ex.document.date and ex.document.language in {"en", "zh"}
    assert all(c.paragraph for c in ex.citations)
