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
