"""Materialisation: the inferences queries rely on, by SPARQL CONSTRUCT rules to a fixpoint.

The rules are the files in queries/construct/ (subclass and subproperty closure, inverses,
transitive hierarchies, shortcuts of qualified relations, citations and coverage). They
run on pyoxigraph, which the benchmark measured much faster than owlrl for the same
entailments the queries need; the OWL 2 DL reasoner (HermiT, `atkg.hermit`) checks the
ontology's consistency instead.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from atkg.sparql import QueryFile, full_text, query_library

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ReasoningReport:
    inferred: int
    passes: int
    per_rule: dict[str, int]


def construct_rules(queries_root: Path) -> list[QueryFile]:
    return [q for q in query_library(queries_root).values() if q.kind == "construct"]


def materialise(
    store: ox.Store, rules: list[QueryFile], graph: ox.NamedNode, max_passes: int = 10
) -> ReasoningReport:
    """Run every rule over the union of graphs, adding new triples to `graph`, until stable."""
    per_rule: dict[str, int] = {rule.name: 0 for rule in rules}
    total = 0
    for passes in range(1, max_passes + 1):
        added = 0
        for rule in rules:
            triples = set(store.query(full_text(rule), use_default_graph_as_union=True))
            new = [
                ox.Quad(t.subject, t.predicate, t.object, graph)
                for t in triples
                if not _has_triple(store, t)
            ]
            if new:
                store.extend(new)
                per_rule[rule.name] += len(new)
                added += len(new)
        total += added
        log.debug("reasoning pass %d added %d triples", passes, added)
        if added == 0:
            return ReasoningReport(total, passes, per_rule)
    raise RuntimeError(f"reasoning did not reach a fixpoint in {max_passes} passes")


def _has_triple(store: ox.Store, triple: ox.Triple) -> bool:
    """True if the triple is already in any graph (so inferences are never duplicated)."""
    return (
        next(iter(store.quads_for_pattern(triple.subject, triple.predicate, triple.object)), None)
        is not None
    )
