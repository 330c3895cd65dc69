"""SHACL as whole-graph SPARQL on pyoxigraph: the build's fast validator.

pyshacl evaluates each constraint node by node in Python over an rdflib copy of the data,
which costs most of a build at the seed size and minutes at a million triples. Here every
(shape, constraint) pair of the shapes graph becomes one SELECT over the store that
returns only the failing focus nodes and values, so the cost is that of a few joins.

The compiler covers the SHACL core constraints the atkg shapes use (targets of every
kind including SPARQL targets, predicate/inverse/sequence/alternative paths, counts,
class, datatype with well-formedness, node kind, pattern, in, language, ranges, lengths,
uniqueLang, equals, disjoint, hasValue, or/and/not/node and qualified value shapes) and
SPARQL-based constraints (run per focus node of their target, as pyshacl does, but only
for nodes the target selects). A shape that uses anything else raises `Unsupported` at
compile time; `validate_store` then hands that shape to pyshacl, so the answer never
depends on what the compiler knows. Tests check that the two agree on every shape
fixture and on the built graph (tests/shapes/test_shacl_sparql.py).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from itertools import count

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, XSD
from rdflib.term import Node

from atkg.namespaces import SH

SUBCLASS_PATH = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>/<http://www.w3.org/2000/01/rdf-schema#subClassOf>*"
#: datatypes whose lexical forms pyoxigraph can check by casting
CASTABLE = {
    XSD[name]
    for name in (
        "boolean",
        "date",
        "dateTime",
        "decimal",
        "double",
        "duration",
        "float",
        "gYear",
        "gYearMonth",
        "integer",
        "time",
    )
}
COMPARISONS = {
    SH.minInclusive: ">=",
    SH.minExclusive: ">",
    SH.maxInclusive: "<=",
    SH.maxExclusive: "<",
}
NODE_KINDS = {
    SH.IRI: "isIRI({v})",
    SH.BlankNode: "isBlank({v})",
    SH.Literal: "isLiteral({v})",
    SH.BlankNodeOrIRI: "!isLiteral({v})",
    SH.BlankNodeOrLiteral: "!isIRI({v})",
    SH.IRIOrLiteral: "!isBlank({v})",
}
#: parameters that only describe a shape, or that this module reads with another one
IGNORED = {
    RDF.type,
    SH.name,
    SH.description,
    SH.message,
    SH.severity,
    SH.order,
    SH.group,
    SH.defaultValue,
    SH.path,
    SH.property,
    SH.targetClass,
    SH.targetNode,
    SH.targetSubjectsOf,
    SH.targetObjectsOf,
    SH.target,
    SH.deactivated,
    SH.flags,
    SH.qualifiedMinCount,
    SH.qualifiedMaxCount,
    SH.qualifiedValueShapesDisjoint,
    SH.sparql,
    SH.prefixes,
    SH.declare,
}


class Unsupported(Exception):  # noqa: N818 - a refusal, not a failure
    """The shape uses a feature the compiler does not translate; pyshacl checks it."""


@dataclass(frozen=True)
class Check:
    """One constraint of one shape as a query returning ?this and, if any, ?value."""

    shape: URIRef | BNode
    component: str
    severity: str
    message: str
    path: Node | None
    query: str
    per_focus: str | None = None  # a SPARQL constraint: run once per focus node


@dataclass(frozen=True)
class Failure:
    check: Check
    focus: ox.NamedNode | ox.BlankNode | ox.Literal
    value: object | None
    path: object | None  # a SPARQL constraint may bind its own ?path


def _constraint(p: Node) -> bool:
    """True for a SHACL parameter that constrains (not labels, comments or targets)."""
    return str(p).startswith(str(SH)) and p not in IGNORED


def _n3(term: Node) -> str:
    if isinstance(term, URIRef):
        return f"<{term}>"
    if isinstance(term, Literal):
        return term.n3()
    raise Unsupported(f"blank node {term!r} where a constant is needed")


class Compiler:
    def __init__(self, shapes: Graph) -> None:
        self.g = shapes
        self.fresh = count()

    def var(self) -> str:
        return f"?_v{next(self.fresh)}"

    # -- paths and targets ----------------------------------------------------------

    def path(self, node: Node) -> str:
        g = self.g
        if isinstance(node, URIRef):
            return f"<{node}>"
        if g.value(node, RDF.first) is not None:
            return "(" + "/".join(self.path(p) for p in Collection(g, node)) + ")"
        alt = g.value(node, SH.alternativePath)
        if alt is not None:
            return "(" + "|".join(self.path(p) for p in Collection(g, alt)) + ")"
        for predicate, fmt in (
            (SH.inversePath, "^{}"),
            (SH.zeroOrMorePath, "{}*"),
            (SH.oneOrMorePath, "{}+"),
            (SH.zeroOrOnePath, "{}?"),
        ):
            inner = g.value(node, predicate)
            if inner is not None:
                return fmt.format(f"({self.path(inner)})")
        raise Unsupported(f"path {node!r}")

    def prefixes(self, node: Node) -> str:
        """PREFIX lines for a SPARQL-based target or constraint (sh:prefixes/sh:declare)."""
        lines = []
        for ontology in self.g.objects(node, SH.prefixes):
            for decl in self.g.objects(ontology, SH.declare):
                prefix = self.g.value(decl, SH.prefix)
                namespace = self.g.value(decl, SH.namespace)
                lines.append(f"PREFIX {prefix}: <{namespace}>")
        return "\n".join(sorted(set(lines)))

    def target_blocks(self, shape: Node) -> tuple[list[str], list[str]]:
        g = self.g
        blocks, prefixes = [], []
        for cls in g.objects(shape, SH.targetClass):
            blocks.append(f"?this {SUBCLASS_PATH} {_n3(cls)} .")
        for node in g.objects(shape, SH.targetNode):
            blocks.append(f"VALUES ?this {{ {_n3(node)} }}")
        for prop in g.objects(shape, SH.targetSubjectsOf):
            blocks.append(f"?this {_n3(prop)} [] .")
        for prop in g.objects(shape, SH.targetObjectsOf):
            blocks.append(f"[] {_n3(prop)} ?this .")
        for target in g.objects(shape, SH.target):
            select = g.value(target, SH.select)
            if select is None or (target, RDF.type, SH.SPARQLTarget) not in g:
                raise Unsupported("a custom target")
            blocks.append(str(select))
            prefixes.append(self.prefixes(target))
        if (shape, RDF.type, URIRef("http://www.w3.org/2000/01/rdf-schema#Class")) in g:
            raise Unsupported("an implicit class target")
        return blocks, prefixes

    # -- conditions on one value (for or/not/node/qualified shapes) --------------------

    def value_condition(self, shape: Node, v: str) -> str:
        """A SPARQL expression true when the node in `v` conforms to `shape`."""
        g = self.g
        parts = []
        for p, o in g.predicate_objects(shape):
            if not _constraint(p) or (p in (SH.minCount, SH.maxCount) and g.value(shape, SH.path)):
                continue
            parts.append(self.condition(shape, p, o, v))
        for prop in g.objects(shape, SH.property):
            parts.append(self.property_condition(prop, v))
        return "(" + " && ".join(parts) + ")" if parts else "true"

    def property_condition(self, prop: Node, v: str) -> str:
        g = self.g
        path_node = g.value(prop, SH.path)
        if path_node is None:
            raise Unsupported("a property shape without a path")
        path = self.path(path_node)
        parts = []
        minimum, maximum = g.value(prop, SH.minCount), g.value(prop, SH.maxCount)
        if minimum is not None and int(minimum) > 0:
            if int(minimum) > 1:
                raise Unsupported("minCount > 1 inside a condition")
            parts.append(f"EXISTS {{ {v} {path} {self.var()} }}")
        if maximum is not None:
            if int(maximum) > 1:
                raise Unsupported("maxCount > 1 inside a condition")
            a, b = self.var(), self.var()
            parts.append(
                f"NOT EXISTS {{ {v} {path} {a} . {v} {path} {b} . FILTER(!sameTerm({a}, {b})) }}"
                if int(maximum) == 1
                else f"NOT EXISTS {{ {v} {path} {a} }}"
            )
        x = self.var()
        inner = []
        for p, o in g.predicate_objects(prop):
            if not _constraint(p) or p in (SH.minCount, SH.maxCount):
                continue
            inner.append(self.condition(prop, p, o, x))
        if inner:
            parts.append(f"NOT EXISTS {{ {v} {path} {x} . FILTER(!({' && '.join(inner)})) }}")
        return "(" + " && ".join(parts) + ")" if parts else "true"

    def condition(self, shape: Node, p: Node, o: Node, v: str) -> str:
        """The expression for one value constraint `p o` on the value in `v`."""
        g = self.g
        if p == SH["class"]:
            return f"EXISTS {{ {v} {SUBCLASS_PATH} {_n3(o)} }}"
        if p == SH.datatype:
            expr = f"isLiteral({v}) && sameTerm(DATATYPE({v}), {_n3(o)})"
            if o in CASTABLE:
                expr += f' && !sameTerm(COALESCE({_n3(o)}(STR({v})), "\\u0000"), "\\u0000")'
            return f"({expr})"
        if p == SH.nodeKind:
            if o not in NODE_KINDS:
                raise Unsupported(f"node kind {o}")
            return NODE_KINDS[o].format(v=v)
        if p == SH.pattern:
            flags = g.value(shape, SH.flags)
            args = f", {Literal(str(flags)).n3()}" if flags is not None else ""
            return f"(!isBlank({v}) && REGEX(STR({v}), {Literal(str(o)).n3()}{args}))"
        if p == SH["in"]:
            members = list(Collection(g, o))
            terms = " || ".join(f"sameTerm({v}, {_n3(m)})" for m in members)
            return f"({terms or 'false'})"
        if p == SH.languageIn:
            ranges = [str(r) for r in Collection(g, o)]
            tests = " || ".join(f"langMatches(LANG({v}), {Literal(r).n3()})" for r in ranges)
            return f"(isLiteral({v}) && ({tests or 'false'}))"
        if p in COMPARISONS:
            return f"COALESCE({v} {COMPARISONS[p]} {_n3(o)}, false)"  # type: ignore[index]
        if p in (SH.minLength, SH.maxLength):
            op = ">=" if p == SH.minLength else "<="
            return f"(!isBlank({v}) && STRLEN(STR({v})) {op} {int(o)})"  # type: ignore[call-overload]
        if p == SH.hasValue:
            return f"sameTerm({v}, {_n3(o)})"
        if p == SH["or"]:
            return "(" + " || ".join(self.value_condition(s, v) for s in Collection(g, o)) + ")"
        if p == SH["and"]:
            return "(" + " && ".join(self.value_condition(s, v) for s in Collection(g, o)) + ")"
        if p == SH["not"]:
            return f"!{self.value_condition(o, v)}"
        if p == SH.node:
            return self.value_condition(o, v)
        raise Unsupported(f"constraint {p}")

    def class_alternatives(self, members: Node) -> list[str]:
        """The classes of an sh:or whose every member is just `[ sh:class C ]`, else []."""
        classes = []
        for member in Collection(self.g, members):
            pairs = [(p, o) for p, o in self.g.predicate_objects(member) if _constraint(p)]
            if len(pairs) != 1 or pairs[0][0] != SH["class"]:
                return []
            classes.append(_n3(pairs[0][1]))
        return classes

    # -- one check per constraint -----------------------------------------------------

    def shape_checks(self, shape: URIRef | BNode, targets: list[str], prefixes: str) -> list[Check]:
        g = self.g
        severity = str(g.value(shape, SH.severity) or SH.Violation).removeprefix(str(SH))
        messages = sorted(str(m) for m in g.objects(shape, SH.message))
        path_node = g.value(shape, SH.path)
        path = self.path(path_node) if path_node is not None else None
        target = (
            "{ SELECT DISTINCT ?this WHERE { "
            + " UNION ".join("{ " + t + " }" for t in targets)
            + " } }"
        )
        values = f"{target} ?this {path} ?value ." if path else f"{target} BIND(?this AS ?value)"
        checks: list[Check] = []

        def add(component: str, body: str, message: str | None = None) -> None:
            query = f"{prefixes}\nSELECT DISTINCT ?this ?value WHERE {{ {body} }}"
            msg = message if message is not None else (messages[0] if messages else "")
            checks.append(
                Check(shape, f"{component}ConstraintComponent", severity, msg, path_node, query)
            )

        seen = set()
        for p, o in g.predicate_objects(shape):
            if p in seen and p in (SH.qualifiedValueShape,):
                continue
            seen.add(p)
            if not _constraint(p):
                continue
            name = str(p).removeprefix(str(SH))
            if p == SH.minCount:
                if path is None:
                    raise Unsupported("minCount on a node shape")
                n = int(o)  # type: ignore[call-overload]
                if n == 1:
                    add("MinCount", f"{target} MINUS {{ ?this {path} [] }}")
                elif n > 1:
                    add(
                        "MinCount",
                        f"{{ SELECT ?this (COUNT(DISTINCT ?v) AS ?c) WHERE {{ {target} "
                        f"OPTIONAL {{ ?this {path} ?v }} }} GROUP BY ?this }} FILTER(?c < {n})",
                    )
            elif p == SH.maxCount:
                if path is None:
                    raise Unsupported("maxCount on a node shape")
                add(
                    "MaxCount",
                    f"{{ SELECT ?this (COUNT(DISTINCT ?v) AS ?c) WHERE {{ {target} "
                    f"?this {path} ?v }} GROUP BY ?this }} FILTER(?c > {int(o)})",  # type: ignore[call-overload]
                )
            elif p == SH["class"]:
                add("Class", f"{{ {values} }} MINUS {{ ?value {SUBCLASS_PATH} {_n3(o)} }}")
            elif p == SH.uniqueLang:
                if path is None:
                    raise Unsupported("uniqueLang on a node shape")
                if o.toPython() is True:  # type: ignore[union-attr]
                    add(
                        "UniqueLang",
                        f"{target} ?this {path} ?a . ?this {path} ?b . "
                        "FILTER(!sameTerm(?a, ?b) && LANG(?a) != '' && LANG(?a) = LANG(?b)) "
                        "BIND(LANG(?a) AS ?lang)",
                    )
            elif p in (SH.equals, SH.disjoint):
                if path is None:
                    raise Unsupported(f"{name} on a node shape")
                other = _n3(o)
                if p == SH.equals:
                    add(
                        "Equals",
                        f"{target} {{ ?this {path} ?value MINUS {{ ?this {other} ?value }} }} "
                        f"UNION {{ ?this {other} ?value MINUS {{ ?this {path} ?value }} }}",
                    )
                else:
                    add("Disjoint", f"{values} ?this {other} ?value .")
            elif p == SH.hasValue:
                if path is None:
                    add("HasValue", f"{target} FILTER(!sameTerm(?this, {_n3(o)}))")
                else:
                    add("HasValue", f"{target} MINUS {{ ?this {path} {_n3(o)} }}")
            elif p == SH.qualifiedValueShape:
                if g.value(shape, SH.qualifiedValueShapesDisjoint) in (Literal(True),):
                    raise Unsupported("qualifiedValueShapesDisjoint")
                if path is None:
                    raise Unsupported("a qualified value shape on a node shape")
                cond = self.value_condition(o, "?v")
                for bound, op, comp in (
                    (SH.qualifiedMinCount, "<", "QualifiedMinCount"),
                    (SH.qualifiedMaxCount, ">", "QualifiedMaxCount"),
                ):
                    limit = g.value(shape, bound)
                    if limit is not None:
                        add(
                            comp,
                            f"{{ SELECT ?this (COUNT(DISTINCT ?v) AS ?c) WHERE {{ {target} "
                            f"OPTIONAL {{ ?this {path} ?v FILTER({cond}) }} }} GROUP BY ?this }} "
                            f"FILTER(?c {op} {int(limit)})",  # type: ignore[call-overload]
                        )
            elif p == SH["or"] and (classes := self.class_alternatives(o)):
                # an or of classes: one MINUS of the union, not an EXISTS per value
                union = " UNION ".join(f"{{ ?value {SUBCLASS_PATH} {c} }}" for c in classes)
                add("Or", f"{{ {values} }} MINUS {{ {union} }}")
            else:
                cond = self.condition(shape, p, o, "?value")
                component = {
                    "or": "Or",
                    "and": "And",
                    "not": "Not",
                    "node": "Node",
                    "in": "In",
                }.get(name, name[0].upper() + name[1:])
                add(component, f"{values} FILTER(!{cond})")
        for constraint in g.objects(shape, SH.sparql):
            select = g.value(constraint, SH.select)
            if select is None:
                raise Unsupported("a SPARQL constraint without sh:select")
            if any(v in str(select) for v in ("$PATH", "$shapesGraph", "$currentShape")):
                raise Unsupported("pre-bound variables other than $this")
            own = sorted(str(m) for m in g.objects(constraint, SH.message))
            query = f"{prefixes}\nSELECT DISTINCT ?this WHERE {{ {target} }}"
            checks.append(
                Check(
                    shape,
                    "SPARQLConstraintComponent",
                    severity,
                    own[0] if own else (messages[0] if messages else ""),
                    path_node,
                    query,
                    per_focus=self.prefixes(constraint) + "\n" + str(select),
                )
            )
        return checks


def _focus_shapes(shapes: Graph) -> Iterator[tuple[URIRef | BNode, list[Node]]]:
    """Every shape that is evaluated, with the shapes whose targets give its focus nodes."""
    owners: dict[Node, list[Node]] = {}
    for owner, prop in shapes.subject_objects(SH.property):
        owners.setdefault(prop, []).append(owner)
    candidates = set(shapes.subjects(RDF.type, SH.NodeShape)) | set(
        shapes.subjects(RDF.type, SH.PropertyShape)
    )
    candidates |= set(owners) | {s for s, _o in shapes.subject_objects(SH.path)}
    for shape in sorted(candidates, key=str):
        if shapes.value(shape, SH.deactivated) == Literal(True):
            continue
        yield shape, [shape, *owners.get(shape, [])]  # type: ignore[misc]


def compile_shapes(shapes: Graph) -> tuple[list[Check], list[Node]]:
    """(checks, shapes the compiler leaves to pyshacl)."""
    compiler = Compiler(shapes)
    checks: list[Check] = []
    unsupported: list[Node] = []
    for shape, sources in _focus_shapes(shapes):
        try:
            blocks, prefixes = [], []
            for source in sources:
                b, p = compiler.target_blocks(source)
                blocks += b
                prefixes += p
            if not blocks:
                continue
            prefix_text = "\n".join(sorted({line for p in prefixes for line in p.splitlines()}))
            checks += compiler.shape_checks(shape, blocks, prefix_text)
        except Unsupported:
            unsupported.append(shape)
    return checks, unsupported


def run_checks(store: ox.Store, checks: list[Check], graphs: list[object]) -> list[Failure]:
    """Every failure of every check, over the given graphs as the default graph.

    Checks run on a small thread pool: pyoxigraph releases the GIL while it evaluates,
    so two cores validate in a little over half the time. Output order is the checks'.
    """
    import os
    from concurrent.futures import ThreadPoolExecutor

    def run(check: Check) -> list[Failure]:
        rows = list(store.query(check.query, default_graph=graphs))  # type: ignore[arg-type, call-overload]
        if check.per_focus is None:
            return [Failure(check, row["this"], row["value"], None) for row in rows]
        failures = []
        for row in rows:
            focus = row["this"]
            found = store.query(
                check.per_focus,
                default_graph=graphs,  # type: ignore[arg-type]
                substitutions={ox.Variable("this"): focus},
            )
            names = {v.value for v in found.variables}  # type: ignore[union-attr]
            for hit in found:  # type: ignore[union-attr]
                failures.append(
                    Failure(
                        check,
                        focus,
                        hit["value"] if "value" in names else None,
                        hit["path"] if "path" in names else None,
                    )
                )
        return failures

    with ThreadPoolExecutor(max(1, min(4, os.cpu_count() or 1))) as pool:
        return [f for found in pool.map(run, checks) for f in found]
