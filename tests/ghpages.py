"""The one test server, which answers like GitHub Pages does for a project site (the `site_url`
fixture and the publishing and quality tests use it), and the pinned npm tools of tests/web/."""
from __future__ import annotations

import functools
import gzip
import http.server
import io
import shutil
import threading
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import unquote

from harness import FONT_DIR, FONTS_PATH, require, unavailable

WEB = Path(__file__).parent / "web"
NODE_MODULES = WEB / "node_modules"

# Compressed on the wire, as GitHub Pages serves them.
COMPRESSIBLE = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".map")


def node_tool(relative: str) -> Path:
    """A file inside tests/web/node_modules, or skip (fail in CI) when Node or `npm ci` is missing."""
    require("Node.js", shutil.which("node") is not None, ", then `make test` installs the pinned npm tools")
    path = NODE_MODULES / relative
    if not path.exists():
        unavailable("tests/web/node_modules is not installed: `make test` installs it (npm ci --prefix tests/web)")
    return path


class PagesHandler(http.server.SimpleHTTPRequestHandler):
    """GitHub Pages for https://<user>.github.io/<repo>/: the site lives under the project
    prefix, a folder without its slash is redirected, a missing page gets the site's 404.html
    with status 404, and text is sent gzip-compressed to clients that accept it. Outside the
site, FONTS_PATH serves the print tests' fonts (tests/fonts/)."""

    prefix = "/"
    root = Path(".")
    protocol_version = "HTTP/1.1"  # keep-alive, as a real host

    def log_message(self, *args):
        pass

    def send_head(self):
        path = self.path.split("?", 1)[0].split("#", 1)[0]
        if path.startswith(FONTS_PATH):  # the print tests' fonts, outside the site
            font = FONT_DIR / Path(unquote(path[len(FONTS_PATH):])).name
            return self._send(200, font) if font.is_file() else self._not_found(with_site_page=False)
        if not path.startswith(self.prefix):
            return self._not_found(with_site_page=False)
        relative = path[len(self.prefix):]
        target = (self.root / unquote(relative)).resolve()
        if self.root.resolve() not in (target, *target.parents):
            return self._not_found(with_site_page=False)
        if target.is_dir():
            if not path.endswith("/"):
                self.send_response(301)
                self.send_header("Location", path + "/")
                self.send_header("Content-Length", "0")
                self.end_headers()
                return None
            target = target / "index.html"
        if not target.is_file():
            return self._not_found(with_site_page=True)
        return self._send(200, target)

    def _not_found(self, with_site_page: bool):
        page = self.root / "404.html"
        if with_site_page and page.is_file():
            return self._send(404, page)
        body = b"Not Found"
        self.send_response(404)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)

    def _send(self, status: int, file: Path):
        body = file.read_bytes()
        self.send_response(status)
        self.send_header("Content-Type", self.guess_type(str(file)))
        if file.suffix in COMPRESSIBLE and "gzip" in self.headers.get("Accept-Encoding", ""):
            body = gzip.compress(body, 6)
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")
        self.end_headers()
        return io.BytesIO(body)


@contextmanager
def pages_server(site: Path, prefix: str):
    """Serve `site` on loopback as GitHub Pages would under `prefix`; yields the site's address."""
    handler = type("Handler", (PagesHandler,), {"prefix": prefix, "root": site})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}{prefix}"
    finally:
        server.shutdown()
        server.server_close()
