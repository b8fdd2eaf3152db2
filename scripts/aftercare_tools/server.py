"""A local web server for a built site, on 127.0.0.1 only: plain, or as a static host serves it."""

from __future__ import annotations

import functools
import gzip
import http.server
import io
import threading
from pathlib import Path

_COMPRESSIBLE = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".pf_meta")


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass


class _StaticHost(_QuietHandler):
    """Like a static host: gzip (level 6) for text when the browser asks for it; a year of cache
    for Material's fingerprinted assets (or no caching at all, for `cache=False`)."""

    cache = True

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if not path.is_file() or not path.name.endswith(_COMPRESSIBLE) \
                or "gzip" not in self.headers.get("Accept-Encoding", ""):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), 6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        fingerprinted = "/assets/javascripts/" in self.path or "/assets/stylesheets/" in self.path
        if not self.cache:
            self.send_header("Cache-Control", "no-store")
        else:
            self.send_header("Cache-Control", "public, max-age=31536000, immutable" if fingerprinted else "no-cache")
        self.end_headers()
        return io.BytesIO(body)


class _StaticHostNoCache(_StaticHost):
    cache = False


@functools.lru_cache(maxsize=None)
def _start(directory: str, kind: str) -> str:
    handler_class = {"plain": _QuietHandler, "host": _StaticHost, "host-no-cache": _StaticHostNoCache}[kind]
    handler = functools.partial(handler_class, directory=directory)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}/"


def serve(directory: Path) -> str:
    """Serve a folder as plain files (one server per folder for the process); its base URL."""
    return _start(str(directory), "plain")


def serve_like_a_host(directory: Path, *, cache: bool = True) -> str:
    """Serve a folder gzipped, with a static host's cache headers (or none, `cache=False`)."""
    return _start(str(directory), "host" if cache else "host-no-cache")
