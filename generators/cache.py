"""A content-addressed cache of rendered bytes (charts), shared by builds and diffs.

A key is a hash of everything the bytes depend on, including styrdok's own code, so a stale
entry is never used: changed inputs simply ask for a new key.
"""

from __future__ import annotations

import hashlib
import os
from functools import cache
from pathlib import Path
from typing import Callable

from generators import ROOT
from generators.errors import StyrdokError, note, os_message
from generators.writing import write_bytes

CODE = ROOT / "generators"
SOURCES = [CODE, ROOT / "templates", ROOT / "site"]
SITE_CONFIG = ROOT / "mkdocs.yml"


@cache
def code_version() -> str:
    """A hash of styrdok's modules, templates, site sources and mkdocs.yml: new code or a new
    phrase never reuses old renderings."""
    digest = hashlib.sha256(SITE_CONFIG.read_bytes())
    for folder in SOURCES:
        for path in sorted(folder.rglob("*")):
            if path.is_file() and path.suffix in (".py", ".yaml", ".j2", ".css", ".js", ".md", ".html", ".typ"):
                digest.update(path.relative_to(folder.parent).as_posix().encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()


def key(*parts: object) -> str:
    digest = hashlib.sha256(code_version().encode())
    for part in parts:
        digest.update(b"\0" + repr(part).encode())
    return digest.hexdigest()


class RenderCache:
    """Entries are the bytes after their SHA-256 digest, checked before use: an entry cut short
    or changed on disk is rendered anew. A cache that cannot be used (read-only, full, not a
    folder) only costs time: a note says so once and the command goes on without it."""

    def __init__(self, folder: Path | None):
        self.folder = folder

    @property
    def templates(self) -> Path | None:
        """The folder for compiled Jinja templates (see compiled_templates), None without a cache."""
        return self.folder and self.folder / "mallar"

    def get_or_render(self, cache_key: str, render: Callable[[], bytes]) -> bytes:
        if self.folder is None:
            return render()
        path = self.folder / cache_key[:2] / cache_key
        kept = self._read(path)
        if kept is not None:
            return kept
        data = render()
        try:
            write_bytes(path, hashlib.sha256(data).digest() + data)
        except (OSError, StyrdokError) as error:
            reason = os_message(OSError(error.errno, error.strerror)) if isinstance(error, OSError) else "en post är ingen vanlig fil"
            note(f"cachen {self.folder} kan inte användas ({reason}); styrdok fortsätter utan den, bara långsammare")
            self.folder = None
        return data

    @staticmethod
    def _read(path: Path) -> bytes | None:
        """A whole, unchanged entry, or None (none there, unreadable, cut short, damaged)."""
        try:
            if path.stat().st_size > MAX_ENTRY:
                return None
            entry = path.read_bytes()
        except OSError:
            return None
        digest, data = entry[:32], entry[32:]
        return data if len(entry) >= 32 and hashlib.sha256(data).digest() == digest else None


MAX_ENTRY = 200 * 1024 * 1024
"""No rendering is this large (a Word file with its charts is a few MB): larger is no entry."""


NO_CACHE = RenderCache(None)


def user_cache() -> RenderCache:
    """The cache shared by every command: $STYRDOK_CACHE, else ~/.cache/styrdok."""
    folder = os.environ.get("STYRDOK_CACHE") or Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "styrdok"
    return RenderCache(Path(folder))


def compiled_templates(folder: Path | None):
    """A Jinja bytecode cache in folder (None, or a folder that cannot be made: no cache).

    Jinja keys an entry by the template's name and file and checks it against the template's
    source; the code Jinja generates also depends on the environment's syntax, extensions and
    finalize function, and on Jinja itself, so those are part of the key here: a template
    compiled for one environment is never run in another."""
    import jinja2

    if folder is None:
        return None
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:  # a cache that cannot be written only costs time
        return None

    class CompiledTemplates(jinja2.FileSystemBytecodeCache):
        def get_bucket(self, environment, name, filename, source):
            cache_key = hashlib.sha256(repr((self.get_cache_key(name, filename), _settings(environment))).encode())
            bucket = jinja2.bccache.Bucket(environment, cache_key.hexdigest(), self.get_source_checksum(source))
            self.load_bytecode(bucket)
            return bucket

        def load_bytecode(self, bucket) -> None:
            try:
                super().load_bytecode(bucket)
            except Exception:  # noqa: BLE001 - a damaged entry (truncated, unreadable): compile the template
                bucket.reset()

        def dump_bytecode(self, bucket) -> None:
            try:
                super().dump_bytecode(bucket)
            except OSError:  # a cache that cannot be written only costs time
                pass

    return CompiledTemplates(str(folder))


def _settings(env) -> tuple:
    """What the code Jinja generates for a template depends on, besides its source."""
    import jinja2

    def named(value) -> str:
        return f"{getattr(value, '__module__', '')}.{getattr(value, '__qualname__', repr(value))}"
    return (jinja2.__version__, sorted(env.extensions), named(env.finalize), named(env.autoescape),
            env.block_start_string, env.block_end_string, env.variable_start_string, env.variable_end_string,
            env.comment_start_string, env.comment_end_string, env.line_statement_prefix, env.line_comment_prefix,
            env.trim_blocks, env.lstrip_blocks, env.newline_sequence, env.keep_trailing_newline, env.optimized,
            env.is_async, named(env.code_generator_class), named(env.context_class))
