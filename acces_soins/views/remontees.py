"""The contributors' side of a campaign: « Mes remontées » and the contribution page (pre-filled lines, one note form
per line, draft and transmission), where the délégation validates or sends back and the siège consolidates."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from acces_soins.campagne.emails import prochaine_etape
from acces_soins.campagne.forms import MotifForm
from acces_soins.campagne.services import (
    contribution_consolider,
    contribution_enregistrer,
    contribution_renvoyer,
    contribution_transmettre,
    contribution_valider,
)
from acces_soins.campagne.tableau import retard_jours, with_completude
from acces_soins.enums import EtatContribution
from acces_soins.forms import NoteForm
from acces_soins.models import Contribution, NoteSemestrielle
from acces_soins.notes import KINDS
from acces_soins.notes_blocs import NoteBloc, historique_rows
from acces_soins.perms import (
    can_consolidate_contribution,
    can_edit_contribution,
    can_list_remontees,
    can_validate_contribution,
)
from acces_soins.views import require
from comptes.perms import get_scope, refuse

TITLE = "Mes remontées"


def mes_remontees(request):
    """The user's contributions (every campaign), and for the ARS the contributions waiting for it."""
    from django.utils import timezone

    require(can_list_remontees(request.user))
    scope = get_scope(request.user)
    base = with_completude(Contribution.objects.with_list_data()).order_by("-campagne__semestre", "libelle")
    mine = list(base.filter(organisation_id__in=list(scope.roles)))
    waiting = Q(pk__in=[])
    if scope.is_delegation:
        waiting |= Q(etat=EtatContribution.TRANSMISE, departement_id__in=scope.departement_ids)
    if scope.siege_region_codes:
        waiting |= Q(campagne__region_code__in=sorted(scope.siege_region_codes)) & (
            Q(etat=EtatContribution.VALIDEE) | Q(etat=EtatContribution.TRANSMISE, departement__isnull=True)
        )
    a_traiter = list(base.filter(waiting).visible_to(request.user))
    today = timezone.localdate()
    for contribution in mine + a_traiter:
        contribution.jours_retard = retard_jours(contribution, on=today)
    return render(
        request, "acces_soins/remontees/list.html", {"title": TITLE, "contributions": mine, "a_traiter": a_traiter}
    )


def get_contribution_for_user(request, public_id) -> Contribution:
    return get_object_or_404(
        Contribution.objects.visible_to(request.user).select_related("campagne", "organisation", "departement"),
        public_id=public_id,
    )


def _forms(contribution, lignes, data=None) -> dict:
    """One note form per line a person must fill in (keyed by line id: the page's error summary finds them)."""
    forms = {}
    for line in lignes:
        if not line.requis:
            continue
        # A line already written shows its note; a new one starts from what the portal knows (the current status).
        initial = {} if line.note else {"initial": line.prerempli.get("initial", {})}
        forms[line.pk] = NoteForm(data, kind=KINDS[line.kind], note=line.note, prefix=f"l{line.pk}", **initial)
    return forms


def _blocs(contribution, lignes, forms) -> list[tuple[str, list[NoteBloc]]]:
    """The lines grouped by kind, each as the one note fragment (computed values, last semester, form or note)."""
    previous = str(contribution.campagne.semestre_obj.previous())
    notes = {
        note.target_key: note
        for note in NoteSemestrielle.objects.for_targets(
            {line.target_key for line in lignes}, semestres=[previous]
        ).select_related("updated_by")
    }
    groups: dict[str, list[NoteBloc]] = {}
    for line in lignes:
        kind = KINDS[line.kind]
        last = notes.get(line.target_key)
        groups.setdefault(kind.groupe or kind.libelle, []).append(
            NoteBloc(
                kind=kind,
                anchor=f"ligne-{line.pk}",
                titre=f"{line.reference} — {line.libelle}" if line.reference else line.libelle,
                prerempli=line.prerempli.get("valeurs", []),
                historique=historique_rows(kind, [last]) if last else [],
                historique_titre=f"Semestre précédent ({previous})",
                form=forms.get(line.pk),
                note=line.note,
                lecture_vide="Non renseignée." if line.requis else "Calculée par le portail : rien à saisir.",
            )
        )
    return list(groups.items())


