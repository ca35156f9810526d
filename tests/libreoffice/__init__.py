"""The LibreOffice oracle from the tests' side: one headless soffice per test session, driven
by oracle.py under the system Python, which has LibreOffice's Python bridge."""

from __future__ import annotations

import difflib
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
        ready = self.process.stdout.readline()
        if not ready:
            raise RuntimeError("LibreOffice did not start")

    def read(self, docx: bytes, action: str = "none") -> dict:
        """The paragraphs and tables of a .docx after accepting ('accept') or rejecting
        ('reject') every tracked change, or as it is ('none')."""
        with self.lock:
            self.count += 1
            path = self.folder / f"{self.count}.docx"
            path.write_bytes(docx)
            self.process.stdin.write(json.dumps({"path": str(path), "action": action}) + "\n")
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

    def mismatches(self, tracked: bytes, own: bytes, action: str) -> list[str]:
        """Where the tracked file, all changes accepted or rejected, differs from a version's own
        file, paragraph by paragraph (style, list label, text) and cell by cell: a unified diff,
        empty when they agree; tracked changes left over count too."""
        resolved, expected = self.read(tracked, action), self.read(own)
        found = [f"{resolved['redlines']} tracked changes left"] if resolved["redlines"] else []
        diff = difflib.unified_diff(_lines(expected["blocks"]), _lines(resolved["blocks"]),
                                    "own", action, n=1, lineterm="")
        return found + [line for line in diff if line[:1] in "+-" and line[:3] not in ("+++", "---")]

    def close(self) -> None:
        self.process.stdin.close()
        self.process.wait(timeout=60)
        shutil.rmtree(self.folder, ignore_errors=True)


def _lines(blocks: list) -> list[str]:
    lines = []
    for block in blocks:
        if block[0] == "table":
            lines += [" | ".join(["[cell]"] + row) for row in block[1]]
        else:
            _, style, label, text = block
            lines.append(f"[{style}] {label + ' ' if label else ''}{text}")
    return lines
