"""Domain-free CSV (semicolon, UTF-8 with BOM for spreadsheet software) / XLSX download of rows.

Numbers stay numbers for the spreadsheet: native cells in XLSX; in CSV, a decimal comma and no thousands
separator (« 1234,5 »), what a spreadsheet set to French reads back as a number (a « 1234.5 » would be
text there, and a grouped « 1 234,5 » too). Dates are ISO (« 2026-12-03 »), read as dates by any locale.
"""

import csv
import io
from decimal import Decimal

from django.http import HttpResponse
from django.utils import timezone

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMATS = ("csv", "xlsx")


def export_response(*, fmt: str, name: str, header: list[str], rows) -> HttpResponse:
    stamp = timezone.localdate().isoformat()
    if fmt == "xlsx":
        from openpyxl import Workbook

        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet(name[:31])
        sheet.append(header)
        for row in rows:
            sheet.append(row)
        buffer = io.BytesIO()
        workbook.save(buffer)
        response = HttpResponse(buffer.getvalue(), content_type=XLSX_TYPE)
        response["Content-Disposition"] = f'attachment; filename="{name}-{stamp}.xlsx"'
        return response
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(header)
    writer.writerows([csv_cell(value) for value in row] for row in rows)
    response = HttpResponse(buffer.getvalue().encode("utf-8-sig"), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}-{stamp}.csv"'
    return response


def csv_cell(value):
    """One CSV cell: empty for None, a decimal comma for a non-integer number (see the module)."""
    if value is None:
        return ""
    if isinstance(value, float | Decimal):
        return format(Decimal(str(value)), "f").replace(".", ",")
    return value
