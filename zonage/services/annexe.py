"""Import and export of an arrêté's annex (CSV or XLSX): validated row by row, applied all-or-nothing."""

import csv
import io
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction

from config.exports import csv_bytes, looks_like_formula, xlsx_bytes
from config.numbers import parse_french_number
from config.typography import fr_plural, fr_quantity
from territoires.models import Commune, TerritoireVieSante
from territoires.text import normalize
from zonage.enums import ArreteStatut, Granularite
from zonage.models import AnnexeImport, Classement

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 50_000
COLUMNS = {
    "code": {"code", "code tvs", "code insee", "code commune", "code territoire"},
    "nom": {"nom", "libelle", "nom tvs", "nom commune", "territoire"},
    "zone": {"zone", "classement", "categorie", "zonage"},
    "apl": {"apl"},
}
EXPORT_HEADER = ["code", "nom", "zone", "apl"]


class AnnexeInvalide(Exception):
    def __init__(self, errors: list[str]):
        super().__init__(fr_quantity(len(errors), "erreur"))
        self.errors = errors


@dataclass
class ParsedRow:
    line: int
    code: str
    nom: str
    zone: str
    apl: str


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def read_table(data: bytes, filename: str) -> list[list[str]]:
    """Rows of the first sheet (XLSX) or of the CSV (UTF-8 or Windows-1252, ; , or tab separated)."""
    if len(data) > MAX_BYTES:
        raise AnnexeInvalide(["Le fichier dépasse 5 Mo."])
    if filename.lower().endswith(".xlsx"):
        from openpyxl import load_workbook

        try:
            workbook = load_workbook(io.BytesIO(data), read_only=True)  # formulas as written: refused below
        except Exception as error:  # openpyxl raises many types on a corrupt file
            raise AnnexeInvalide(["Le fichier n'est pas un classeur XLSX lisible."]) from error
        sheet = workbook.worksheets[0]
        rows = [[_cell(value) for value in row] for row in sheet.iter_rows(values_only=True)]
        workbook.close()
        return rows
    if not filename.lower().endswith(".csv"):
        raise AnnexeInvalide(["Format non pris en charge : déposez un fichier .csv ou .xlsx."])
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    if "\x00" in text:
        raise AnnexeInvalide(["Le fichier n'est pas un fichier texte CSV : il contient des octets nuls."])
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=";,\t")
    except csv.Error:
        dialect = csv.excel
        dialect.delimiter = ";"
    try:
        return [[cell.strip() for cell in row] for row in csv.reader(io.StringIO(text), dialect)]
    except csv.Error as error:
        raise AnnexeInvalide([f"Le fichier CSV est mal formé : {error}."]) from error


def parse_rows(table: list[list[str]]) -> list[ParsedRow]:
    if not table:
        raise AnnexeInvalide(["Le fichier est vide."])
    header = [normalize(cell) for cell in table[0]]
    positions = {}
    for key, aliases in COLUMNS.items():
        for index, name in enumerate(header):
            if name in aliases:
                positions[key] = index
                break
    missing = [key for key in ("code", "zone") if key not in positions]
    if missing:
        raise AnnexeInvalide(
            [
                f"{fr_plural(len(missing), 'Colonne manquante', 'Colonnes manquantes')} : {', '.join(missing)}. "
                "En-tête attendu : code ; nom ; zone ; apl (facultatif)."
            ]
        )
    if len(table) - 1 > MAX_ROWS:
        raise AnnexeInvalide([f"Le fichier dépasse {MAX_ROWS} lignes."])
    formulas = [
        f"Ligne {line} : la cellule « {cell[:40]} » est une formule de tableur ; remplacez-la par sa valeur."
        for line, row in enumerate(table, start=1)
        for cell in row
        if looks_like_formula(cell)
    ]
    if formulas:
        raise AnnexeInvalide(formulas)

    def get(row, key):
        index = positions.get(key)
        return row[index].strip() if index is not None and index < len(row) else ""

    return [
        ParsedRow(line, get(row, "code"), get(row, "nom"), get(row, "zone"), get(row, "apl"))
        for line, row in enumerate(table[1:], start=2)
        if any(cell.strip() for cell in row)
    ]


