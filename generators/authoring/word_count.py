"""The words of a Word file as an independent reader sees them: pandoc's plain text.

`styrdok import` says how many of a file's words its draft keeps. Counted with styrdok's own
reader, a construct that reader skips would be missing from both sides and the figure would
say 100 %; pandoc reads the file on its own (it ships with pypandoc-binary). Its list numbers
and note marks ('1.', '[1]') are left out: the draft's lists and notes print their own.
--standalone keeps a Title-styled paragraph, which pandoc otherwise takes for metadata only.
pandoc runs sandboxed, with a memory ceiling and a time limit, after the package limits
(word/package.py) have passed; if it cannot read the file, the caller counts with its own reader.
"""

from __future__ import annotations

import re
import subprocess
from collections import Counter
from pathlib import Path

LIST_MARK = re.compile(r"(?m)^\s*(?:\d+|[a-zA-Z]|[ivxlcdm]+)[.)](?=\s)")
NOTE_MARK = re.compile(r"\[\d+\]|\^\d+\^")
SECONDS = 60
MEMORY = "1g"
"""pandoc's own heap ceiling (its runtime's -M); the file has already passed the package limits."""


def words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def pandoc_words(path: Path, revisions: str | None) -> Counter | None:
    """The words pandoc reads in the file, tracked changes accepted (or rejected for 'avvisa'),
    or None when pandoc is missing, fails or takes too long."""
    try:
        import pypandoc
        program = pypandoc.get_pandoc_path()
    except (ImportError, OSError):
        return None
    changes = "reject" if revisions == "avvisa" else "accept"
    command = [program, "+RTS", f"-M{MEMORY}", "-RTS", "--sandbox", "--standalone", "--from=docx", "--to=plain",
               "--wrap=none", f"--track-changes={changes}", str(path)]
    try:
        run = subprocess.run(command, capture_output=True, timeout=SECONDS, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return None
    if run.returncode != 0:
        return None
    text = run.stdout.decode("utf-8", errors="replace")
    return Counter(words(NOTE_MARK.sub(" ", LIST_MARK.sub(" ", text))))
