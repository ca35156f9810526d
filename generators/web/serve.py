"""`styrdok serve`: build, serve the site on this machine, and rebuild when a source changes.

The build swaps its output in whole, so the server always serves a complete site: the last
good one while the content has errors.
"""

from __future__ import annotations

import functools
import http.server
import threading
from pathlib import Path
from typing import Callable

WATCHED = ("content", "templates", "site")


def snapshot(folders: list[Path]) -> dict[Path, float]:
    return {path: path.stat().st_mtime for folder in folders if folder.exists()
            for path in folder.rglob("*") if path.is_file()}


class _Handler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve(site: Path, port: int, rebuild: Callable[[], None], folders: list[Path],
          say: Callable[[str], None] = print, interval: float = 0.5, stop: threading.Event | None = None) -> None:
    handler = functools.partial(_Handler, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    say(f"webbplatsen visas på http://127.0.0.1:{httpd.server_address[1]}/ – avsluta med Ctrl+C")
    stop = stop or threading.Event()
    seen = snapshot(folders)
    try:
        while not stop.wait(interval):
            now = snapshot(folders)
            if now != seen:
                seen = now
                say("ändring upptäckt, bygger om …")
                rebuild()
    finally:
        httpd.shutdown()
