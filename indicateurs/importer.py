"""CSV/XLSX import of values: every row is checked first, then all rows are written or none.

Columns (header row, case-insensitive): indicateur, niveau, code, periode, valeur[, commentaire].
`valeur` is a number typed the French way (« 12,5 », « 1 234 », or « 12.5 » when unambiguous: `config.numbers`)
or « secret » for a value under statistical secrecy.
"""

import csv
import io
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction

from config.exports import looks_like_formula
from config.numbers import parse_french_number
from indicateurs.enums import Provenance
from indicateurs.models import ImportLot, Indicateur
from indicateurs.perimetres import resolve_perimetre
from indicateurs.perms import can_enter_valeur_for
from indicateurs.semestre import Semestre
from indicateurs.services import valeur_enregistrer

COLUMNS = ["indicateur", "niveau", "code", "periode", "valeur"]
SECRET_WORDS = {"secret", "s", "secret statistique"}
MAX_ROWS = 5000


class ImportFormatError(ValueError):
    """The file cannot be read as a table with the expected columns."""


@dataclass
class ImportReport:
    errors: list[tuple[int, str]] = field(default_factory=list)  # (line number, French message)
    rows: list[dict] = field(default_factory=list)
    lot: ImportLot | None = None

    @property
    def ok(self) -> bool:
        return not self.errors and self.lot is not None


def read_table(name: str, content: bytes) -> list[dict]:
    """Rows of a CSV (`;` or `,`, UTF-8) or XLSX file as dicts keyed by lower-case header."""
    if name.lower().endswith(".xlsx"):
        from openpyxl import load_workbook

        try:
            sheet = load_workbook(io.BytesIO(content), read_only=True).worksheets[0]  # formulas refused below
        except Exception as error:  # noqa: BLE001 — any parsing failure is a format error for the user
            raise ImportFormatError("Le fichier XLSX est illisible.") from error
        rows = [[_cell_text(cell) for cell in row] for row in sheet.iter_rows(values_only=True)]
    else:
        try:
            text = content.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise ImportFormatError("Le fichier CSV doit être encodé en UTF-8.") from error
        if "\x00" in text:
            raise ImportFormatError("Le fichier n'est pas un fichier texte CSV : il contient des octets nuls.")
        delimiter = ";" if text.split("\n", 1)[0].count(";") >= text.split("\n", 1)[0].count(",") else ","
        try:
            rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
        except csv.Error as error:
            raise ImportFormatError(f"Le fichier CSV est mal formé : {error}.") from error
    if not rows:
        raise ImportFormatError("Le fichier est vide.")
    header = [cell.strip().lower() for cell in rows[0]]
    missing = [column for column in COLUMNS if column not in header]
    if missing:
        raise ImportFormatError(f"Colonnes manquantes : {', '.join(missing)}.")
    body = [row for row in rows[1:] if any(cell.strip() for cell in row)]
    if len(body) > MAX_ROWS:
        raise ImportFormatError(f"Le fichier dépasse {MAX_ROWS} lignes.")
    return [dict(zip(header, [cell.strip() for cell in row], strict=False)) for row in body]


def _cell_text(cell) -> str:
    """A spreadsheet cell as the text a user would have typed: numbers with a decimal comma (« 12,5 »), so
    that they read like a CSV cell; an integral float is an integer (« 37132 », not « 37132.0 »)."""
    if cell is None:
        return ""
    if isinstance(cell, float | Decimal) and not isinstance(cell, bool):
        number = Decimal(str(cell))
        if number == number.to_integral_value():
            return str(int(number))
        return format(number, "f").replace(".", ",")
    return str(cell)


def parse_nombre(text: str) -> Decimal:
    """A value typed the French way (« 12,5 », « 1 234 », « 39,8 % »), with the portal's rule (`config.numbers`):
    an ambiguous « 1.234 » is refused with its reason, never read as 1,234."""
    try:
        return Decimal(parse_french_number(text))
    except ValidationError as error:
        if not any(char.isdigit() for char in text):
            raise ValueError(f"valeur non numérique « {text} »") from error
        raise ValueError(error.messages[0]) from error


def check_rows(rows: list[dict], *, user) -> ImportReport:
    """Check every row and collect the errors with their line numbers (header = line 1)."""
    report = ImportReport()
    indicateurs = {indicateur.code.upper(): indicateur for indicateur in Indicateur.objects.actifs()}
    seen = {}
    for line, row in enumerate(rows, start=2):
        problems = [
            f"la cellule « {value[:40]} » est une formule de tableur (remplacez-la par sa valeur)"
            for value in row.values()
            if looks_like_formula(value)
        ]
        if problems:
            report.errors.append((line, " ; ".join(problems)))
            continue
        indicateur = indicateurs.get(row.get("indicateur", "").upper())
        if indicateur is None:
            problems.append(f"indicateur inconnu « {row.get('indicateur', '')} »")
        perimetre = resolve_perimetre(row.get("niveau", ""), row.get("code", ""))
        if perimetre is None:
            problems.append(f"territoire inconnu « {row.get('niveau', '')} {row.get('code', '')} »")
        elif not can_enter_valeur_for(user, perimetre):
            problems.append(f"territoire hors de votre périmètre « {perimetre} »")
        elif indicateur is not None and perimetre.kind not in indicateur.niveaux:
            problems.append(f"l'indicateur {indicateur.code} ne se mesure pas au niveau « {perimetre.kind} »")
        try:
            periode = Semestre.parse(row.get("periode", ""))
        except ValueError:
            periode = None
            problems.append(f"période inconnue « {row.get('periode', '')} » (format 2026-S1)")
        raw = row.get("valeur", "")
        secret, valeur = raw.lower() in SECRET_WORDS, None
        if not secret:
            try:
                valeur = parse_nombre(raw)
            except ValueError as error:
                problems.append(str(error))
        if indicateur and perimetre and periode:
            key = (indicateur.pk, perimetre.pk, str(periode))
            if key in seen:
                problems.append(f"doublon de la ligne {seen[key]}")
            else:
                seen[key] = line
        if problems:
            report.errors.append((line, " ; ".join(problems)))
        else:
            report.rows.append(
                {
                    "indicateur": indicateur,
                    "perimetre": perimetre,
                    "periode": periode,
                    "valeur": valeur,
                    "secret": secret,
                    "commentaire": row.get("commentaire", "")[:500],
                }
            )
    return report


def valeurs_importer(*, name: str, content: bytes, user) -> ImportReport:
    """Import a file of values all or nothing; the report lists every faulty row."""
    try:
        rows = read_table(name, content)
    except ImportFormatError as error:
        return ImportReport(errors=[(1, str(error))])
    with transaction.atomic():
        report = check_rows(rows, user=user)
        if report.errors or not report.rows:
            if not report.errors:
                report.errors.append((1, "Le fichier ne contient aucune ligne de valeurs."))
            transaction.set_rollback(True)  # also undoes perimeters created while checking
            return report
        lot = ImportLot.objects.create(fichier=name[:255], importe_par=user, nb_valeurs=len(report.rows))
        for row in report.rows:
            valeur_enregistrer(**row, provenance=Provenance.IMPORT, saisi_par=user, lot=lot)
        report.lot = lot
    return report
