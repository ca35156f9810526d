"""LibreOffice as the oracle for tracked changes: accept or reject them all, as the Review menu
does, and tell what the document then says.

Run by the system Python (Debian's python3-uno; the project's venv cannot import uno), once
per test session: it starts one headless soffice on a private profile, then answers requests,
one JSON object a line on stdin, with one JSON object a line on stdout:

    {"path": "/tmp/a.docx", "action": "accept" | "reject" | "none"}
    -> {"blocks": [["p", style, list label, text], ["table", [[cell, ...], ...]], ...],
        "redlines": number of tracked changes left, "seconds": time taken}

    {"path": "/tmp/a.docx", "action": ..., "pdf": "/tmp/a.pdf"}
    -> {"redlines": ..., "seconds": ...}: the document as a reader gets it. After the action it
       is stored as .docx, closed and opened again (LibreOffice's list labels in memory can be
       stale until then), and that reopened file is exported to the PDF.
    {"path": "/tmp/a.docx", "action": "record", "edits": [[kind, text, new], ...], "out": "/tmp/b.docx"}
    -> {"done": number of edits made, "seconds": ...}: the edits made with change recording on, as
       a person types them, saved as .docx (kind: reword, add_after, remove, remove_section; and cell, add_row,
       remove_row, whose target is "table<TAB>row label")

Paragraphs and tables come in document order, the cover and the contents included; the
text of Word comments is not part of a paragraph's text.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

import uno
from com.sun.star.beans import PropertyValue
from com.sun.star.connection import NoConnectException

COMMANDS = {"accept": ".uno:AcceptAllTrackedChanges", "reject": ".uno:RejectAllTrackedChanges"}


def _property(name, value):
    prop = PropertyValue()
    prop.Name, prop.Value = name, value
    return prop


class Office:
    def __init__(self):
        self.profile = tempfile.mkdtemp(prefix="styrdok-lo-")
        pipe = f"styrdok{os.getpid()}"
        self.process = subprocess.Popen(
            ["soffice", "--headless", "--invisible", "--norestore", "--nologo", "--nodefault",
             "--nolockcheck", f"-env:UserInstallation=file://{self.profile}",
             f"--accept=pipe,name={pipe};urp;StarOffice.ComponentContext"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
        deadline = time.monotonic() + 60
        while True:
            try:
                context = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
                break
            except NoConnectException:
                if time.monotonic() > deadline or self.process.poll() is not None:
                    raise
                time.sleep(0.2)
        manager = context.ServiceManager
        self.desktop = manager.createInstanceWithContext("com.sun.star.frame.Desktop", context)
        self.dispatcher = manager.createInstanceWithContext("com.sun.star.frame.DispatchHelper", context)

    def read(self, path: str, action: str, pdf: str | None = None) -> dict:
        started = time.monotonic()
        document = self._open(path)
        try:
            if action in COMMANDS:
                frame = document.getCurrentController().getFrame()
                self.dispatcher.executeDispatch(frame, COMMANDS[action], "", 0, ())
            blocks = None if pdf else _blocks(document.getText())
            redlines = document.getRedlines().createEnumeration()
            left = 0
            while redlines.hasMoreElements():
                redlines.nextElement()
                left += 1
            saved = os.path.splitext(path)[0] + f"-{action}.docx"
            if pdf:
                document.storeToURL(_url(saved), (_property("FilterName", "MS Word 2007 XML"),))
        finally:
            document.close(True)
        answer = {"redlines": left if action in COMMANDS else None}
        if pdf:
            self._export(saved, pdf)
            os.unlink(saved)
        else:
            answer["blocks"] = blocks
        answer["seconds"] = round(time.monotonic() - started, 3)
        return answer

    def _open(self, path: str):
        return self.desktop.loadComponentFromURL(_url(path), "_blank", 0, (_property("Hidden", True),))

    def _export(self, path: str, pdf: str) -> None:
        document = self._open(path)
        try:
            document.storeToURL(_url(pdf), (_property("FilterName", "writer_pdf_Export"),))
        finally:
            document.close(True)

    def record(self, path: str, edits: list, out: str) -> dict:
        """Make edits with Edit > Track Changes > Record on and save the file as Word does."""
        started = time.monotonic()
        url = uno.systemPathToFileUrl(os.path.abspath(path))
        document = self.desktop.loadComponentFromURL(url, "_blank", 0, (_property("Hidden", True),))
        done = 0
        try:
            document.RecordChanges = True
            for kind, target, new in edits:
                done += _edit(document, kind, target, new, self.dispatcher)
            document.storeToURL(uno.systemPathToFileUrl(os.path.abspath(out)),
                                (_property("FilterName", "MS Word 2007 XML"),))
        finally:
            document.close(True)
        return {"done": done, "seconds": round(time.monotonic() - started, 3)}

    def close(self):
        if self.process.poll() is not None:
            shutil.rmtree(self.profile, ignore_errors=True)
            return
        try:
            self.desktop.terminate()
        except Exception:  # soffice may already be gone; the profile still goes
            pass
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
        shutil.rmtree(self.profile, ignore_errors=True)


def _paragraph(document, text: str):
    paragraphs = document.getText().createEnumeration()
    while paragraphs.hasMoreElements():
        element = paragraphs.nextElement()
        # python-docx reads a non-breaking hyphen as '-', LibreOffice as U+2011
        if not element.supportsService("com.sun.star.text.TextTable") and \
                element.getString().replace("\u2011", "-") == text:
            return element
    return None


def _edit(document, kind: str, target: str, new: str, dispatcher) -> int:
    """One edit as a person makes it; 1 if the target was found, else 0."""
    if kind in ("cell", "add_row", "remove_row"):  # target "table<TAB>label": the row whose first cell says label
        table_index, label = target.split("\t", 1)
        table = document.getTextTables().getByIndex(int(table_index))
        rows = table.getRows().getCount()
        row = next((r for r in range(rows)
                    if table.getCellByPosition(0, r).getString().replace("\u2011", "-") == label), None)
        if row is None:
            return 0
        if kind == "cell":  # the row's first amount
            table.getCellByPosition(1, row).setString(new)
        elif kind == "remove_row":  # as Table > Delete > Rows does it: the API's removeByIndex is not recorded
            controller = document.getCurrentController()
            controller.select(table.getCellByPosition(0, row))
            dispatcher.executeDispatch(controller.getFrame(), ".uno:DeleteRows", "", 0, ())
        else:  # a row inserted after it, its cells given as "label|amount|amount"
            table.getRows().insertByIndex(row + 1, 1)
            for column, text in enumerate(new.split("|")):
                table.getCellByPosition(column, row + 1).setString(text)
        return 1
    if kind == "remove_section":
        return _remove_section(document, target)
    paragraph = _paragraph(document, target)
    if paragraph is None:
        return 0
    text = document.getText()
    if kind == "reword":  # words put in after the middle of the paragraph
        cursor = text.createTextCursorByRange(paragraph.getStart())
        middle = target.find(" ", len(target) // 2)
        cursor.goRight(middle if middle > 0 else len(target), False)
        text.insertString(cursor, " " + new, False)
    elif kind == "add_after":  # Enter at the end of the paragraph, then the new text
        cursor = text.createTextCursorByRange(paragraph.getEnd())
        text.insertControlCharacter(cursor, 0, False)  # PARAGRAPH_BREAK
        text.insertString(cursor, new, False)
    elif kind == "remove":  # the paragraph's text selected and deleted; its mark stays (an empty paragraph)
        # Deleting the mark too would join it with the next paragraph, and LibreOffice gives the
        # joined paragraph the first one's style without recording it: a heading after it becomes
        # body text in the file itself, and Reject All does not bring it back.
        cursor = text.createTextCursorByRange(paragraph.getStart())
        cursor.gotoEndOfParagraph(True)
        cursor.setString("")
    return 1


def _remove_section(document, target: str) -> int:
    """A section without subsections or tables taken away paragraph by paragraph, as `remove`
    does (target "n<TAB>heading": the n-th heading with that text, from 0). One deletion across
    the paragraphs would join them, and LibreOffice 7.4 then gives them all the first one's style
    without recording it: the heading after it, or on Reject All the section's own heading,
    would be body text. The heading's mark stays too, so Word still counts its number."""
    occurrence, heading = target.split("\t", 1)
    elements, found = [], []
    enumeration = document.getText().createEnumeration()
    while enumeration.hasMoreElements():
        element = enumeration.nextElement()
        elements.append(element)
        if _is_heading(element) and element.getString().replace("\u2011", "-") == heading:
            found.append(len(elements) - 1)
    if int(occurrence) >= len(found):
        return 0
    start = end = found[int(occurrence)]
    while end + 1 < len(elements) and not _is_heading(elements[end + 1]):
        end += 1
    if any(e.supportsService("com.sun.star.text.TextTable") for e in elements[start:end + 1]):
        return 0
    text = document.getText()
    for element in elements[start:end + 1]:
        cursor = text.createTextCursorByRange(element.getStart())
        cursor.gotoEndOfParagraph(True)
        cursor.setString("")
    return 1


