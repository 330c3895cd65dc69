"""Reports of the seed graph, written once per session in English and in Chinese.

The English report is read at the end of 2013, inside the Protocol's status table, so
that participation numbers are those of the table and not of today's date.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import pytest

from atkg.paths import ProjectPaths
from atkg.store import EmbeddedStore

pytest.importorskip("matplotlib", reason="atkg report needs the `report` extra (matplotlib)")

from atkg.report.write import Written, write_report

AS_OF = "2013-12-31"


@dataclass
class Produced:
    written: Written
    seconds: float
    folder: Path

    @property
    def html(self) -> str:
        return (self.folder / "report.html").read_text(encoding="utf-8")

    @property
    def markdown(self) -> str:
        return (self.folder / "report.md").read_text(encoding="utf-8")


def _produce(store: EmbeddedStore, paths: ProjectPaths, folder: Path, **scope: str) -> Produced:
    started = time.perf_counter()
    written = write_report(store, folder, paths.queries, **scope)  # type: ignore[arg-type]
    return Produced(written, time.perf_counter() - started, folder)


@pytest.fixture(scope="session")
def report_en(
    store: EmbeddedStore, paths: ProjectPaths, tmp_path_factory: pytest.TempPathFactory
) -> Produced:
    return _produce(store, paths, tmp_path_factory.mktemp("report-en"), as_of=AS_OF)


@pytest.fixture(scope="session")
def report_zh(
    store: EmbeddedStore, paths: ProjectPaths, tmp_path_factory: pytest.TempPathFactory
) -> Produced:
    return _produce(store, paths, tmp_path_factory.mktemp("report-zh"), as_of=AS_OF, lang="zh")


class Page(HTMLParser):
    """What the tests read from a report page: tables, key figures, figures, links."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.tables: dict[str, list[tuple[str, dict[str, str]]]] = {}
        self.key_figures: dict[str, tuple[str, str]] = {}
        self.figures: dict[str, bool] = {}  # figure id: holds an <svg>
        self.links: list[tuple[str, str, str]] = []  # (tag, attribute, value)
        self._query: str | None = None
        self._row: tuple[str, dict[str, str]] | None = None
        self._col: str | None = None
        self._kf: str | None = None
        self._kf_value = False
        self._figure: str | None = None
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        for name in ("src", "href", "xlink:href", "srcset", "action", "poster", "data"):
            if name in a and tag != "object":
                self.links.append((tag, name, a[name]))
        if tag == "table" and "data-query" in a:
            self._query = a["data-query"]
            self.tables[self._query] = []
        elif tag == "tr" and self._query and "data-key" in a:
            self._row = (a["data-key"], {})
            self.tables[self._query].append(self._row)
        elif tag == "td" and self._row is not None and "data-col" in a:
            self._col = a["data-col"]
            self._row[1][self._col] = ""
        elif tag == "div" and "kf" in a.get("class", "").split():
            self._kf = a["data-key"]
            self.key_figures[self._kf] = ("", a["data-query"])
        elif tag == "span" and self._kf and a.get("class") == "value":
            self._kf_value = True
        elif tag == "figure":
            self._figure = a.get("data-figure", "")
            self.figures[self._figure] = False
        elif tag == "svg" and self._figure is not None:
            self.figures[self._figure] = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "table":
            self._query = None
        elif tag == "tr":
            self._row = None
        elif tag == "td":
            self._col = None
        elif tag == "span":
            self._kf_value = False
        elif tag == "div" and self._kf and not self._kf_value:
            self._kf = None
        elif tag == "figure":
            self._figure = None

    def handle_data(self, data: str) -> None:
        if self._row is not None and self._col is not None:
            self._row[1][self._col] += data
        if self._kf and self._kf_value:
            value, query = self.key_figures[self._kf]
            self.key_figures[self._kf] = (value + data, query)
