"""Shared fixtures: a copy of a content folder to break, and the CLI run in-process."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
import yaml

from generators.cli import main
from tests.machine import print_with_arimo

print_with_arimo()  # before any test starts LibreOffice

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SEEDS = ROOT.parent / "shared" / "seeds"
TODAY = "2026-12-02"
"""The day the outputs describe (STYRDOK_IDAG) in every test that does not choose its own: what is
in force does not change under the tests when the calendar moves on."""


os.environ["STYRDOK_IDAG"] = TODAY  # also for the styrdok processes tests start


@pytest.fixture
def minimal(tmp_path) -> Path:
    """A copy of the minimal content (one draft plan, a review, a follow-up) that passes every rule."""
    target = tmp_path / "content"
    shutil.copytree(FIXTURES / "minimal", target)
    return target


@pytest.fixture
def bundled(tmp_path) -> Path:
    """A copy of the bundled content."""
    target = tmp_path / "content"
    shutil.copytree(CONTENT, target)
    return target


def edit_yaml(path: Path, change) -> None:
    """Load a YAML file, let `change` edit the data in place, write it back."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


class Run:
    def __init__(self, code: int, out: str, err: str):
        self.code, self.out, self.err = code, out, err


@pytest.fixture
def styrdok(capsys):
    """Run the styrdok command in-process: styrdok("check", "--content", dir) -> Run."""
    def run(*args: str) -> Run:
        try:
            code = main([str(a) for a in args])
        except SystemExit as exit:  # argparse's usage errors
            code = exit.code
        captured = capsys.readouterr()
        return Run(code, captured.out, captured.err)
    return run


@pytest.fixture(scope="session")
def libreoffice():
    """One headless LibreOffice for the whole session, the oracle of tracked changes."""
    from tests.libreoffice import LibreOffice, available
    if not available():
        pytest.skip("needs LibreOffice with its Python bridge: apt-get install libreoffice-writer python3-uno "
                    "(installed by .ci/run)")
    office = LibreOffice()
    yield office
    office.close()
