"""The report as one self-contained HTML file: inline CSS and SVG, no script, no request.

Nothing in the page points outside it (no fonts, scripts, styles or images from a network);
the only URLs are the `href`s of source links a reader may follow. Tables and key figures
carry `data-query` and `data-col` attributes naming the query and column each number came
from, so that a test can check the page against the queries.
"""

from __future__ import annotations

from html import escape

from atkg.analysis.tables import Table
from atkg.report.figures import FONT, Figure
from atkg.report.i18n import text
from atkg.report.model import Finding, ReportData, query_command
from atkg.report.render import (
    cell,
    column_name,
    finding_title,
    overlap_tables,
    scope_lines,
    shown_columns,
)

CSS = """
:root { --ink: #1a1a1a; --muted: #5f6368; --rule: #d9d9d9; --accent: #0072B2; }
* { box-sizing: border-box; }
body { font-family: %(font)s; color: var(--ink); margin: 0 auto; max-width: 60rem;
       padding: 2rem 1.5rem 4rem; line-height: 1.45; font-size: 11pt; background: #fff; }
h1 { font-size: 1.7rem; margin: 0 0 .4rem; }
h2 { font-size: 1.3rem; margin: 2.2rem 0 .6rem; border-bottom: 2px solid var(--accent);
     padding-bottom: .2rem; page-break-after: avoid; }
h3 { font-size: 1.05rem; margin: 1.6rem 0 .4rem; page-break-after: avoid; }
p.note, .muted { color: var(--muted); font-size: .92rem; }
dl.scope { display: grid; grid-template-columns: max-content 1fr; gap: .15rem 1rem; }
dl.scope dt { font-weight: 600; } dl.scope dd { margin: 0; }
nav ol { columns: 2; font-size: .95rem; }
.figures { display: grid; grid-template-columns: repeat(auto-fill, minmax(10rem, 1fr));
           gap: .75rem; margin: 1rem 0; }
.kf { border: 1px solid var(--rule); border-radius: 6px; padding: .6rem .8rem; }
.kf .value { display: block; font-size: 1.7rem; font-weight: 700; color: var(--accent); }
.kf .name { font-size: .9rem; }
figure { margin: 1rem 0; page-break-inside: avoid; }
figure svg { max-width: 100%%; height: auto; }
figcaption { color: var(--muted); font-size: .9rem; }
table { border-collapse: collapse; width: 100%%; font-size: .88rem; margin: .5rem 0 1rem; }
th, td { border-bottom: 1px solid var(--rule); padding: .25rem .45rem; text-align: left;
         vertical-align: top; }
th { background: #f5f7fa; } td.num { text-align: right; font-variant-numeric: tabular-nums; }
code { font-size: .85rem; background: #f5f7fa; padding: .05rem .25rem; border-radius: 3px;
       word-break: break-all; }
.caveat { border: 1px solid #E69F00; background: #fff8e6; padding: .4rem .6rem; }
.finding { border-left: 4px solid #D55E00; padding-left: .9rem; margin: 1.4rem 0; }
ul.evidence { margin: .1rem 0; padding-left: 1.1rem; font-size: .85rem; color: var(--muted); }
details summary { cursor: pointer; color: var(--accent); }
footer { margin-top: 3rem; color: var(--muted); font-size: .85rem; }
@media print { body { max-width: none; padding: 0; } details { display: block; }
               details > *:not(summary) { display: block; } nav { display: none; } }
""" % {"font": FONT}  # noqa: UP031 -- CSS braces would fight str.format


def _num(value: object) -> str:
    """The class of a numeric cell, right-aligned in its column."""
    return ' class="num"' if isinstance(value, int | float) and not isinstance(value, bool) else ""


def _attr(value: str) -> str:
    return escape(value, quote=True)


def table_html(data: ReportData, table: Table, lang: str, limit: int | None = None) -> str:
    """A query result as an HTML table whose cells say which query and column they show."""
    columns = shown_columns(table)
    index = {c: table.columns.index(c) for c in columns}
    head = "".join(f"<th>{escape(column_name(c, lang))}</th>" for c in columns)
    rows = []
    for row in table.rows[:limit]:
        cells = []
        for c in columns:
            value = row[index[c]]
            cells.append(
                f'<td data-col="{_attr(c)}"{_num(value)}>{escape(cell(data, value, lang, c))}</td>'
            )
        rows.append(f'<tr data-key="{_attr(str(row[0]))}">{"".join(cells)}</tr>')
    more = ""
    if limit is not None and len(table) > limit:
        more = f'<p class="muted">{escape(text(lang, "more", n=len(table) - limit))}</p>'
    return (
        f'<table data-query="{_attr(table.name)}"><thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>{more}"
    )


def _figure(figure: Figure) -> str:
    return (
        f'<figure id="fig-{_attr(figure.id)}" data-figure="{_attr(figure.id)}">{figure.svg}'
        f"<figcaption>{escape(figure.title)}. {escape(figure.alt)}</figcaption></figure>"
    )


