"""The report's figures, drawn with matplotlib (Agg) and kept as inline SVG text.

SVG keeps text as text (`svg.fonttype: none`), so labels stay sharp in print, searchable
in the page, and Chinese names are drawn by the reader's fonts rather than by whatever
fonts matplotlib finds here. Colours come from one colour-blind-safe palette (Okabe and
Ito), one colour per kind of entity across every figure. Sizes are set in inches for an
A4 page at 100 %, with text no smaller than 9 pt.
"""

from __future__ import annotations

import io
import re
import warnings
from collections import Counter
from dataclasses import dataclass

from atkg.report.i18n import text
from atkg.report.model import ReportData

#: Okabe-Ito, colour-blind safe; one colour per kind across all figures.
PALETTE = {
    "body": "#0072B2",
    "mandate": "#D55E00",
    "instrument": "#009E73",
    "document": "#999999",
    "other": "#CC79A7",
    "parties": "#009E73",
    "signatoriesOnly": "#E69F00",
    "neverActed": "#D55E00",
}
MILESTONE_COLOURS = {
    "adopted": "#0072B2",
    "entered into force": "#009E73",
    "established": "#E69F00",
    "founded": "#CC79A7",
    "held": "#56B4E9",
}
FONT = "DejaVu Sans, Noto Sans CJK SC, Source Han Sans SC, Microsoft YaHei, sans-serif"
WIDTH = 9.0  # inches


@dataclass(frozen=True)
class Figure:
    """One figure of the report: an id for the page, a caption, the SVG and a text summary."""

    id: str
    title: str
    svg: str
    alt: str


def _pyplot():  # type: ignore[no-untyped-def]
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def _style(salt: str) -> dict[str, object]:
    return {
        "svg.fonttype": "none",
        "svg.hashsalt": f"atkg-{salt}",
        "font.size": 10,
        "axes.titlesize": 12,
        "axes.labelsize": 10,
        "xtick.labelsize": 9,
        "ytick.labelsize": 9,
        "legend.fontsize": 9,
        "axes.spines.top": False,
        "axes.spines.right": False,
    }


def _svg(fig, salt: str) -> str:  # type: ignore[no-untyped-def]
    """The figure as SVG text to inline in HTML: no XML prolog, a font stack, a11y role."""
    plt = _pyplot()
    out = io.StringIO()
    fig.savefig(out, format="svg", bbox_inches="tight", metadata={"Date": None})
    plt.close(fig)
    svg = out.getvalue()
    svg = svg[svg.index("<svg") :]
    svg = svg.replace("<svg ", f'<svg role="img" class="figure" data-figure="{salt}" ', 1)
    # matplotlib names its fonts; a stack lets the reader's Chinese fonts take over
    return re.sub(r"font-family:\s*'?[^;\"']+'?", f"font-family: {FONT}", svg)


def _short(label: str, limit: int = 38) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"


def _heatmap(
    fid: str,
    title: str,
    rows: list[str],
    columns: list[tuple[str, str]],
    cells: set[tuple[str, str]],
    data: ReportData,
    lang: str,
    ylabel: str,
) -> Figure:
    """A presence matrix: a filled cell where the column's entity addresses the row's concept."""
    plt = _pyplot()
    with plt.rc_context(_style(fid)), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        # square cells of about a third of an inch, the labels around them
        width = min(WIDTH * 1.4, max(5.0, 0.34 * len(columns) + 3.5))
        height = max(2.4, 0.34 * len(rows) + 2.6)
        fig, ax = plt.subplots(figsize=(width, height))
        for y, row in enumerate(rows):
            for x, (col, kind) in enumerate(columns):
                filled = (row, col) in cells
                ax.add_patch(
                    plt.Rectangle(
                        (x - 0.45, y - 0.45),
                        0.9,
                        0.9,
                        facecolor=PALETTE[kind] if filled else "#F2F2F2",
                        edgecolor="white",
                    )
                )
        ax.set_xlim(-0.6, len(columns) - 0.4)
        ax.set_ylim(len(rows) - 0.4, -0.6)
        ax.set_aspect("equal")
        ax.set_xticks(range(len(columns)))
        ax.set_xticklabels(
            [_short(data.label(c, lang), 30) for c, _ in columns], rotation=60, ha="right"
        )
        for tick, (_, kind) in zip(ax.get_xticklabels(), columns, strict=True):
            tick.set_color(PALETTE[kind])
        ax.set_yticks(range(len(rows)))
        ax.set_yticklabels([_short(data.label(r, lang)) for r in rows])
        ax.set_ylabel(ylabel)
        ax.set_title(title, loc="left")
        ax.tick_params(length=0)
        for side in ("left", "bottom"):
            ax.spines[side].set_visible(False)
        kinds = list(dict.fromkeys(kind for _, kind in columns))
        handles = [plt.Rectangle((0, 0), 1, 1, color=PALETTE[k]) for k in kinds]
        names = [text(lang, "instrument_kind" if k == "instrument" else k) for k in kinds]
        ax.legend(handles, names, loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False)
        svg = _svg(fig, fid)
    alt = f"{len(rows)} x {len(columns)}, {len(cells)} ✓"
    return Figure(fid, title, svg, alt)


