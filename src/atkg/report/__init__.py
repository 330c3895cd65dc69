"""The gap-analysis report: the analyses of atkg as one document an analyst can hand on.

`collect` runs the library queries for a scope through one `atkg.store.Store` and returns
a `ReportData`; `figures` draws it with matplotlib; `html` and `markdown` render it. Every
number in the report comes from a query result kept in `ReportData`, so that tests can
compare the two, and every gap names the query and parameters that reproduce it.
"""

from __future__ import annotations

from atkg.report.model import Evidence, Finding, ReportData, Scope

__all__ = ["Evidence", "Finding", "ReportData", "Scope"]
