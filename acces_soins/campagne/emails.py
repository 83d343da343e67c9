"""The e-mails of a campaign: each links with an absolute address (`config.emails.absolute_url`) and says who acts
next and by when (`prochaine_etape`, in the words of the dossier machinery's `ProchaineEtape`). Sent after commit."""

from django.urls import reverse
from django.utils.formats import date_format

from acces_soins.enums import EtatContribution
from comptes.enums import EDITING_ROLES, OrganisationType
from config.emails import absolute_url
from instruction.services.echeances import ProchaineEtape

SIGNATURE = "\nCe message est envoyé automatiquement par le portail Santé Territoires.\n"


def _active_members():
    from comptes.models import Membership

    return Membership.objects.active()


def contributeurs_de(contribution) -> list[str]:
    """The members of the contributing organisation who may write (« saisie », « gestionnaire »)."""
    members = _active_members().filter(organisation_id=contribution.organisation_id, role__in=EDITING_ROLES)
    return sorted(set(members.values_list("user__email", flat=True)))


def siege_de(region_code: str) -> list[str]:
    members = _active_members().filter(
        organisation__type=OrganisationType.ARS_SIEGE, organisation__region__code=region_code
    )
    return sorted(set(members.values_list("user__email", flat=True)))


def validateurs_de(contribution) -> list[str]:
    """The délégation of the contribution's département, or the siège for a regional contributor."""
    if contribution.departement_id is None:
        return siege_de(contribution.campagne.region_code)
    members = _active_members().filter(
        organisation__type=OrganisationType.DELEGATION, organisation__departements=contribution.departement_id
    )
    return sorted(set(members.values_list("user__email", flat=True)))


def validateur_libelle(contribution) -> str:
    if contribution.departement_id is None:
        return "le siège de l'ARS"
    return f"la délégation départementale de l'ARS ({contribution.departement.nom})"


def prochaine_etape(contribution) -> ProchaineEtape:
    """Who acts next on a contribution, and by when."""
    etat = contribution.etat
    if etat == EtatContribution.BROUILLON:
        return ProchaineEtape(
            contribution.organisation.nom, "complète et transmet sa contribution", _cloture(contribution)
        )
    if etat == EtatContribution.RENVOYEE:
        return ProchaineEtape(
            contribution.organisation.nom, "corrige et transmet à nouveau sa contribution", _cloture(contribution)
        )
    if etat == EtatContribution.TRANSMISE:
        return ProchaineEtape(validateur_libelle(contribution), "valide la contribution ou la renvoie avec un motif")
    if etat == EtatContribution.VALIDEE:
        return ProchaineEtape("le siège de l'ARS", "consolide la contribution ou la renvoie avec un motif")
    return ProchaineEtape("", "aucune action n'est attendue : la contribution est consolidée")


def _cloture(contribution):
    return contribution.campagne.date_cloture


def _lien(contribution) -> str:
    return absolute_url(reverse("acces_soins:contribution_detail", args=[contribution.public_id]))


def expediteur(campagne) -> str:
    """The From of a campaign's e-mails: the sender of the campaign's région (`Identite.expediteur`)."""
    from comptes.selectors import identite_regionale

    return identite_regionale(region_code=campagne.region_code).expediteur


def _send(subject: str, body: str, recipients: list[str], *, from_email: str) -> None:
    from comptes.tasks import send_email

    for email in recipients:
        send_email.delay_on_commit(subject=subject, body=body, to=[email], from_email=from_email)


def _semestre(campagne) -> str:
    return campagne.semestre_obj.label


def message_ouverture(contribution) -> tuple[str, str]:
    campagne = contribution.campagne
    cloture = date_format(campagne.date_cloture, "j F Y")
    subject = f"Remontées du {_semestre(campagne)} : votre contribution est attendue avant le {cloture}"
    body = (
        f"Bonjour,\n\nL'ARS ouvre la campagne de remontées du {_semestre(campagne)}. Votre contribution "
        f"« {contribution.libelle} » est prête : elle est pré-remplie avec les chiffres que le portail connaît déjà "
        "(affichés, à ne pas ressaisir) et les valeurs et notes du semestre précédent ; seuls les points qui "
        "demandent votre avis sont à renseigner.\n\n"
        f"Votre contribution : {_lien(contribution)}\n"
        f"Toutes vos remontées : {absolute_url(reverse('acces_soins:mes_remontees'))}\n\n"
        f"Prochaine étape : {prochaine_etape(contribution)}\n{SIGNATURE}"
    )
    return subject, body