def coverage_figure(
    data: ReportData, lang: str, scheme: str, kinds: tuple[str, ...], fid: str, title_key: str
) -> Figure:
    """Concepts of one scheme against the bodies, mandates or instruments that address them."""
    chosen = [
        r
        for r in data.coverage.records()
        if str(r["scheme"]).endswith(f"/{scheme}") and r["kind"] in kinds
    ]
    concepts = sorted({str(r["concept"]) for r in chosen})
    order = {k: i for i, k in enumerate(kinds)}
    columns = sorted(
        {(str(r["actor"]), str(r["kind"])) for r in chosen}, key=lambda c: (order[c[1]], c[0])
    )
    cells = {(str(r["concept"]), str(r["actor"])) for r in chosen}
    ylabel = text(lang, "pillar" if scheme == "pillar" else "exploitation")
    return _heatmap(fid, text(lang, title_key), concepts, columns, cells, data, lang, ylabel)


def participation_figure(data: ReportData, lang: str) -> Figure:
    """States of each region by participation as of the date, as stacked horizontal bars."""
    plt = _pyplot()
    fid = "participation"
    records = data.participation.records()
    parts = ("parties", "signatoriesOnly", "neverActed")
    with plt.rc_context(_style(fid)), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        fig, ax = plt.subplots(figsize=(WIDTH, 0.55 * max(len(records), 1) + 1.6))
        names = [data.label(r["region"], lang) for r in records]
        left = [0] * len(records)
        for part in parts:
            values = [int(r[part] or 0) for r in records]
            bars = ax.barh(names, values, left=left, color=PALETTE[part], label=text(lang, part))
            ax.bar_label(
                bars,
                labels=[str(v) if v else "" for v in values],
                label_type="center",
                color="white",
                fontsize=9,
            )
            left = [a + b for a, b in zip(left, values, strict=True)]
        ax.invert_yaxis()
        ax.set_xlabel(text(lang, "states"))
        ax.set_ylabel(text(lang, "region"))
        ax.set_title(text(lang, "participation"), loc="left")
        ax.legend(loc="lower right", frameon=False, ncols=3, bbox_to_anchor=(1, 1.02))
        svg = _svg(fig, fid)
    alt = "; ".join(
        f"{data.label(r['region'], lang)}: " + ", ".join(f"{text(lang, p)} {r[p]}" for p in parts)
        for r in records
    )
    return Figure(fid, text(lang, "participation"), svg, alt)


