"""Errors that point a curator at the exact file, line and term at fault."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One defect in an input file, located as precisely as the input allows."""

    path: str
    line: int | None
    message: str
    column: str | None = None

    def __str__(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        if self.column:
            where += f" [{self.column}]"
        return f"{where}: {self.message}"


class InputError(Exception):
    """Raised when input data is invalid; carries every problem found, not only the first."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


class UsageError(Exception):
    """Raised for a bad command-line request (unknown query, bad parameter); exit code 2."""