def _finding(data: ReportData, finding: Finding, lang: str) -> str:
    parts = [
        f'<section class="finding" id="{_attr(finding.slug)}" '
        f'data-finding="{_attr(finding.query)}">',
        f"<h3>{escape(finding_title(finding, lang))} "
        f'<span class="muted">({len(finding.table)} {escape(text(lang, "rows"))})</span></h3>',
        f'<p class="note">{escape(finding.description)}</p>',
        f"<p>{escape(text(lang, 'query'))}: <code>{escape(finding.query)}</code> · "
        f"{escape(text(lang, 'reproduce'))}: <code>{escape(finding.command())}</code></p>",
    ]
    if finding.context:
        sources = "; ".join(_evidence_text(e) for e in finding.context)
        parts.append(f'<p class="muted">{escape(text(lang, "context"))}: {escape(sources)}</p>')
    if finding.no_data:
        parts.append(f'<p class="caveat">{escape(text(lang, "no_data_caveat"))}</p>')
    if finding.scoped_out:
        parts.append(
            f'<p class="muted">{escape(text(lang, "scoped_out", n=finding.scoped_out))}</p>'
        )
    if not finding.items:
        parts.append(f"<p>{escape(text(lang, 'none_found'))}</p>")
    else:
        columns = shown_columns(finding.table)
        head = "".join(f"<th>{escape(column_name(c, lang))}</th>" for c in columns)
        head += f"<th>{escape(text(lang, 'evidence'))}</th>"
        rows = []
        for item in finding.items:
            cells = "".join(
                f'<td data-col="{_attr(c)}"{_num(item.values.get(c))}>'
                f"{escape(cell(data, item.values.get(c), lang, c))}</td>"
                for c in columns
            )
            evidence = "".join(f"<li>{escape(_evidence_text(e))}</li>" for e in item.evidence)
            if item.more:
                evidence += f"<li>{escape(text(lang, 'more', n=item.more))}</li>"
            if not evidence and item.subject:
                evidence = f"<li>{escape(text(lang, 'no_source'))}</li>"
            ev = f'<ul class="evidence">{evidence}</ul>' if evidence else ""
            key = item.values.get(finding.table.columns[0])
            rows.append(
                f'<tr data-key="{_attr(str(key))}" data-subject="{_attr(item.subject or "")}">'
                f"{cells}<td>{ev}</td></tr>"
            )
        parts.append(
            f'<table data-query="{_attr(finding.query)}"><thead><tr>{head}</tr></thead>'
            f"<tbody>{''.join(rows)}</tbody></table>"
        )
    parts.append("</section>")
    return "".join(parts)


def _evidence_text(evidence) -> str:  # type: ignore[no-untyped-def]
    return f"{evidence.source} ({evidence.record})" if evidence.record else evidence.source


def render_html(data: ReportData, figures: list[Figure], lang: str) -> str:
    """The whole report as one HTML document."""
    by_id = {f.id: f for f in figures}

    def t(key: str, **values: object) -> str:
        return escape(text(lang, key, **values))

    sections: list[tuple[str, str, str]] = []

    cards = "".join(
        f'<div class="kf" data-key="{_attr(key)}" data-query="{_attr(query)}">'
        f'<span class="value">{escape(str(value))}</span><span class="name">{t(key)}</span></div>'
        for key, value, query in data.key_figures
    )
    sections.append(("key-figures", t("key_figures"), f'<div class="figures">{cards}</div>'))
    sections.append(
        (
            "coverage",
            t("coverage"),
            f'<p class="note">{t("coverage_note")}</p>{_figure(by_id["coverage"])}',
        )
    )
    sections.append(
        (
            "exploitation",
            t("exploitation"),
            f'<p class="note">{t("exploitation_note")}</p>{_figure(by_id["exploitation"])}',
        )
    )
    if data.participation.rows:
        first = data.participation.records()[0]
        note = t("participation_note", as_of=first["asOf"], status=first["statusDate"])
        body = f'<p class="note">{note}</p>{_figure(by_id["participation"])}'
        body += table_html(data, data.participation, lang)
    else:
        body = f"<p>{t('no_participation')}</p>"
    sections.append(("participation", t("participation"), body))
    overlap = f'<p class="note">{t("overlaps_note")}</p>'
    for key, table in overlap_tables(data):
        overlap += f"<h3>{t(key)}</h3>{table_html(data, table, lang, limit=25)}"
    sections.append(("overlaps", t("overlaps"), overlap))
    sections.append(
        (
            "network",
            t("network"),
            f'<p class="note">{t("network_note")}</p>{_figure(by_id["citation-network"])}'
            f"<h3>{t('centrality')}</h3>{table_html(data, data.centrality, lang, limit=15)}",
        )
    )
    sections.append(
        (
            "timeline",
            t("timeline"),
            f"{_figure(by_id['timeline'])}<details><summary>{t('milestones')} "
            f"({len(data.timeline)})</summary>{table_html(data, data.timeline, lang)}</details>",
        )
    )
    findings = "".join(_finding(data, f, lang) for f in data.findings)
    sections.append(
        ("findings", t("findings"), f'<p class="note">{t("findings_note")}</p>{findings}')
    )

    used = "".join(
        f"<li><code>{escape(query_command(name, params))}</code></li>"
        for name, params in sorted(data.queries.items())
    )
    sections.append(
        ("queries", t("queries"), f'<p class="note">{t("queries_note")}</p><ul>{used}</ul>')
    )
    toc = "".join(f'<li><a href="#{sid}">{title}</a></li>' for sid, title, _ in sections)
    scope = "".join(f"<dt>{escape(k)}</dt><dd>{escape(v)}</dd>" for k, v in scope_lines(data, lang))
    body_html = "".join(
        f'<section id="{sid}"><h2>{title}</h2>{content}</section>'
        for sid, title, content in sections
    )
    return (
        f'<!DOCTYPE html>\n<html lang="{"zh-Hans" if lang == "zh" else "en"}"><head>'
        '<meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">'
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'; img-src data:\">"
        f"<title>{t('title')}</title><style>{CSS}</style></head><body>"
        f'<header><h1>{t("title")}</h1><dl class="scope">{scope}</dl></header>'
        f"<nav><h2>{t('contents')}</h2><ol>{toc}</ol></nav>{body_html}"
        f"<footer>{t('generated')}</footer></body></html>\n"
    )
