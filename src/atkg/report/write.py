"""Produce the report files for a scope: collect, draw, render, write atomically."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from atkg.errors import UsageError
from atkg.report.collect import collect
from atkg.report.i18n import LANGS
from atkg.report.model import ReportData
from atkg.store import Store

FORMATS = ("html", "md")


@dataclass
class Written:
    """What `write_report` produced, with how long each stage took."""

    data: ReportData
    files: list[Path]
    timings: dict[str, float] = field(default_factory=dict)


def require_matplotlib() -> None:
    try:
        import matplotlib  # noqa: F401
    except ImportError:
        raise UsageError("atkg report draws with matplotlib: pip install 'atkg[report]'") from None


def _atomic(path: Path, content: str) -> None:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(content, encoding="utf-8")
    tmp.replace(path)


def write_report(
    store: Store,
    out: Path,
    root: Path | None = None,
    *,
    formats: Sequence[str] = FORMATS,
    lang: str = "en",
    as_of: str | None = None,
    pillar: str | None = None,
    region: str | None = None,
    instrument: str | None = None,
    progress: Callable[[str], None] = lambda _: None,
) -> Written:
    """Write `report.html` and/or `report.md` (with `figures/`) into `out`."""
    from atkg.report.figures import all_figures
    from atkg.report.html import render_html
    from atkg.report.markdown import render_markdown

    unknown = sorted(set(formats) - set(FORMATS))
    if unknown or not formats:
        raise UsageError(
            f"--format takes {', '.join(FORMATS)}, not {', '.join(unknown) or 'nothing'}"
        )
    if lang not in LANGS:
        raise UsageError(f"--lang takes {' or '.join(LANGS)}, not {lang!r}")
    require_matplotlib()
    started = time.perf_counter()
    data = collect(
        store,
        root,
        as_of=as_of,
        pillar=pillar,
        region=region,
        instrument=instrument,
        progress=progress,
    )
    timings = {"queries": time.perf_counter() - started}
    progress("figures")
    clock = time.perf_counter()
    figures = all_figures(data, lang)
    timings["figures"] = time.perf_counter() - clock
    progress("writing")
    clock = time.perf_counter()
    out.mkdir(parents=True, exist_ok=True)
    files = []
    if "html" in formats:
        path = out / "report.html"
        _atomic(path, render_html(data, figures, lang))
        files.append(path)
    if "md" in formats:
        folder = out / "figures"
        folder.mkdir(exist_ok=True)
        for figure in figures:
            svg = f'<?xml version="1.0" encoding="utf-8"?>\n{figure.svg}'
            if 'xmlns="http://www.w3.org/2000/svg"' not in svg:
                svg = svg.replace("<svg ", '<svg xmlns="http://www.w3.org/2000/svg" ', 1)
            _atomic(folder / f"{figure.id}.svg", svg)
            files.append(folder / f"{figure.id}.svg")
        path = out / "report.md"
        _atomic(path, render_markdown(data, figures, lang))
        files.append(path)
    timings["render"] = time.perf_counter() - clock
    timings["total"] = time.perf_counter() - started
    return Written(data, files, timings)
