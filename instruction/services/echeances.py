"""Who acts next on a dossier and by when: said by every e-mail of the machinery and on the dossier page.

The deadlines are values of the register (`referentiel`, domain « instruction », code « delai », one `cle`
per step, or `<step>:<kind>` for one kind of dossier; « à confirmer » while no text sets them), read for
the dossier's région on the day the step starts: the decision of the ARS counts from the filing or from the
déposant's last answer, the answer to a complément from its request, an avis from the invitation.
"""

import datetime
from dataclasses import dataclass

from django.utils import timezone

from config.typography import fr_date
from instruction.enums import EtapeDelai, Etat
from instruction.models import Dossier
from referentiel.services import parametre_en_vigueur


@dataclass(frozen=True)
class ProchaineEtape:
    qui: str  # « la délégation départementale de l'ARS (Indre-et-Loire) »
    quoi: str  # « instruit le dossier et rend sa décision »
    avant: datetime.date | None = None
    indicatif: bool = False  # the deadline is « à confirmer »

    def __str__(self) -> str:
        text = f"{self.qui} {self.quoi}".strip()
        text = text[0].upper() + text[1:]
        if self.avant is not None:
            text += f", au plus tard le {fr_date(self.avant)}"
            if self.indicatif:
                text += " (délai indicatif)"
        return text + "."


def echeance(etape: str, dossier: Dossier, depuis) -> tuple[datetime.date | None, bool]:
    """The date a step is due when it started at `depuis` (a datetime), and whether the delay is « à confirmer ».

    The kind's own delay wins over the one of every kind; the dossier's région's own over the national one."""
    start = timezone.localdate(depuis)
    region = dossier.departement.region.code if dossier.departement_id else None
    delai = None
    for cle in (f"{etape}:{dossier.kind}", etape):
        delai = parametre_en_vigueur("instruction", "delai", region=region, on=start, cle=cle)
        if delai is not None:
            break
    if delai is None or delai.valeur is None:
        return None, False
    return start + datetime.timedelta(days=int(delai.valeur)), delai.a_confirmer


def instructeur(dossier: Dossier) -> str:
    """Who instructs the dossier: its référent·e, else the délégation of its département."""
    departement = f" ({dossier.departement.nom})" if dossier.departement_id else ""
    if dossier.referent_id:
        return f"{dossier.referent}, référent·e à la délégation départementale de l'ARS{departement},"
    return f"la délégation départementale de l'ARS{departement}"


def _decision_start(dossier: Dossier):
    """The filing, or the déposant's last answer to a complément (the decision's clock starts again)."""
    answered = (
        dossier.transitions.filter(from_etat=Etat.COMPLEMENT_DEMANDE, to_etat=Etat.EN_INSTRUCTION)
        .order_by("-at")
        .values_list("at", flat=True)
        .first()
    )
    return answered or dossier.deposee_le


def prochaine_etape(dossier: Dossier, *, equipe: bool = False) -> ProchaineEtape:
    """The next step of the dossier. `equipe`: said to the instruction team (ARS and invited partners), who
    also learn which partner avis are awaited; the déposant never sees the partners."""
    etat = dossier.etat
    if etat == Etat.BROUILLON:
        return ProchaineEtape(dossier.deposant.nom, "complète et dépose son dossier")
    if etat == Etat.COMPLEMENT_DEMANDE:
        asked = dossier.transitions.filter(to_etat=Etat.COMPLEMENT_DEMANDE).order_by("-at").first()
        avant, indicatif = echeance(EtapeDelai.COMPLEMENT, dossier, asked.at)
        quoi = "répond à la demande de complément"
        if dossier.complement_sections:
            quoi = "corrige son dossier et répond à la demande de complément"
        return ProchaineEtape(dossier.deposant.nom, quoi, avant, indicatif)
    if etat == Etat.ACCEPTEE:
        return ProchaineEtape(instructeur(dossier), f"prend contact avec {dossier.deposant.nom} pour la suite")
    if etat in (Etat.REFUSEE, Etat.CLASSEE):
        return ProchaineEtape("", "aucune action n'est attendue : le dossier est clôturé")
    if equipe and dossier.kind_spec.avis_required:
        waiting = list(
            dossier.participations.exclude(organisation__avis__dossier=dossier).select_related("organisation")
        )
        if waiting:
            names = ", ".join(f"« {row.organisation.nom} »" for row in waiting)
            avant, indicatif = echeance(EtapeDelai.AVIS, dossier, max(row.invited_at for row in waiting))
            return ProchaineEtape(f"les partenaires invités ({names})", "rendent leur avis", avant, indicatif)
    avant, indicatif = echeance(EtapeDelai.DECISION, dossier, _decision_start(dossier))
    return ProchaineEtape(instructeur(dossier), "instruit le dossier et rend sa décision", avant, indicatif)


def prochaine_etape_partenaire(dossier: Dossier, organisation) -> ProchaineEtape:
    """For an invited partner: its own avis, due from its invitation."""
    participation = dossier.participations.filter(organisation=organisation).first()
    if participation is None:
        return prochaine_etape(dossier, equipe=True)
    avant, indicatif = echeance(EtapeDelai.AVIS, dossier, participation.invited_at)
    return ProchaineEtape(organisation.nom, "rend son avis sur le dossier", avant, indicatif)
