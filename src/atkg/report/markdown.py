"""The report as Markdown, with its figures as SVG files beside it.

The same sections, numbers and findings as the HTML report, for readers who edit or diff
text (and for repositories that render Markdown). Figures are written to `figures/` next
to the document and linked relatively, so the directory can be moved as a whole.
"""

from __future__ import annotations

from atkg.analysis.tables import Table
from atkg.report.figures import Figure
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


def _escape(value: str) -> str:
    return value.replace("|", "\\|").replace("\n", " ")


def table_md(data: ReportData, table: Table, lang: str, limit: int | None = None) -> str:
    columns = shown_columns(table)
    index = {c: table.columns.index(c) for c in columns}
    lines = [
        "| " + " | ".join(_escape(column_name(c, lang)) for c in columns) + " |",
        "|" + "|".join("---" for _ in columns) + "|",
    ]
    for row in table.rows[:limit]:
        lines.append(
            "| " + " | ".join(_escape(cell(data, row[index[c]], lang, c)) for c in columns) + " |"
        )
    if limit is not None and len(table) > limit:
        lines.append("")
        lines.append(f"*{text(lang, 'more', n=len(table) - limit)}*")
    return "\n".join(lines)


def _figure(figure: Figure, folder: str) -> str:
    return f"![{figure.title}. {figure.alt}]({folder}/{figure.id}.svg)"


def _finding(data: ReportData, finding: Finding, lang: str) -> str:
    out = [
        f"### {finding_title(finding, lang)} ({len(finding.table)} {text(lang, 'rows')})",
        "",
        finding.description,
        "",
        f"{text(lang, 'query')}: `{finding.query}` · {text(lang, 'reproduce')}: "
        f"`{finding.command()}`",
        "",
    ]
    if finding.context:
        out += [f"{text(lang, 'context')}: " + "; ".join(_ev(e) for e in finding.context), ""]
    if finding.no_data:
        out += [f"> {text(lang, 'no_data_caveat')}", ""]
    if finding.scoped_out:
        out += [text(lang, "scoped_out", n=finding.scoped_out), ""]
    if not finding.items:
        return "\n".join([*out, text(lang, "none_found"), ""])
    columns = shown_columns(finding.table)
    for item in finding.items:
        values = ", ".join(
            f"{column_name(c, lang)}: {cell(data, item.values.get(c), lang, c)}"
            for c in columns
            if item.values.get(c) not in (None, "")
        )
        out.append(f"- {values}")
        for evidence in item.evidence:
            out.append(f"  - {_ev(evidence)}")
        if item.more:
            out.append(f"  - {text(lang, 'more', n=item.more)}")
        if not item.evidence and item.subject:
            out.append(f"  - {text(lang, 'no_source')}")
    out.append("")
    return "\n".join(out)


def _ev(evidence) -> str:  # type: ignore[no-untyped-def]
    return f"{evidence.source} (`{evidence.record}`)" if evidence.record else evidence.source


def render_markdown(
    data: ReportData, figures: list[Figure], lang: str, folder: str = "figures"
) -> str:
    """The whole report as Markdown; figures are linked from `folder`."""
    by_id = {f.id: f for f in figures}
    out = [f"# {text(lang, 'title')}", ""]
    out += [f"- **{k}**: {v}" for k, v in scope_lines(data, lang)]
    out += ["", f"## {text(lang, 'key_figures')}", ""]
    out += [f"| {text(lang, 'entity')} | # |", "|---|---:|"]
    out += [f"| {text(lang, key)} | {value} |" for key, value, _ in data.key_figures]
    out += ["", f"## {text(lang, 'coverage')}", "", text(lang, "coverage_note"), ""]
    out += [_figure(by_id["coverage"], folder), ""]
    out += [f"## {text(lang, 'exploitation')}", "", text(lang, "exploitation_note"), ""]
    out += [_figure(by_id["exploitation"], folder), ""]
    out += [f"## {text(lang, 'participation')}", ""]
    if data.participation.rows:
        first = data.participation.records()[0]
        out += [
            text(lang, "participation_note", as_of=first["asOf"], status=first["statusDate"]),
            "",
            _figure(by_id["participation"], folder),
            "",
            table_md(data, data.participation, lang),
            "",
        ]
    else:
        out += [text(lang, "no_participation"), ""]
    out += [f"## {text(lang, 'overlaps')}", "", text(lang, "overlaps_note"), ""]
    for key, table in overlap_tables(data):
        out += [f"### {text(lang, key)}", "", table_md(data, table, lang, limit=25), ""]
    out += [f"## {text(lang, 'network')}", "", text(lang, "network_note"), ""]
    out += [_figure(by_id["citation-network"], folder), ""]
    out += [f"### {text(lang, 'centrality')}", "", table_md(data, data.centrality, lang, 15), ""]
    out += [f"## {text(lang, 'timeline')}", "", _figure(by_id["timeline"], folder), ""]
    out += [table_md(data, data.timeline, lang), ""]
    out += [f"## {text(lang, 'findings')}", "", text(lang, "findings_note"), ""]
    out += [_finding(data, f, lang) for f in data.findings]
    out += [f"## {text(lang, 'queries')}", "", text(lang, "queries_note"), ""]
    out += [f"- `{query_command(n, p)}`" for n, p in sorted(data.queries.items())]
    out += ["", "---", "", text(lang, "generated"), ""]
    return "\n".join(out)
