"""pandoc's own .docx test files (test/docx in jgm/pandoc: made in Word, with lists, tables,
notes, comments, tracked changes, content controls, text boxes, German styles) through
`styrdok import`: no crash, and each file keeps at least 98 % of the words pandoc reads in it,
or names what it dropped (with its words) among the losses.

The files are pandoc's (GPL), not copied here: STYRDOK_PANDOC_DOCX names a folder with them
(e.g. `git -C pandoc archive HEAD test/docx | tar -x`); without it the test is skipped.
Words are counted in pandoc's plain text, less its list numbers and note marks ('1.', '[1]'),
which the draft's lists and notes print themselves.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from pathlib import Path

import pypandoc
import pytest

from generators.authoring.importing import _texts, import_docx
from generators.errors import StyrdokError
from tests.fidelity import words

FOLDER = os.environ.get("STYRDOK_PANDOC_DOCX")
FILES = sorted(Path(FOLDER).glob("*.docx")) if FOLDER else []
LIST_MARK = re.compile(r"(?m)^\s*(?:\d+|[a-zA-Z]|[ivxlcdm]+)[.)](?=\s)")
NOTE_MARK = re.compile(r"\[\d+\]|\^\d+\^")
SHARE = 0.98
PANDOC_DIFFERS = {"paragraph_insertion_deletion.docx": "a paragraph whose mark is a tracked deletion: Accept All in "
                  "Word and LibreOffice joins it with the next (' splitParagraph.'), pandoc keeps two paragraphs"}


def pandoc_words(path: Path) -> Counter:
    text = pypandoc.convert_file(str(path), "plain", format="docx", extra_args=["--wrap=none",
                                                                               "--track-changes=accept"])
    return Counter(words(NOTE_MARK.sub(" ", LIST_MARK.sub(" ", text))))


@pytest.mark.skipif(not FOLDER, reason="STYRDOK_PANDOC_DOCX names no folder with pandoc's docx test files")
def it_keeps_or_names_the_words_of_pandocs_test_files():
    assert FILES, f"{FOLDER} has no .docx files"
    failures, kept_files = [], 0
    for path in FILES:
        if path.name in PANDOC_DIFFERS:
            continue
        try:
            reference = pandoc_words(path)
        except RuntimeError:  # pandoc cannot read it either
            continue
        try:
            imported = import_docx(path, "importerad", None, "godkann", (2024, 2024))
        except StyrdokError as error:  # refused in Swedish: nothing written, nothing lost silently
            assert "internt fel" not in str(error)
            continue
        assert imported.counted_by_pandoc, path.name  # the figure import prints is pandoc's too
        draft = Counter(words(" ".join(_texts(imported.data))))
        total = sum(reference.values())
        kept = sum(min(count, draft[word]) for word, count in reference.items())
        named = sum(loss.words for loss in imported.losses)
        blocking = [loss for loss in imported.losses if loss.blocking]
        if total and kept / total < SHARE and (kept + named) / total < SHARE and not blocking:
            missing = [word for word, count in reference.items() if draft[word] < count]
            failures.append(f"{path.name}: {kept}/{total} kept, {named} named: {missing[:10]}")
        kept_files += 1
    assert not failures, "\n".join(failures)
    assert kept_files >= len(FILES) * 0.9
