"""Import of commune overlays (ZRR, FRR): which communes a classification covers, and for which period.

CSV columns `code_commune;classement;valide_du;valide_au` (dates as AAAA-MM-JJ; `valide_au` may be empty;
`classement` is `zrr` or `frr`). The file is the whole list of the classifications it names: rows of those
classifications that it no longer contains are removed. All or nothing.
"""

import csv
import datetime
from pathlib import Path

from django.db import transaction

from config.typography import fr_plural, fr_quantity
from territoires.enums import OverlayKind
from territoires.importers import ImportFailed, ImportReport, Progress, SyncCounts, _noop, read_utf8
from territoires.models import Commune, CommuneOverlay, ImportRun

OVERLAY_COLUMNS = ("code_commune", "classement", "valide_du", "valide_au")


def _date(value: str) -> datetime.date | None:
    value = (value or "").strip()
    return datetime.date.fromisoformat(value) if value else None


def _parse(text: str) -> tuple[dict[tuple, datetime.date | None], list[str]]:
    reader = csv.DictReader(text.splitlines(), dialect=csv.Sniffer().sniff(text[:2048] or ";", delimiters=",;\t"))
    header = tuple(name.strip() for name in reader.fieldnames or [])
    if header[:4] != OVERLAY_COLUMNS:
        raise ImportFailed(f"En-tête attendu : {';'.join(OVERLAY_COLUMNS)} (reçu : {';'.join(header) or 'vide'}).")
    known = set(Commune.objects.values_list("code_insee", flat=True))
    rows, errors = {}, []
    for line, row in enumerate(reader, start=2):
        code = (row.get("code_commune") or "").strip()
        kind = (row.get("classement") or "").strip().lower()
        try:
            start, end = _date(row.get("valide_du")), _date(row.get("valide_au"))
        except ValueError:
            errors.append(f"Ligne {line} : date invalide (format attendu AAAA-MM-JJ).")
            continue
        if code not in known:
            errors.append(f"Ligne {line} : commune inconnue « {code} ».")
        elif kind not in OverlayKind.values:
            errors.append(f"Ligne {line} : classement « {kind} » inconnu (attendu : {', '.join(OverlayKind.values)}).")
        elif start is None:
            errors.append(f"Ligne {line} : la date de début (valide_du) est obligatoire.")
        elif end is not None and end < start:
            errors.append(f"Ligne {line} : la date de fin précède la date de début.")
        elif (code, kind, start) in rows:
            errors.append(f"Ligne {line} : la commune {code} figure déjà pour ce classement à cette date.")
        else:
            rows[(code, kind, start)] = end
    return rows, errors


def import_overlays(*, path: Path, source: str, progress: Progress = _noop) -> ImportReport:
    """Replace the periods of the classifications named in the file by the file's rows."""
    rows, errors = _parse(read_utf8(path))
    if errors:
        raise ImportFailed(f"{fr_quantity(len(errors), 'ligne')} en erreur ; rien n'a été importé.", errors)
    if not rows:
        raise ImportFailed("Le fichier ne contient aucune ligne.")
    kinds = sorted({kind for _, kind, _ in rows})
    commune_ids = dict(
        Commune.objects.filter(code_insee__in={code for code, _, _ in rows}).values_list("code_insee", "id")
    )
    counts = SyncCounts()
    with transaction.atomic():
        existing = {
            (row.commune_id, row.kind, row.valide_du): row for row in CommuneOverlay.objects.filter(kind__in=kinds)
        }
        wanted = {(commune_ids[code], kind, start): end for (code, kind, start), end in rows.items()}
        stale = [row.pk for key, row in existing.items() if key not in wanted]
        CommuneOverlay.objects.filter(pk__in=stale).delete()
        to_create, to_update = [], []
        for (commune_id, kind, start), end in wanted.items():
            row = existing.get((commune_id, kind, start))
            if row is None:
                to_create.append(
                    CommuneOverlay(commune_id=commune_id, kind=kind, valide_du=start, valide_au=end, source=source)
                )
            elif row.valide_au == end and row.source == source:
                counts.unchanged += 1
            else:
                row.valide_au, row.source = end, source
                to_update.append(row)
        CommuneOverlay.objects.bulk_create(to_create)
        CommuneOverlay.objects.bulk_update(to_update, ["valide_au", "source"])
        counts.created, counts.updated = len(to_create), len(to_update)
        report = ImportReport(counts={"classements": counts})
        if stale:
            absentes = fr_quantity(len(stale), "période absente", "périodes absentes")
            report.notes.append(f"{absentes} du fichier, {fr_plural(len(stale), 'supprimée')}.")
        ImportRun.objects.create(
            kind="classements communaux",
            source=f"{source} ({Path(path).name})",
            scope=", ".join(kinds),
            counts={"classements": counts.as_dict(), "supprimés": len(stale)},
        )
    progress(f"Classements : {', '.join(kinds)}")
    return report
