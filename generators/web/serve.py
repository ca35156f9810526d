"""`styrdok serve`: build, serve the site on this machine, and rebuild when a source changes.

The build swaps its output in whole, so the server always serves a complete site: the last
good one while the content has errors.
"""

from __future__ import annotations

import functools
import http.server
import os
import socket
import sys
import threading
from pathlib import Path
from typing import Callable

WATCHED = ("content", "templates", "site")


def snapshot(folders: list[Path]) -> dict[str, tuple[int, int]]:
    """Every file's size and time under folders. A file that vanishes while it is looked at (an
    editor's temporary file) is simply not there: nothing here raises."""
    seen = {}
    for folder in folders:
        for directory, _, names in os.walk(folder, onerror=lambda error: None):
            for name in names:
                path = os.path.join(directory, name)
                try:
                    info = os.stat(path)
                except OSError:
                    continue
                seen[path] = (info.st_size, info.st_mtime_ns)
    return seen


REASONS = {
    400: ("Felaktig begäran", "Webbläsaren skickade en begäran som servern inte förstår."),
    403: ("Åtkomst nekad", "Den här sidan får inte visas."),
    404: ("Sidan finns inte", "Det finns ingen sida på den här adressen."),
    405: ("Metoden är inte tillåten", "Webbplatsen kan bara visas, inte ändras."),
    408: ("Tiden gick ut", "Webbläsaren skickade inte sin begäran i tid."),
    414: ("Adressen är för lång", "Adressen är längre än servern tar emot."),
    431: ("För stora huvuden", "Begäran har fler eller större huvuden än servern tar emot."),
    500: ("Fel i servern", "Något gick fel när sidan skulle visas."),
    501: ("Metoden stöds inte", "Webbplatsen kan bara visas med GET och HEAD."),
    505: ("HTTP-versionen stöds inte", "Servern talar HTTP/1.0 och HTTP/1.1."),
}


def error_page(code: int) -> bytes:
    title, text = REASONS.get(code, (f"Fel {code}", "Servern kunde inte svara på begäran."))
    return (f'<!doctype html><html lang="sv"><head><meta charset="utf-8"><title>{title}</title></head>'
            f"<body><h1>{title}</h1><p>{text}</p><p>Felkod {code}.</p></body></html>").encode("utf-8")


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    """The built site from its folder, quietly; every error in Swedish (a missing page gets the
    site's own 404.html; a bad request or a method other than GET and HEAD a page of its own),
    and a folder without an index page is missing, never listed."""

    def log_message(self, *args):
        pass

    def send_head(self):
        try:
            return super().send_head()
        except (ValueError, OSError):  # a path no file can have (a NUL byte, too long a name): missing
            self.send_error(404)
            return None

    def list_directory(self, path):
        self.send_error(404)
        return None

    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory) / "404.html"
        body = page.read_bytes() if code == 404 and page.is_file() else error_page(code)
        self.close_connection = True
        # A request line that could not be read leaves the protocol at HTTP/0.9, which has no status
        # line: an error is still told with one.
        self.request_version = "HTTP/1.0" if self.request_version == "HTTP/0.9" else self.request_version
        try:
            self.send_response(code)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Connection", "close")
            self.end_headers()
            if getattr(self, "command", None) != "HEAD":
                self.wfile.write(body)
        except (ConnectionError, TimeoutError):
            pass



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
