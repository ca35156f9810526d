"""The 2022–2026 plan typed into Word by a person, from the seed text: the title in Title,
the headings in Heading 1, paragraphs in Normal, Word's own bullets and numbered lists (the
toolbar buttons), nothing that styrdok writes. The seed's line breaks come from the PDF and
are joined back into paragraphs; a blank line ends a paragraph, as Enter did.
"""

from __future__ import annotations

import re
from pathlib import Path

import docx
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

SEED = Path(__file__).resolve().parent / "fixtures" / "handwritten" / "mal-och-inriktningsplan-2022-2026.txt"
TITLE = "Mål- och inriktningsplan 2022–2026"
HEADINGS = {"Inledning", "Vision", "Grunder för samverkan", "Mål", "Arbetssätt", "Prioriterade målgrupper",
            "Fördelning av insatser", "Jämställdhet", "Ekonomi", "ESF-insatser"}
NUMBERED = re.compile(r"^\d{1,2}\.\s+")
BULLET = re.compile(r"^•\s*")
SHARE = re.compile(r"^\d+ %")


def paragraphs(seed: str) -> list[tuple[str, str]]:
    """(style, text) as the person typed them."""
    typed: list[list] = []  # [style, text] being typed
    ended = True
    for raw in seed.splitlines():
        line = raw.strip()
        if not line:
            ended = True
            continue
        if line in HEADINGS:
            typed.append(["Heading 1", line])
            ended = True
            continue
        starts = NUMBERED.match(line) or BULLET.match(line)
        if starts or SHARE.match(line) or (line.endswith(":") and len(line) < 40) or ended:
            style = "List Number" if NUMBERED.match(line) else "List Bullet" if BULLET.match(line) else "Normal"
            typed.append([style, (NUMBERED.sub("", BULLET.sub("", line)))])
            ended = line.endswith(":") and len(line) < 40 or bool(SHARE.match(line))
            continue
        previous = typed[-1][1]
        typed[-1][1] = previous + line if previous.endswith(("–", "-")) and not previous.endswith(" -") else f"{previous} {line}"
    return [(style, re.sub(r"\s+", " ", text).strip()) for style, text in typed]


def write(path: Path) -> Path:
    document = docx.Document()
    document.add_paragraph(TITLE, style="Title")
    previous = None
    for style, text in paragraphs(SEED.read_text(encoding="utf-8")):
        paragraph = document.add_paragraph(text, style=style)
        if style == "List Number":
            if previous != "List Number":
                num_id = _restarted_list(document)
            paragraph._p.get_or_add_pPr().insert(0, parse_xml(
                f'<w:numPr {nsdecls("w")}><w:ilvl w:val="0"/><w:numId w:val="{num_id}"/></w:numPr>'))
        previous = style
    document.save(str(path))
    return path


def _restarted_list(document) -> int:
    """A new instance of the List Number list that starts at 1, as Word's "Restart at 1" makes."""
    numbering = document.part.numbering_part.element
    style_num = document.styles["List Number"].element.find(f"{qn('w:pPr')}/{qn('w:numPr')}/{qn('w:numId')}")
    abstract = next(n.find(qn("w:abstractNumId")).get(qn("w:val")) for n in numbering.findall(qn("w:num"))
                    if n.get(qn("w:numId")) == style_num.get(qn("w:val")))
    num_id = max(int(n.get(qn("w:numId"))) for n in numbering.findall(qn("w:num"))) + 1
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="{num_id}"><w:abstractNumId w:val="{abstract}"/>'
                               f'<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>'))
    return num_id
