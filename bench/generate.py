"""Synthetic atkg graphs at a chosen size, shaped like the real build (source data only).

Run: `python bench/generate.py --scale 1000000 -o /tmp/atkg-1e6.nq`.

The generator starts from the real sources (the loaders' output, before reasoning) and
splits them in two parts, as the regime grows:

- a fixed part that does not grow with the regime: the ontology, states, regions and the
  controlled vocabularies (and any quad that names no growing entity);
- a growing part: everything that mentions an instrument, document, body, mandate,
  event, relation or coverage IRI (treaty actions and their attestations live under their
  instrument, citations and paragraphs under their document).

Larger graphs are copies of the growing part with renamed IRIs that keep atkg's IRI
templates (`document/XB/A/RES/63/156` for the symbol `XB/A/RES/63/156`, which the symbol
pattern accepts; `instrument/xb-uncac`), so every copy is again valid data that cites the
same states and concepts, with the loaders' provenance (attestations, curation records).
The last copy, and graphs smaller than the seed, take a sample of whole units (an entity
with everything under its IRI), chosen by a stable hash, so the proportions of classes,
the fan-out and the provenance are those of the real build. Output is N-Quads in the
named graphs the loaders use; deterministic for a given scale.
"""

from __future__ import annotations

import argparse
import hashlib
import re
import sys
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox

ID = "https://w3id.org/atkg/id/"
GROWING = ("instrument", "document", "body", "mandate", "event", "relation", "coverage")
_IRI = re.compile(r"<https://w3id\.org/atkg/id/(" + "|".join(GROWING) + r")/([^>]*)>")
# parts of an IRI that hang under their owning entity (its unit)
_UNDER = re.compile(
    r"/(?:citation|attestation|action|objective|column|annex|preambular|operative)(?:/|$)"
)
_SYMBOL = '<https://w3id.org/atkg/ontology#symbol> "'


def seed_nquads() -> list[str]:
    """The real sources (no inferred graph) as sorted N-Quads lines."""
    from atkg.build import load_sources, to_store
    from atkg.paths import ProjectPaths

    store = to_store(load_sources(ProjectPaths.default()))
    text = store.dump(format=ox.RdfFormat.N_QUADS).decode("utf-8")  # type: ignore[union-attr]
    return sorted(line for line in text.splitlines() if line)


def _unit(kind: str, rest: str) -> str:
    match = _UNDER.search(rest)
    return f"{kind}/{rest[: match.start()] if match else rest}"


def _fraction(unit: str) -> float:
    digest = hashlib.blake2b(unit.encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big") / 2**64


class Seed:
    """The seed split into fixed lines and growing lines with the units each mentions.

    A sample keeps whole units and, with each, the units it refers to, so a sampled
    citation still has its documents and an attestation its source.
    """

    def __init__(self, lines: list[str]) -> None:
        self.fixed: list[str] = []
        self.growing: list[tuple[str, frozenset[int]]] = []
        ids: dict[str, int] = {}
        self.deps: list[set[int]] = []
        for line in lines:
            found = [_unit(kind, rest) for kind, rest in _IRI.findall(line)]
            if not found:
                self.fixed.append(line)
                continue
            units = []
            for unit in found:
                if unit not in ids:
                    ids[unit] = len(ids)
                    self.deps.append(set())
                units.append(ids[unit])
            if line.startswith(f"<{ID}") and _IRI.match(line):  # the subject is a unit
                self.deps[units[0]].update(units[1:])
            self.growing.append((line, frozenset(units)))
        self.hashes = [0.0] * len(ids)
        for unit, i in ids.items():
            self.hashes[i] = _fraction(unit)

    def closure(self, fraction: float) -> set[int]:
        """Units hashed below `fraction` and the units they name directly.

        One level only: the seed's citations link most documents to each other, so the
        full closure of almost any unit is a third of the seed. A unit pulled in this way
        may in turn name units left out (a few dangling references, as a partial
        harvest of UN documents has too).
        """
        chosen = {i for i, h in enumerate(self.hashes) if h < fraction}
        for unit in list(chosen):
            chosen.update(self.deps[unit])
        return chosen

    def sample(self, fraction: float) -> list[str]:
        chosen = self.closure(fraction)
        return [line for line, units in self.growing if units <= chosen]

    def fraction_for(self, lines: int) -> float:
        """The sampling fraction that keeps about `lines` growing lines (bisection)."""
        lo, hi = 0.0, 1.0
        for _ in range(25):
            mid = (lo + hi) / 2
            if len(self.sample(mid)) < lines:
                lo = mid
            else:
                hi = mid
        return hi


def _code(copy: int) -> str:
    """X, XB, XC ... : letters only, so renamed UN symbols still match the symbol pattern."""
    letters = ""
    n = copy
    while n:
        n, r = divmod(n, 26)
        letters = chr(ord("A") + r) + letters
    return "X" + letters


def _renamer(copy: int):  # type: ignore[no-untyped-def]
    if copy == 0:
        return lambda line: line
    upper = _code(copy)
    lower = upper.lower()

    def rename_iri(match: re.Match[str]) -> str:
        kind, rest = match.group(1), match.group(2)
        new = f"{upper}/{rest}" if kind == "document" else f"{lower}-{rest}"
        return f"<{ID}{kind}/{new}>"

    def rename(line: str) -> str:
        line = _IRI.sub(rename_iri, line)
        if _SYMBOL in line:
            line = line.replace(_SYMBOL, f"{_SYMBOL}{upper}/")
        return line

    return rename


def generate(seed: Seed, scale: int) -> Iterator[str]:
    """N-Quads lines of a graph of about `scale` quads (before reasoning)."""
    yield from seed.fixed
    remaining = max(0, scale - len(seed.fixed))
    per_copy = len(seed.growing)
    copy = 0
    while remaining > 0:
        rename = _renamer(copy)
        if remaining >= per_copy:
            for line, _units in seed.growing:
                yield rename(line)
            remaining -= per_copy
        else:
            for line in seed.sample(seed.fraction_for(remaining)):
                yield rename(line)
            remaining = 0
        copy += 1


def write(scale: int, out: Path, seed: Seed | None = None) -> int:
    """Write the graph to `out`; returns the number of quads written."""
    seed = seed or Seed(seed_nquads())
    n = 0
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8") as fh:
        for line in generate(seed, scale):
            fh.write(line)
            fh.write("\n")
            n += 1
    return n


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=int, required=True, help="quads wanted (about)")
    parser.add_argument("-o", "--output", type=Path, required=True)
    args = parser.parse_args(argv)
    n = write(args.scale, args.output)
    sys.stderr.write(f"{n:,} quads -> {args.output}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
