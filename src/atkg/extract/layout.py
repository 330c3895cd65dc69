"""The layout of a plain-text UN document: header, footnotes, markers, paragraphs.

Text converted from PDF is the hard case: footnote blocks interrupt paragraphs at page
ends (after a `____` rule or a long blank line), markers touch the words they annotate
or sit on a line of their own, and every wrapped line is followed by an empty one. The
rules used here, all on the raw lines so offsets stay those of the file:

* a footnote block starts at a rule and holds definitions numbered in sequence
  (`12 text` or `12` then the text); it ends at the first line after a finished
  definition (one ending with a full stop) that does not start the next definition;
* a marker is the next expected footnote number standing at a line end (or alone on a
  line) after a word or punctuation, never a number followed by 年/月/日/号/卷 ...;
* a paragraph starts at a numbered line (`12. `, in sequence), or, after an empty line,
  at a line that follows a finished clause (，,；;。.：:) and, in documents whose
  paragraphs are indented, is itself indented. `(a)` items continue their paragraph.

Plain text in the `[fn N]` convention (../shared/corpus) is recognised as well.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from atkg.extract.model import Footnote, Paragraph

_RULE = re.compile(r"^\s*(?:_{5,}|-{5,}|={5,}|\s{20,})\s*$")
_DEF = re.compile(r"^\s*(\d{1,3}|\*{1,3})(?:\.?\s+(\S.*?)|\s*)\s*$")
_DEF_LIST = re.compile(r"^\s*(\d{1,3})\.\s+(\S.*?)\s*$")
_FN_MARK = re.compile(r"\[fn (\d{1,3})\]")
_NUMBERED = re.compile(r"^\s*(\d{1,3})\.\s+\S")
_SUBITEM = re.compile(r"^\s*\(?[a-z]{1,4}\)\s")
_STAR = re.compile(r"^\s*\\?\*{1,3}\s+(\S.*?)\s*$")
_URL_LINE = re.compile(r"^\s*(?:https?://|www\.)\S+\s*$")
_FINISHED = ("。", ".")
_CLAUSE_END = "，,；;。.：:"
_NOT_AFTER_MARKER = set("年月日号卷条款段章节项届次个名人多万亿岁%％/.:-")
_FORMULAS = {
    "大会": "unga",
    "The General Assembly": "unga",
    "经济及社会理事会": "ecosoc",
    "The Economic and Social Council": "ecosoc",
    "人权理事会": "hrc",
    "The Human Rights Council": "hrc",
    "安全理事会": "unsc",
    "The Security Council": "unsc",
}
_ANNEX = re.compile(r"^\s*(?:附件|Annex)\s*[一二三四五六七八九十IVX0-9]*\s*$")
_SUMMARY = re.compile(r"^\s*(?:#+\s*)?(?:摘要|Summary)\s*$")


@dataclass
class Line:
    start: int
    end: int  # exclusive, without the newline
    text: str
    blank_before: bool = False

    @property
    def stripped(self) -> str:
        return self.text.strip()


@dataclass
class Layout:
    """Masked text (header, footnote blocks and markers blanked) and the structure."""

    masked: str
    footnotes: list[Footnote] = field(default_factory=list)
    paragraphs: list[Paragraph] = field(default_factory=list)
    header: dict[str, str] = field(default_factory=dict)
    formula_body: str | None = None
    heading_lines: list[str] = field(default_factory=list)


def split_lines(text: str) -> list[Line]:
    lines: list[Line] = []
    pos = 0
    blank = True
    for raw in text.split("\n"):
        line = Line(pos, pos + len(raw), raw, blank_before=blank)
        lines.append(line)
        blank = not raw.strip()
        pos += len(raw) + 1
    return lines


def _blank(chars: list[str], start: int, end: int) -> None:
    for i in range(start, end):
        if chars[i] != "\n":
            chars[i] = " "


def _header(lines: list[Line], chars: list[str], layout: Layout) -> int:
    """The `SOURCE:` / `DOCUMENT:` / `NOTE:` ... `=====` header of ../shared/corpus files."""
    if not lines or not lines[0].text.startswith("SOURCE:"):
        return 0
    for i, line in enumerate(lines[:20]):
        key, sep, value = line.text.partition(":")
        if sep and key.isupper():
            layout.header[key] = value.strip()
        if line.stripped.startswith("====="):
            _blank(chars, 0, line.end)
            return i + 1
    return 0


def _finished(text: str) -> bool:
    return text.rstrip().endswith(_FINISHED)


def _footnote_blocks(lines: list[Line], first: int, chars: list[str], layout: Layout) -> set[int]:
    """Find PDF-style footnote blocks; return the indices of the lines they occupy."""
    used: set[int] = set()
    expected = 1
    starred = any("*" in ln.text[1:] for ln in lines[first : first + 30])
    i = first
    while i < len(lines):
        star = _STAR.match(lines[i].text) if starred else None
        if star:  # "* A/64/50." the note on the heading, wherever the page put it
            layout.footnotes.append(Footnote("*", lines[i].start + star.start(1), lines[i].end))
            used.add(i)
            _blank(chars, lines[i].start, lines[i].end)
            i += 1
            continue
        if not _RULE.match(lines[i].text) or lines[i].text == "":
            i += 1
            continue
        j = i + 1
        current: Footnote | None = None
        text_so_far = ""
        block = [i]
        while j < len(lines):
            line = lines[j]
            m = _DEF.match(line.text)
            if not line.stripped or _RULE.match(line.text):
                block.append(j)
                j += 1
                continue
            starts = m is not None and (m.group(1) == str(expected) or m.group(1).startswith("*"))
            if starts and m is not None:
                number = m.group(1)
                body_start = line.start + (m.start(2) if m.group(2) else len(line.text))
                current = Footnote(number, body_start, line.end)
                layout.footnotes.append(current)
                text_so_far = m.group(2) or ""
                if not number.startswith("*"):
                    expected += 1
            elif current is not None and (not _finished(text_so_far) or _URL_LINE.match(line.text)):
                if not _finished(text_so_far):
                    current.end = line.end
                    text_so_far += line.stripped
            else:
                break
            block.append(j)
            j += 1
        if current is None:  # a rule with no definition after it: not a footnote block
            i += 1
            continue
        for k in block:
            used.add(k)
            _blank(chars, lines[k].start, lines[k].end)
        i = j
    return used


def _bracket_footnotes(text: str, lines: list[Line], chars: list[str], layout: Layout) -> set[int]:
    """`[fn N]` markers with a `FOOTNOTES` list at the end (the corpus convention)."""
    used: set[int] = set()
    start = next(
        (k for k, ln in enumerate(lines) if ln.stripped.upper() in {"FOOTNOTES", "NOTES", "脚注"}),
        None,
    )
    if start is None:
        return used
    if start > 0 and lines[start - 1].stripped.startswith("---"):
        used.add(start - 1)
    for k in range(start, len(lines)):
        used.add(k)
        m = _DEF_LIST.match(lines[k].text)
        if m:
            layout.footnotes.append(Footnote(m.group(1), lines[k].start + m.start(2), lines[k].end))
        elif layout.footnotes and lines[k].stripped:
            layout.footnotes[-1].end = lines[k].end
    for k in used:
        _blank(chars, lines[k].start, lines[k].end)
    for m in _FN_MARK.finditer(text):
        note = next((f for f in layout.footnotes if f.number == m.group(1)), None)
        if note is not None and note.marker is None:
            note.marker = m.start()
        _blank(chars, m.start(), m.end())
    return used


def _markers(masked: str, chars: list[str], layout: Layout) -> None:
    """Find the marker of each numbered footnote, in order, in the masked body text."""
    pending = [f for f in layout.footnotes if f.number.isdigit() and f.marker is None]
    if not pending:
        return
    index = 0
    for m in _MARKER.finditer(masked):
        if index >= len(pending):
            break
        number = m.group(1)
        if number != pending[index].number:
            continue
        before = masked[max(0, m.start() - 200) : m.start()]
        touching = not before[-1:].isspace()
        before = before.rstrip()
        prev, prev2 = before[-1:], before[-2:-1]
        eol = masked[m.end(1) :].lstrip(" \t")[:1] in ("\n", "")
        after = masked[m.end(1) :].lstrip()
        if not _plausible_marker(number, prev, prev2, touching, eol, after[:1]):
            continue
        pending[index].marker = m.start(1)
        _blank(chars, m.start(1), m.end(1))
        index += 1
    _repeated_markers(masked, chars, layout)


_MARKER = re.compile(r"(?<![\d/])(\d{1,3})(?=[ \t]*\n|[ \t]*$|[ \t]?[^\x00-\x7f]|[ \t]+[a-z(])")


def _plausible_marker(
    number: str, prev: str, prev2: str, touching: bool, eol: bool, nxt: str
) -> bool:
    """Whether a number standing where a marker may stand is one, from its neighbours.

    Not after 第, a slash, a colon or a hyphen; after a Latin letter only touching it
    (Crime3); after a comma following a digit only if short (14,2 but not 1,600); never
    a decimal (8.7); mid-line before Latin text only touching the word before; never
    followed by 年, 月, 日, 号, 卷 … (a date or a number of something).
    """
    if not prev or prev in "第/:-" or prev.isdigit() or nxt in _NOT_AFTER_MARKER:
        return False
    if prev.isascii() and prev.isalpha() and not touching:
        return False
    if prev in ",." and prev2.isdigit() and (prev == "." or len(number) > 2):
        return False
    return not (not eol and nxt.isascii() and not touching)


def _repeated_markers(masked: str, chars: list[str], layout: Layout) -> None:
    """A note cited again later: the same words, then the same number, at a line end."""
    for note in layout.footnotes:
        if note.marker is None:
            continue
        context = re.sub(r"\s+", "", masked[max(0, note.marker - 40) : note.marker])[-5:]
        if len(context) < 4 or context[-1].isascii():
            continue
        pattern = r"\s*".join(re.escape(ch) for ch in context)
        for m in re.finditer(
            rf"{pattern}\s*({note.number})[ \t]*(?=\n|\s+[^\d\s年月日号卷])", masked
        ):
            if m.start(1) != note.marker:
                note.repeats.append(m.start(1))
                _blank(chars, m.start(1), m.end(1))


def analyse(text: str) -> Layout:
    """Header, footnotes, markers and paragraphs of a plain-text document."""
    chars = list(text)
    layout = Layout(masked=text)
    lines = split_lines(text)
    first = _header(lines, chars, layout)
    if _FN_MARK.search(text):
        used = _bracket_footnotes(text, lines, chars, layout)
    else:
        used = _footnote_blocks(lines, first, chars, layout)
        _markers("".join(chars), chars, layout)
    layout.masked = "".join(chars)
    _paragraphs(layout, [ln for k, ln in enumerate(lines) if k >= first and k not in used])
    starts = [p.start for p in layout.paragraphs]
    for note in layout.footnotes:
        if note.number.startswith("*"):
            note.paragraph = "heading"
        elif note.marker is not None:
            note.paragraph = locate(layout.paragraphs, note.marker, starts)
    return layout


def locate(paragraphs: list[Paragraph], offset: int, starts: list[int] | None = None) -> str | None:
    """Locator of the paragraph holding an offset (the last one starting at or before it)."""
    starts = starts if starts is not None else [p.start for p in paragraphs]
    k = bisect.bisect_right(starts, offset)
    return paragraphs[k - 1].locator if k else None


def _paragraphs(layout: Layout, lines: list[Line]) -> None:
    masked = layout.masked
    body = [ln for ln in lines if masked[ln.start : ln.end].strip()]
    indented = sum(1 for ln in body if masked[ln.start : ln.end][:1] in " \t")
    indent_style = bool(body) and indented >= 3 and indented / len(body) >= 0.1
    mode = "heading"  # heading, summary, preamble, body, annex
    formula = False
    counts = {"pp": 0, "annex pp": 0}
    last_number = 0
    current: Paragraph | None = None
    prev_text = ""
    paragraphs = layout.paragraphs

    def open_(locator: str, kind: str, start: int) -> Paragraph:
        para = Paragraph(locator, kind, start, start)
        paragraphs.append(para)
        return para

    prev_end = 0
    for ln in body:
        text = masked[ln.start : ln.end]
        # an empty line before it, counting footnote blocks and markers as empty
        ln.blank_before = masked.count("\n", prev_end, ln.start) >= 2 or prev_end == 0
        prev_end = ln.end
        stripped = text.strip()
        head = stripped.rstrip("，,:：")
        numbered = _NUMBERED.match(text)
        if head in _FORMULAS and not formula:
            formula, mode = True, "preamble"
            layout.formula_body = _FORMULAS[head]
            current, prev_text = None, stripped
            continue
        if _ANNEX.match(text):
            mode, last_number, current, prev_text = "annex", 0, None, stripped
            continue
        if _SUMMARY.match(text) and mode == "heading":
            mode = "summary"
            current = open_("summary", "summary", ln.start)
            prev_text = stripped
            continue
        if numbered and int(numbered.group(1)) == last_number + 1:
            last_number = int(numbered.group(1))
            n = numbered.group(1)
            if mode == "annex":
                current = open_(f"annex para {n}", "annex", ln.start)
            elif formula:
                current = open_(f"op {n}", "operative", ln.start)
                mode = "body"
            else:
                current = open_(f"para {n}", "paragraph", ln.start)
                mode = "body"
        elif current is not None and _SUBITEM.match(text):
            pass
        elif mode == "heading":
            layout.heading_lines.append(stripped)
            if current is None:
                current = open_("heading", "heading", ln.start)
        else:
            starts = (
                ln.blank_before
                and prev_text[-1:] in _CLAUSE_END
                and (not indent_style or text[:1] in " \t")
            )
            if current is None or (starts and mode in {"preamble", "annex"}):
                if mode == "preamble":
                    counts["pp"] += 1
                    current = open_(f"pp {counts['pp']}", "preambular", ln.start)
                elif mode == "annex" and last_number == 0:
                    counts["annex pp"] += 1
                    current = open_(f"annex pp {counts['annex pp']}", "annex", ln.start)
                elif current is None:
                    current = open_("heading", "heading", ln.start)
        if current is not None:
            current.end = ln.end
        prev_text = stripped
