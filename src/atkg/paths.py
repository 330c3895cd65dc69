"""Where the project's inputs and outputs live: the one place such constants are kept."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


def _find_root() -> Path:
    """Locate the project root: $ATKG_HOME, else the checkout this package was installed from."""
    env = os.environ.get("ATKG_HOME")
    if env:
        return Path(env).resolve()
    here = Path(__file__).resolve()
    for parent in here.parents:
        if (parent / "ontology" / "atkg.ttl").is_file():
            return parent
    cwd = Path.cwd()
    for parent in [cwd, *cwd.parents]:
        if (parent / "ontology" / "atkg.ttl").is_file():
            return parent
    raise FileNotFoundError("cannot find the atkg project root (ontology/atkg.ttl); set ATKG_HOME")


@dataclass(frozen=True)
class ProjectPaths:
    """Paths of one atkg project tree; tests build one over a temporary copy."""

    root: Path

    @classmethod
    def default(cls) -> ProjectPaths:
        return cls(_find_root())

    @property
    def ontology(self) -> Path:
        return self.root / "ontology" / "atkg.ttl"

    @property
    def shapes(self) -> Path:
        return self.root / "shapes"

    @property
    def queries(self) -> Path:
        return self.root / "queries"

    @property
    def curated(self) -> Path:
        return self.root / "data" / "curated"

    @property
    def vocabularies(self) -> Path:
        return self.root / "data" / "vocabularies"

    @property
    def sources(self) -> Path:
        return self.root / "data" / "sources"

    @property
    def build(self) -> Path:
        return Path(os.environ.get("ATKG_BUILD_DIR", self.root / "build"))

    def relative(self, path: Path) -> str:
        """Path as shown to users and recorded in provenance: relative to the root when possible."""
        try:
            return path.resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return path.as_posix()
