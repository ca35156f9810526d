"""The LibreOffice oracle from the tests' side: one headless soffice per test session, driven
by oracle.py under the system Python, which has LibreOffice's Python bridge."""

from __future__ import annotations

import difflib
import hashlib
import json
import shutil
import subprocess
import tempfile
import threading
from pathlib import Path

SYSTEM_PYTHON = "/usr/bin/python3"
SCRIPT = Path(__file__).with_name("oracle.py")


def available() -> bool:
    if not shutil.which("soffice") or not Path(SYSTEM_PYTHON).exists():
        return False
    return subprocess.run([SYSTEM_PYTHON, "-c", "import uno"], capture_output=True).returncode == 0


class LibreOffice:
    def __init__(self):
        self.folder = Path(tempfile.mkdtemp(prefix="styrdok-oracle-"))
        self.process = subprocess.Popen([SYSTEM_PYTHON, str(SCRIPT)], stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE, text=True, encoding="utf-8")
        self.lock = threading.Lock()
        self.count = 0
        self.seconds = 0.0
        self.renderings: dict[tuple[str, str], list[str]] = {}
        ready = self.process.stdout.readline()
        if not ready:
            raise RuntimeError("LibreOffice did not start")

    def read(self, docx: bytes, action: str = "none") -> dict:
        """The paragraphs and tables of a .docx after accepting ('accept') or rejecting
        ('reject') every tracked change, or as it is ('none'), in LibreOffice's memory."""
        return self._ask(docx, action)

    def rendered(self, docx: bytes, action: str = "none") -> list[str]:
        """What a reader gets: the .docx after the action, saved, reopened and exported to PDF,
        as poppler's pdftotext reads it in layout mode (a list label and its text on one line),
        one line a line, spaces collapsed, each page begun by '--- sida N ---'."""
        key = (hashlib.sha256(docx).hexdigest(), action)
        if key not in self.renderings:  # a version's own file is compared with many tracked ones
            pdf = self.folder / f"rendered-{threading.get_ident()}.pdf"
            answer = self._ask(docx, action, pdf=str(pdf))
            text = subprocess.run(["pdftotext", "-layout", "-enc", "UTF-8", str(pdf), "-"], capture_output=True,
                                  check=True, text=True, encoding="utf-8").stdout
            pdf.unlink()
            lines = [f"{answer['redlines']} tracked changes left"] if answer["redlines"] else []
            for number, page in enumerate(text.split("\f")[:-1], 1):
                lines += [f"--- sida {number} ---"] + [" ".join(line.split()) for line in page.splitlines()
                                                       if line.strip()]
            self.renderings[key] = lines
        return self.renderings[key]

    def rendered_mismatches(self, tracked: bytes, own: bytes, action: str) -> list[str]:
        """Where the tracked file, every change accepted or rejected, reads otherwise on the
        rendered page than a version's own file rendered the same way: a diff, empty when equal."""
        diff = difflib.unified_diff(self.rendered(own), self.rendered(tracked, action), "own", action,
                                    n=1, lineterm="")
        return [line for line in diff if line[:1] in "+-" and line[:3] not in ("+++", "---")]

    def _ask(self, docx: bytes, action: str, **more) -> dict:
        with self.lock:
            self.count += 1
            path = self.folder / f"{self.count}.docx"
            path.write_bytes(docx)
            self.process.stdin.write(json.dumps({"path": str(path), "action": action, **more}) + "\n")
            self.process.stdin.flush()
            line = self.process.stdout.readline()
            path.unlink()
        if not line:
            raise RuntimeError("LibreOffice stopped answering")
        answer = json.loads(line)
        if "error" in answer:
            raise RuntimeError(answer["error"])
        self.seconds += answer["seconds"]
        return answer

    def record(self, docx: bytes, edits: list[tuple[str, str, str]]) -> tuple[bytes, int]:
        """The .docx with the edits made in LibreOffice with change recording on, and how many
        of them found their paragraph (oracle.py says which edits there are)."""
        with self.lock:
            self.count += 1
            path, out = self.folder / f"{self.count}.docx", self.folder / f"{self.count}-recorded.docx"
            path.write_bytes(docx)
            request = {"path": str(path), "action": "record", "edits": edits, "out": str(out)}
            self.process.stdin.write(json.dumps(request) + "\n")
            self.process.stdin.flush()
            line = self.process.stdout.readline()
            path.unlink()
        answer = json.loads(line) if line else {"error": "LibreOffice stopped answering"}
        if "error" in answer:
            raise RuntimeError(answer["error"])
        data = out.read_bytes()
        out.unlink()
        return data, answer["done"]
    def close(self) -> None:
        self.process.stdin.close()
        self.process.wait(timeout=60)
        shutil.rmtree(self.folder, ignore_errors=True)

