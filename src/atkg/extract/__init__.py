"""Citation extraction from UN documents: plain text (Chinese, English), AKN4UN XML, PDF.

`extract_file(path)` reads one document and returns an `Extraction`: what the document is
(symbol, title, date, body, language, structure) and every citation it makes, each with
the canonical UN symbol where one applies, the atkg IRI it resolves to, the paragraph and
footnote it stands in and the citing verb. `to_rdf` turns that into a named graph in the
ontology's terms, which `atkg ingest` writes under data/ingested/ for the next build.
"""

from __future__ import annotations

#: Version of the extractor, recorded as provenance of every ingested graph. Bump it when
#: a change alters what is extracted, so that ingested graphs say which rules made them.
EXTRACTOR_VERSION = "0.1.0"

__all__ = ["EXTRACTOR_VERSION"]
