"""AKN4UN XML (Akoma Ntoso for the UN) as the UN publishes General Assembly resolutions.

The XML states what plain text leaves to heuristics: `<docNumber>` and the FRBR metadata
give the symbol, date, author and language; `<preamble>/<container name="Recalling">`
gives each preambular paragraph and its verb; `<mainBody>/<paragraph>/<num>` the operative
ones; `<attachments>/<doc name="annex">` the annex; `<authorialNote marker="N">` the
footnotes, whose `<a href="https://undocs.org/en/SYMBOL">` links are the citations as the
UN itself resolved them. A `<sup>N</sup>` repeats an earlier footnote in another paragraph.

Text finders (text.py) also run over each paragraph and footnote, for what carries no link
(Treaty Series references, titles, resolutions named in the body text). Offsets of
citations found there are offsets into that element's text.
"""

from __future__ import annotations

import re
import time
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

from atkg.errors import InputError, Problem
from atkg.extract import cite
from atkg.extract.model import Citation, DocumentInfo, Extraction, Footnote, Paragraph
from atkg.extract.resolve import Resolver, iri
from atkg.extract.symbols import normalise
from atkg.extract.text import MAX_BYTES, Finder
from atkg.extract.verbs import verbs as verbs_in

AKN = "{http://docs.oasis-open.org/legaldocml/ns/akn/3.0}"
_LANG = {"eng": "en", "zho": "zh", "fra": "fr", "spa": "es", "rus": "ru", "ara": "ar"}
_AUTHORS = {"unga": "unga", "ga": "unga", "ecosoc": "ecosoc", "hrc": "hrc", "unsc": "unsc"}


def is_akn(data: bytes) -> bool:
    head = data[:4096]
    return b"<akomaNtoso" in head or b"legaldocml/ns/akn" in head


def parse(data: bytes, name: str) -> ET.Element:
    """The root element; truncated or malformed XML is an InputError naming the line."""
    if len(data) > MAX_BYTES:
        raise InputError([Problem(name, None, f"file too large ({len(data):,} bytes)")])
    if b"<!ENTITY" in data[:65536]:
        raise InputError([Problem(name, None, "XML with entity declarations is refused")])
    try:
        return ET.fromstring(data)
    except ET.ParseError as exc:
        line = exc.position[0] if exc.position else None
        raise InputError([Problem(name, line, f"malformed or truncated XML: {exc}")]) from exc


def _text(elem: ET.Element, skip_notes: bool = True) -> str:
    """The element's text with footnotes left out (their tails kept)."""
    parts: list[str] = [elem.text or ""]
    for child in elem:
        if not (skip_notes and child.tag == f"{AKN}authorialNote"):
            parts.append(_text(child, skip_notes))
        parts.append(child.tail or "")
    return "".join(parts)


def _marked_text(elem: ET.Element) -> tuple[str, list[tuple[int, ET.Element]]]:
    """The element's text without its notes, and where each note or `<sup>` stands in it."""
    parts: list[str] = []
    anchors: list[tuple[int, ET.Element]] = []
    size = 0

    def walk(node: ET.Element) -> None:
        nonlocal size
        parts.append(node.text or "")
        size += len(node.text or "")
        for child in node:
            if child.tag == f"{AKN}authorialNote" or (
                child.tag == f"{AKN}sup" and (child.text or "").strip().isdigit()
            ):
                anchors.append((size, child))
            else:
                walk(child)
            parts.append(child.tail or "")
            size += len(child.tail or "")

    walk(elem)
    return "".join(parts), anchors


