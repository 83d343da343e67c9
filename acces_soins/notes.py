"""The kinds of « note per semester » and the one service that writes them.

A `NoteKind` says, once, what a note on one kind of target carries (progress, a new status of the target, a value)
and what it does to its target when it counts (`apply`): the action page, the measure page and every line of a
campaign contribution use the same form (`forms.NoteForm`), the same fragment (`acces_soins/includes/_note.html`)
and the same service (`note_enregistrer`). Targets of the lower apps (fiches actions, missions of a CPTS,
indicators) are reached through their content type and their own service functions, never their models.
"""

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from acces_soins.enums import StatutAction, StatutMesure
from acces_soins.models import NoteSemestrielle
from acces_soins.periods import Semestre
from acces_soins.sections import provider


@dataclass(frozen=True)
class NoteKind:
    code: str
    model: str  # "app_label.model"
    libelle: str
    texte_label: str = "Note du semestre"
    texte_requis: bool = True
    avancement: bool = False
    statuts: Callable[[], list[tuple[str, str]]] | None = None
    statut_label: str = "Nouveau statut"
    valeur: bool = False
    groupe: str = ""  # the heading of its lines on a contribution page
    # What the note does to its target when it counts (the action's new status, the indicator's value…).
    apply: Callable[..., None] | None = None

    @property
    def content_type(self) -> ContentType:
        app_label, model = self.model.split(".")
        return ContentType.objects.get_by_natural_key(app_label, model)

    def statut_choices(self) -> list[tuple[str, str]]:
        return list(self.statuts()) if self.statuts else []

    def statut_label_of(self, value: str) -> str:
        return dict(self.statut_choices()).get(value, value)

    def is_complete(self, note: NoteSemestrielle | None) -> bool:
        """Whether a person said what this kind asks: the text, the status, the progress, the value."""
        if note is None:
            return False
        checks = [
            not self.texte_requis or bool(note.texte.strip()),
            not self.statuts or bool(note.statut),
            not self.avancement or note.avancement is not None,
            not self.valeur or note.secret or note.valeur is not None,
        ]
        return all(checks)


# --- What a note does to its target ----------------------------------------------------------


def _apply_action(note, *, user, source: str) -> None:
    from acces_soins.models import Action

    action = Action.objects.get(pk=note.object_id)
    if note.statut and action.statut != note.statut:
        action.statut = note.statut
        action.updated_by = user
        action.save(update_fields=["statut", "updated_by", "updated_at"])


def _apply_declinaison(note, *, user, source: str) -> None:
    """The délégation's status of a measure in its département, with the campaign as its source."""
    from acces_soins.models import DeclinaisonMesure, Mesure
    from acces_soins.services.plan import StatutSaisi, declinaison_update
    from territoires.models import Departement

    if not note.statut:
        return
    mesure = Mesure.objects.get(pk=note.object_id)
    departement = Departement.objects.get(code=note.cle.split(":", 1)[1])
    current = DeclinaisonMesure.objects.filter(mesure=mesure, departement=departement).first()
    if current is not None and current.statut == note.statut:
        return  # unchanged: keep the source that established it
    declinaison_update(
        mesure=mesure,
        departement=departement,
        statut=StatutSaisi(statut=note.statut, date=timezone.localdate(), source=source),
        commentaire=current.commentaire if current else "",
    )


def _apply_fiche(note, *, user, source: str) -> None:
    setter = provider("cls.services.campagne", "fiche_statut_remonter")
    if setter is not None and note.statut:
        setter(fiche_id=note.object_id, statut=note.statut, by=user)


def _apply_indicateur(note, *, user, source: str) -> None:
    from indicateurs.models import Indicateur
    from indicateurs.perimetres import resolve_perimetre
    from indicateurs.services import valeur_enregistrer

    kind, code = note.cle.split(":", 1)
    perimetre = resolve_perimetre(kind, code)
    if perimetre is None or (note.valeur is None and not note.secret):
        return
    valeur_enregistrer(
        indicateur=Indicateur.objects.get(pk=note.object_id),
        perimetre=perimetre,
        periode=Semestre.parse(note.semestre),
        valeur=note.valeur,
        secret=note.secret,
        saisi_par=user,
        commentaire=f"{source} — {note.texte}"[:500] if note.texte else source[:500],
    )


def _fiche_statuts():
    statuts = provider("cls.services.campagne", "statuts_fiche")
    return statuts() if statuts else []


