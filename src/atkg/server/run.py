"""Running the application: a threaded wsgiref server on loopback by default."""

from __future__ import annotations

import logging
import socketserver
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from atkg.server.app import App

log = logging.getLogger(__name__)


class ThreadingWSGIServer(socketserver.ThreadingMixIn, WSGIServer):
    """One thread per connection, and a listen backlog that takes a burst of clients."""

    daemon_threads = True
    request_queue_size = 1024  # socketserver's default of 5 refuses bursts


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        log.debug("%s " + format, self.address_string(), *args)


def create_server(app: App, host: str = "127.0.0.1", port: int = 8000) -> ThreadingWSGIServer:
    """A bound server (port 0 picks a free port: read it from `server.server_port`)."""
    return make_server(  # type: ignore[return-value]
        host, port, app, server_class=ThreadingWSGIServer, handler_class=_QuietHandler
    )


def serve(app: App, host: str = "127.0.0.1", port: int = 8000) -> None:
    """Serve until interrupted."""
    server = create_server(app, host, port)
    try:
        server.serve_forever()
    finally:
        server.server_close()
