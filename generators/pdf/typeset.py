"""Typst compiles the markup to PDF/UA-1 with the fonts bundled with styrdok's dependencies
(Arimo, metric-compatible with Arial), never the system's: the same PDF on every machine."""

from __future__ import annotations

import datetime as dt
import json
import tempfile
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from generators import ROOT
from generators.pdf.markup import Markup
from generators.pdf.tags import retagged

STYLE = ROOT / "templates" / "pdf" / "style.typ"
STANDARD = "ua-1"


@dataclass(frozen=True)
class Layout:
    pdf: bytes
    heading_pages: tuple[int, ...]
    """The page of each heading in the contents, in order (the cover is page 1)."""


@cache
def _fonts():
    import fontpkg_arimo
    import typst
    return typst.Fonts(include_system_fonts=False, include_embedded_fonts=True,
                       font_paths=[str(fontpkg_arimo.ROOT / "files")])


def typeset(markup: Markup, inputs: dict[str, str], date: dt.date | None) -> Layout:
    """The PDF and where its headings fell, created on date (the decision's or the build's: see
    output.created; a fixed day without one), so the same content and day give the same bytes."""
    import typst

    source = STYLE.read_text(encoding="utf-8") + "\n" + markup.source
    moment = dt.datetime.combine(date or dt.date(2000, 1, 1), dt.time(), dt.timezone.utc)
    with tempfile.TemporaryDirectory(prefix="styrdok-pdf-") as folder:
        root = Path(folder)
        for name, data in markup.images.items():
            (root / name).write_bytes(data)
        (root / "main.typ").write_text(source, encoding="utf-8")
        compiler = typst.Compiler(str(root / "main.typ"), root=str(root), font_paths=_fonts(),
                                  ignore_system_fonts=True, sys_inputs={**inputs, **markup.inputs})
        pdf = compiler.compile(format="pdf", pdf_standards=[STANDARD], timestamp=moment)
        pages = json.loads(compiler.query("<styrdok-pages>", field="value", one=True))
    return Layout(retagged(pdf), tuple(pages))
