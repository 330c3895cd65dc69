"""Query files: the grlc-style `#+` header, and parameters bound as a VALUES block.

Queries are kept in queries/<kind>/<name>.rq and declare no PREFIXes: the project's
prefix map is prepended. Parameters are never spliced into the text as strings: each
value is an RDF term rendered by rdflib's `n3()` inside a VALUES block placed at the
start of the outermost WHERE group, which is the same on every engine, embedded or remote.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Literal, URIRef
from rdflib.term import Node

from atkg.errors import UsageError
from atkg.namespaces import PREFIXES, sparql_prologue

KINDS = ("qc", "analysis", "reports", "construct")
_HEADER = re.compile(r"^#\+\s?(.*)$")


@dataclass(frozen=True)
class Parameter:
    """A query parameter, named after the BASIL convention `?_name_type`."""

    name: str  # variable name without `?`, e.g. `_instrument_iri`
    kind: str  # iri, literal, date, integer ...
    description: str = ""

    @property
    def short(self) -> str:
        return self.name.strip("_").rsplit("_", 1)[0]

    def term(self, value: str) -> Node:
        """Turn a user's text into the RDF term this parameter expects."""
        if self.kind == "iri":
            if ":" in value and not value.startswith(("http://", "https://")):
                prefix, _, local = value.partition(":")
                if prefix in PREFIXES:
                    return URIRef(PREFIXES[prefix] + local)
            if not value.startswith(("http://", "https://")):
                raise UsageError(f"parameter {self.short!r} needs an IRI, got {value!r}")
            return URIRef(value)
        if self.kind == "date":
            if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
                raise UsageError(f"parameter {self.short!r} needs a date YYYY-MM-DD")
            return Literal(value, datatype=URIRef("http://www.w3.org/2001/XMLSchema#date"))
        if self.kind == "integer":
            if not value.lstrip("-").isdigit():
                raise UsageError(f"parameter {self.short!r} needs a whole number")
            return Literal(int(value))
        return Literal(value)


@dataclass(frozen=True)
class QueryFile:
    """One query of the library: its text, header fields and parameters."""

    path: Path
    name: str
    kind: str
    text: str
    header: dict[str, object] = field(default_factory=dict)
    parameters: tuple[Parameter, ...] = ()

    @property
    def summary(self) -> str:
        return str(self.header.get("summary", ""))

    def bind(self, values: Mapping[str, str]) -> dict[str, Node]:
        """Map user-given `name=value` pairs to terms; unknown or missing names are usage errors."""
        by_short = {p.short: p for p in self.parameters}
        bound: dict[str, Node] = {}
        for key, value in values.items():
            param = by_short.get(key) or next((p for p in self.parameters if p.name == key), None)
            if param is None:
                known = ", ".join(sorted(by_short)) or "none"
                raise UsageError(f"{self.name}: unknown parameter {key!r} (known: {known})")
            bound[param.name] = param.term(value)
        defaults = self.header.get("defaults")
        for param in self.parameters:
            if param.name in bound:
                continue
            default = defaults.get(param.short) if isinstance(defaults, dict) else None
            if default is None:
                raise UsageError(f"{self.name}: parameter {param.short!r} is required")
            bound[param.name] = param.term(str(default))
        return bound


def parse_header(text: str) -> dict[str, object]:
    """Parse the `#+ key: value` lines (a small YAML subset: scalars, lists, one-level maps).

    >>> parse_header("#+ summary: Gaps\\n#+ tags:\\n#+   - gap\\nSELECT * {}")
    {'summary': 'Gaps', 'tags': ['gap']}
    """
    header: dict[str, object] = {}
    current: str | None = None
    for line in text.splitlines():
        m = _HEADER.match(line)
        if not m:
            if line.startswith("#") or not line.strip():
                continue
            break
        body = m.group(1)
        stripped = body.strip()
        if not stripped:
            continue
        if stripped.startswith("- ") and current is not None:
            value = header.setdefault(current, [])
            if isinstance(value, list):
                value.append(stripped[2:].strip())
            continue
        if body.startswith(" ") and current is not None and ":" in stripped:
            key, _, value = stripped.partition(":")
            mapping = header.get(current)
            if not isinstance(mapping, dict):
                mapping = {}
                header[current] = mapping
            mapping[key.strip()] = value.strip()
            continue
        key, _, value = stripped.partition(":")
        current = key.strip()
        header[current] = value.strip() if value.strip() else []
    return {k: ({} if v == [] and k in ("defaults",) else v) for k, v in header.items()}


