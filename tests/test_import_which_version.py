"""`import --ersatter ID` with the Word file of another version: told at once, nothing written
(the draft would otherwise strike the whole plan and report a hundred changes)."""

from __future__ import annotations

from tests.test_import_onto import own_docx


def it_names_the_version_a_word_file_was_made_of(styrdok, bundled, tmp_path):
    path = tmp_path / "verksamhetsplan-2021.docx"
    path.write_bytes(own_docx("verksamhetsplan-2021"))
    run = styrdok("import", path, "--ersatter", "mal-och-inriktningsplan-2022-2026", "--id", "styrelsens",
                  "--content", bundled)
    assert run.code == 2 and "är Word-filen för verksamhetsplan-2021" in run.err, run.err
    assert "ange --ersatter verksamhetsplan-2021" in run.err
    assert not (bundled / "plans" / "styrelsens.yaml").exists()
    run = styrdok("import", path, "--ersatter", "verksamhetsplan-2021", "--id", "styrelsens", "--content", bundled)
    assert run.code == 0, run.err
