"""Canonical form of the curated tables: what `atkg lint [--fix]` checks and rewrites."""

from __future__ import annotations

from pathlib import Path

from atkg.loaders import curated, vocabularies
from atkg.paths import ProjectPaths
from atkg.tables import canonical_text, read_table


def _targets(paths: ProjectPaths) -> list[tuple[Path, tuple[str, ...], tuple[str, ...]]]:
    targets = [
        (paths.curated / f"{spec.name}.tsv", spec.columns, spec.key) for spec in curated.TABLES
    ]
    targets.append((paths.vocabularies / "concepts.tsv", vocabularies.COLUMNS, ("scheme", "key")))
    return [t for t in targets if t[0].exists()]


def _natural(value: str) -> tuple[int, str]:
    """Numbers sort as numbers (paragraph 2 before 10), other keys as text."""
    return (int(value), "") if value.isdigit() else (10**9, value)


def lint_tables(paths: ProjectPaths, fix: bool = False) -> list[str]:
    """Return the tables not in canonical form; with fix, rewrite them."""
    changed = []
    for path, columns, key in _targets(paths):
        shown = paths.relative(path)
        table = read_table(path, columns, display_path=shown)
        canonical = canonical_text(table, key, sort_value=_natural)
        if path.read_text(encoding="utf-8") != canonical:
            changed.append(shown)
            if fix:
                tmp = path.with_name(path.name + ".tmp")
                tmp.write_text(canonical, encoding="utf-8")
                tmp.replace(path)
    return changed