KINDS: dict[str, NoteKind] = {
    kind.code: kind
    for kind in (
        NoteKind(
            "action",
            "acces_soins.action",
            "Action de feuille de route",
            texte_label="Point d'avancement",
            avancement=True,
            statuts=lambda: StatutAction.choices,
            statut_label="Nouveau statut de l'action",
            groupe="Actions des feuilles de route",
            apply=_apply_action,
        ),
        NoteKind(
            "mesure", "acces_soins.mesure", "Mesure du plan", texte_label="Commentaire du semestre", groupe="Mesures"
        ),
        NoteKind(
            "declinaison",
            "acces_soins.mesure",
            "Mesure du plan dans le département",
            texte_label="Point d'avancement dans le département",
            texte_requis=False,
            statuts=lambda: StatutMesure.choices,
            statut_label="Statut de la mesure dans le département",
            groupe="Mesures du plan dans le département",
            apply=_apply_declinaison,
        ),
        NoteKind(
            "fiche",
            "cls.ficheaction",
            "Fiche action",
            texte_label="Point d'avancement de la fiche",
            texte_requis=False,
            avancement=True,
            statuts=_fiche_statuts,
            statut_label="Statut de la fiche",
            groupe="Fiches actions",
            apply=_apply_fiche,
        ),
        NoteKind(
            "contrat",
            "cls.contratlocalsante",
            "Contrat local de santé",
            texte_label="Note d'avancement du CLS",
            groupe="Avancement du contrat",
        ),
        NoteKind(
            "mission",
            "cpts.missioncpts",
            "Mission de la CPTS",
            texte_label="Point d'avancement de la mission",
            avancement=True,
            groupe="Missions de la CPTS",
        ),
        NoteKind(
            "indicateur",
            "indicateurs.indicateur",
            "Indicateur",
            texte_label="Commentaire sur la valeur",
            texte_requis=False,
            valeur=True,
            groupe="Indicateurs",
            apply=_apply_indicateur,
        ),
    )
}


def kind_of(code: str) -> NoteKind:
    try:
        return KINDS[code]
    except KeyError:
        raise ValidationError(f"Nature de note inconnue : {code}.") from None


def target_model(kind: NoteKind):
    return apps.get_model(kind.model)


# --- The one write -----------------------------------------------------------------------------


def _is_empty(*, texte, avancement, statut, valeur, secret) -> bool:
    return not texte.strip() and avancement is None and not statut and valeur is None and not secret


@transaction.atomic
def note_enregistrer(
    *,
    kind: NoteKind,
    object_id: int,
    semestre: Semestre,
    user,
    cle: str = "",
    texte: str = "",
    avancement: int | None = None,
    statut: str = "",
    valeur: Decimal | None = None,
    secret: bool = False,
    appliquer: bool = True,
    source: str = "",
) -> NoteSemestrielle | None:
    """Record (or correct) the note of one target for one semester — one per target, `cle` and semester, the
    history keeps every change. An empty note removes the existing one. With `appliquer`, the note acts on its
    target at once (the action's status…); a campaign applies it only when the délégation validates it."""
    content_type = kind.content_type
    note = (
        NoteSemestrielle.objects.select_for_update()
        .filter(content_type=content_type, object_id=object_id, cle=cle, semestre=str(semestre))
        .first()
    )
    if _is_empty(texte=texte, avancement=avancement, statut=statut, valeur=valeur, secret=secret):
        if note is not None:
            note._history_user = user
            note.delete()
        return None
    note = note or NoteSemestrielle(content_type=content_type, object_id=object_id, cle=cle, semestre=str(semestre))
    note.texte, note.avancement, note.statut = texte.strip(), avancement, statut
    note.valeur, note.secret, note.updated_by = (None if secret else valeur), secret, user
    if statut and kind.statuts and statut not in dict(kind.statut_choices()):
        raise ValidationError({"statut": "Statut inconnu."})
    note.full_clean()
    note.save()
    if appliquer:
        note_appliquer(note=note, kind=kind, user=user, source=source)
    return note


def note_appliquer(*, note: NoteSemestrielle, kind: NoteKind, user, source: str = "") -> None:
    """Let the note act on its target (its kind's effect), e.g. when the délégation validates a contribution."""
    if kind.apply is not None:
        kind.apply(note, user=user, source=source)
