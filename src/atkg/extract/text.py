"""Plain-text extraction (Chinese and English): read, lay out, find, place and resolve.

`extract_text` is the whole pipeline for a decoded text; `read_text` turns a file's bytes
into one, refusing binary, empty, oversized or non-UTF-8 input with a clear message.
"""

from __future__ import annotations

import bisect
import re
import time
from pathlib import Path

from atkg.errors import InputError, Problem
from atkg.extract import cite
from atkg.extract.layout import Layout, analyse, locate
from atkg.extract.model import Citation, DocumentInfo, Extraction, Unresolved
from atkg.extract.resolve import Resolver, iri
from atkg.extract.symbols import halfwidth, normalise
from atkg.extract.verbs import verbs as verbs_in

#: Files larger than this are refused rather than read (a bounded run, never a hang).
MAX_BYTES = 20 * 1024 * 1024
_CJK = re.compile(r"[\u4e00-\u9fff]")
_LATIN = re.compile(r"[A-Za-z]")
_MONTHS = {
    m: i
    for i, m in enumerate(
        [
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ],
        start=1,
    )
}


def read_text(path: Path, display: str | None = None, max_bytes: int = MAX_BYTES) -> str:
    """The file decoded as UTF-8, or InputError saying why it cannot be read as text."""
    name = display or str(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise InputError([Problem(name, None, f"cannot read: {exc.strerror}")]) from exc
    if size > max_bytes:
        raise InputError(
            [Problem(name, None, f"file too large ({size:,} bytes; the limit is {max_bytes:,})")]
        )
    data = path.read_bytes()
    return decode(data, name)


def decode(data: bytes, name: str) -> str:
    if not data.strip():
        raise InputError([Problem(name, None, "empty file")])
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 with its byte-order mark
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise InputError([Problem(name, None, "bad UTF-16 text")]) from exc
    if b"\x00" in data[:8192]:
        raise InputError(
            [Problem(name, None, "binary file (NUL bytes): give UTF-8 text, AKN4UN XML or PDF")]
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            [
                Problem(
                    name,
                    None,
                    f"not UTF-8 (bad byte at offset {exc.start}); "
                    "convert it first, e.g. iconv -f GB18030 -t UTF-8",
                )
            ]
        ) from exc


def language_of(text: str) -> str:
    sample = text[:20000]
    cjk = len(_CJK.findall(sample))
    latin = len(_LATIN.findall(sample))
    return "zh" if cjk * 3 >= latin else "en"


def extract_text(
    text: str, file: str = "<text>", resolver: Resolver | None = None, language: str | None = None
) -> Extraction:
    """Everything a plain-text document says about itself and everything it cites."""
    started = time.perf_counter()
    resolver = resolver or Resolver()
    clean = halfwidth(text).replace("\r", " ")
    lang = language or language_of(clean)
    layout = analyse(clean)
    doc = _document(clean, layout, lang, file, resolver)
    out = Extraction(
        file=file, document=doc, paragraphs=layout.paragraphs, footnotes=layout.footnotes
    )
    finder = Finder(resolver, lang, layout.formula_body or _default_body(doc))
    finder.raw = text
    markers = _Markers(layout)
    starts = [p.start for p in layout.paragraphs]
    # the body text, paragraph by paragraph; verbs kept by file offset for the footnotes
    verbs_at: dict[str, list[tuple[int, str]]] = {}
    for para in layout.paragraphs:
        v, pos = cite.view(layout.masked, para.start, para.end)
        found = verbs_in(v, lang)
        para.verb = found[0][1] if found else None
        verbs_at[para.locator] = [(pos[at], verb) for at, verb in found]
        finder.run(
            v, pos, out, paragraph=para.locator, footnote=None, markers=markers, found_verbs=found
        )
    # footnotes, in order (Ibid. refers to the previous one)
    previous: list[Citation] = []
    for note in layout.footnotes:
        v, pos = cite.view(clean, note.start, note.end)
        verb = _verb_at(verbs_at, note.paragraph, note.marker) if note.marker is not None else None
        paragraph = note.paragraph
        footnote = None if note.number.startswith("*") else note.number
        before = len(out.citations)
        if cite.is_bare_ibid(v) and previous:
            for c in previous:
                out.citations.append(
                    Citation(
                        c.kind,
                        v.strip(),
                        pos[0],
                        pos[-1] + 1,
                        c.symbol,
                        c.target,
                        c.ref,
                        paragraph,
                        footnote,
                        verb,
                        min(c.confidence, 0.9),
                        c.known,
                    )
                )
        else:
            finder.run(v, pos, out, paragraph=paragraph, footnote=footnote, verb=verb)
        mine = out.citations[before:]
        for at in note.repeats:  # the same note cited again in a later paragraph
            where = locate(layout.paragraphs, at, starts)
            again = _verb_at(verbs_at, where, at)
            out.citations.extend(
                Citation(
                    c.kind,
                    c.text,
                    c.start,
                    c.end,
                    c.symbol,
                    c.target,
                    c.ref,
                    where,
                    footnote,
                    again,
                    c.confidence,
                    c.known,
                )
                for c in mine
            )
        previous = mine or previous
    if doc.symbol:  # the masthead prints the document's own symbol: not a citation
        out.citations = [
            c for c in out.citations if not (c.symbol == doc.symbol and c.paragraph == "heading")
        ]
    if doc.title:  # the document's own title, where a curated document has the same one
        own = " ".join(doc.title.split())
        out.citations = [
            c for c in out.citations if not (c.kind == "title" and " ".join(c.text.split()) == own)
        ]
    out.citations.sort(key=lambda c: (c.start, c.end))
    out.unresolved.sort(key=lambda u: (u.start, u.end))
    out.seconds = time.perf_counter() - started
    return out


def _default_body(doc: DocumentInfo) -> str | None:
    return "unga" if doc.symbol and doc.symbol.startswith("A/RES/") else None


def _verb_at(
    verbs_at: dict[str, list[tuple[int, str]]], locator: str | None, offset: int
) -> str | None:
    """The verb governing a footnote marker: the last one before it in its paragraph."""
    found = verbs_at.get(locator or "", [])
    before = [verb for at, verb in found if at <= offset]
    return before[-1] if before else (found[0][1] if found else None)


class Finder:
    """Runs every finder over one view and turns hits into citations or unresolved ones."""

    def __init__(self, resolver: Resolver, language: str, default_body: str | None) -> None:
        self.resolver = resolver
        self.language = language
        self.default_body = default_body
        self.raw: str | None = None  # the text as printed, which `pos` offsets index
        if "english" not in resolver.cache:  # compiled once per resolver, not per document
            mandates = {n: r for n, r in resolver.names.items() if r.startswith("mandate:")}
            resolver.cache["english"] = cite.names_pattern(
                resolver.english_names, ("instrument", "document", "mandate")
            )
            resolver.cache["mandates"] = mandates
            resolver.cache["mandates_zh"] = (
                re.compile(cite.alternation(list(mandates))) if mandates else None
            )
        self.english = resolver.cache["english"]
        mandates = resolver.cache["mandates"]
        self.mandates_zh = resolver.cache["mandates_zh"]
        self.mandate_names = mandates

    def hits(self, v: str) -> list[cite.Hit]:
        found = cite.find_links(v)
        taken = [(h.start, h.end) for h in found]
        for h in cite.find_symbols(v):
            if not any(s <= h.start < e for s, e in taken):
                found.append(h)
        if self.language == "zh":
            found += cite.find_resolutions_zh(v, self.default_body)
            found += cite.find_titles_zh(v)
            found += cite.find_names(v, self.mandate_names, self.mandates_zh)
        else:
            found += cite.find_resolutions_en(v, self.default_body)
            found += cite.find_names(v, self.resolver.english_names, self.english)
        found += cite.find_treaty_series(v)
        return found

    def run(
        self,
        v: str,
        pos: list[int],
        out: Extraction,
        paragraph: str | None,
        footnote: str | None,
        verb: str | None = None,
        markers: _Markers | None = None,
        found_verbs: list[tuple[int, str]] | None = None,
        default_verb: str | None = None,
    ) -> None:
        if not v.strip():
            return
        verbs = (
            found_verbs
            if found_verbs is not None
            else verbs_in(v, self.language)
            if verb is None
            else []
        )
        verb_offsets = [at for at, _ in verbs]
        seen_bodies: set[tuple[int, int]] = set()
        for hit in self.hits(v):
            start, end = pos[hit.start], pos[max(hit.end - 1, hit.start)] + 1
            fn = footnote
            if fn is None and markers is not None:
                fn = markers.adjacent(pos, hit.group_end or hit.end, v)
            hit_verb = verb
            if hit_verb is None:
                k = bisect.bisect_right(verb_offsets, hit.start)
                hit_verb = verbs[k - 1][1] if k else default_verb
            ref, symbol, known = self._resolve(hit)
            text = (
                "".join(self.raw[p] for p in pos[hit.start : hit.end]).replace("\n", " ")
                if self.raw is not None
                else v[hit.start : hit.end]
            )
            if ref is None and symbol is None:
                reason = hit.reason or f"no atkg entity for this {hit.kind}"
                out.unresolved.append(Unresolved(hit.kind, text, start, end, reason, paragraph, fn))
                continue
            out.citations.append(
                Citation(
                    hit.kind,
                    text,
                    start,
                    end,
                    symbol,
                    iri(ref) if ref else None,
                    ref,
                    paragraph,
                    fn,
                    hit_verb,
                    hit.confidence,
                    known,
                )
            )
            if (
                hit.body_span
                and hit.body_span not in seen_bodies
                and hit.body in {"ecosoc", "hrc", "chr", "ccpcj", "csw", "untoc-cop"}
            ):
                seen_bodies.add(hit.body_span)
                b_ref = f"body:{hit.body}"
                s, e = hit.body_span
                out.citations.append(
                    Citation(
                        "body",
                        v[s:e],
                        pos[s],
                        pos[e - 1] + 1,
                        None,
                        iri(b_ref),
                        b_ref,
                        paragraph,
                        None,
                        hit_verb,
                        0.8,
                        True,
                    )
                )

    def _resolve(self, hit: cite.Hit) -> tuple[str | None, str | None, bool]:
        r = self.resolver
        if hit.symbol:
            ref, known = r.document_ref(hit.symbol)
            return ref, hit.symbol, known
        if hit.kind == "decision" and hit.body == "untoc-cop" and hit.number:
            ref = r.cop_decision(hit.number)
            if ref is None:
                hit.reason = f"COP decision {hit.number} has no symbol and no atkg slug"
            return ref, None, ref is not None
        if hit.kind == "treaty-series" and hit.volume and hit.treaty_no:
            ref = r.treaty(hit.volume, hit.treaty_no)
            if ref is None:
                hit.reason = (
                    f"Treaty Series vol. {hit.volume}, No. {hit.treaty_no} is not "
                    "in data/curated/instruments.tsv"
                )
            return ref, None, ref is not None
        if hit.ref:
            return hit.ref, None, True
        if hit.kind == "title" and hit.title:
            ref = r.by_name(hit.title)
            return ref, None, ref is not None
        return None, None, False


class _Markers:
    """Footnote markers by offset, to find the one right after a citation quickly."""

    def __init__(self, layout: Layout) -> None:
        self.masked = layout.masked
        self.at = sorted((n.marker, n.number) for n in layout.footnotes if n.marker is not None)
        self.offsets = [at for at, _ in self.at]

    def adjacent(self, pos: list[int], end: int, v: str) -> str | None:
        """The footnote whose marker follows a citation directly (only punctuation between)."""
        if end > len(v) or not self.at:
            return None
        tail = v[end : end + 8]
        gap = len(tail) - len(tail.lstrip("，,。. \t)）》”"))
        origin = pos[end - 1] + 1 if end else 0
        limit = pos[end + gap] if end + gap < len(pos) else origin + 16
        k = bisect.bisect_left(self.offsets, origin)
        while k < len(self.at) and self.at[k][0] <= limit + 2:
            between = self.masked[origin : self.at[k][0]]
            if not between.strip(" \t\n，,。.)）》”"):
                return self.at[k][1]
            k += 1
        return None


# -- what the document is --------------------------------------------------------
_OWN_NUMBER = re.compile(r"^\s*(\d{2,3}/\d{1,4})\.\s*(\S.*?)\s*$")
_PLENARY_ZH = re.compile(
    r"第\s*\d+\s*次全体会议\s*(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日"
    r"|(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*第\s*\d+\s*次全体会议"
)
_PLENARY_EN = re.compile(r"\d+(?:st|nd|rd|th) plenary meeting\s+(\d{1,2}) ([A-Z][a-z]+) (\d{4})")
_MASTHEAD_DATE = re.compile(r"^(?:.*\s{3,})?(\d{1,2}) ([A-Z][a-z]+) (\d{4})$")
_ADOPTED = re.compile(r"\(adopted (\d{1,2}) ([A-Z][a-z]+) (\d{4})\)")


def _date_en(day: str, month: str, year: str) -> str | None:
    m = _MONTHS.get(month)
    return f"{year}-{m:02d}-{int(day):02d}" if m else None


def _document(text: str, layout: Layout, lang: str, file: str, resolver: Resolver) -> DocumentInfo:
    doc = DocumentInfo(language=lang, body=layout.formula_body)
    header = layout.header.get("DOCUMENT", "")
    if header:
        symbol, _, rest = header.partition(" - ")
        doc.symbol = normalise(symbol)
        title = re.split(r"\s*\(adopted|;", rest)[0].strip()
        doc.title = title or None
        m = _ADOPTED.search(header)
        if m:
            doc.date = _date_en(*m.groups())
    for line in layout.heading_lines[:8]:  # a masthead line that is only a symbol
        own = normalise(line) if len(line.split()) == 1 else None
        if own and not doc.symbol:
            doc.symbol = own
    for line in layout.heading_lines[:12]:  # "64/293. Title" of a GA resolution
        m = _OWN_NUMBER.match(line)
        if m:
            doc.symbol = doc.symbol or normalise(f"A/RES/{m.group(1)}")
            doc.title = doc.title or m.group(2)
            break
    if not doc.title:
        doc.title, letter_date = _heading_title(layout.heading_lines)
        doc.date = doc.date or letter_date
    if not doc.date:
        m = _PLENARY_ZH.search(text)
        if m:
            y, mo, d = [g for g in m.groups() if g]
            doc.date = f"{y}-{int(mo):02d}-{int(d):02d}"
        else:
            m = _PLENARY_EN.search(text)
            if m:
                doc.date = _date_en(*m.groups())
    if not doc.date:  # the masthead's date of issue, as a last resort
        for line in layout.heading_lines[:8]:
            m = _MASTHEAD_DATE.match(line)
            if m:
                doc.date = _date_en(*m.groups())
                break
    name = Path(file).name
    seed = resolver.seed_document(name)
    if seed and not doc.symbol and normalise(seed) == seed:
        doc.symbol = seed
    doc.key = doc.symbol or seed or _slug(name)
    if doc.body is None:
        for line in layout.heading_lines:
            author = _AUTHOR.search(line)
            if author:
                doc.body = _AUTHORS[author.group(0)]
                break
    return doc


_AUTHORS = {
    "秘书长的报告": "un-secretary-general",
    "Report of the Secretary-General": "un-secretary-general",
    "秘书处的报告": "un-secretariat",
    "Report of the Secretariat": "un-secretariat",
    "Note by the Secretariat": "un-secretariat",
}
_AUTHOR = re.compile("|".join(re.escape(a) for a in _AUTHORS))
_DATE_ZH = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")


def _heading_title(lines: list[str]) -> tuple[str | None, str | None]:
    """The title among the heading lines, and a date it carries (letters are titled by it).

    Reports put the title just before "秘书长的报告" / "Report of the Secretary-General";
    letters are titled "2010 年 2 月 24 日…的信" over several lines; otherwise the longest
    line that is neither metadata (digits) nor a sentence.
    """
    clean = [ln.strip("# *\\") for ln in lines]
    for i, line in enumerate(clean):
        if _AUTHOR.search(line):
            before = [
                c
                for c in clean[:i]
                if c and not re.search(r"[\d*]", c) and not c.endswith(("，", "。", ",", "."))
            ]
            if before:
                return before[-1], None
    for i, line in enumerate(clean):
        if line.endswith("的信") or line.startswith("Letter dated"):
            start = i
            while start > 0 and not _DATE_ZH.search(clean[start]) and i - start < 8:
                start -= 1
            title = (
                "".join(clean[start : i + 1]) if _cjk_text(line) else " ".join(clean[start : i + 1])
            )
            m = _DATE_ZH.search(title)
            date = f"{m.group(1)}-{int(m.group(2)):02d}-{int(m.group(3)):02d}" if m else None
            return title, date
    candidates = [
        c
        for c in clean
        if c
        and not re.search(r"\d", c)
        and 4 < len(c) <= 80
        and "：" not in c
        and not c.endswith(("，", "。", ",", "."))
    ]
    return (max(candidates, key=len) if candidates else None), None


def _cjk_text(text: str) -> bool:
    return bool(_CJK.search(text))


def _slug(name: str) -> str:
    from atkg.iris import slug

    return slug(Path(name).stem) or "document"
