"""The follow-up template (`styrdok follow-up template YEAR -o FILE.xlsx`), made with openpyxl.

Sheets Budget, Insatser and Mål have Swedish headers, labels locked and only the figure cells
open, numbers validated, the ids in hidden column A (so rows can be sorted or moved; the
sheet's own marker in A1 finds it if it is renamed), A4 print with the header row on every
page; the Budget sheet's totals, result and differences are formulas. Instruktioner says how.
The cells already hold what the review says, so a template of a half-filled review reads back
unchanged.
"""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from generators.authoring.follow_up.layout import EFFORT_COLUMNS, GOAL_COLUMNS, Layout

MARKERS = {"budget": "styrdok:budget", "insatser": "styrdok:insatser", "mal": "styrdok:mal"}
TITLES = {"budget": "Budget", "insatser": "Insatser", "mal": "Mål"}
HEADER_FILL = PatternFill("solid", fgColor="DDE5EE")
INPUT_FILL = PatternFill("solid", fgColor="FFF8D6")
OPEN = Protection(locked=False)
BOLD = Font(bold=True)
AMOUNT_FORMAT = "# ##0;-# ##0"
BUDGET_HEADERS = ("Post", "Budget ({unit})", "Utfall ({unit})", "Skillnad ({unit})", "Skillnad (%)",
                  "Medlem eller finansiär", "Del")
RESULT_LABEL = "Resultat (intäkter − kostnader)"


def template_bytes(layout: Layout) -> bytes:
    book = Workbook()
    _instructions(book.active, layout)
    _budget(book.create_sheet(TITLES["budget"]), layout)
    _efforts(book.create_sheet(TITLES["insatser"]), layout)
    _goals(book.create_sheet(TITLES["mal"]), layout)
    book.properties.title = f"Uppföljning {layout.year}"
    book.properties.keywords = f"styrdok uppföljning {layout.year} {layout.review.id}"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _sheet_setup(sheet, marker: str, headers: tuple[str, ...], widths: tuple[int, ...]) -> None:
    sheet["A1"] = marker
    for column, (header, width) in enumerate(zip(headers, widths), start=2):
        cell = sheet.cell(1, column, header)
        cell.font, cell.fill = BOLD, HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.column_dimensions[get_column_letter(column)].width = width
    sheet.column_dimensions["A"].hidden = True
    sheet.freeze_panes = "B2"
    sheet.print_title_rows = "1:1"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.oddFooter.center.text = "&A, sida &P av &N"
    sheet.protection.sheet = True
    sheet.protection.sort = False
    sheet.protection.autoFilter = False
    sheet.protection.formatColumns = False


def _input(cell, value, number: bool = True) -> None:
    cell.value = value
    cell.protection, cell.fill = OPEN, INPUT_FILL
    if number:
        cell.number_format = AMOUNT_FORMAT


def _validation(sheet, kind: str, cells: str) -> None:
    if not cells:
        return
    if kind == "count":
        rule = DataValidation(type="whole", operator="greaterThanOrEqual", formula1="0", allow_blank=True)
        rule.error = "Skriv ett antal personer: ett heltal, 0 eller mer."
    else:
        rule = DataValidation(type="whole", operator="between", formula1="-999999999999", formula2="999999999999",
                              allow_blank=True)
        rule.error = "Skriv ett belopp i hela tal, i tabellens enhet."
    rule.errorTitle, rule.showErrorMessage = "Inget tal", True
    sheet.add_data_validation(rule)
    rule.add(cells)


def _budget(sheet, layout: Layout) -> None:
    unit = layout.unit
    headers = tuple(h.format(unit=unit) for h in BUDGET_HEADERS)
    _sheet_setup(sheet, MARKERS["budget"], headers, (36, 14, 14, 14, 12, 24, 12))
    first, last = 2, 1 + len(layout.budget_lines)
    for row, line in enumerate(layout.budget_lines, start=first):
        sheet.cell(row, 1, line.id)
        sheet.cell(row, 2, line.label)
        sheet.cell(row, 3, line.budget).number_format = AMOUNT_FORMAT
        _input(sheet.cell(row, 4), line.values.get("utfall"))
        _differences(sheet, row)
        sheet.cell(row, 7, line.who)
        sheet.cell(row, 8, line.part)
    _validation(sheet, "amount", f"D{first}:D{last}" if layout.budget_lines else "")
    if not layout.budget_lines:
        sheet.cell(2, 2, f"Ingen antagen budget har året {layout.year}.")
        return
    parts = list(dict.fromkeys(line.part for line in layout.budget_lines))
    row = last + 2
    totals = {}
    for part in parts:
        sheet.cell(row, 1, f"#summa:{part}")
        sheet.cell(row, 2, f"Summa {part.lower()}").font = BOLD
        for column in "CD":
            data, parts_range = f"${column}${first}:${column}${last}", f"$H${first}:$H${last}"
            complete = f'COUNTIF({parts_range},"{part}")=COUNTIFS({parts_range},"{part}",{data},"<>")'
            sheet[f"{column}{row}"] = f'=IF({complete},SUMIF({parts_range},"{part}",{data}),"")'
            sheet[f"{column}{row}"].number_format = AMOUNT_FORMAT
            sheet[f"{column}{row}"].font = BOLD
        _differences(sheet, row)
        totals[part] = row
        row += 1
    if len(parts) == 2:
        income, costs = (totals[p] for p in parts)
        sheet.cell(row, 1, "#resultat")
        sheet.cell(row, 2, RESULT_LABEL).font = BOLD
        for column in "CD":
            sheet[f"{column}{row}"] = (f'=IF(OR({column}{income}="",{column}{costs}=""),"",'
                                       f'{column}{income}-{column}{costs})')
            sheet[f"{column}{row}"].number_format = AMOUNT_FORMAT
            sheet[f"{column}{row}"].font = BOLD
        _differences(sheet, row)


