"""What the HTML and Markdown renderers share: cell text, column names, finding titles.

Both render the same `ReportData` and the same figures, so that the two documents say the
same thing; only the markup differs.
"""

from __future__ import annotations

from atkg.analysis.tables import Table, Value
from atkg.report.i18n import text
from atkg.report.model import ATKGID, Finding, ReportData

#: Chinese titles of the gap queries; a query without one shows its English summary.
FINDING_TITLES_ZH = {
    "analysis/exploitation-without-treaty": "议定书定义所列、没有专门条约的剥削形式",
    "analysis/gpa-paragraphs-without-body": "未指明负责机构的《全球行动计划》段落",
    "analysis/gpa-pillars-without-body": "《全球行动计划》各支柱中未指明机构的段落数",
    "analysis/participation-never-acted": "未对条约采取任何行动的国家",
    "analysis/participation-region-counts": "按M49区域分列的条约参与情况（状况表日期）",
    "analysis/participation-signatory-only": "已签署但未同意受约束的国家",
    "analysis/regions-without-mechanism": "没有区域性打击贩运文书或机制的M49区域",
    "analysis/requests-without-report": "未见相关机构后续报告回应的决议请求",
    "analysis/states-not-party": "在指定日期不是文书缔约方的国家（按M49区域）",
    "analysis/themes-without-actor": "没有任何机构或任务涉及的支柱、剥削形式和目标群体",
    "analysis/treaties-missing-citation": "缺少生效日期或《联合国条约集》引证的条约",
}
#: Columns shown as plain text even when they hold IRIs elsewhere.
HIDDEN_COLUMNS = {"scheme", "statusDate"}


def finding_title(finding: Finding, lang: str) -> str:
    if lang == "zh" and finding.query in FINDING_TITLES_ZH:
        return FINDING_TITLES_ZH[finding.query]
    return finding.summary


#: Columns whose values are words of the report (kinds, milestones), translated by i18n.
WORD_COLUMNS = {"kind": "kind_{}", "milestone": "{}"}


def cell(data: ReportData, value: Value, lang: str, column: str | None = None) -> str:
    """A value as the reader sees it: entities by their label, numbers as printed."""
    if column in WORD_COLUMNS and isinstance(value, str):
        return text(lang, WORD_COLUMNS[column].format(value))
    if value is None:
        return ""
    if isinstance(value, bool):
        return "✓" if value else ""
    if isinstance(value, str) and value.startswith(ATKGID):
        return data.label(value, lang)
    if isinstance(value, str) and value.startswith(("http://", "https://")):
        return value.rsplit("#", 1)[-1].rsplit("/", 1)[-1]
    return str(value)


def column_name(column: str, lang: str) -> str:
    return (
        text(lang, column)
        if column in ("parties", "signatoriesOnly", "neverActed", "states", "region", "date")
        else column
    )


def shown_columns(table: Table) -> list[str]:
    """Columns worth a reader's eye: labels replace IRIs, so `xLabel` twins are dropped."""
    columns = [c for c in table.columns if c not in HIDDEN_COLUMNS]
    return [
        c
        for c in columns
        if not (c.endswith("Label") and c[: -len("Label")] in columns)
        and not (c == "label" and len(columns) > 1 and _has_subject(columns))
    ]


def _has_subject(columns: list[str]) -> bool:
    return any(c in columns for c in ("form", "concept", "instrument", "body", "region", "node"))


def scope_lines(data: ReportData, lang: str) -> list[tuple[str, str]]:
    scope = data.scope
    return [
        (text(lang, "as_of"), scope.as_of),
        (text(lang, "instrument"), data.label(scope.instrument, lang)),
        (
            text(lang, "pillar"),
            data.label(scope.pillar, lang) if scope.pillar else text(lang, "whole"),
        ),
        (
            text(lang, "region"),
            data.label(scope.region, lang) if scope.region else text(lang, "whole"),
        ),
    ]


def overlap_tables(data: ReportData) -> list[tuple[str, Table]]:
    """The overlaps the report shows, each under its i18n title key."""
    wanted = {
        "analysis/mandate-overlaps": "mandate-overlaps",
        "network/mechanism-overlap": "mechanism-overlap",
        "network/body-overlap": "body-overlap",
    }
    return [(wanted[t.name], t) for t in data.overlaps if t.name in wanted]