def _clean(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _links(elem: ET.Element) -> Iterator[tuple[str, str]]:
    for a in elem.iter(f"{AKN}a"):
        href = a.get("href", "")
        for hit in cite.find_links(href):
            if hit.symbol:
                yield hit.symbol, a.text or href


def footnote_links(data: bytes, name: str) -> Iterator[tuple[str, str]]:
    """(footnote marker, symbol) for every undocs.org link in the footnotes (ground truth)."""
    root = parse(data, name)
    for note in root.iter(f"{AKN}authorialNote"):
        for symbol, _ in _links(note):
            yield note.get("marker", ""), symbol


def _units(root: ET.Element) -> Iterator[tuple[str, str, ET.Element, str | None]]:
    """(locator, kind, element, container verb name) for each paragraph, in document order."""
    pp = 0
    for container in root.iter(f"{AKN}preamble"):
        for child in container:
            if child.tag == f"{AKN}container":
                pp += 1
                yield f"pp {pp}", "preambular", child, child.get("name")
    main = root.find(f".//{AKN}mainBody")
    unnumbered = 0
    if main is not None:
        for para in main.iter(f"{AKN}paragraph"):
            num = para.find(f"{AKN}num")
            n = re.sub(r"\D", "", num.text or "") if num is not None else ""
            if not n:
                unnumbered += 1
                n = str(unnumbered)
            yield f"op {n}", "operative", para, None
    for doc in root.iter(f"{AKN}doc"):
        if doc.get("name") != "annex":
            continue
        for para in doc.iter(f"{AKN}paragraph"):
            num = para.find(f"{AKN}num")
            n = re.sub(r"\D", "", num.text or "") if num is not None else ""
            yield (f"annex para {n}" if n else "annex"), "annex", para, None


def _document(root: ET.Element) -> DocumentInfo:
    doc = DocumentInfo()
    numbers = list(root.iter(f"{AKN}docNumber"))
    number = next((n for n in numbers if n.get("refersTo") == "#symbol"), None)
    number = number if number is not None else (numbers[0] if numbers else None)
    uri = root.find(f".//{AKN}FRBRWork/{AKN}FRBRuri")
    author = ""
    if uri is not None:
        parts = (uri.get("value") or "").strip("/").split("/")
        author = parts[4] if len(parts) > 4 else ""
    doc.body = _AUTHORS.get(author)
    if number is not None and number.text:
        n = number.text.strip().rstrip(".")
        if "/RES/" in n or n.count("/") >= 2:
            doc.symbol = normalise(n)
        elif doc.body in {None, "unga"}:
            doc.symbol = normalise(f"A/RES/{n}")
    titles = list(root.iter(f"{AKN}docTitle"))
    title = next(
        (t for t in titles if t.get("refersTo") == "#resolutionTitle"),
        titles[0] if titles else None,
    )
    doc.title = _clean(_text(title)) if title is not None else None
    date = root.find(f".//{AKN}FRBRWork/{AKN}FRBRdate")
    doc.date = date.get("date") if date is not None else None
    lang = root.find(f".//{AKN}FRBRExpression/{AKN}FRBRlanguage")
    doc.language = _LANG.get(lang.get("language", "")) if lang is not None else None
    doc.key = doc.symbol
    return doc


def extract_akn(data: bytes, file: str = "<xml>", resolver: Resolver | None = None) -> Extraction:
    """Structure and citations of an AKN4UN document."""
    started = time.perf_counter()
    root = parse(data, file)
    if not root.tag.endswith("akomaNtoso"):
        raise InputError([Problem(file, None, f"not Akoma Ntoso (root element {root.tag})")])
    resolver = resolver or Resolver()
    doc = _document(root)
    lang = doc.language or "en"
    out = Extraction(file=file, document=doc)
    finder = Finder(resolver, lang, doc.body)
    notes: dict[str, list[Citation]] = {}
    for locator, kind, elem, name in _units(root):
        body, anchors = _marked_text(elem)
        v, pos = cite.view(body)
        found = [(pos[at], verb) for at, verb in verbs_in(v, lang)]
        named = next((verb for _, verb in verbs_in(name or "", lang)), None) if name else None
        para = Paragraph(locator, kind, 0, len(body), named or (found[0][1] if found else None))
        out.paragraphs.append(para)
        finder.run(v, pos, out, paragraph=locator, footnote=None, default_verb=para.verb)
        for offset, child in anchors:
            before = [verb for at, verb in found if at <= offset]
            verb = before[-1] if before else para.verb
            if child.tag == f"{AKN}authorialNote":
                _note(child, locator, verb, out, finder, notes, resolver)
                continue
            marker = (child.text or "").strip()  # <sup>N</sup>: note N cited again here
            for c in notes.get(marker, []):
                out.citations.append(
                    Citation(
                        c.kind,
                        c.text,
                        c.start,
                        c.end,
                        c.symbol,
                        c.target,
                        c.ref,
                        locator,
                        marker,
                        verb,
                        c.confidence,
                        c.known,
                    )
                )
    out.citations = _dedupe(out.citations)
    out.seconds = time.perf_counter() - started
    return out


def _note(
    note: ET.Element,
    locator: str,
    verb: str | None,
    out: Extraction,
    finder: Finder,
    notes: dict[str, list[Citation]],
    resolver: Resolver,
) -> None:
    marker = note.get("marker", "")
    text = _text(note, skip_notes=False)
    out.footnotes.append(Footnote(marker, 0, len(text), 0, locator))
    before = len(out.citations)
    for symbol, label in _links(note):
        ref, known = resolver.document_ref(symbol)
        start = text.find(label) if label in text else 0
        out.citations.append(
            Citation(
                "link",
                label,
                start,
                start + len(label),
                symbol,
                iri(ref),
                ref,
                locator,
                marker,
                verb,
                1.0,
                known,
            )
        )
    v, pos = cite.view(text)
    if cite.is_bare_ibid(v) and out.footnotes[:-1]:
        previous = out.footnotes[-2].number
        for c in notes.get(previous, []):
            out.citations.append(
                Citation(
                    c.kind,
                    v.strip(),
                    0,
                    len(text),
                    c.symbol,
                    c.target,
                    c.ref,
                    locator,
                    marker,
                    verb,
                    0.9,
                    c.known,
                )
            )
    else:
        finder.run(v, pos, out, paragraph=locator, footnote=marker, verb=verb)
    notes[marker] = out.citations[before:]


def _dedupe(citations: list[Citation]) -> list[Citation]:
    """One citation per (paragraph, footnote, target), the most confident (links first)."""
    best: dict[tuple, Citation] = {}
    order: list[tuple] = []
    for c in citations:
        key = (c.paragraph, c.footnote, c.ref or c.symbol, c.start if not c.ref else None)
        if key not in best:
            order.append(key)
            best[key] = c
        elif c.confidence > best[key].confidence:
            best[key] = c
    return [best[k] for k in order]


def extract_akn_file(path: Path, display: str, resolver: Resolver | None = None) -> Extraction:
    return extract_akn(path.read_bytes(), display, resolver)