def validate_rows(arrete, rows: list[ParsedRow]) -> tuple[list[Classement], list[str]]:
    """Build unsaved Classement rows and list every error in French (one message per problem)."""
    profession = arrete.profession
    by_tvs = profession.granularite == Granularite.TVS
    zones = {}
    for zone in profession.zones.all():
        zones[normalize(zone.code)] = zone
        zones[normalize(zone.libelle)] = zone
    codes = {row.code for row in rows if row.code}
    if by_tvs:
        territories = {tvs.code: tvs for tvs in TerritoireVieSante.objects.filter(code__in=codes)}
    else:
        territories = {c.code_insee: c for c in Commune.objects.filter(code_insee__in=codes)}
    kind = "TVS" if by_tvs else "commune"
    expected = ", ".join(zone.code for zone in profession.zones.all())
    errors, seen, classements = [], {}, []
    for row in rows:
        prefix = f"Ligne {row.line} :"
        row_errors = []
        if not row.code:
            row_errors.append(f"{prefix} le code du territoire est manquant.")
        elif row.code in seen:
            row_errors.append(f"{prefix} le code « {row.code} » figure déjà ligne {seen[row.code]} (doublon).")
        elif row.code not in territories:
            row_errors.append(f"{prefix} code {kind} « {row.code} » inconnu du référentiel.")
        if row.code and row.code not in seen:
            seen[row.code] = row.line
        zone = zones.get(normalize(row.zone))
        if not row.zone:
            row_errors.append(f"{prefix} la zone est manquante.")
        elif zone is None:
            row_errors.append(
                f"{prefix} zone « {row.zone} » inconnue pour la profession {profession.libelle} (attendu : {expected})."
            )
        apl = None
        if row.apl:
            try:
                apl = Decimal(parse_french_number(row.apl, decimal_places=2)).quantize(Decimal("0.01"))
                if apl < 0 or apl >= 1000:
                    raise InvalidOperation
            except (InvalidOperation, ValidationError):
                row_errors.append(f"{prefix} l'APL « {row.apl} » n'est pas un nombre valide.")
        if row_errors:
            errors.extend(row_errors)
            continue
        territory = territories[row.code]
        classements.append(
            Classement(arrete=arrete, zone=zone, apl=apl, **{("tvs" if by_tvs else "commune"): territory})
        )
    if not rows:
        errors.append("Le fichier ne contient aucune ligne de classement.")
    return classements, errors


@transaction.atomic
def annexe_import(*, arrete, data: bytes, filename: str, by) -> int:
    """Replace the arrêté's annex with the file's rows, or raise AnnexeInvalide and change nothing."""
    if arrete.statut != ArreteStatut.PROJET:
        raise ValidationError("L'annexe ne peut être modifiée que lorsque l'arrêté est en projet.")
    rows = parse_rows(read_table(data, filename))
    classements, errors = validate_rows(arrete, rows)
    if errors:
        raise AnnexeInvalide(errors)
    arrete.classements.all().delete()
    Classement.objects.bulk_create(classements)
    AnnexeImport.objects.create(arrete=arrete, fichier=filename[:255], lignes=len(classements), par=by)
    arrete.updated_by = by
    arrete.save(update_fields=["updated_by"])
    return len(classements)


def annexe_rows(arrete):
    """Rows of the annex for export: code, name, zone code, APL."""
    rows = arrete.classements.select_related("tvs", "commune", "zone").order_by(
        "zone__ordre", "tvs__code", "commune__code_insee"
    )
    for row in rows:
        territory = row.tvs or row.commune
        code = row.tvs.code if row.tvs else row.commune.code_insee
        yield [code, territory.nom, row.zone.code, "" if row.apl is None else str(row.apl).replace(".", ",")]


def annexe_export_csv(arrete) -> bytes:
    return csv_bytes(header=EXPORT_HEADER, rows=annexe_rows(arrete))


def annexe_export_xlsx(arrete) -> bytes:
    rows = (
        [code, nom, zone, float(apl.replace(",", ".")) if apl else None] for code, nom, zone, apl in annexe_rows(arrete)
    )
    return xlsx_bytes(title="Annexe", header=EXPORT_HEADER, rows=rows)
