"""The HTML report as a reader gets it: opened in headless Chromium with no network.

Chromium runs with every background service off and with a host resolver that finds no
host at all, so a page that needed a font, script or image from the network would render
incompletely; the page must still render fully, every figure must be in the DOM, and the
screenshot must show something. Skipped, with the reason, when Chromium is absent.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from .conftest import Page, Produced

#: On top of the shared headless flags: no shared memory, a host resolver that finds no
#: host at all, and the screenshot's size.
FLAGS = [
    "--disable-dev-shm-usage",
    "--host-resolver-rules=MAP * ~NOTFOUND",
    "--window-size=1280,2000",
]
FIGURES = ("coverage", "exploitation", "participation", "citation-network", "timeline")


def _chromium(
    chromium: list[str], page: Path, tmp_path: Path, *extra: str
) -> subprocess.CompletedProcess[str]:
    profile = tmp_path / f"profile-{len(list(tmp_path.iterdir()))}"
    return subprocess.run(
        [*chromium, *FLAGS, f"--user-data-dir={profile}", *extra, page.as_uri()],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_screenshot_is_not_blank(chromium: list[str], report_en: Produced, tmp_path: Path) -> None:
    image = pytest.importorskip("PIL.Image", reason="Pillow comes with matplotlib")
    shot = tmp_path / "report.png"
    done = _chromium(chromium, report_en.folder / "report.html", tmp_path, f"--screenshot={shot}")
    assert shot.exists(), f"no screenshot: {done.stderr[-2000:]}"
    with image.open(shot) as png:
        grey = png.convert("L")
        assert grey.size == (1280, 2000)
        histogram = grey.histogram()
    inked = sum(histogram[:200])  # pixels clearly darker than the white page
    coloured = sum(histogram[:250])
    total = 1280 * 2000
    assert inked > total * 0.01, f"only {inked} dark pixels: the page looks blank"
    assert coloured > total * 0.03, f"only {coloured} non-white pixels"


def test_every_figure_is_in_the_rendered_dom(
    chromium: list[str], report_en: Produced, tmp_path: Path
) -> None:
    done = _chromium(chromium, report_en.folder / "report.html", tmp_path, "--dump-dom")
    dom = done.stdout
    assert "</footer>" in dom, f"the page did not render fully: {done.stderr[-2000:]}"
    rendered = Page(dom)
    for figure in FIGURES:
        assert rendered.figures.get(figure), f"figure {figure} missing from the DOM"
    assert len(re.findall(r"<svg\b", dom)) >= len(FIGURES)
    for finding in report_en.written.data.findings:
        assert f'data-finding="{finding.query}"' in dom, finding.query


def test_no_request_leaves_the_page(report_en: Produced) -> None:
    """Nothing is fetched: no src or href leaves the page, no CSS url(), no script."""
    html = report_en.html
    page = Page(html)
    for tag, attribute, value in page.links:
        assert value.startswith(("#", "data:")), f"<{tag} {attribute}={value!r}> leaves the page"
    assert "<script" not in html.lower()
    assert "<link" not in html.lower()
    assert not re.search(r"url\(\s*['\"]?(https?:)?//", html), "a CSS url() to the network"
    assert not re.search(r"@import", html)
    assert "default-src 'none'" in html, "the Content-Security-Policy forbids any fetch"