def _differences(sheet, row: int) -> None:
    sheet[f"E{row}"] = f'=IF(OR(C{row}="",D{row}=""),"",D{row}-C{row})'
    sheet[f"E{row}"].number_format = "+# ##0;-# ##0;0"
    sheet[f"F{row}"] = f'=IF(OR(C{row}="",C{row}=0,D{row}=""),"",(D{row}-C{row})/ABS(C{row}))'
    sheet[f"F{row}"].number_format = "+0.0%;-0.0%;0.0%"


def figure_positions(columns) -> tuple[dict[str, int], int, int]:
    """Sheet column per figure key, the Totalt column (after Män) and the difference against
    plan (after Planerat): both formulas."""
    positions, at, total, difference = {}, 3, 0, 0
    for column in columns:
        positions[column.key] = at
        at += 1
        if column.key == "man":
            total, at = at, at + 1
        if column.key == "planerat":
            difference, at = at, at + 1
    return positions, total, difference


def _figures(sheet, marker: str, label: str, lines, columns, widths) -> None:
    positions, total, difference = figure_positions(columns)
    headers = [label] + [""] * (max(total, difference, *positions.values()) - 2)
    for column in columns:
        headers[positions[column.key] - 2] = column.header
    headers[total - 2], headers[difference - 2] = "Totalt", "Skillnad mot plan"
    _sheet_setup(sheet, marker, tuple(headers), widths)
    first, last = 2, 1 + len(lines)
    women, men, planned, sum_ = (get_column_letter(n) for n in (positions["kvinnor"], positions["man"],
                                                                 positions["planerat"], total))
    for row, line in enumerate(lines, start=first):
        sheet.cell(row, 1, line.id)
        sheet.cell(row, 2, line.label).alignment = Alignment(wrap_text=True, vertical="top")
        for column in columns:
            _input(sheet.cell(row, positions[column.key]), line.values.get(column.key), column.kind != "text")
        sheet.cell(row, total, f'=IF(AND(ISNUMBER({women}{row}),ISNUMBER({men}{row})),{women}{row}+{men}{row},"")')
        sheet.cell(row, difference,
                   f'=IF(AND(ISNUMBER({sum_}{row}),ISNUMBER({planned}{row})),{sum_}{row}-{planned}{row},"")')
        sheet.cell(row, difference).number_format = "+# ##0;-# ##0;0"
    for column in columns:
        letter = get_column_letter(positions[column.key])
        if column.kind == "count" and lines:
            _validation(sheet, "count", f"{letter}{first}:{letter}{last}")


def _goals(sheet, layout: Layout) -> None:
    _figures(sheet, MARKERS["mal"], "Mål eller delmål", layout.goal_lines, GOAL_COLUMNS, (60, 30, 10, 10, 10, 10, 11))


def _efforts(sheet, layout: Layout) -> None:
    # Insatser: the women/men/planned columns first, as in the review's table.
    _figures(sheet, MARKERS["insatser"], "Insats", layout.effort_lines, EFFORT_COLUMNS,
             (36, 10, 10, 10, 10, 11, 11, 11, 11, 11, 13))
    if not layout.effort_lines:
        sheet.cell(2, 2, f"Översynen för {layout.year} har inga insatser att följa upp.")


def _instructions(sheet, layout: Layout) -> None:
    sheet.title = "Instruktioner"
    lines = [
        f"Uppföljning {layout.year} för {layout.review.title}",
        "",
        "Fyll i de gula cellerna; resten är låst. Skriv hela tal: antal personer, och belopp i budgetens "
        f"enhet ({layout.unit}), inte i kronor om tabellen är i tkr.",
        "Budget: utfallet per budgetrad ur bokslutet. Summor, resultat och skillnader räknas av formler.",
        "Insatser: deltagare per insats som Uppföljning Finsam räknar dem: kvinnor, män, planerat antal, "
        "påbörjade, avslutade och vart de gick efteråt.",
        "Mål: kvinnor och män per mål och delmål, vad som räknas (mått) och det antal planen räknar med.",
        "Raderna får sorteras och flyttas och bladen döpas om: den dolda kolumnen A säger vilken rad som är vilken. "
        "Lägg inte till rader; en ny insats läggs först till i översynen.",
        f"Läs in filen med: styrdok follow-up read FIL.xlsx --review {layout.review.id}",
        "En siffra som ändrats för hand i översynens fil sedan förra inläsningen skrivs inte över utan "
        "--skriv-over.",
    ]
    for row, text in enumerate(lines, start=1):
        cell = sheet.cell(row, 1, text)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.column_dimensions["A"].width = 110
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.protection.sheet = True
