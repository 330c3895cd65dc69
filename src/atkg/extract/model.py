"""What an extraction returns: the document, its structure, its citations, what did not resolve.

Offsets (`start`, `end`) are character offsets into the decoded text of the input file
(for XML, into the text of the element named by `paragraph`), so a reader can go back to
the exact words; locators follow the grammar of data/curated/README.md (`pp 3`,
`op 2 > fn 5`, `annex para 12`).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

#: Kinds of citation the extractors report.
KINDS = (
    "symbol",  # a bare UN document symbol: A/68/53, E/2002/68/Add.1
    "link",  # an undocs.org / docs.un.org link (AKN4UN footnotes)
    "resolution",  # "resolution 64/293", "第 64/293 号决议"
    "decision",  # "decision 2004/110", "第 4/4 号决定"
    "treaty-series",  # "Treaty Series, vol. 2237, No. 39574", "《条约汇编》，第 2237 卷"
    "title",  # a title in 《…》 or an instrument's English name
    "body",  # a body named in the text
    "mandate",  # a special procedure named in the text
)


@dataclass
class DocumentInfo:
    """What the document is, as far as the file tells (None where it does not)."""

    symbol: str | None = None
    title: str | None = None
    date: str | None = None
    body: str | None = None
    language: str | None = None
    key: str | None = None  # atkg document key: the symbol, or a slug (seeds.tsv, file name)

    def to_json(self) -> dict[str, Any]:
        return {k: getattr(self, k) for k in ("symbol", "title", "date", "body", "language")}


@dataclass
class Paragraph:
    """A unit of the document's structure that citations are located in."""

    locator: str  # "pp 3", "op 1", "annex para 12", "para 4", "heading", "summary"
    kind: str  # heading, summary, preambular, operative, annex, paragraph
    start: int
    end: int
    verb: str | None = None  # concept key of the verb scheme: "recalls", "urges" ...


@dataclass
class Footnote:
    number: str
    start: int  # the footnote's own text
    end: int
    marker: int | None = None  # offset of the first marker in the body text
    paragraph: str | None = None  # locator of the paragraph holding the marker
    repeats: list[int] = field(default_factory=list)  # later markers of the same note


@dataclass
class Citation:
    """One reference the document makes, resolved to a canonical symbol and/or an atkg IRI."""

    kind: str
    text: str
    start: int
    end: int
    symbol: str | None = None
    target: str | None = None  # atkg IRI
    ref: str | None = None  # typed reference (document:A/RES/64/293, instrument:untoc)
    paragraph: str | None = None
    footnote: str | None = None
    verb: str | None = None
    confidence: float = 1.0
    known: bool = False  # the target is an entity the curated tables (or the graph) hold

    @property
    def locator(self) -> str:
        parts = [self.paragraph or "heading"]
        if self.footnote:
            parts.append(f"fn {self.footnote}")
        return " > ".join(parts)

    def to_json(self) -> dict[str, Any]:
        return {
            "symbol": self.symbol,
            "target": self.target,
            "kind": self.kind,
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "paragraph": self.paragraph,
            "footnote": self.footnote,
            "verb": self.verb,
            "confidence": round(self.confidence, 2),
        }


@dataclass
class Unresolved:
    """A reference recognised as one but not tied to a symbol or an atkg entity."""

    kind: str
    text: str
    start: int
    end: int
    reason: str
    paragraph: str | None = None
    footnote: str | None = None

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Extraction:
    """Everything extracted from one file."""

    file: str
    document: DocumentInfo
    citations: list[Citation] = field(default_factory=list)
    unresolved: list[Unresolved] = field(default_factory=list)
    paragraphs: list[Paragraph] = field(default_factory=list)
    footnotes: list[Footnote] = field(default_factory=list)
    seconds: float = 0.0

    def to_json(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "document": self.document.to_json(),
            "citations": [c.to_json() for c in self.citations],
            "unresolved": [u.to_json() for u in self.unresolved],
        }
