"""What the tests need from the machine, brought along or said: the fonts LibreOffice prints
the Word files with, and the programs some tests run (a test skips, with the reason, where one
is missing; .ci/run installs them all)."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from pathlib import Path

import fontpkg_arimo
import pytest

ARIMO = fontpkg_arimo.ROOT / "files"
"""Arimo, which styrdok already depends on (the PDF embeds it), has Arial's metrics: a Word file
set in Arial breaks lines and pages in LibreOffice as in Word wherever Arial resolves to it."""

FONTS_CONF = """<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">
<fontconfig>
  <dir>{arimo}</dir>
  <alias binding="same"><family>Arial</family><prefer><family>Arimo</family></prefer></alias>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
  <!-- LibreOffice's own table puts Liberation Sans for Arial first where it is installed: hidden,
       every machine prints with the same Arimo -->
  <selectfont><rejectfont><pattern><patelt name="family"><string>Liberation Sans</string></patelt></pattern>
  </rejectfont></selectfont>
  <cachedir>{cache}</cachedir>
</fontconfig>
"""


def print_with_arimo() -> Path:
    """A fontconfig file that resolves Arial to Arimo and hides Liberation Sans, set in
    FONTCONFIG_FILE for every program the tests start (LibreOffice among them): a machine whose
    LibreOffice would fall back from Arial to DejaVu Sans prints as every other does. LibreOffice
    is started with a profile of its own (LIBREOFFICE_PROFILE), never handing its work to an
    instance that runs with another environment."""
    folder = Path(tempfile.mkdtemp(prefix="styrdok-fonts-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    conf = folder / "fonts.conf"
    conf.write_text(FONTS_CONF.format(arimo=ARIMO, cache=folder / "cache"), encoding="utf-8")
    os.environ["FONTCONFIG_FILE"] = str(conf)
    return conf


def missing(*programs: str) -> list[str]:
    return [program for program in programs if shutil.which(program) is None]


def needs(*programs: str) -> pytest.MarkDecorator:
    """Skip, saying which program is missing, where one of programs is not installed."""
    absent = missing(*programs)
    return pytest.mark.skipif(bool(absent), reason=f"needs {', '.join(absent)} (installed by .ci/run)")
