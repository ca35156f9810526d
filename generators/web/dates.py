"""When each source file last changed: the "Senast uppdaterad" date on the site's pages.

In a git work tree a file's date is that of the last commit that touched it, unless it has
changes not yet committed; otherwise, and outside git, it is the file's modification date.
Git is asked once per folder, in a thread that runs while the pages are rendered.
"""

from __future__ import annotations

import datetime as dt
import subprocess
import threading
from pathlib import Path


class LastChanged:
    def __init__(self, *folders: Path):
        self.committed: dict[Path, dt.date] = {}
        self.dirty: set[Path] = set()
        self._thread = threading.Thread(target=self._read, args=[folder.resolve() for folder in folders],
                                         daemon=True)
        self._thread.start()

    def __call__(self, *paths: Path) -> dt.date:
        """The newest date of the given files."""
        self._thread.join()
        return max(self._date(path.resolve()) for path in paths)

    def _date(self, path: Path) -> dt.date:
        if path in self.committed and path not in self.dirty:
            return self.committed[path]
        return _day(path.stat().st_mtime)

    def _read(self, *folders: Path) -> None:
        for folder in folders:
            log = _git(folder, "log", "--format=%x00%cs", "--name-only", "--relative", "--", ".")
            for entry in (log or "").split("\0")[1:]:
                day, *names = entry.strip().split("\n")
                try:
                    date = dt.date.fromisoformat(day)
                except ValueError:  # a commit dated after the year 9999: the file's own date
                    self.dirty.update(folder / name for name in names if name)
                    continue
                for name in filter(None, names):
                    self.committed.setdefault(folder / name, date)
            changed = _git(folder, "diff", "--name-only", "--relative", "HEAD", "--", ".")
            self.dirty.update(folder / name for name in (changed or "").splitlines() if name)


def _day(timestamp: float) -> dt.date:
    """A file's modification day; a time beyond what a date can hold is the last day there is."""
    try:
        return dt.date.fromtimestamp(timestamp)
    except (ValueError, OverflowError, OSError):
        return dt.date.max if timestamp > 0 else dt.date.min


def _git(folder: Path, *args: str) -> str | None:
    """git's output, or None outside a work tree or without git."""
    try:
        result = subprocess.run(["git", "-C", str(folder), *args], capture_output=True, text=True, timeout=20)
    except (OSError, subprocess.SubprocessError):
        return None
    return result.stdout if result.returncode == 0 else None
