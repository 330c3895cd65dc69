"""`atkg serve`: a read-only linked-data server over the embedded store of a build.

A thin layer, standard library only (wsgiref): the SPARQL 1.1 Protocol at `/sparql`
(pyoxigraph answers the queries), the library's named queries at `/queries/...`, VoID at
`/.well-known/void`, DCAT at `/catalog`, and every atkg IRI dereferenced with content
negotiation (`/id/...` 303 → `/doc/...` as HTML, Turtle, JSON-LD or N-Triples). The WSGI
application (`make_app`) runs under any WSGI server as well.
"""

from atkg.server.app import App, Settings, make_app
from atkg.server.run import serve

__all__ = ["App", "Settings", "make_app", "serve"]
