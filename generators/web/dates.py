"""When each source file last changed: the "Senast uppdaterad" date on the site's pages.

In a git work tree a file's date is that of the last commit that touched it, unless it has
changes not yet committed; otherwise, and outside git, it is the file's modification date.
One `git log` for the whole folder keeps this to a few milliseconds.
"""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path


class LastChanged:
    def __init__(self, *folders: Path):
        self.committed: dict[Path, dt.date] = {}
        self.dirty: set[Path] = set()
        for folder in folders:
            self._read_git(folder.resolve())

    def __call__(self, *paths: Path) -> dt.date:
        """The newest date of the given files."""
        return max(self._date(path.resolve()) for path in paths)

    def _date(self, path: Path) -> dt.date:
        if path in self.committed and path not in self.dirty:
            return self.committed[path]
        return dt.date.fromtimestamp(path.stat().st_mtime)

    def _read_git(self, folder: Path) -> None:
        def git(*args: str) -> str | None:
            try:
                result = subprocess.run(["git", "-C", str(folder), *args], capture_output=True, text=True,
                                        timeout=20)
            except (OSError, subprocess.SubprocessError):
                return None
            return result.stdout if result.returncode == 0 else None

        top = git("rev-parse", "--show-toplevel")
        if not top:
            return
        root = Path(top.strip())
        log = git("log", "--format=%x00%cs", "--name-only", "--", ".")
        status = git("status", "--porcelain", "--no-renames", "-z", "--", ".")
        for entry in (log or "").split("\0")[1:]:
            day, *names = entry.strip().split("\n")
            for name in filter(None, names):
                self.committed.setdefault(root / name, dt.date.fromisoformat(day))
        for record in (status or "").split("\0"):
            if len(record) > 3:
                self.dirty.add(root / record[3:])