def load_query(path: Path, root: Path) -> QueryFile:
    text = path.read_text(encoding="utf-8")
    header = parse_header(text)
    kind = path.parent.name
    params = []
    raw = header.get("params", [])
    for item in raw if isinstance(raw, list) else []:
        name, _, description = str(item).partition(" ")
        name = name.lstrip("?")
        kind_of = name.rsplit("_", 1)[-1] if name.count("_") >= 2 else "literal"
        params.append(Parameter(name, kind_of, description.strip()))
    name = path.relative_to(root).with_suffix("").as_posix()
    return QueryFile(path, name, kind, text, header, tuple(params))


def query_library(root: Path) -> dict[str, QueryFile]:
    """Every .rq file under queries/, keyed by its path without extension (`qc/x-violation`)."""
    return {q.name: q for q in (load_query(p, root) for p in sorted(root.rglob("*.rq")))}


def resolve_query(root: Path, name_or_path: str) -> QueryFile:
    """Find a query by library name (`analysis/x`) or by file path."""
    path = Path(name_or_path)
    if path.suffix == ".rq" and path.is_file():
        try:
            return load_query(path.resolve(), root.resolve())
        except ValueError:
            return load_query(path, path.parent.parent)
    library = query_library(root)
    key = name_or_path.removesuffix(".rq").removeprefix("queries/")
    if key in library:
        return library[key]
    raise UsageError(f"no query {name_or_path!r} (try `atkg query --list`)")


def _skip(text: str, i: int) -> int:
    """Index after a comment, string or IRI starting at i, else i itself."""
    ch = text[i]
    if ch == "#":
        end = text.find("\n", i)
        return len(text) if end < 0 else end
    if ch == "<":
        m = re.match(r"<[^<>\"{}|^`\\\s]*>", text[i:])
        return i + m.end() if m else i
    if ch in "'\"":
        quote = text[i] * 3 if text.startswith(text[i] * 3, i) else text[i]
        j = i + len(quote)
        while j < len(text):
            if text[j] == "\\":
                j += 2
                continue
            if text.startswith(quote, j):
                return j + len(quote)
            j += 1
        return len(text)
    return i


def with_values(text: str, bindings: Mapping[str, Node]) -> str:
    """Insert a VALUES block for the bindings at the start of the outermost WHERE group.

    >>> with_values("SELECT ?x WHERE { ?x ?p ?_o_iri }", {"_o_iri": URIRef("http://e/o")})
    'SELECT ?x WHERE { VALUES (?_o_iri) { (<http://e/o>) }\\n ?x ?p ?_o_iri }'
    >>> with_values("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", {"o": Literal(1)})[:45]
    'CONSTRUCT { ?s ?p ?o } WHERE { VALUES (?o) { '
    """
    if not bindings:
        return text
    names = sorted(bindings)
    block = (
        "VALUES ("
        + " ".join(f"?{n}" for n in names)
        + ") { ("
        + " ".join(bindings[n].n3() for n in names)
        + ") }\n"
    )
    first_brace = None
    seen_where = False
    depth = 0
    i = 0
    while i < len(text):
        j = _skip(text, i)
        if j != i:
            i = j
            continue
        ch = text[i]
        if ch == "{":
            if depth == 0 and seen_where:
                return text[: i + 1] + " " + block + text[i + 1 :]
            if depth == 0 and first_brace is None:
                first_brace = i
            depth += 1
        elif ch == "}":
            depth -= 1
        elif (
            depth == 0
            and text[i : i + 5].upper() == "WHERE"
            and (i == 0 or not (text[i - 1].isalnum() or text[i - 1] in "_?$"))
        ):
            seen_where = True
        i += 1
    if first_brace is None:
        raise UsageError("query has no WHERE group to bind parameters in")
    return text[: first_brace + 1] + " " + block + text[first_brace + 1 :]


def strip_comments(text: str) -> str:
    """The query without `#` comments (outside strings and IRIs).

    SPARQLWrapper guesses a query's form by searching its text, comments included, so a
    header that mentions "describe" or "insert" would make it send the wrong request.

    >>> strip_comments('#+ summary: describe x\\nSELECT ?s WHERE { ?s ?p "#1" } # end')
    '\\nSELECT ?s WHERE { ?s ?p "#1" } '
    """
    out = []
    i = 0
    while i < len(text):
        j = _skip(text, i)
        if j != i:
            if text[i] != "#":
                out.append(text[i:j])
            i = j
            continue
        out.append(text[i])
        i += 1
    return "".join(out)


def full_text(query: QueryFile | str, bindings: Mapping[str, Node] | None = None) -> str:
    """The executable text: prefix map, then the query with its parameters bound."""
    text = query.text if isinstance(query, QueryFile) else query
    return sparql_prologue() + with_values(text, bindings or {})
