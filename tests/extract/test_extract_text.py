"""Plain-text extraction on synthetic snippets written for these tests (our own words).

The fixtures exercise every citation form the issue lists: bare symbols, resolutions and
decisions by number and body in Chinese and English, lists of resolutions, Treaty Series
references with 同上/Ibid., line breaks inside symbols and words, footnote markers
touching the text, full-width digits, footnote blocks interrupting a paragraph.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from atkg.extract.model import Extraction
from atkg.extract.resolve import Resolver
from atkg.extract.text import extract_text, read_text

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="module")
def resolver(paths) -> Resolver:  # type: ignore[no-untyped-def]
    return Resolver.from_curated(paths.curated)


@pytest.fixture(scope="module")
def zh(resolver: Resolver) -> Extraction:
    path = FIXTURES / "synthetic-zh.txt"
    return extract_text(read_text(path), file=path.name, resolver=resolver)


@pytest.fixture(scope="module")
def en(resolver: Resolver) -> Extraction:
    path = FIXTURES / "synthetic-en.txt"
    return extract_text(read_text(path), file=path.name, resolver=resolver)


def found(ex: Extraction) -> set[tuple[str, str, str | None]]:
    """(locator, symbol or typed reference, verb) of every citation."""
    return {(c.locator, c.symbol or c.ref or "", c.verb) for c in ex.citations}


ZH_EXPECTED = [
    ("pp 1", "A/RES/64/293", "recalls"),  # "其第 64/293 号决议": the Assembly's own
    ("pp 1 > fn 1", "A/RES/74/176", "recalls"),  # a list whose end touches marker 1
    ("pp 1 > fn 1", "A/RES/76/7", "recalls"),  # date broken over two lines
    ("pp 1 > fn 1", "A/RES/55/67", "recalls"),  # "第 55/67、58/137 和 63/194 号决议"
    ("pp 1 > fn 1", "A/RES/58/137", "recalls"),
    ("pp 1 > fn 1", "A/RES/63/194", "recalls"),
    ("pp 2", "E/RES/2006/27", "recalls"),  # 经济及社会理事会 … 第 2006/27 号决议
    ("pp 2", "body:ecosoc", "recalls"),
    ("pp 3", "A/HRC/RES/6/14", "recalls"),  # 人权理事会, a colon inside the quoted title
    ("pp 3", "E/CN.4/DEC/2004/110", "recalls"),  # 人权委员会 … 第\n2004/110 号决定
    ("pp 4", "document:cop-decision-4-4", "takes-note"),  # 缔约方会议 … 第 4/4 号决定
    ("pp 5 > fn 2", "instrument:untoc", "reaffirms"),  # 《条约汇编》，第 2225 卷，第 39574 号
    ("pp 5 > fn 3", "instrument:tip-protocol", "reaffirms"),  # 同上，第 2237 卷
    ("pp 6", "E/2002/68/Add.1", "welcomes"),  # E/2002/\n\n68/Add.1
    ("pp 6 > fn 4", "A/74/127", "welcomes"),  # a note two pages after its marker
    ("pp 7", "A/RES/64/293", "takes-note"),  # 第６４／２９３号: full-width
    ("op 2", "instrument:gpa", "encourages"),
]


@pytest.mark.parametrize("expected", ZH_EXPECTED, ids=[f"{e[0]}:{e[1]}" for e in ZH_EXPECTED])
def test_chinese_citations(zh: Extraction, expected: tuple[str, str, str]) -> None:
    assert expected in found(zh)


def test_chinese_document(zh: Extraction) -> None:
    doc = zh.document
    assert (doc.symbol, doc.title, doc.date, doc.body, doc.language) == (
        "A/RES/99/123",
        "用于测试的示例决议",
        "2030-01-01",
        "unga",
        "zh",
    )


def test_chinese_structure(zh: Extraction) -> None:
    locators = [p.locator for p in zh.paragraphs]
    assert locators == ["heading", *(f"pp {n}" for n in range(1, 8)), "op 1", "op 2"]
    assert [(f.number, f.paragraph) for f in zh.footnotes] == [
        ("1", "pp 1"),
        ("2", "pp 5"),
        ("3", "pp 5"),
        ("4", "pp 6"),
    ]


def test_chinese_unresolved_are_reported(zh: Extraction) -> None:
    texts = {(u.kind, u.text) for u in zh.unresolved}
    assert ("decision", "第 9/9 号决定") in texts  # a COP decision atkg has no slug for
    assert ("title", "《一项虚构的示例公约》") in texts


def test_citation_text_is_as_printed(zh: Extraction) -> None:
    texts = {c.text for c in zh.citations}
    assert "第６４／２９３号决议" in texts
    fullwidth = next(c for c in zh.citations if c.text == "第６４／２９３号决议")
    raw = read_text(FIXTURES / "synthetic-zh.txt")
    assert raw[fullwidth.start : fullwidth.end] == "第６４／２９３号决议"


EN_EXPECTED = [
    ("pp 1", "A/RES/64/293", "recalls"),
    ("pp 1", "A/RES/55/67", "recalls"),  # "resolutions 55/67, 58/137 and 63/194"
    ("pp 1", "A/RES/58/137", "recalls"),
    ("pp 1", "A/RES/63/194", "recalls"),
    ("pp 2", "E/RES/2006/27", "recalls"),
    ("pp 2", "A/HRC/RES/6/14", "recalls"),
    ("pp 2", "E/CN.4/DEC/2004/110", "recalls"),
    ("pp 3", "S/RES/2331(2016)", "takes-note"),
    ("pp 4 > fn 1", "instrument:untoc", "reaffirms"),  # Treaty Series, vol. 2225, No. 39574
    ("pp 4 > fn 2", "instrument:tip-protocol", "reaffirms"),  # Ibid., vol. 2237
    ("op 1 > fn 3", "A/74/127", "welcomes"),
    ("op 2", "A/HRC/RES/23/5", "requests"),  # A/HRC/\nRES/23/5
    ("op 2", "CTOC/COP/2010/1", "requests"),
]


@pytest.mark.parametrize("expected", EN_EXPECTED, ids=[f"{e[0]}:{e[1]}" for e in EN_EXPECTED])
def test_english_citations(en: Extraction, expected: tuple[str, str, str]) -> None:
    assert expected in found(en)


def test_english_unresolved(en: Extraction) -> None:
    # resolution 9/1 is the Conference of the Parties', named after it: no symbol to build
    assert [(u.kind, u.text) for u in en.unresolved] == [("resolution", "resolution 9/1")]


def test_no_false_symbols(zh: Extraction, en: Extraction) -> None:
    symbols = {c.symbol for ex in (zh, en) for c in ex.citations if c.symbol}
    assert "A/RES/9/1" not in symbols
    assert not any(s.startswith("A/RES/99/") for s in symbols), "own symbol is not a citation"


def test_json_shape(zh: Extraction) -> None:
    data = zh.to_json()
    assert set(data) == {"file", "document", "citations", "unresolved"}
    assert set(data["document"]) == {"symbol", "title", "date", "body", "language"}
    keys = {
        "symbol",
        "target",
        "kind",
        "text",
        "start",
        "end",
        "paragraph",
        "footnote",
        "verb",
        "confidence",
    }
    assert all(set(c) == keys for c in data["citations"])
    first = next(c for c in data["citations"] if c["symbol"] == "E/RES/2006/27")
    assert first["target"] == "https://w3id.org/atkg/id/document/E/RES/2006/27"
    assert first["paragraph"] == "pp 2" and first["footnote"] is None


PDF_EXPECTED = [
    ("pp 1", "A/RES/64/293", "recalls"),
    ("pp 1 > fn 1", "A/RES/60/1", "recalls"),  # "Summit,1 and": a marker mid-line
    ("pp 1 > fn 2", "A/HRC/RES/6/14", "recalls"),  # "resolution\n6/14,2": after a comma
    ("pp 1 > fn 2", "A/63/53", "recalls"),  # a footnote over two lines
    ("pp 2 > fn 3", "instrument:untoc", "welcomes"),  # "Crime3 and": touching a word
    ("pp 2 > fn 4", "A/74/127", "welcomes"),
    ("op 1", "E/2002/68/Add.1", "requests"),
]


@pytest.fixture(scope="module")
def pdf_like(resolver: Resolver) -> Extraction:
    path = FIXTURES / "synthetic-en-pdf.txt"
    return extract_text(read_text(path), file=path.name, resolver=resolver)


@pytest.mark.parametrize("expected", PDF_EXPECTED, ids=[f"{e[0]}:{e[1]}" for e in PDF_EXPECTED])
def test_english_pdf_layout(pdf_like: Extraction, expected: tuple[str, str, str]) -> None:
    assert expected in found(pdf_like)


def test_english_pdf_masthead(pdf_like: Extraction) -> None:
    doc = pdf_like.document
    assert (doc.symbol, doc.date) == ("A/RES/99/126", "2030-01-02")
    assert doc.title == "A fourth example resolution, laid out as a PDF would be"
    assert "A/RES/99/126" not in {c.symbol for c in pdf_like.citations}