def _is_heading(element) -> bool:
    return not element.supportsService("com.sun.star.text.TextTable") and element.ParaStyleName.startswith("Heading")


def _url(path: str) -> str:
    return uno.systemPathToFileUrl(os.path.abspath(path))


def _blocks(text) -> list:
    found = []
    paragraphs = text.createEnumeration()
    while paragraphs.hasMoreElements():
        element = paragraphs.nextElement()
        if element.supportsService("com.sun.star.text.TextTable"):
            rows, columns = element.getRows().getCount(), element.getColumns().getCount()
            found.append(["table", [[element.getCellByPosition(c, r).getString() for c in range(columns)]
                                    for r in range(rows)]])
        else:
            found.append(["p", element.ParaStyleName, element.ListLabelString, element.getString()])
    return found


def main() -> None:
    office = Office()
    print(json.dumps({"ready": True}), flush=True)
    try:
        for line in sys.stdin:
            if not line.strip():
                continue
            request = json.loads(line)
            try:
                if request.get("action") == "record":
                    answer = office.record(request["path"], request["edits"], request["out"])
                else:
                    answer = office.read(request["path"], request.get("action", "none"), request.get("pdf"))
            except Exception as error:  # told to the test, which fails with it
                answer = {"error": f"{type(error).__name__}: {error}"}
                if "Disposed" in answer["error"] or office.process.poll() is not None:  # crashed: start anew
                    answer["error"] = f"LibreOffice kraschade: {answer['error']}"
                    office.close()
                    office = Office()
            print(json.dumps(answer, ensure_ascii=False), flush=True)
    finally:
        office.close()


if __name__ == "__main__":
    main()
