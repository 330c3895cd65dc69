"""Bad input gets a clear error naming the file, or a bounded run; never a crash or a hang."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from atkg.cli import main
from atkg.errors import InputError
from atkg.extract import extract_file
from atkg.extract.text import MAX_BYTES, extract_text

FIXTURE = Path(__file__).parent / "fixtures" / "synthetic-akn.xml"

CASES = {
    "empty": (b"", "empty file"),
    "blank": (b"  \n\n ", "empty file"),
    "binary": (bytes(range(256)) * 4, "binary"),
    "gb18030": ("大会第 64/293 号决议".encode("gb18030"), "not UTF-8"),
    "truncated-xml": (FIXTURE.read_bytes()[:700], "malformed or truncated XML"),
    "not-akn-xml": (b"<html><body>A/RES/64/293</body></html>", "not AKN4UN"),
    "entities": (
        b'<?xml version="1.0"?><!DOCTYPE a [<!ENTITY x "y">]>'
        b'<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0">'
        b"&x;</akomaNtoso>",
        "entity",
    ),
}


@pytest.mark.parametrize(("data", "message"), CASES.values(), ids=list(CASES))
def test_clear_errors(tmp_path: Path, data: bytes, message: str) -> None:
    path = tmp_path / "input"
    path.write_bytes(data)
    with pytest.raises(InputError) as info:
        extract_file(path)
    assert message in str(info.value)
    assert str(path) in str(info.value)


def test_too_large_is_refused_without_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as f:
        f.truncate(MAX_BYTES + 1)  # sparse: nothing is written or read
    with pytest.raises(InputError, match="too large"):
        extract_file(path)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="cannot read"):
        extract_file(tmp_path / "absent.txt")


@pytest.mark.parametrize(
    "text",
    [
        "第" * 20000,
        "/" * 20000,
        "A/" * 10000,
        "resolution 1/1, " * 3000,
        "《" * 20000,
        "1\n" * 20000,
        "__________\n 1 第 1/1 号决议\n" * 2000,
        "同上。\n" * 5000,
    ],
    ids=["di", "slashes", "series", "resolutions", "brackets", "numbers", "blocks", "ibid"],
)
def test_pathological_text_is_bounded(text: str) -> None:
    started = time.perf_counter()
    extract_text(text)
    assert time.perf_counter() - started < 5


def test_cli_reports_bad_files_and_goes_on(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01binary")
    good = Path(__file__).parent / "fixtures" / "synthetic-en.txt"
    assert main(["extract", str(bad), str(good)]) == 1
    out, err = capsys.readouterr()
    assert "A/RES/64/293" in out
    assert "bad.txt" in err and "binary" in err


def test_pdf_needs_pdftotext(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import shutil

    path = tmp_path / "doc.pdf"
    path.write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    monkeypatch.setattr(shutil, "which", lambda _name: None)
    with pytest.raises(InputError, match="pdftotext"):
        extract_file(path)


def test_directory_is_not_a_document(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="directory"):
        extract_file(tmp_path)


def test_utf16_with_bom_is_read(tmp_path: Path) -> None:
    path = tmp_path / "utf16.txt"
    path.write_bytes("大会，\n\n 回顾其第 64/293 号决议，\n".encode("utf-16"))
    assert "A/RES/64/293" in {c.symbol for c in extract_file(path).citations}
