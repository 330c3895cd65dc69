"""Content negotiation: pick a media type from an Accept header, with q-values."""

from __future__ import annotations

from collections.abc import Sequence


def parse_accept(header: str | None) -> list[tuple[str, float, int]]:
    """(media range, q, position) for each entry; a missing header accepts everything.

    >>> parse_accept("text/html;q=0.9, text/turtle")[0][:2]
    ('text/html', 0.9)
    """
    if not header or not header.strip():
        return [("*/*", 1.0, 0)]
    out = []
    for pos, part in enumerate(header.split(",")):
        fields = [f.strip() for f in part.split(";")]
        media = fields[0].lower()
        if not media:
            continue
        q = 1.0
        for param in fields[1:]:
            key, _, value = param.partition("=")
            if key.strip() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        out.append((media, q, pos))
    return out


def _specificity(media_range: str, offer: str) -> int:
    if media_range == offer:
        return 3
    kind, _, _sub = offer.partition("/")
    if media_range == f"{kind}/*":
        return 2
    if media_range == "*/*":
        return 1
    return 0


def negotiate(header: str | None, offers: Sequence[str]) -> str | None:
    """The offer the client prefers; ties go to the server's order of offers.

    >>> negotiate("text/html,application/xhtml+xml,*/*;q=0.8", ["text/turtle", "text/html"])
    'text/html'
    >>> negotiate("*/*", ["text/turtle", "text/html"])
    'text/turtle'
    >>> negotiate("image/png", ["text/turtle"]) is None
    True
    """
    ranges = parse_accept(header)
    best: tuple[float, int, int] | None = None
    chosen = None
    for index, offer in enumerate(offers):
        q_offer, spec_offer = 0.0, 0
        for media, q, _pos in ranges:
            spec = _specificity(media, offer)
            if spec > spec_offer:
                q_offer, spec_offer = q, spec
        if spec_offer == 0 or q_offer <= 0:
            continue
        key = (q_offer, spec_offer, -index)
        if best is None or key > best:
            best, chosen = key, offer
    return chosen