def network_figure(data: ReportData, lang: str, labelled: int = 12) -> Figure:
    """The citation network: node size by PageRank, colour by kind, the most cited named."""
    import networkx as nx

    plt = _pyplot()
    fid = "citation-network"
    graph = nx.DiGraph()
    for row in data.citation_edges.records():
        graph.add_edge(str(row["source"]), str(row["target"]), weight=int(row["citations"] or 1))
    rank = {str(r["node"]): float(r["pagerank"] or 0) for r in data.centrality.records()}
    top = [str(r["node"]) for r in data.centrality.records()][:labelled]
    nodes = sorted(graph.nodes)
    with plt.rc_context(_style(fid)), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        fig, ax = plt.subplots(figsize=(WIDTH, 7.0))
        ordered = nx.DiGraph()
        ordered.add_nodes_from(nodes)
        ordered.add_edges_from(sorted(graph.edges))
        pos = nx.spring_layout(ordered, seed=7, k=1.6 / max(len(nodes), 1) ** 0.5)
        kinds = {n: _kind(n) for n in nodes}
        nx.draw_networkx_edges(
            ordered,
            pos,
            ax=ax,
            edge_color="#BBBBBB",
            width=0.6,
            arrows=True,
            arrowsize=6,
            alpha=0.8,
        )
        nx.draw_networkx_nodes(
            ordered,
            pos,
            ax=ax,
            nodelist=nodes,
            node_size=[30 + 3000 * rank.get(n, 0) for n in nodes],
            node_color=[PALETTE.get(kinds[n], PALETTE["other"]) for n in nodes],
            linewidths=0.5,
            edgecolors="white",
        )
        for node in top:
            if node in pos:
                x, y = pos[node]
                ax.annotate(
                    _short(data.label(node, lang), 32),
                    (x, y),
                    xytext=(4, 4),
                    textcoords="offset points",
                    fontsize=9,
                )
        used = sorted(
            set(kinds.values()), key=lambda k: list(PALETTE).index(k) if k in PALETTE else 99
        )
        handles = [
            plt.Line2D([], [], marker="o", linestyle="", color=PALETTE.get(k, PALETTE["other"]))
            for k in used
        ]
        ax.legend(
            handles,
            [text(lang, f"kind_{k}") for k in used],
            frameon=False,
            loc="upper left",
            bbox_to_anchor=(1.0, 1.0),
        )
        ax.set_title(text(lang, "network"), loc="left")
        ax.set_axis_off()
        svg = _svg(fig, fid)
    alt = f"{len(nodes)} nodes, {graph.number_of_edges()} citation links"
    return Figure(fid, text(lang, "network"), svg, alt)


def _kind(iri: str) -> str:
    kind = iri.split("/id/", 1)[1].split("/", 1)[0] if "/id/" in iri else "other"
    return kind if kind in ("document", "instrument", "body", "mandate") else "other"


def timeline_figure(data: ReportData, lang: str) -> Figure:
    """Milestones per year, stacked by kind of milestone."""
    plt = _pyplot()
    fid = "timeline"
    counts: Counter[tuple[int, str]] = Counter()
    for row in data.timeline.records():
        year = str(row["date"])[:4]
        if year.isdigit():
            counts[(int(year), str(row["milestone"]))] += 1
    years = sorted({y for y, _ in counts})
    span = list(range(years[0], years[-1] + 1)) if years else []
    with plt.rc_context(_style(fid)), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        fig, ax = plt.subplots(figsize=(WIDTH, 3.6))
        bottom = [0] * len(span)
        for milestone, colour in MILESTONE_COLOURS.items():
            values = [counts.get((y, milestone), 0) for y in span]
            if any(values):
                ax.bar(
                    span,
                    values,
                    bottom=bottom,
                    color=colour,
                    width=0.85,
                    label=text(lang, milestone),
                )
                bottom = [a + b for a, b in zip(bottom, values, strict=True)]
        ax.set_xlabel(text(lang, "year"))
        ax.set_ylabel(text(lang, "milestones"))
        ax.set_title(text(lang, "timeline"), loc="left")
        ax.legend(frameon=False, ncols=5, loc="lower left", bbox_to_anchor=(0, 1.06))
        ax.yaxis.get_major_locator().set_params(integer=True)
        svg = _svg(fig, fid)
    alt = f"{sum(counts.values())} milestones, {span[0] if span else ''}-{span[-1] if span else ''}"
    return Figure(fid, text(lang, "timeline"), svg, alt)


def all_figures(data: ReportData, lang: str) -> list[Figure]:
    """Every figure of the report, in page order."""
    figures = [
        coverage_figure(
            data, lang, "pillar", ("body", "mandate", "instrument"), "coverage", "coverage"
        ),
        coverage_figure(
            data, lang, "exploitation", ("mandate", "instrument"), "exploitation", "exploitation"
        ),
    ]
    if data.participation.rows:
        figures.append(participation_figure(data, lang))
    figures += [network_figure(data, lang), timeline_figure(data, lang)]
    return figures
