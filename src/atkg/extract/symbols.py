"""UN document symbols: recognise, normalise, and build them from a body and a number.

A symbol as printed may carry full-width characters, spaces or line breaks, lower-case
series letters or a trailing full stop; the canonical form is the English one the UN
uses in undocs.org links (A/RES/64/293, E/CN.4/DEC/2004/110, E/2002/68/Add.1), which is
also the key of a document in data/curated/documents.tsv.

>>> normalise("Ａ／ＲＥＳ／６４／２９３。")
'A/RES/64/293'
>>> normalise("E/2002/68/\\n add.1")
'E/2002/68/Add.1'
>>> resolution_symbol("2006/27", "ecosoc", "resolution")
'E/RES/2006/27'
>>> resolution_symbol("2004/110", "chr", "decision")
'E/CN.4/DEC/2004/110'
"""

from __future__ import annotations

import re

#: Series that open UN document symbols (first element), for recognising bare symbols.
SERIES = frozenset(
    {
        "A",
        "E",
        "S",
        "ST",
        "CTOC",
        "CEDAW",
        "CRC",
        "CCPR",
        "CAT",
        "CERD",
        "CMW",
        "CRPD",
        "CED",
        "HRI",
        "TD",
        "UNEP",
        "DP",
        "ICEF",
        "UNW",
        "CAC",
        "ECE",
        "ESCAP",
        "ICCD",
        "FCCC",
        "TRADE",
        "SG",
        "UNODC",
        "UNCTAD",
        "APLC",
        "CCW",
        "BWC",
        "NPT",
        "HRC",
        "JIU",
    }
)

# Chinese keeps its own comma, colon, semicolon, ! and ?: they are punctuation, not ASCII
_KEEP = {ord(ch) for ch in "，：；！？"}
_FULLWIDTH = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F) if cp not in _KEEP}
_FULLWIDTH[0x3000] = 0x20  # ideographic space


def halfwidth(text: str) -> str:
    """Map full-width ASCII variants and the ideographic space to ASCII, keeping length.

    Offsets into the result are offsets into the input, which the extractors rely on.

    >>> halfwidth("第６４／２９３号")
    '第64/293号'
    """
    return text.translate(_FULLWIDTH)


_SUFFIX = re.compile(r"^(add|rev|corr|amend|sup|suppl|summary)\.?(\d+)$", re.IGNORECASE)
_SEGMENT = re.compile(r"^[A-Z0-9][A-Za-z0-9.\-]*(?:\(\d{4}\)|\([IVXLC]+\))?$")
_TRAILING = ".,;:)]}>\"'。，；：）》」"
_LEADING = "([{<\"'（《「"


def normalise(raw: str) -> str | None:
    """The canonical symbol for a printed one, or None if it is not a UN symbol.

    Idempotent: normalise(normalise(s)) == normalise(s) for every s it accepts.

    >>> normalise("a/hrc/res/6/14")
    'A/HRC/RES/6/14'
    >>> normalise("S/RES/2331 (2016)")
    'S/RES/2331(2016)'
    >>> normalise("HIV/AIDS") is None
    True
    """
    text = "".join(halfwidth(raw).split()).lstrip(_LEADING)
    while text and text[-1] in _TRAILING:
        if text[-1] == ")" and text.count("(") >= text.count(")"):
            break
        text = text[:-1]
    if text.endswith("(") or not text:
        return None
    parts = text.split("/")
    if len(parts) < 2 or any(not p for p in parts):
        return None
    out: list[str] = []
    for i, part in enumerate(parts):
        m = _SUFFIX.match(part)
        if m and i >= 2:
            out.append(f"{m.group(1).capitalize()}.{int(m.group(2))}")
            continue
        if part.isdigit():
            out.append(str(int(part)))
            continue
        upper = part.upper()
        # numbers with a year or roman session in brackets: 2331(2016), 217(III)
        bracket = re.match(r"^(\d+)([A-Z]?)\((\d{4}|[IVXLC]+)\)$", upper)
        if bracket:
            out.append(f"{int(bracket.group(1))}{bracket.group(2)}({bracket.group(3)})")
            continue
        part = re.match(r"^(\d+)\(PART([IVX]+)\)$", upper)  # A/73/12(PartI), as undocs.org
        if part:
            out.append(f"{int(part.group(1))}(Part{part.group(2)})")
            continue
        if not _SEGMENT.match(upper):
            return None
        out.append(upper)
    if not any(ch.isdigit() for ch in "".join(out[1:])):
        return None
    head = out[0].split(".")[0]
    if not (head in SERIES or (head.isalpha() and len(head) <= 6 and len(out) >= 3)):
        return None
    return "/".join(out)


def is_symbol(text: str) -> bool:
    return normalise(text) is not None


#: How each body numbers its resolutions and decisions, as symbol templates.
_TEMPLATES: dict[tuple[str, str], str] = {
    ("unga", "resolution"): "A/RES/{n}",
    ("unga", "decision"): "A/DEC/{n}",
    ("ecosoc", "resolution"): "E/RES/{n}",
    ("ecosoc", "decision"): "E/DEC/{n}",
    ("hrc", "resolution"): "A/HRC/RES/{n}",
    ("hrc", "decision"): "A/HRC/DEC/{n}",
    ("chr", "resolution"): "E/CN.4/RES/{n}",
    ("chr", "decision"): "E/CN.4/DEC/{n}",
    ("unsc", "resolution"): "S/RES/{n}",
}

_NUMBER = re.compile(r"^(\d{1,4})/(\d{1,4})(?:\s*([A-Z]))?$")


def resolution_symbol(number: str, body: str | None, kind: str) -> str | None:
    """The symbol of resolution or decision `number` of `body`, or None if it has none.

    Checks plausibility, so that a number in another body's scheme is not taken for a
    General Assembly one: GA numbers have a session (31 onwards) before the slash, ECOSOC
    and Commission on Human Rights numbers a year.

    >>> resolution_symbol("64/293", "unga", "resolution")
    'A/RES/64/293'
    >>> resolution_symbol("9/1", "unga", "resolution") is None
    True
    >>> resolution_symbol("4/4", "untoc-cop", "decision") is None
    True
    """
    m = _NUMBER.match(halfwidth(number).strip())
    if not m or body is None:
        return None
    first, second, letter = int(m.group(1)), int(m.group(2)), m.group(3) or ""
    if (body, kind) not in _TEMPLATES or body == "unsc":
        return None
    year_based = body in {"ecosoc", "chr"}
    if year_based and not 1946 <= first <= 2100:
        return None
    if body == "unga" and not 31 <= first <= 120:
        return None
    if body == "hrc" and not 1 <= first <= 90:
        return None
    if second == 0:
        return None
    return _TEMPLATES[body, kind].format(n=f"{first}/{second}{letter}")


def security_council_symbol(number: str, year: str) -> str:
    """S/RES/2331(2016)."""
    return f"S/RES/{int(number)}({int(year)})"


def guess_body(number: str) -> str | None:
    """The body a bare resolution number most likely belongs to, from its shape alone.

    >>> guess_body("64/293"), guess_body("2006/27"), guess_body("9/1")
    ('unga', 'ecosoc', None)
    """
    m = _NUMBER.match(halfwidth(number).strip())
    if not m:
        return None
    first = int(m.group(1))
    if 31 <= first <= 120:
        return "unga"
    if 1946 <= first <= 2100:
        return "ecosoc"
    return None
