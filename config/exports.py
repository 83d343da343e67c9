"""Domain-free CSV (semicolon, UTF-8 with BOM for spreadsheet software) / XLSX files and downloads of rows.

Every export of the portal goes through `csv_bytes` / `xlsx_bytes` (or `export_response`): each text cell
passes `neutralise`, so that no spreadsheet runs what a user typed (« =HYPERLINK(…) », « @SUM(…) », « +cmd|… »).
Imports refuse such cells (`looks_like_formula`).

Numbers stay numbers for the spreadsheet: native cells in XLSX; in CSV, a decimal comma and no thousands
separator (« 1234,5 »), what a spreadsheet set to French reads back as a number (a « 1234.5 » would be
text there, and a grouped « 1 234,5 » too). Dates are ISO (« 2026-12-03 »), read as dates by any locale.
"""

import csv
import io
import re
from decimal import Decimal

from django.http import HttpResponse
from django.utils import timezone

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMATS = ("csv", "xlsx")

# What a spreadsheet reads as the start of a formula (OWASP « CSV injection »), full-width forms included.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")
# A plain number written as text (« -12,5 », « +33 », « 1 234,5 »): left as it is.
_NUMBER = re.compile(r"^[+-]?\d[\d \u202f\xa0]*([.,]\d+)?$")


def looks_like_formula(value) -> bool:
    """Whether a text cell would be run as a formula by a spreadsheet (a number with a sign is not)."""
    return isinstance(value, str) and value.startswith(FORMULA_STARTS) and not _NUMBER.match(value)


def neutralise(value):
    """The cell as text that no spreadsheet runs: a leading apostrophe before a formula-like text."""
    return "'" + value if looks_like_formula(value) else value


def _cells(row) -> list:
    return [neutralise("" if value is None else value) for value in row]


def csv_bytes(*, header: list[str], rows) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(_cells(header))
    writer.writerows([csv_cell(value) for value in _cells(row)] for row in rows)
    return buffer.getvalue().encode("utf-8-sig")


def csv_cell(value):
    """One CSV cell: empty for None, a decimal comma for a non-integer number (see the module)."""
    if value is None:
        return ""
    if isinstance(value, float | Decimal):
        return format(Decimal(str(value)), "f").replace(".", ",")
    return value


def xlsx_bytes(*, title: str, header: list[str], rows) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title[:31])
    sheet.append(_cells(header))
    for row in rows:
        sheet.append([None if value == "" else value for value in _cells(row)])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def file_response(content: bytes, *, fmt: str, name: str) -> HttpResponse:
    content_type = XLSX_TYPE if fmt == "xlsx" else "text/csv; charset=utf-8"
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}-{timezone.localdate().isoformat()}.{fmt}"'
    return response


def export_response(*, fmt: str, name: str, header: list[str], rows) -> HttpResponse:
    if fmt == "xlsx":
        return file_response(xlsx_bytes(title=name, header=header, rows=rows), fmt=fmt, name=name)
    return file_response(csv_bytes(header=header, rows=rows), fmt="csv", name=name)
