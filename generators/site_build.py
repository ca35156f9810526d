"""Running MkDocs on the generated pages, quietly, with its warnings as Swedish errors."""

from __future__ import annotations

import logging
import os
from pathlib import Path


class SiteBuildError(Exception):
    """MkDocs refused the generated pages (a broken link, a missing file)."""


class _Collect(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def build_site(config_file: Path) -> None:
    """mkdocs build --strict of the config the build wrote; SiteBuildError on any warning."""
    from mkdocs import config as mkdocs_config
    from mkdocs.commands import build as mkdocs_build
    from mkdocs.exceptions import MkDocsException

    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # we know; the site also builds with Zensical
    collector = _Collect()
    logger = logging.getLogger("mkdocs")
    previous = logger.level
    logger.addHandler(collector)
    logger.setLevel(logging.WARNING)
    logger.propagate = False
    try:
        configuration = mkdocs_config.load_config(str(config_file), strict=True)
        mkdocs_build.build(configuration)
    except MkDocsException as error:
        raise SiteBuildError("; ".join(collector.messages) or str(error)) from None
    finally:
        logger.removeHandler(collector)
        logger.setLevel(previous)
        logger.propagate = True
    if collector.messages:
        raise SiteBuildError("; ".join(collector.messages))


def _die_with_parent() -> None:
    """Linux: if the build is killed, its MkDocs process must not go on writing into staging."""
    import ctypes
    import signal
    try:
        ctypes.CDLL("libc.so.6").prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def _child(config_file: str, messages) -> None:
    _die_with_parent()
    try:
        build_site(Path(config_file))
        messages.put("")
    except SiteBuildError as error:
        messages.put(str(error))
    except Exception as error:  # noqa: BLE001 - reported to the parent, which raises it
        messages.put(f"{type(error).__name__}: {error}")


def start_site(config_file: Path):
    """Start MkDocs in a second process (the machine has two cores); None if it ran here."""
    import multiprocessing

    if "fork" not in multiprocessing.get_all_start_methods():
        build_site(config_file)
        return None
    context = multiprocessing.get_context("fork")
    messages = context.SimpleQueue()
    process = context.Process(target=_child, args=(str(config_file), messages), daemon=True)
    process.start()
    return process, messages


def wait_for_site(handle) -> None:
    if handle is None:
        return
    process, messages = handle
    process.join()
    message = messages.get() if not messages.empty() else f"MkDocs avbröts (kod {process.exitcode})"
    if message:
        raise SiteBuildError(message)
