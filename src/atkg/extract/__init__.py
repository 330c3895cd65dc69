"""Citation extraction from UN documents: plain text (Chinese, English), AKN4UN XML, PDF.

`extract_file(path)` reads one document and returns an `Extraction`: what the document is
(symbol, title, date, body, language, structure) and every citation it makes, each with
the canonical UN symbol where one applies, the atkg IRI it resolves to, the paragraph and
footnote it stands in and the citing verb. `to_rdf` turns that into a named graph in the
ontology's terms, which `atkg ingest` writes under data/ingested/ for the next build.
"""

from __future__ import annotations

#: Version of the extractor, recorded as provenance of every ingested graph. Bump it when
#: a change alters what is extracted, so that ingested graphs say which rules made them.
EXTRACTOR_VERSION = "0.1.0"

__all__ = ["EXTRACTOR_VERSION", "extract_file"]


def extract_file(path, display=None, resolver=None):  # type: ignore[no-untyped-def]
    """Extract one file, choosing the reader by content: AKN4UN XML, PDF or plain text.

    Returns an `atkg.extract.model.Extraction`; raises `atkg.errors.InputError` with a
    message naming the file for input it cannot read (binary, empty, not UTF-8, malformed
    XML, too large, PDF without pdftotext).
    """
    from pathlib import Path

    from atkg.errors import InputError, Problem
    from atkg.extract.akn import extract_akn, is_akn
    from atkg.extract.text import MAX_BYTES, decode, extract_text

    path = Path(path)
    name = display or str(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise InputError([Problem(name, None, f"cannot read: {exc.strerror}")]) from exc
    if size > MAX_BYTES:
        raise InputError(
            [Problem(name, None, f"file too large ({size:,} bytes; the limit is {MAX_BYTES:,})")]
        )
    if path.is_dir():
        raise InputError([Problem(name, None, "is a directory, not a document")])
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError([Problem(name, None, f"cannot read: {exc.strerror}")]) from exc
    if data.startswith(b"%PDF"):
        return extract_text(_pdftotext(path, name), file=name, resolver=resolver)
    if is_akn(data):
        return extract_akn(data, file=name, resolver=resolver)
    if data.lstrip().startswith(b"<"):
        raise InputError([Problem(name, None, "XML or HTML that is not AKN4UN")])
    return extract_text(decode(data, name), file=name, resolver=resolver)


def _pdftotext(path, name):  # type: ignore[no-untyped-def]
    import shutil
    import subprocess

    from atkg.errors import InputError, Problem

    exe = shutil.which("pdftotext")
    if exe is None:
        raise InputError(
            [
                Problem(
                    name, None, "PDF input needs pdftotext (poppler-utils), which is not installed"
                )
            ]
        )
    try:
        run = subprocess.run(
            [exe, "-layout", "-enc", "UTF-8", str(path), "-"],
            capture_output=True,
            timeout=60,
            check=False,
        )
    except subprocess.TimeoutExpired as exc:
        raise InputError([Problem(name, None, "pdftotext took longer than 60 s")]) from exc
    if run.returncode != 0:
        raise InputError(
            [Problem(name, None, "pdftotext failed: " + run.stderr.decode(errors="replace")[:200])]
        )
    return run.stdout.decode("utf-8", errors="replace")
