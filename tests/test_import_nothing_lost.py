"""What carries text in a Word file reaches the draft, or is named: raised and lowered text,
equations as linear text, a drop cap, endnotes, cells in content controls, list numbers in
cells, deeper list levels; no period or title the file does not give."""

from __future__ import annotations

import copy

import docx
import pytest
import yaml
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

from generators.word.inline import paragraph_text

M = "http://schemas.openxmlformats.org/officeDocument/2006/math"


def _paragraph(inner: str):
    return parse_xml(f'<w:p {nsdecls("w")} xmlns:m="{M}">{inner}</w:p>')


@pytest.mark.parametrize("inner, expected", [
    ('<w:r><w:t>m</w:t></w:r><w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:t>2</w:t></w:r>', "m²"),
    ('<w:r><w:t>H</w:t></w:r><w:r><w:rPr><w:vertAlign w:val="subscript"/></w:rPr><w:t>2</w:t></w:r>'
     '<w:r><w:t>O</w:t></w:r>', "H₂O"),
    ('<w:r><w:t>x</w:t></w:r><w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:t>a+b</w:t></w:r>', "x^(a+b)"),
    ('<w:r><w:t>Summan är </w:t></w:r><m:oMath><m:sSubSup><m:e><m:r><m:t>R</m:t></m:r></m:e><m:sub><m:r><m:t>i</m:t>'
     '</m:r></m:sub><m:sup><m:r><m:t>(j)</m:t></m:r></m:sup></m:sSubSup></m:oMath>', "Summan är R_(i)^((j))"),
    ('<m:oMathPara><m:oMath><m:f><m:num><m:r><m:t>a</m:t></m:r></m:num><m:den><m:r><m:t>b</m:t></m:r></m:den></m:f>'
     '<m:r><m:t>=</m:t></m:r><m:rad><m:radPr/><m:deg/><m:e><m:r><m:t>c</m:t></m:r></m:e></m:rad></m:oMath>'
     '</m:oMathPara>', "(a)/(b)=√(c)"),
])
def it_reads_raised_text_and_equations_as_a_reader_sees_them(inner, expected):
    assert paragraph_text(_paragraph(inner)) == expected


def _import(styrdok, minimal, tmp_path, document, *extra):
    path = tmp_path / "plan.docx"
    document.save(str(path))
    run = styrdok("import", path, "--id", "importerad", "--content", minimal, *extra)
    draft = minimal / "plans" / "importerad.yaml"
    return run, (yaml.safe_load(draft.read_text(encoding="utf-8")) if draft.exists() else None)


def it_joins_a_drop_cap_with_its_paragraph_and_keeps_endnotes_and_controlled_cells(styrdok, minimal, tmp_path):
    document = docx.Document()
    document.add_heading("Verksamhetsplan 2025", 0)
    document.add_heading("Inledning", 1)
    cap = document.add_paragraph("F")
    cap._p.get_or_add_pPr().append(parse_xml(f'<w:framePr {nsdecls("w")} w:dropCap="drop" w:lines="3"/>'))
    document.add_paragraph("örbundet samordnar rehabiliteringen i länet.")
    table = document.add_table(rows=2, cols=2)
    for row, texts in zip(table.rows, (("Insats", "Plats"), ("Steget", "Nyköping"))):
        for cell, text in zip(row.cells, texts):
            cell.text = text
    cell = table.rows[1]._tr.tc_lst[0]
    control = parse_xml(f'<w:sdt {nsdecls("w")}><w:sdtPr/><w:sdtContent/></w:sdt>')
    cell.addprevious(control)
    control[1].append(cell)
    run, data = _import(styrdok, minimal, tmp_path, document)
    assert run.code == 0, run.err
    blocks = data["avsnitt"][0]["innehall"]
    assert blocks[0] == {"stycke": "Förbundet samordnar rehabiliteringen i länet."}
    assert blocks[1]["tabell"]["rader"] == [["Steget", "Nyköping"]]


def it_names_deeper_list_levels_it_cannot_keep(styrdok, minimal, tmp_path):
    """A bullet list two levels deep (styrdok's own, from the 2021 plan) imported as a new plan."""
    import io

    from tests.test_import_onto import own_docx
    document = docx.Document(io.BytesIO(own_docx("verksamhetsplan-2021")))
    bullet = [p for p in document.paragraphs if p.style.name == "List Bullet"][-1]
    bullet._p.pPr.numPr.ilvl.val = 1
    run, data = _import(styrdok, minimal, tmp_path, document, "--tillat-forlust")
    assert f"punkten ”{bullet.text}” står på nivå 2 i Word men på första nivån i utkastet" in run.err


