"""Domain-free reading of uploaded tables (CSV or XLSX).

`read_table` returns the rows of the first sheet (XLSX) or of the CSV (UTF-8 with or without BOM, or
Windows-1252; `;`, `,` or tab separated) as lists of stripped strings; XLSX dates become ISO dates. It raises
`TableIllisible` with a French message. The upload itself is checked by `config.uploads.ImportFileField`;
formulas are neutralised on export by `config.exports`.
"""

import csv
import datetime
import io


class TableIllisible(ValueError):
    """The file cannot be read as a table."""


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if value.time() == datetime.time(0) else value.isoformat(sep=" ")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _read_xlsx(data: bytes) -> list[list[str]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # noqa: BLE001 — openpyxl raises many types on a corrupt file
        raise TableIllisible("Le fichier n'est pas un classeur XLSX lisible.") from error
    try:
        return [[_cell(value) for value in row] for row in workbook.worksheets[0].iter_rows(values_only=True)]
    finally:
        workbook.close()


def _read_csv(data: bytes) -> list[list[str]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    first_line = text.split("\n", 1)[0]
    delimiter = max((";", ",", "\t"), key=first_line.count)
    return [[cell.strip() for cell in row] for row in csv.reader(io.StringIO(text), delimiter=delimiter)]


def read_table(data: bytes, filename: str, *, max_bytes: int = 5 * 1024 * 1024, max_rows: int = 10_000) -> list:
    """The rows of a CSV or XLSX file (header first; blank rows kept, so that row N + 1 is line N + 1 of the file);
    TableIllisible when it cannot be read."""
    if len(data) > max_bytes:
        raise TableIllisible(f"Le fichier dépasse {max_bytes // (1024 * 1024)} Mo.")
    name = filename.lower()
    if name.endswith(".xlsx"):
        rows = _read_xlsx(data)
    elif name.endswith(".csv"):
        rows = _read_csv(data)
    else:
        raise TableIllisible("Format non pris en charge : déposez un fichier .csv ou .xlsx.")
    if not any(any(cell for cell in row) for row in rows):
        raise TableIllisible("Le fichier est vide.")
    if sum(1 for row in rows[1:] if any(cell for cell in row)) > max_rows:
        raise TableIllisible(f"Le fichier dépasse {max_rows} lignes.")
    return rows
