"""Citation finders: each scans a joined view of some text and returns raw hits.

A view is the text with line breaks removed where they split a word or a symbol (between
two CJK characters, next to a `/`), and a map back to the offsets of the file, so every
hit keeps the exact place where it was printed. Finders know nothing of paragraphs or
footnotes; `text.py` places the hits and resolves them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from atkg.extract.symbols import normalise, resolution_symbol

_BREAK = re.compile(r"[ \t\r\u3000]*\n\s*")


def _cjk(ch: str) -> bool:
    return bool(ch) and (ord(ch) >= 0x2E80 or ch in "“”‘’—…·")


def view(text: str, start: int = 0, end: int | None = None) -> tuple[str, list[int]]:
    """The joined view of text[start:end] and, for each of its characters, the offset in text.

    >>> v, pos = view("第 61/180\\n\\n号决议")
    >>> v, pos[v.index("号")]
    ('第 61/180号决议', 10)
    """
    end = len(text) if end is None else end
    out: list[str] = []
    pos: list[int] = []
    i = start
    for m in _BREAK.finditer(text, start, end):
        out.append(text[i : m.start()])
        pos.extend(range(i, m.start()))
        a = text[m.start() - 1] if m.start() > start else ""
        b = text[m.end()] if m.end() < end else ""
        if not (a == "/" or b == "/" or (_cjk(a) and _cjk(b)) or (a == "-" and b.islower())):
            out.append(" ")
            pos.append(m.start())
        i = m.end()
    out.append(text[i:end])
    pos.extend(range(i, end))
    return "".join(out), pos


@dataclass
class Hit:
    start: int  # view offsets
    end: int
    kind: str
    symbol: str | None = None
    ref: str | None = None  # typed reference when known without a lookup
    number: str | None = None  # resolution/decision number as printed (64/293)
    body: str | None = None  # issuing body of a cited resolution, when named
    body_span: tuple[int, int] | None = None
    volume: int | None = None
    treaty_no: int | None = None
    title: str | None = None
    confidence: float = 1.0
    group_end: int | None = None  # end of the list the hit belongs to
    reason: str | None = None  # why it cannot resolve, when known already


def alternation(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


# -- symbols and links -------------------------------------------------------------
_LINK = re.compile(
    r"(?:https?://)?(?:www\.)?(?:undocs\.org|docs\.un\.org|documents\.un\.org/symbol)"
    r"/(?:(?:en|zh|ch|fr|es|ru|ar)/)?([A-Za-z0-9][A-Za-z0-9./()\-]*[A-Za-z0-9)])"
)
_SYMBOL = re.compile(
    r"(?<![A-Za-z0-9/.\-])([A-Z]{1,6}(?:\.\d{1,3})?(?:/ ?[A-Za-z0-9][A-Za-z0-9.\-]*)+"
    r"(?: ?\((?:\d{4}|[IVXLC]+|Part ?[IVX]+)\))?)"
)


def find_links(text: str) -> list[Hit]:
    hits = []
    for m in _LINK.finditer(text):
        symbol = normalise(m.group(1))
        if symbol:
            hits.append(Hit(m.start(), m.end(), "link", symbol=symbol))
    return hits


def find_symbols(text: str) -> list[Hit]:
    hits = []
    for m in _SYMBOL.finditer(text):
        raw = m.group(1)
        symbol = normalise(raw)
        if symbol is None:
            continue
        end = m.end()
        while end > m.start() and text[end - 1] in ".,;:" and not raw.endswith(("Add.", "Rev.")):
            end -= 1
        hits.append(Hit(m.start(), end, "symbol", symbol=symbol))
    return hits


# -- resolutions and decisions by number -------------------------------------------
_BODIES_ZH = {
    "经济及社会理事会": "ecosoc",
    "经社理事会": "ecosoc",
    "人权理事会": "hrc",
    "人权委员会": "chr",
    "安全理事会": "unsc",
    "安理会": "unsc",
    "缔约方会议": "untoc-cop",
    "预防犯罪和刑事司法委员会": "ccpcj",
    "妇女地位委员会": "csw",
    "大会": "unga",
}
_BODIES_EN = {
    "Economic and Social Council": "ecosoc",
    "Human Rights Council": "hrc",
    "Commission on Human Rights": "chr",
    "Security Council": "unsc",
    "Conference of the Parties": "untoc-cop",
    "Commission on the Status of Women": "csw",
    "Commission on Crime Prevention and Criminal Justice": "ccpcj",
    "General Assembly": "unga",
    "Assembly": "unga",
    "its": "unga",
}
_BODY_ZH = re.compile(rf"(?<!司法)(?<!首脑)({alternation(list(_BODIES_ZH))})")
_BODY_EN = re.compile(rf"\b({alternation(list(_BODIES_EN))})\b")
_NUM = r"\d{1,4}/\d{1,4}(?: ?[A-Z](?![A-Za-z]))?"
_ZH_ITEM = re.compile(rf"第\s*({_NUM}(?:\s*(?:、|，|,|和|及|以及)\s*{_NUM})*)\s*号")
_NUM_RX = re.compile(_NUM)
_ZH_SEP = re.compile(
    r"^[\s、，,和及与以及]*(?:\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日(?:\s*[和至]\s*\d{1,2}\s*日)?"
    r"(?:\s*的)?)?\s*$"
)
_ZH_KIND = re.compile(r"\s*(决议|决定)")
_DATE_EN = r"(?: of \d{1,2} [A-Z][a-z]+ \d{4})?"
_EN_LIST = re.compile(
    rf"\b([Rr]esolutions?|[Dd]ecisions?) ({_NUM}){_DATE_EN}"
    rf"((?:(?:,| and|, and) {_NUM}{_DATE_EN})*)"
)
_EN_ITEM = re.compile(_NUM)
_GA_OLD = re.compile(r"\b[Rr]esolutions? (\d{1,4}) ?(?:[A-Z] ?)?\(([IVXLC]+)\)")
_GA_OLD_ZH = re.compile(r"第\s*(\d{1,4})\s*(?:[A-Z]\s*)?\(([IVXLC]+)\)\s*号决议")
_SC = re.compile(r"\b[Rr]esolutions? (\d{1,4}) ?\((\d{4})\)")


def _clause_start(text: str, lo: int, at: int) -> int:
    """Start of the clause ending at `at`: after the last 。；： outside quotation marks."""
    depth = 0
    for i in range(at - 1, lo - 1, -1):
        ch = text[i]
        if ch in "”」》":
            depth += 1
        elif ch in "“「《":
            depth = max(depth - 1, 0)
        elif depth == 0 and ch in "。；：;:":
            return i + 1
    return lo


def _body_before(text: str, at: int, language: str, floor: int) -> tuple[str, int, int] | None:
    """The issuing body named nearest before `at`, within its clause."""
    if language == "zh":
        lo = max(floor, at - 160)
        lo = _clause_start(text, lo, at)
        found = list(_BODY_ZH.finditer(text, lo, at))
        if found:
            m = found[-1]
            return _BODIES_ZH[m.group(1)], m.start(), m.end()
        return None
    lo = max(floor, at - 60)
    found = list(_BODY_EN.finditer(text, lo, at))
    if found:
        m = found[-1]
        return _BODIES_EN[m.group(1)], m.start(), m.end()
    return None


def _resolve_number(hit: Hit, default: str | None) -> None:
    from atkg.extract.symbols import guess_body

    body = hit.body or default or guess_body(hit.number or "")
    if hit.body is None and default == "unga" and guess_body(hit.number or "") == "ecosoc":
        body = "ecosoc"
    if body is None:
        hit.reason = "no issuing body named, and the number fits no body's scheme"
        return
    hit.symbol = resolution_symbol(hit.number or "", body, hit.kind)
    if hit.symbol is None and body != "untoc-cop":
        hit.reason = f"{body} {hit.kind} {hit.number} has no UN symbol atkg can build"
    if hit.body is None:
        hit.confidence = 0.9


def find_resolutions_zh(text: str, default_body: str | None, floor: int = 0) -> list[Hit]:
    """ "第 64/293 号决议", lists "第 61/180 号、… 和 … 第 68/192 号决议", decisions."""
    items = list(_ZH_ITEM.finditer(text))
    groups: list[list[re.Match[str]]] = []
    for m in items:
        if groups and _ZH_SEP.match(text[groups[-1][-1].end() : m.start()]):
            groups[-1].append(m)
        else:
            groups.append([m])
    hits: list[Hit] = [
        Hit(
            m.start(),
            m.end(),
            "resolution",
            symbol=f"A/RES/{int(m.group(1))}({m.group(2)})",
            body="unga",
        )
        for m in _GA_OLD_ZH.finditer(text)
    ]
    for group in groups:
        tail = _ZH_KIND.match(text, group[-1].end())
        if not tail:
            continue
        kind = "resolution" if tail.group(1) == "决议" else "decision"
        named = _body_before(text, group[0].start(), "zh", floor)
        for m in group:
            numbers = list(_NUM_RX.finditer(text, m.start(1), m.end(1)))
            for k, n in enumerate(numbers):
                last = m is group[-1] and k == len(numbers) - 1
                start = m.start() if k == 0 else n.start()
                end = tail.end() if last else (m.end() if k == len(numbers) - 1 else n.end())
                hit = Hit(
                    start, end, kind, number=re.sub(r"\s+", "", n.group(0)), group_end=tail.end()
                )
                if named:
                    hit.body, hit.body_span = named[0], (named[1], named[2])
                _resolve_number(hit, default_body)
                hits.append(hit)
    return hits


def find_resolutions_en(text: str, default_body: str | None, floor: int = 0) -> list[Hit]:
    """ "resolution 64/293", "resolutions 55/67, 58/137 and 63/194", SC "2331 (2016)"."""
    hits: list[Hit] = []
    for m in _EN_LIST.finditer(text):
        kind = "resolution" if m.group(1).lower().startswith("resolution") else "decision"
        named = _body_before(text, m.start(), "en", floor)
        numbers = [(m.start(2), m.end(2))] + [
            (m.start(3) + n.start(), m.start(3) + n.end()) for n in _EN_ITEM.finditer(m.group(3))
        ]
        for k, (s, e) in enumerate(numbers):
            hit = Hit(
                m.start() if k == 0 else s,
                e,
                kind,
                number=text[s:e].replace(" ", ""),
                group_end=m.end(),
            )
            if named:
                hit.body, hit.body_span = named[0], (named[1], named[2])
            _resolve_number(hit, default_body)
            hits.append(hit)
    for m in _GA_OLD.finditer(text):  # before 1976: "resolution 2200 A (XXI)"
        hits.append(
            Hit(
                m.start(),
                m.end(),
                "resolution",
                symbol=f"A/RES/{int(m.group(1))}({m.group(2)})",
                body="unga",
            )
        )
    for m in _SC.finditer(text):
        hits.append(
            Hit(
                m.start(),
                m.end(),
                "resolution",
                symbol=f"S/RES/{int(m.group(1))}({m.group(2)})",
                body="unsc",
            )
        )
    return hits


# -- United Nations Treaty Series --------------------------------------------------
_UNTS_ZH = re.compile(
    r"(《条约汇编》|条约汇编|同上)\s*[，,]\s*第\s*(\d+)\s*(?:卷\s*[和、及]\s*第?\s*|[和、及]\s*)?(\d+)?\s*卷"
    r"\s*[，,]\s*第\s*(\d+)\s*号"
)
_UNTS_EN = re.compile(
    r"(Treaty Series|Ibid\.?)\s*,\s*vols?\.\s*(\d+)(?:\s*(?:and|,)\s*(\d+))?\s*,\s*No\.\s*(\d+)"
)


def find_treaty_series(text: str) -> list[Hit]:
    hits = []
    for rx in (_UNTS_ZH, _UNTS_EN):
        for m in rx.finditer(text):
            ibid = m.group(1).startswith(("同上", "Ibid"))
            for vol in (m.group(2), m.group(3)):
                if vol:
                    hits.append(
                        Hit(
                            m.start(),
                            m.end(),
                            "treaty-series",
                            volume=int(vol),
                            treaty_no=int(m.group(4)),
                            confidence=0.95 if ibid else 1.0,
                        )
                    )
    return hits


_IBID = re.compile(r"^\s*(?:同上|Ibid\.?)\s*[。.]?\s*$")


def is_bare_ibid(text: str) -> bool:
    """A footnote that only says 'Ibid.': it cites what the previous footnote cites."""
    return bool(_IBID.match(text))


# -- titles ----------------------------------------------------------------------
_TITLE_ZH = re.compile(r"《([^《》\n]{2,160})》")
_SKIP_TITLES = ("条约汇编", "正式记录", "宪章》")


def find_titles_zh(text: str) -> list[Hit]:
    hits = []
    for m in _TITLE_ZH.finditer(text):
        title = m.group(1)
        if any(s in title for s in _SKIP_TITLES[:2]):
            continue
        hits.append(Hit(m.start(), m.end(), "title", title=title, confidence=0.9))
    return hits


def find_names(text: str, names: dict[str, str], pattern: re.Pattern[str] | None) -> list[Hit]:
    """Occurrences of known names (English instrument titles, mandates), longest first."""
    if pattern is None:
        return []
    hits = []
    for m in pattern.finditer(text):
        ref = names[m.group(0)]
        kind = "mandate" if ref.startswith("mandate:") else "title"
        hits.append(Hit(m.start(), m.end(), kind, ref=ref, title=m.group(0), confidence=0.85))
    return hits


def names_pattern(names: dict[str, str], kinds: tuple[str, ...]) -> re.Pattern[str] | None:
    chosen = [n for n, ref in names.items() if ref.split(":")[0] in kinds and len(n) >= 12]
    if not chosen:
        return None
    return re.compile(rf"(?<![\w-])(?:{alternation(chosen)})(?![\w-])")