def it_asks_for_the_period_when_the_file_names_no_year_and_never_writes_a_title_of_punctuation(
        styrdok, minimal, tmp_path):
    document = docx.Document()
    document.add_heading(".", 0)
    document.add_heading("Inledning", 1)
    document.add_paragraph("Förbundet samordnar rehabiliteringen i länet.")
    run, data = _import(styrdok, minimal, tmp_path, document)
    assert run.code == 2 and data is None
    assert "anger inga år; ange planens period med --period" in run.err
    run, data = _import(styrdok, minimal, tmp_path, document, "--period", "2025-2027")
    assert run.code == 0, run.err
    assert (data["titel"], data["startar"], data["slutar"]) == ("plan", 2025, 2027)


FOOTNOTES = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
             f'<w:footnotes {nsdecls("w")}>'
             '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
             '<w:footnote w:id="1"><w:p><w:r><w:t xml:space="preserve">Beslutet togs </w:t></w:r>'
             '<w:del w:id="10" w:author="Ledamot" w:date="2026-11-30T10:00:00Z"><w:r><w:delText>i maj</w:delText></w:r>'
             '</w:del><w:ins w:id="11" w:author="Ledamot" w:date="2026-11-30T10:00:00Z"><w:r><w:t>i juni</w:t></w:r>'
             '</w:ins><w:r><w:t xml:space="preserve"> av styrelsen.</w:t></w:r></w:p></w:footnote></w:footnotes>')


def _with_footnote(tmp_path) -> bytes:
    """A plan whose one footnote has a tracked change ('i maj' struck, 'i juni' inserted)."""
    import io
    import zipfile
    document = docx.Document()
    document.add_heading("Verksamhetsplan 2025", 0)
    document.add_heading("Inledning", 1)
    paragraph = document.add_paragraph("Planen gäller kalenderåret.")
    paragraph.add_run()._r.append(parse_xml(f'<w:footnoteReference {nsdecls("w")} w:id="1"/>'))
    document.part.relate_to("footnotes.xml", "http://schemas.openxmlformats.org/officeDocument/2006/"
                                       "relationships/footnotes", is_external=True)
    buffer = io.BytesIO()
    document.save(buffer)
    source, target = zipfile.ZipFile(buffer), io.BytesIO()
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for entry in source.infolist():
            data = source.read(entry)
            if entry.filename == "word/_rels/document.xml.rels":  # the part is inside, not external
                data = data.replace(b'Target="footnotes.xml" TargetMode="External"', b'Target="footnotes.xml"')
            if entry.filename == "[Content_Types].xml":
                data = data.replace(b"</Types>", b'<Override PartName="/word/footnotes.xml" ContentType="application/'
                                    b'vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/></Types>')
            out.writestr(entry, data)
        out.writestr("word/footnotes.xml", FOOTNOTES)
    return target.getvalue()


@pytest.mark.parametrize("option, kept, gone", [("--godkann-alla", "i juni", "i maj"),
                                                 ("--avvisa-alla", "i maj", "i juni")])
def it_lists_accepts_and_rejects_tracked_changes_in_footnotes_as_in_the_body(styrdok, minimal, libreoffice, tmp_path,
                                                                           option, kept, gone):
    data = _with_footnote(tmp_path)
    rendered = " ".join(libreoffice.rendered(data, "accept" if option == "--godkann-alla" else "reject"))
    assert f"Beslutet togs {kept} av styrelsen." in rendered and gone not in rendered  # the file is what we think
    path = tmp_path / "plan.docx"
    path.write_bytes(data)
    run = styrdok("import", path, "--id", "importerad", "--content", minimal)
    assert run.code == 1 and "fotnot 1: stycket" in run.err and "struket ”i maj”" in run.err, run.err
    run = styrdok("import", path, "--id", "importerad", "--content", minimal, option)
    assert run.code == 0, run.err
    draft = (minimal / "plans" / "importerad.yaml").read_text(encoding="utf-8")
    assert f"Beslutet togs {kept} av styrelsen." in draft and gone not in draft