def notify_ouverture(campagne) -> None:
    from_email = expediteur(campagne)
    for contribution in campagne.contributions.select_related("campagne", "organisation", "departement"):
        _send(*message_ouverture(contribution), contributeurs_de(contribution), from_email=from_email)


TRANSITION_TEXTS = {
    "transmettre": ("Contribution transmise : à valider", "a été transmise par {organisation}."),
    "valider": ("Contribution validée", "a été validée par {validateur}."),
    "renvoyer": ("Contribution renvoyée", "vous est renvoyée. Motif : {motif}"),
    "consolider": ("Contribution consolidée", "a été consolidée par le siège de l'ARS."),
}


def notify_transition(contribution, action: str) -> None:
    """Tell the next actor (and the contributor) that a contribution moved."""
    campagne = contribution.campagne
    title, text = TRANSITION_TEXTS[action]
    text = text.format(
        organisation=contribution.organisation.nom,
        validateur=validateur_libelle(contribution),
        motif=contribution.motif,
    )
    subject = f"{title} — {contribution.libelle} ({campagne.semestre})"
    body = (
        f"Bonjour,\n\nLa contribution « {contribution.libelle} » à la campagne de remontées du {_semestre(campagne)} "
        f"{text}\n\nLa contribution : {_lien(contribution)}\n\n"
        f"Prochaine étape : {prochaine_etape(contribution)}\n{SIGNATURE}"
    )
    recipients = {
        "transmettre": validateurs_de(contribution),
        "valider": contributeurs_de(contribution) + siege_de(campagne.region_code),
        "renvoyer": contributeurs_de(contribution),
        "consolider": contributeurs_de(contribution),
    }[action]
    _send(subject, body, sorted(set(recipients)), from_email=expediteur(campagne))


def message_rappel(contribution, palier: str) -> tuple[str, str]:
    campagne = contribution.campagne
    cloture = date_format(campagne.date_cloture, "j F Y")
    jours = palier.removeprefix("J-")
    subject = f"Rappel ({palier}) : remontées du {_semestre(campagne)} à transmettre avant le {cloture}"
    body = (
        f"Bonjour,\n\nLa campagne de remontées du {_semestre(campagne)} se clôt dans {jours} jour(s), le {cloture}. "
        f"Votre contribution « {contribution.libelle} » n'est pas encore transmise "
        f"(état : {contribution.get_etat_display().lower()}).\n\n"
        f"Votre contribution : {_lien(contribution)}\n\n"
        f"Prochaine étape : {prochaine_etape(contribution)}\n{SIGNATURE}"
    )
    return subject, body


def message_retard(campagne, contributions, *, destinataire: str) -> tuple[str, str]:
    cloture = date_format(campagne.date_cloture, "j F Y")
    lignes = "\n".join(
        f"- {c.libelle} ({c.organisation.nom}) : {c.get_etat_display().lower()} — {_lien(c)}" for c in contributions
    )
    board = absolute_url(reverse("acces_soins:campagne_detail", args=[campagne.public_id]))
    subject = f"Remontées du {_semestre(campagne)} : {len(contributions)} contribution(s) en retard"
    body = (
        f"Bonjour,\n\nLa clôture des remontées du {_semestre(campagne)} était fixée au {cloture}. Ces contributions "
        f"suivies par {destinataire} ne sont pas transmises :\n{lignes}\n\n"
        f"Tableau de complétude : {board}\n\n"
        "Prochaine étape : les contributeurs transmettent leur contribution ; après le gel de la campagne, elle sera "
        f"versée en erratum, hors des chiffres gelés du bilan.\n{SIGNATURE}"
    )
    return subject, body
