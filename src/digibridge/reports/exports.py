"""Tables to XLSX and CSV bytes. Pure: takes headers and rows of plain values."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable, Sequence

from openpyxl import Workbook
from openpyxl.styles import Font

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _safe_text(value):
    """Spreadsheet programs run cells that start like a formula; exported text never does."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def _cell(value):
    if isinstance(value, str):
        return _safe_text(value)
    if isinstance(value, dt.datetime) and value.tzinfo is not None:
        return value.replace(tzinfo=None)
    return value


def _sheet_title(title: str, used: set[str]) -> str:
    cleaned = "".join(" " if ch in "[]:*?/\\" else ch for ch in str(title))[:31] or "Sheet"
    candidate, n = cleaned, 2
    while candidate in used:
        suffix = f" ({n})"
        candidate, n = cleaned[: 31 - len(suffix)] + suffix, n + 1
    used.add(candidate)
    return candidate


def to_xlsx(tables: Iterable[tuple[str, Sequence[str], Iterable[Sequence]]]) -> bytes:
    """One sheet per (title, headers, rows) table, headers in bold, first row frozen."""
    workbook = Workbook(write_only=False)
    workbook.remove(workbook.active)
    used: set[str] = set()
    for title, headers, rows in tables:
        sheet = workbook.create_sheet(_sheet_title(title, used))
        sheet.append([str(h) for h in headers])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        sheet.freeze_panes = "A2"
        for row in rows:
            sheet.append([_cell(v) for v in row])
        for index, header in enumerate(headers, start=1):
            width = max(10, min(60, len(str(header)) + 2))
            sheet.column_dimensions[sheet.cell(row=1, column=index).column_letter].width = width
    if not workbook.sheetnames:
        workbook.create_sheet("Sheet")
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def to_csv(headers: Sequence[str], rows: Iterable[Sequence]) -> bytes:
    """UTF-8 with a byte-order mark, so that spreadsheet programs read Chinese correctly."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([str(h) for h in headers])
    for row in rows:
        writer.writerow(
            [
                "" if v is None else _safe_text(v.isoformat() if hasattr(v, "isoformat") else v)
                for v in row
            ]
        )
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")
