"""The symbol normaliser: examples, then properties checked on generated symbols."""

from __future__ import annotations

import pytest

from atkg.extract.symbols import guess_body, halfwidth, normalise, resolution_symbol
from atkg.extract.to_rdf import SYMBOL_SHAPE

hypothesis = pytest.importorskip("hypothesis", reason="property tests need hypothesis")
from hypothesis import given  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

EXAMPLES = [
    ("A/RES/64/293", "A/RES/64/293"),
    ("a/res/64/293.", "A/RES/64/293"),
    ("Ａ／ＲＥＳ／６４／２９３", "A/RES/64/293"),
    ("E/2002/68/\n add.1", "E/2002/68/Add.1"),
    ("E/2002/68/Add. 1。", "E/2002/68/Add.1"),
    ("E/CN.4/DEC/2004/110", "E/CN.4/DEC/2004/110"),
    ("ctoc/cop/2010/1", "CTOC/COP/2010/1"),
    ("CEDAW/C/GC/38", "CEDAW/C/GC/38"),
    ("(A/68/53)", "A/68/53"),
    ("S/RES/2331 (2016)", "S/RES/2331(2016)"),
    ("A/HRC/RES/06/14", "A/HRC/RES/6/14"),
]
NOT_SYMBOLS = ["HIV/AIDS", "", "   ", "64/293", "A/", "/A/1", "A//1", "and/or", "24/7"]


@pytest.mark.parametrize(("raw", "expected"), EXAMPLES, ids=[e[0] for e in EXAMPLES])
def test_examples(raw: str, expected: str) -> None:
    assert normalise(raw) == expected


@pytest.mark.parametrize("raw", NOT_SYMBOLS, ids=repr)
def test_not_symbols(raw: str) -> None:
    assert normalise(raw) is None


RESOLUTIONS = [
    ("64/293", "unga", "resolution", "A/RES/64/293"),
    ("2006/27", "ecosoc", "resolution", "E/RES/2006/27"),
    ("6/14", "hrc", "resolution", "A/HRC/RES/6/14"),
    ("2004/110", "chr", "decision", "E/CN.4/DEC/2004/110"),
    ("1990/68", "chr", "resolution", "E/CN.4/RES/1990/68"),
    ("４/４", "untoc-cop", "decision", None),  # COP decisions have no symbol
    ("9/1", "unga", "resolution", None),  # no GA resolution has session 9 in this form
    ("64/293", "ecosoc", "resolution", None),  # ECOSOC numbers start with a year
    ("27/2", "ccpcj", "resolution", None),
]


@pytest.mark.parametrize(
    ("number", "body", "kind", "expected"), RESOLUTIONS, ids=[f"{r[1]}-{r[0]}" for r in RESOLUTIONS]
)
def test_resolution_symbols(number: str, body: str, kind: str, expected: str | None) -> None:
    assert resolution_symbol(number, body, kind) == expected


def test_guess_body() -> None:
    assert guess_body("64/293") == "unga"
    assert guess_body("2015/23") == "ecosoc"
    assert guess_body("23/5") is None


# -- properties ------------------------------------------------------------------
SERIES = st.sampled_from(["A", "E", "S", "ST", "CTOC", "CEDAW", "CRC", "A/HRC", "E/CN.4"])
WORD = st.sampled_from(["RES", "DEC", "COP", "C", "GC", "SGB", "WG.1", "INF"])
NUMBER = st.integers(min_value=1, max_value=9999).map(str)
SUFFIX = st.sampled_from(["", "/Add.1", "/Rev.2", "/Corr.1", "/Add.12"])


@st.composite
def symbols(draw: st.DrawFn) -> str:
    parts = [draw(SERIES)]
    parts += draw(st.lists(st.one_of(WORD, NUMBER), max_size=3))
    parts.append(draw(NUMBER))
    return "/".join(parts) + draw(SUFFIX)


def fullwidth(text: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in text)


@given(symbols())
def test_canonical_symbols_are_fixed_points(symbol: str) -> None:
    assert normalise(symbol) == symbol
    assert SYMBOL_SHAPE.match(symbol), "generated symbols follow the shapes' pattern"


@given(symbols())
def test_idempotent(symbol: str) -> None:
    once = normalise(symbol)
    assert once is not None
    assert normalise(once) == once


@given(symbols())
def test_fullwidth_and_case_do_not_matter(symbol: str) -> None:
    assert normalise(fullwidth(symbol)) == symbol
    assert normalise(symbol.lower()) == symbol


@given(symbols(), st.sampled_from([" ", "\n", "\n\n ", "\u3000"]), st.data())
def test_breaks_after_slashes_do_not_matter(symbol: str, gap: str, data: st.DataObject) -> None:
    slashes = [i for i, ch in enumerate(symbol) if ch == "/"]
    at = data.draw(st.sampled_from(slashes))
    assert normalise(symbol[: at + 1] + gap + symbol[at + 1 :]) == symbol


@given(symbols(), st.sampled_from([".", "。", ",", "，", ";", ")"]))
def test_trailing_punctuation_is_dropped(symbol: str, stop: str) -> None:
    assert normalise(symbol + stop) == symbol


@given(st.text(max_size=60))
def test_any_text_gives_none_or_a_clean_symbol(text: str) -> None:
    result = normalise(text)
    assert result is None or (
        result == result.strip() and " " not in result and normalise(result) == result
    )


@given(st.text(max_size=80))
def test_halfwidth_keeps_offsets(text: str) -> None:
    assert len(halfwidth(text)) == len(text)


@given(st.integers(31, 120), st.integers(1, 400))
def test_ga_resolutions_round_trip(session: int, number: int) -> None:
    symbol = resolution_symbol(f"{session}/{number}", "unga", "resolution")
    assert symbol == f"A/RES/{session}/{number}"
    assert normalise(symbol) == symbol
