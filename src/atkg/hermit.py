"""Consistency of the ontology under HermiT, through owlready2 in a fresh World.

owlready2 reads RDF/XML, not Turtle, so rdflib hands it over. Kept separate and
imported lazily: it needs Java, and a build must not depend on it.
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph


@dataclass(frozen=True)
class ConsistencyReport:
    consistent: bool
    classes: int
    unsatisfiable: tuple[str, ...]
    message: str = ""


def java_available() -> bool:
    return shutil.which("java") is not None


def check_consistency(ontology: Graph, extra: Graph | None = None) -> ConsistencyReport:
    """Classify the ontology (plus optional instance data) with HermiT.

    Unsupported datatypes (xsd:date, the partial-date union) are ignored by HermiT on
    request; they carry no class-level meaning here.
    """
    import owlready2

    merged = Graph()
    for triple in ontology:
        merged.add(triple)
    if extra is not None:
        for triple in extra:
            merged.add(triple)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "atkg.owl"
        merged.serialize(path, format="xml")
        world = owlready2.World()
        onto = world.get_ontology(path.as_uri()).load()
        try:
            with onto:
                owlready2.sync_reasoner_hermit(
                    world,
                    infer_property_values=False,
                    debug=0,
                    ignore_unsupported_datatypes=True,
                )
        except owlready2.OwlReadyInconsistentOntologyError as exc:
            return ConsistencyReport(False, 0, (), str(exc))
        nothing = owlready2.Nothing
        unsat = tuple(sorted(c.iri for c in world.inconsistent_classes() if c is not nothing))
        classes = len(list(onto.classes()))
        return ConsistencyReport(not unsat, classes, unsat)
