"""Do the library's queries answer the same on a server as on the embedded store?

Answers are compared as multisets of rows after two normalisations that RDF itself makes
and engines differ on: a literal typed `xsd:string` is the same term as the simple literal
(RDF 1.1), and blank-node labels are local to a result. Everything else must be equal:
IRIs, lexical forms, datatypes and language tags, the number of rows and the variables.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from rdflib import BNode, Literal
from rdflib.namespace import XSD
from rdflib.term import Node

from atkg.sparql import QueryFile
from atkg.store import Results, Store


def canonical_term(term: Node | None) -> Node | None:
    if isinstance(term, Literal) and term.datatype == XSD.string and not term.language:
        return Literal(str(term))
    if isinstance(term, BNode):
        return BNode("b")
    return term


def canonical(results: Results) -> tuple[tuple[str, ...], Counter[tuple[Node | None, ...]]]:
    """Variables and the multiset of normalised rows (queries fix their order themselves)."""
    rows = Counter(tuple(canonical_term(t) for t in row) for row in results.rows)
    return results.variables, rows


_TRUE, _FALSE = Literal(True), Literal(False)
_ONE, _ZERO = Literal(1), Literal(0)
CONCAT_SEPARATOR = " | "  # the separator the library's GROUP_CONCATs use


def _as_integer(term: Node | None) -> Node | None:
    """Booleans as Virtuoso returns them (1 and 0)."""
    if term == _TRUE and isinstance(term, Literal) and term.datatype == XSD.boolean:
        return _ONE
    if term == _FALSE and isinstance(term, Literal) and term.datatype == XSD.boolean:
        return _ZERO
    return term


def _unordered(term: Node | None) -> Node | None:
    """A GROUP_CONCAT with its parts sorted (SPARQL leaves their order to the engine)."""
    if isinstance(term, Literal) and CONCAT_SEPARATOR in term and not term.datatype:
        return Literal(CONCAT_SEPARATOR.join(sorted(str(term).split(CONCAT_SEPARATOR))))
    return term


#: Known ways an engine may answer differently, each a normalisation of both sides.
DIALECTS = (
    ("booleans come back as the integers 1 and 0", _as_integer),
    ("GROUP_CONCAT parts in another order (unspecified in SPARQL 1.1)", _unordered),
)


def dialect_difference(expected: Results, got: Results) -> str:
    """Which known dialect differences, applied together, make two answers equal ('' if none).

    >>> a = Results(("x",), ((Literal(True),),)); b = Results(("x",), ((Literal(1),),))
    >>> dialect_difference(a, b)
    'booleans come back as the integers 1 and 0'
    """
    if expected.variables != got.variables:
        return ""
    want, have = canonical(expected)[1], canonical(got)[1]
    used: list[str] = []
    for reason, fix in DIALECTS:
        fixed_want = Counter({tuple(fix(t) for t in row): n for row, n in want.items()})
        fixed_have = Counter({tuple(fix(t) for t in row): n for row, n in have.items()})
        if fixed_want != want or fixed_have != have:
            want, have = fixed_want, fixed_have
            used.append(reason)
        if want == have:
            return "; ".join(used)
    return ""


@dataclass(frozen=True)
class QueryCheck:
    """One query run on both stores."""

    name: str
    rows: int
    remote_rows: int
    equal: bool
    seconds: float
    remote_seconds: float
    error: str = ""
    example: str = ""
    dialect: str = ""  # when not equal: the known dialect differences that explain it


def runnable(query: QueryFile) -> bool:
    """Queries that run as they are: no parameters, or defaults for all of them."""
    defaults = query.header.get("defaults")
    return not query.parameters or (
        isinstance(defaults, dict) and all(p.short in defaults for p in query.parameters)
    )


def check_query(query: QueryFile, local: Store, remote: Store) -> QueryCheck:
    bindings = query.bind({})
    t0 = time.perf_counter()
    expected = local.select(query, bindings)
    t1 = time.perf_counter()
    try:
        got = remote.select(query, bindings)
    except Exception as exc:  # any client or server failure is a failed check, named
        return QueryCheck(query.name, len(expected), -1, False, t1 - t0, 0.0, str(exc)[:300])
    t2 = time.perf_counter()
    want, have = canonical(expected), canonical(got)
    example = ""
    if want != have:
        extra = have[1] - want[1]
        missing = want[1] - have[1]
        example = (
            f"variables {have[0]} vs {want[0]}"
            if have[0] != want[0]
            else f"server only: {next(iter(extra), None)}; embedded only: "
            f"{next(iter(missing), None)}"
        )
    dialect = dialect_difference(expected, got) if want != have else ""
    return QueryCheck(
        query.name,
        len(expected),
        len(got),
        want == have,
        t1 - t0,
        t2 - t1,
        example=example,
        dialect=dialect,
    )


def check_queries(
    queries: Iterable[QueryFile], local: Store, remote: Store, kinds: Iterable[str] = ()
) -> list[QueryCheck]:
    """Every runnable SELECT/ASK query (of the given kinds) on both stores."""
    wanted = set(kinds) or {"qc", "analysis", "reports"}
    return [check_query(q, local, remote) for q in queries if q.kind in wanted and runnable(q)]
