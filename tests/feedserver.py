"""A real HTTP server on 127.0.0.1 for feed tests: serves routes a test sets up.

Each route is a function (request headers) -> (status, headers, body). A body is
bytes (sent with a Content-Length) or an iterable of byte chunks, streamed without
a length until it ends or the client goes away (slow and endless bodies). The
server runs in a thread for the test's lifetime, counts the requests per path and
keeps each request's headers.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

Route = Callable[[dict[str, str]], tuple[int, dict[str, str], bytes | Iterable[bytes]]]


class FeedServer:
    """Routes and request counts of one running server."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.hits: Counter[str] = Counter()
        self.requests: list[tuple[str, dict[str, str]]] = []
        self.port = 0

    def url(self, path: str) -> str:
        """The full URL of `path` on this server."""
        return f"http://127.0.0.1:{self.port}{path}"


@contextmanager
def feed_server() -> Iterator[FeedServer]:
    """Start a server on a free port of 127.0.0.1; stop it afterwards."""
    state = FeedServer()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - http.server's naming
            state.hits[self.path] += 1
            state.requests.append((self.path, dict(self.headers)))
            route = state.routes.get(self.path)
            status, headers, body = route(dict(self.headers)) if route else (404, {}, b"not found")
            self.send_response(status)
            for key, value in headers.items():
                self.send_header(key, value)
            if isinstance(body, bytes):
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
                return
            self.send_header("Connection", "close")
            self.end_headers()
            try:
                for chunk in body:
                    self.wfile.write(chunk)
                    self.wfile.flush()
            except OSError:  # the client gave up: that is what these bodies test
                return

        def log_message(self, *_: object) -> None:
            return

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    state.port = server.server_address[1]
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05},
                              daemon=True)
    thread.start()
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()


def rss(items: list[tuple[str, str, str]], title: str = "Test Wire", extra: str = "") -> bytes:
    """An RSS 2.0 document with (guid, title, description) items; `extra` goes in the channel."""
    entries = "".join(
        f"<item><guid>{guid}</guid><title>{head}</title><link>https://news.example/{guid}"
        f"?utm_source=rss</link><description>{body}</description>"
        "<pubDate>Sun, 14 Dec 2025 10:00:00 GMT</pubDate></item>"
        for guid, head, body in items)
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>{title}</title>'
            f"{extra}{entries}</channel></rss>").encode()
