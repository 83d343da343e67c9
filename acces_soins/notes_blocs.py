"""What the one note fragment (`acces_soins/includes/_note.html`) prints, prepared in French once."""

from dataclasses import dataclass, field
from decimal import Decimal

from acces_soins.notes import NoteKind
from config.typography import fr_number, fr_percent


def fr_decimal(value) -> str:
    """A stored decimal with the decimals it really has (at most 3): « 12,5 », « 330 »."""
    if value is None:
        return "—"
    exponent = Decimal(str(value)).normalize().as_tuple().exponent
    return fr_number(value, max(0, min(3, -exponent)))


def _valeur(note) -> str:
    return "secret statistique" if note.secret else fr_decimal(note.valeur)


def note_rows(kind: NoteKind, note) -> list[dict]:
    """The saved note as (label, value) pairs, in the order of the form."""
    rows = []
    if kind.valeur:
        rows.append({"libelle": "Valeur", "valeur": _valeur(note)})
    if kind.avancement and note.avancement is not None:
        rows.append({"libelle": "Avancement", "valeur": fr_percent(note.avancement, 0)})
    if kind.statuts and note.statut:
        rows.append({"libelle": kind.statut_label, "valeur": kind.statut_label_of(note.statut)})
    if note.texte:
        rows.append({"libelle": kind.texte_label, "valeur": note.texte})
    return rows


def historique_rows(kind: NoteKind, notes) -> list[dict]:
    return [
        {
            "semestre": note.semestre,
            "valeur": _valeur(note) if kind.valeur else "",
            "avancement": fr_percent(note.avancement, 0) if note.avancement is not None else "—",
            "statut": kind.statut_label_of(note.statut) if note.statut else "—",
            "texte": note.texte,
            "par": str(note.updated_by) if note.updated_by_id else "",
            "le": note.updated_at,
        }
        for note in notes
    ]


@dataclass
class NoteBloc:
    kind: NoteKind
    anchor: str
    titre: str = ""
    prerempli: list[dict] = field(default_factory=list)
    historique: list[dict] = field(default_factory=list)
    historique_titre: str = "Notes des semestres"
    historique_vide: str = ""
    form: object = None
    action: str = ""
    bouton: str = "Enregistrer la note"
    note: object = None
    lecture_vide: str = ""

    @property
    def note_lignes(self) -> list[dict]:
        return note_rows(self.kind, self.note) if self.note is not None else []
