"""`styrdok serve`: build, serve the site on this machine, and rebuild when a source changes.

The build swaps its output in whole, so the server always serves a complete site: the last
good one while the content has errors.
"""

from __future__ import annotations

import functools
import http.server
import socket
import sys
import threading
from pathlib import Path
from typing import Callable

WATCHED = ("content", "templates", "site")


def snapshot(folders: list[Path]) -> dict[Path, float]:
    return {path: path.stat().st_mtime for folder in folders if folder.exists()
            for path in folder.rglob("*") if path.is_file()}


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    """The built site from its folder, quietly; a missing page gets the site's 404.html."""

    def log_message(self, *args):
        pass

    def send_error(self, code, message=None, explain=None):
        """A missing page gets the site's own Swedish 404 page, as on the published site."""
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


class QuietServer(http.server.ThreadingHTTPServer):
    """A browser that goes away mid-answer (a closed tab, a cancelled download) is no error to
    print; anything else is told in one Swedish line, never as a traceback."""

    def handle_error(self, request, client_address):
        error = sys.exc_info()[1]
        if not isinstance(error, (ConnectionError, TimeoutError)):
            print(f"styrdok: fel när en sida skulle visas: {type(error).__name__}: {error}", file=sys.stderr)


def serve(site: Path, port: int, rebuild: Callable[[], None], folders: list[Path],
          say: Callable[[str], None] = print, interval: float = 0.5, stop: threading.Event | None = None) -> None:
    handler = functools.partial(SiteHandler, directory=str(site))
    httpd = QuietServer(("127.0.0.1", port), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    say(f"webbplatsen visas på http://127.0.0.1:{httpd.server_address[1]}/ – avsluta med Ctrl+C")
    try:
        _watch(rebuild, folders, say, interval, stop)
    except KeyboardInterrupt:  # what the message says to do: the end of serving, not an error
        say("webbplatsen visas inte längre")
    finally:
        httpd.shutdown()


def port_free(port: int) -> bool:
    """Whether the port can be served on, asked before a whole build is spent."""
    with socket.socket() as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def _watch(rebuild, folders, say, interval, stop) -> None:
    stop = stop or threading.Event()
    seen = snapshot(folders)
    while not stop.wait(interval):
        now = snapshot(folders)
        if now != seen:
            seen = now
            say("ändring upptäckt, bygger om …")
            rebuild()
