"""Descriptive labels from UN symbols (atkg.symbol_labels): every symbol the tables and
the GA metadata hold gets an English and a Chinese label, in the form its kind of
document is cited in."""

from __future__ import annotations

import doctest
import json
import re

import pytest

import atkg.symbol_labels
from atkg.loaders import curated
from atkg.paths import ProjectPaths
from atkg.symbol_labels import is_generic, symbol_labels
from atkg.tables import read_table

PATHS = ProjectPaths.default()
#: document references that are not UN symbols (data sets the loaders describe)
NOT_SYMBOLS = ("untc/", "ilo/")
#: document class -> how the English and Chinese labels of its symbols begin and end
FORMS = {
    "GeneralAssemblyResolution": (r"General Assembly resolution ", r"^大会第.+号决议$"),
    "ECOSOCResolution": (
        r"Economic and Social Council resolution ",
        r"^经济及社会理事会第.+号决议$",
    ),
    "HumanRightsCouncilResolution": (
        r"Human Rights Council resolution ",
        r"^人权理事会第.+号决议$",
    ),
    "CommissionOnHumanRightsResolution": (
        r"Commission on Human Rights resolution ",
        r"^人权委员会第.+号决议$",
    ),
    "CommissionOnHumanRightsDecision": (
        r"Commission on Human Rights decision ",
        r"^人权委员会第.+号决定$",
    ),
}


def _symbols() -> dict[str, str]:
    """Every UN symbol the curated tables and the GA metadata name -> its class, if known."""
    found: dict[str, str] = {}
    for spec in curated.TABLES:
        path = PATHS.curated / f"{spec.name}.tsv"
        if not path.exists():
            continue
        table = read_table(path, spec.columns, display_path=path.name)
        for row in table.rows:
            if spec.name == "documents" and "/" in row.get("id"):
                found[row.get("id")] = row.get("type")
            for column in spec.columns:
                for value in row.values(column):
                    kind, sep, key = value.partition(":")
                    if sep and kind == "document" and "/" in key:
                        found.setdefault(key, "")
                    elif column in ("source", "adopted_by", "established_by") and "/" in value:
                        found.setdefault(value, "")
    metadata = PATHS.sources / "unga-metadata" / "trafficking-related.jsonl"
    for line in metadata.read_text(encoding="utf-8").splitlines():
        if line.strip():
            found[json.loads(line)["symbol"]] = "GeneralAssemblyResolution"
    return {s: t for s, t in sorted(found.items()) if not s.startswith(NOT_SYMBOLS)}


SYMBOLS = _symbols()


def test_doctests() -> None:
    result = doctest.testmod(atkg.symbol_labels)
    assert result.attempted > 0
    assert result.failed == 0


def test_symbols_found() -> None:
    """The tables name symbols of every kind of document the module has a form for."""
    assert {"A/RES/64/293", "E/RES/2006/27", "A/HRC/RES/6/14", "E/CN.4/DEC/2004/110"} <= set(
        SYMBOLS
    )


@pytest.mark.parametrize("symbol", list(SYMBOLS))
def test_every_symbol_has_both_labels(symbol: str) -> None:
    labels = symbol_labels(symbol)
    for text in labels:
        assert text and text == text.strip() and "  " not in text, repr(text)
    assert re.search(r"[\u4e00-\u9fff]", labels.zh), "the Chinese label has Chinese words"
    assert not re.search(r"[\u4e00-\u9fff]", labels.en), "the English label is English"
    if is_generic(symbol):
        assert labels.en.endswith(f" {symbol}") and labels.zh.endswith(f" {symbol}")
    expected = FORMS.get(SYMBOLS[symbol])
    if expected is not None:
        en, zh = expected
        assert labels.en.startswith(en), labels.en
        assert re.match(zh, labels.zh), labels.zh
        assert not is_generic(symbol)


@pytest.mark.parametrize(
    ("symbol", "en", "zh"),
    [
        ("A/RES/64/293", "General Assembly resolution 64/293", "大会第64/293号决议"),
        (
            "E/RES/2006/27",
            "Economic and Social Council resolution 2006/27",
            "经济及社会理事会第2006/27号决议",
        ),
        ("A/HRC/RES/6/14", "Human Rights Council resolution 6/14", "人权理事会第6/14号决议"),
        ("A/HRC/DEC/5/1", "Human Rights Council decision 5/1", "人权理事会第5/1号决定"),
        (
            "E/CN.4/RES/1990/68",
            "Commission on Human Rights resolution 1990/68",
            "人权委员会第1990/68号决议",
        ),
        (
            "E/CN.4/DEC/2004/110",
            "Commission on Human Rights decision 2004/110",
            "人权委员会第2004/110号决定",
        ),
        (
            "E/CN.15/RES/19/1",
            "Commission on Crime Prevention and Criminal Justice resolution 19/1",
            "预防犯罪和刑事司法委员会第19/1号决议",
        ),
        ("A/RES/S-23/2", "General Assembly resolution S-23/2", "大会第S-23/2号决议"),
        (
            "S/RES/2331(2016)",
            "Security Council resolution 2331 (2016)",
            "安全理事会第2331(2016)号决议",
        ),
        ("ST/SGB/2003/7", "Secretary-General's bulletin ST/SGB/2003/7", "秘书长公报 ST/SGB/2003/7"),
        (
            "CTOC/COP/2008/19",
            "Conference of the Parties (Organized Crime Convention) document CTOC/COP/2008/19",
            "联合国打击跨国有组织犯罪公约缔约方会议文件 CTOC/COP/2008/19",
        ),
        ("A/63/90", "United Nations document A/63/90", "联合国文件 A/63/90"),
        (
            "E/2002/68/Add.1",
            "United Nations document E/2002/68/Add.1",
            "联合国文件 E/2002/68/Add.1",
        ),
        (
            "A/C.3/70/L.5/Rev.1",
            "United Nations document A/C.3/70/L.5/Rev.1",
            "联合国文件 A/C.3/70/L.5/Rev.1",
        ),
        (
            "E/CN.15/2010/L.3/Rev.1",
            "United Nations document E/CN.15/2010/L.3/Rev.1",
            "联合国文件 E/CN.15/2010/L.3/Rev.1",
        ),
    ],
)
def test_forms(symbol: str, en: str, zh: str) -> None:
    assert symbol_labels(symbol) == (en, zh)


def test_empty_symbol_is_refused() -> None:
    with pytest.raises(ValueError, match="empty symbol"):
        symbol_labels(" ")