def render_contribution(request, contribution, forms=None, status: int = 200):
    lignes = list(contribution.lignes.select_related("note", "note__updated_by").order_by("ordre", "pk"))
    can_edit = can_edit_contribution(request.user, contribution)
    if can_edit and forms is None:
        forms = _forms(contribution, lignes)
    from django.utils import timezone

    return render(
        request,
        "acces_soins/remontees/detail.html",
        {
            "title": contribution.libelle,
            "contribution": contribution,
            "campagne": contribution.campagne,
            "groupes": _blocs(contribution, lignes, forms or {}),
            "note_forms": forms or {},
            "can_edit": can_edit,
            "can_validate": can_validate_contribution(request.user, contribution),
            "can_consolidate": can_consolidate_contribution(request.user, contribution),
            "motif_form": MotifForm(),
            "prochaine_etape": prochaine_etape(contribution),
            "jours_retard": retard_jours(contribution, on=timezone.localdate()),
            "transitions": contribution.transitions.select_related("par"),
            "manquantes": sum(1 for line in lignes if line.requis and not line.complete),
            "breadcrumb_data": {"links": [{"url": "/remontees/", "title": TITLE}], "current": contribution.libelle},
        },
        status=status,
    )


def contribution_detail(request, public_id):
    contribution = get_contribution_for_user(request, public_id)
    if request.method != "POST":
        return render_contribution(request, contribution)
    if not can_edit_contribution(request.user, contribution):
        raise refuse(can_edit_contribution)
    lignes = list(contribution.lignes.select_related("note").order_by("ordre", "pk"))
    forms = _forms(contribution, lignes, request.POST)
    if not all(form.is_valid() for form in forms.values()):
        return render_contribution(request, contribution, forms, status=400)
    contribution_enregistrer(
        contribution=contribution, by=request.user, reponses={pk: form.note_data() for pk, form in forms.items()}
    )
    if request.POST.get("action") != "transmettre":
        messages.success(request, "Le brouillon de la contribution est enregistré.")
        return redirect("acces_soins:contribution_detail", public_id=contribution.public_id)
    try:
        contribution = contribution_transmettre(contribution=contribution, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return render_contribution(request, get_contribution_for_user(request, public_id), status=400)
    if contribution.apres_gel:
        messages.warning(
            request, "La campagne est gelée : votre contribution est versée en erratum daté, hors des chiffres gelés."
        )
    messages.success(request, f"La contribution est transmise. Prochaine étape : {prochaine_etape(contribution)}")
    return redirect("acces_soins:contribution_detail", public_id=contribution.public_id)


@require_POST
def contribution_transition(request, public_id):
    """The délégation validates or sends back a transmitted contribution; the siège consolidates or sends back."""
    contribution = get_contribution_for_user(request, public_id)
    action = request.POST.get("action")
    can_validate = can_validate_contribution(request.user, contribution)
    can_consolidate = can_consolidate_contribution(request.user, contribution)
    allowed = {"valider": can_validate, "renvoyer": can_validate or can_consolidate, "consolider": can_consolidate}
    if not (can_validate or can_consolidate):
        raise refuse(can_consolidate_contribution if action == "consolider" else can_validate_contribution)
    if not allowed.get(action):
        messages.error(request, "Cette décision n'est pas possible à cette étape de la contribution.")
        return redirect("acces_soins:contribution_detail", public_id=contribution.public_id)
    form = MotifForm(request.POST)
    form.is_valid()
    try:
        if action == "valider":
            contribution_valider(contribution=contribution, by=request.user)
        elif action == "consolider":
            contribution_consolider(contribution=contribution, by=request.user)
        else:
            contribution_renvoyer(contribution=contribution, by=request.user, motif=form.cleaned_data.get("motif", ""))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        labels = {"valider": "validée", "consolider": "consolidée", "renvoyer": "renvoyée au contributeur"}
        messages.success(request, f"La contribution est {labels[action]}.")
    return redirect("acces_soins:contribution_detail", public_id=contribution.public_id)
