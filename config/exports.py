"""Domain-free CSV (semicolon, UTF-8 with BOM for spreadsheet software) / XLSX download of rows.

Every text cell is neutralised (`config.tables.neutralise`): a value starting like a formula (=, +, -, @) is
written with a leading apostrophe, so that opening an export never runs what someone typed."""

import csv
import io

from django.http import HttpResponse
from django.utils import timezone

from config.tables import neutralise

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMATS = ("csv", "xlsx")


def export_response(*, fmt: str, name: str, header: list[str], rows) -> HttpResponse:
    stamp = timezone.localdate().isoformat()
    if fmt == "xlsx":
        from openpyxl import Workbook

        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet(name[:31])
        sheet.append([neutralise(value) for value in header])
        for row in rows:
            sheet.append([neutralise(value) for value in row])
        buffer = io.BytesIO()
        workbook.save(buffer)
        response = HttpResponse(buffer.getvalue(), content_type=XLSX_TYPE)
        response["Content-Disposition"] = f'attachment; filename="{name}-{stamp}.xlsx"'
        return response
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow([neutralise(value) for value in header])
    writer.writerows(["" if value is None else neutralise(value) for value in row] for row in rows)
    response = HttpResponse(buffer.getvalue().encode("utf-8-sig"), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}-{stamp}.csv"'
    return response
