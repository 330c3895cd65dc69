"""Descriptive labels derived from a UN document symbol, in English and Chinese.

Many documents the seeds cite are known only by their symbol: no title is printed, and
an English or Chinese title is stated only where it is known with certainty. Such a
document still needs a label in both languages, so that every display can name it; the
symbol itself gives one, in the citation forms UN texts use ("General Assembly
resolution 64/293", "大会第64/293号决议"). These are descriptions, not titles: the loaders
state them as rdfs:label only, never as skos:prefLabel or dcterms:title, so that a
reader can tell a title from our description (data/curated/README.md, "Labels").

Resolutions and decisions of the General Assembly, ECOSOC, the Human Rights Council, the
Commission on Human Rights and the Commission on Crime Prevention and Criminal Justice,
Security Council resolutions, Secretary-General's bulletins and documents of the
Conference of the Parties to the Organized Crime Convention have their own forms; any
other symbol (reports, letters, drafts) gets the generic "United Nations document X".
"""

from __future__ import annotations

import re
from typing import NamedTuple


class SymbolLabels(NamedTuple):
    """The English and the Chinese descriptive label of one symbol."""

    en: str
    zh: str


_RES = ("resolution", "决议")
_DEC = ("decision", "决定")
#: (symbol pattern with the number as group "n", English organ, Chinese organ, kind)
_NUMBERED: tuple[tuple[re.Pattern[str], str, str, tuple[str, str]], ...] = tuple(
    (re.compile(pattern), en, zh, kind)
    for pattern, en, zh, kind in (
        (r"^A/RES/(?P<n>(?:E?S-)?\d+/\d+)$", "General Assembly", "大会", _RES),
        (r"^A/DEC/(?P<n>(?:E?S-)?\d+/\d+)$", "General Assembly", "大会", _DEC),
        (r"^E/RES/(?P<n>\d{4}/\d+)$", "Economic and Social Council", "经济及社会理事会", _RES),
        (r"^E/DEC/(?P<n>\d{4}/\d+)$", "Economic and Social Council", "经济及社会理事会", _DEC),
        (r"^A/HRC/RES/(?P<n>(?:S-)?\d+/\d+)$", "Human Rights Council", "人权理事会", _RES),
        (r"^A/HRC/DEC/(?P<n>(?:S-)?\d+/\d+)$", "Human Rights Council", "人权理事会", _DEC),
        (r"^E/CN\.4/RES/(?P<n>\d{4}/\d+)$", "Commission on Human Rights", "人权委员会", _RES),
        (r"^E/CN\.4/DEC/(?P<n>\d{4}/\d+)$", "Commission on Human Rights", "人权委员会", _DEC),
        (
            r"^E/CN\.15/RES/(?P<n>\d+/\d+)$",
            "Commission on Crime Prevention and Criminal Justice",
            "预防犯罪和刑事司法委员会",
            _RES,
        ),
        (
            r"^E/CN\.15/DEC/(?P<n>\d+/\d+)$",
            "Commission on Crime Prevention and Criminal Justice",
            "预防犯罪和刑事司法委员会",
            _DEC,
        ),
    )
)
_SECURITY_COUNCIL = re.compile(r"^S/RES/(?P<n>\d+)\s?\((?P<year>\d{4})\)$")
#: (symbol prefix, English form, Chinese form) of documents named by their issuer
_ISSUED: tuple[tuple[str, str, str], ...] = (
    ("ST/SGB/", "Secretary-General's bulletin {s}", "秘书长公报 {s}"),
    (
        "CTOC/COP/",
        "Conference of the Parties (Organized Crime Convention) document {s}",
        "联合国打击跨国有组织犯罪公约缔约方会议文件 {s}",
    ),
)
GENERIC = SymbolLabels("United Nations document {s}", "联合国文件 {s}")


def symbol_labels(symbol: str) -> SymbolLabels:
    """The descriptive English and Chinese labels of a document known by its UN symbol.

    >>> symbol_labels("A/RES/64/293")
    SymbolLabels(en='General Assembly resolution 64/293', zh='大会第64/293号决议')
    >>> symbol_labels("E/RES/2006/27").zh
    '经济及社会理事会第2006/27号决议'
    >>> symbol_labels("A/HRC/RES/6/14")
    SymbolLabels(en='Human Rights Council resolution 6/14', zh='人权理事会第6/14号决议')
    >>> symbol_labels("E/CN.4/DEC/2004/110")
    SymbolLabels(en='Commission on Human Rights decision 2004/110', zh='人权委员会第2004/110号决定')
    >>> symbol_labels("A/RES/ES-10/19").zh
    '大会第ES-10/19号决议'
    >>> symbol_labels("S/RES/2331(2016)")
    SymbolLabels(en='Security Council resolution 2331 (2016)', zh='安全理事会第2331(2016)号决议')
    >>> symbol_labels("CTOC/COP/2010/1").zh
    '联合国打击跨国有组织犯罪公约缔约方会议文件 CTOC/COP/2010/1'
    >>> symbol_labels("E/2002/68/Add.1")
    SymbolLabels(en='United Nations document E/2002/68/Add.1', zh='联合国文件 E/2002/68/Add.1')
    """
    symbol = symbol.strip()
    if not symbol:
        raise ValueError("an empty symbol has no label")
    for pattern, organ_en, organ_zh, (kind_en, kind_zh) in _NUMBERED:
        m = pattern.match(symbol)
        if m:
            n = m.group("n")
            return SymbolLabels(f"{organ_en} {kind_en} {n}", f"{organ_zh}第{n}号{kind_zh}")
    m = _SECURITY_COUNCIL.match(symbol)
    if m:
        n, year = m.group("n"), m.group("year")
        return SymbolLabels(
            f"Security Council resolution {n} ({year})", f"安全理事会第{n}({year})号决议"
        )
    for prefix, en, zh in _ISSUED:
        if symbol.startswith(prefix):
            return SymbolLabels(en.format(s=symbol), zh.format(s=symbol))
    return SymbolLabels(GENERIC.en.format(s=symbol), GENERIC.zh.format(s=symbol))


def is_generic(symbol: str) -> bool:
    """True when the symbol has no form of its own and gets "United Nations document X".

    >>> is_generic("A/63/53"), is_generic("A/RES/63/156")
    (True, False)
    """
    return symbol_labels(symbol).en == GENERIC.en.format(s=symbol.strip())
