"""FICTITIOUS CPTS, MSP, centres de santé and ESP for the demo: every stage in the six départements. Real
territories, invented structures (names say « fictive », `is_fictif=True`). The counts are deliberately not the
real regional baselines (the CVL plan counts 65 MSP and 53 centres de santé in July 2017). Idempotent."""

import datetime
import random

from django.db import transaction
from django.utils import timezone

from comptes.enums import OrganisationType
from comptes.models import Organisation, User
from cpts.enums import Etape, Financeur, GestionnaireCentre, Profession, StatutMsp, TypeCentreSante
from cpts.models import (
    CentreSante,
    Cpts,
    CritereAciMsp,
    CritereMsp,
    EquipeSoinsPrimaires,
    FinancementMsp,
    Mission,
    Msp,
    ProfessionnelCentre,
    ProfessionnelMsp,
    SiteMsp,
)
from cpts.services import registre
from territoires.models import EPCI, Commune, Departement

DEPARTEMENTS = ["18", "28", "36", "37", "41", "45"]
# Stages given in turn to the CPTS of each département (every stage appears in the region).
STAGES = [
    Etape.ACI_SIGNE,
    Etape.PROJET_VALIDE,
    Etape.ACI_SIGNE,
    Etape.LETTRE_VALIDEE,
    Etape.PROJET_DEPOSE,
    Etape.EMERGENCE,
    Etape.LETTRE_INTENTION,
    Etape.ABANDONNEE,
]
CPTS_PER_DEPARTEMENT = 4
# Fictitious volumes, on purpose far from the real 2017 baselines (65 MSP, 53 centres dont 7 pluriprofessionnels).
MSP_COUNT = 41
CENTRES_COUNT = 14
ESP_COUNT = 6
DEMO_PORTEUR = "Association CPTS Touraine Sud (fictive)"
PATH = [Etape.LETTRE_INTENTION, Etape.LETTRE_VALIDEE, Etape.PROJET_DEPOSE, Etape.PROJET_VALIDE]


def _porteur(nom: str, departement) -> Organisation:
    organisation, _ = Organisation.objects.get_or_create(type=OrganisationType.PORTEUR, nom=nom)
    organisation.departements.add(departement)
    return organisation


def _build_cpts(*, nom, porteur, departement, communes, stage, start, rng, by):
    cpts = registre.cpts_create(
        nom=nom, porteur=porteur, departement=departement, by=by, communes=communes, on=start, is_fictif=True
    )
    day = start
    last = {Etape.ACI_SIGNE: len(PATH), Etape.ABANDONNEE: 2, Etape.EMERGENCE: 0}.get(stage)
    last = PATH.index(stage) + 1 if last is None else last
    for etape in PATH[:last]:
        day += datetime.timedelta(days=rng.randint(60, 150))
        registre.cpts_advance(cpts=cpts, to_etape=etape, date=day, by=by)
    if stage == Etape.ABANDONNEE:
        day += datetime.timedelta(days=rng.randint(60, 150))
        registre.cpts_abandon(cpts=cpts, reason="Projet fusionné avec une CPTS voisine (fictif).", date=day, by=by)
    if stage == Etape.ACI_SIGNE:
        day += datetime.timedelta(days=rng.randint(60, 120))
        optionnelles = list(Mission.objects.filter(code="qualite")) if rng.random() < 0.5 else []
        for row in registre.aci_sign(cpts=cpts, date=day, by=by, optionnelles=optionnelles):
            _progress_mission(row, rng, by)
    return cpts


def _progress_mission(row, rng, by):
    today = timezone.localdate()
    if row.echeance_demarrage is None or rng.random() < 0.2:  # some missions late on purpose
        return
    started = min(row.echeance_demarrage - datetime.timedelta(days=rng.randint(0, 60)), today)
    fields = {"date_demarrage": max(started, row.cpts.date_aci), "indicateurs": "Indicateurs fictifs de démonstration"}
    if row.echeance_deploiement and row.echeance_deploiement < today and rng.random() < 0.7:
        fields["date_deploiement"] = row.echeance_deploiement - datetime.timedelta(days=rng.randint(0, 90))
    registre.mission_update(mission=row, by=by, **fields)


def _demo_cpts(rng, by) -> int:
    created = 0
    for code in DEPARTEMENTS:
        departement = Departement.objects.get(code=code)
        epcis = list(EPCI.objects.filter(communes__departement=departement).distinct().order_by("siren"))
        for index in range(min(CPTS_PER_DEPARTEMENT, len(epcis))):
            epci = epcis[index]
            stage = STAGES[(DEPARTEMENTS.index(code) + index) % len(STAGES)]
            nom = f"CPTS {epci.nom} (fictive)"
            porteur = (
                _porteur(DEMO_PORTEUR, departement)
                if code == "37" and index < 2
                else _porteur(f"Association {nom}", departement)
            )
            communes = list(Commune.objects.filter(epci=epci, departement=departement))
            if porteur.nom == DEMO_PORTEUR and stage == Etape.PROJET_DEPOSE:
                stage = Etape.LETTRE_VALIDEE  # its projet de santé is filed online by `_demo_projets`
            start = datetime.date(2019, 1, 1) + datetime.timedelta(days=rng.randint(0, 900))
            _build_cpts(
                nom=nom,
                porteur=porteur,
                departement=departement,
                communes=communes,
                stage=stage,
                start=start,
                rng=rng,
                by=by,
            )
            created += 1
    return created


def _team(rng) -> dict:
    return {
        Profession.MEDECIN_GENERALISTE: rng.randint(1, 8),
        Profession.INFIRMIER: rng.randint(0, 6),
        Profession.MASSEUR_KINE: rng.randint(0, 4),
        Profession.PHARMACIEN: rng.randint(0, 2),
        Profession.SAGE_FEMME: rng.randint(0, 1),
    }


def _financement(rng, year: int, **structure) -> None:
    if rng.random() < 0.6:
        FinancementMsp.objects.create(
            **structure,
            financeur=rng.choice([Financeur.ETAT, Financeur.REGION, Financeur.FIR]),
            montant=rng.choice([50_000, 100_000, 150_000, 300_000]),
            annee=year,
            objet="Investissement immobilier (fictif)",
        )


def _demo_msp(rng, communes) -> int:
    """MSP: some signed their ACI before being a SISA (in the grace period, or past it), patientèles vary."""
    criteres = list(CritereAciMsp.objects.all())
    porteur = Organisation.objects.filter(type=OrganisationType.PORTEUR, nom=DEMO_PORTEUR).first()
    today = timezone.localdate()
    for index in range(MSP_COUNT):
        commune = communes[(index * 7) % len(communes)]
        statut = rng.choice([StatutMsp.EN_FONCTIONNEMENT] * 4 + [StatutMsp.PROJET, StatutMsp.FERMEE])
        date_projet = datetime.date(2016, 6, 1) + datetime.timedelta(days=rng.randint(0, 2800))
        signed = statut == StatutMsp.EN_FONCTIONNEMENT and rng.random() < 0.8
        # ACIs signed under the MSP accord of 2017 (the register has no earlier rule), never in the future.
        aci_day = date_projet + datetime.timedelta(days=rng.randint(450, 700))
        date_aci = min(aci_day, today - datetime.timedelta(days=30)) if signed else None
        if index in (1, 2):  # recent ACIs without SISA yet: one within the grace period, one past it
            date_aci = today - datetime.timedelta(days=60 if index == 1 else 400)
        date_sisa = None
        if date_aci and index not in (1, 2):
            date_sisa = date_aci + datetime.timedelta(days=rng.randint(-300, 150))
        msp = Msp.objects.create(
            nom=f"MSP de {commune.nom} (fictive)",
            porteur=porteur if index == 0 else None,
            departement=commune.departement,
            statut=statut,
            sisa=date_sisa is not None,
            date_sisa=date_sisa,
            patientele=rng.randint(15, 90) * 100 if date_aci else None,
            date_projet_sante=date_projet if statut != StatutMsp.PROJET else None,
            date_aci=date_aci,
            is_fictif=True,
        )
        SiteMsp.objects.create(msp=msp, commune=commune, adresse=f"{rng.randint(1, 40)} rue de la Santé")
        ProfessionnelMsp.objects.bulk_create(
            [ProfessionnelMsp(msp=msp, profession=p, nombre=n) for p, n in _team(rng).items() if n]
        )
        if msp.date_aci:
            for critere in criteres:
                if critere.type == "socle" or rng.random() < 0.5:
                    CritereMsp.objects.create(msp=msp, critere=critere)
        _financement(rng, date_projet.year, msp=msp)
    return MSP_COUNT


def _demo_centres(rng, communes) -> int:
    """Centres de santé of every subtype and gestionnaire, with opening (and some closing) dates. No FINESS
    number: a made-up one could be a real establishment's."""
    sous_types = list(TypeCentreSante.values)
    gestionnaires = list(GestionnaireCentre.values)
    for index in range(CENTRES_COUNT):
        commune = communes[(index * 11 + 3) % len(communes)]
        ouverture = datetime.date(1995, 1, 1) + datetime.timedelta(days=rng.randint(0, 10_000))
        fermeture = ouverture + datetime.timedelta(days=rng.randint(800, 4000)) if index % 5 == 4 else None
        sous_type = sous_types[index % len(sous_types)]
        centre = CentreSante.objects.create(
            nom=f"Centre de santé de {commune.nom} (fictif)",
            sous_type=sous_type,
            gestionnaire_type=gestionnaires[index % len(gestionnaires)],
            gestionnaire_nom=f"Gestionnaire fictif n° {index + 1}",
            departement=commune.departement,
            commune=commune,
            adresse=f"{rng.randint(1, 40)} avenue de la République",
            statut=StatutMsp.FERMEE if fermeture and fermeture < timezone.localdate() else StatutMsp.EN_FONCTIONNEMENT,
            date_ouverture=ouverture,
            date_fermeture=fermeture,
            is_fictif=True,
        )
        team = _team(rng) if sous_type == TypeCentreSante.POLYVALENT else {Profession.MEDECIN_GENERALISTE: 3}
        if sous_type == TypeCentreSante.DENTAIRE:
            team = {Profession.DENTISTE: rng.randint(2, 6)}
        elif sous_type == TypeCentreSante.INFIRMIER:
            team = {Profession.INFIRMIER: rng.randint(3, 9)}
        ProfessionnelCentre.objects.bulk_create(
            [ProfessionnelCentre(centre=centre, profession=p, nombre=n) for p, n in team.items() if n]
        )
        _financement(rng, ouverture.year, centre=centre)
    return CENTRES_COUNT


def _demo_esp(rng, communes) -> int:
    for index in range(ESP_COUNT):
        commune = communes[(index * 13 + 5) % len(communes)]
        EquipeSoinsPrimaires.objects.create(
            nom=f"Équipe de soins primaires de {commune.nom} (fictive)",
            departement=commune.departement,
            commune=commune,
            statut=StatutMsp.EN_FONCTIONNEMENT if index % 3 else StatutMsp.PROJET,
            date_constitution=datetime.date(2018, 1, 1) + datetime.timedelta(days=rng.randint(0, 2000)),
            nb_medecins_generalistes=rng.randint(1, 4),
            nb_autres_professionnels=rng.randint(1, 8),
            objet="Coordination autour des patients âgés polypathologiques (fictif).",
            is_fictif=True,
        )
    return ESP_COUNT


def _pdf_upload(name: str):
    """A checked one-page PDF upload (fictitious document)."""
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from pypdf import PdfWriter

    from config.uploads import check_upload

    writer, buffer = PdfWriter(), io.BytesIO()
    writer.add_blank_page(width=595, height=842)
    writer.write(buffer)
    upload = SimpleUploadedFile(name, buffer.getvalue(), content_type="application/pdf")
    upload.upload_info = check_upload(upload)
    return upload


def _demo_projets(porteur_email: str = "cpts@demo.fr", agent_email: str = "dd37@demo.ars.fr") -> int:
    """The demo porteur files the projet de santé of its CPTS whose lettre is validated, online; the
    délégation has put the first one in instruction."""
    from cpts.services.projets import projet_create, projet_submit, projet_update_draft
    from instruction.enums import Etat
    from instruction.services import dossier_transition

    user = User.objects.filter(email=porteur_email).first()
    agent = User.objects.filter(email=agent_email).first()
    if user is None:
        return 0
    cpts_list = list(
        Cpts.objects.filter(is_fictif=True, porteur__nom=DEMO_PORTEUR, etape=Etape.LETTRE_VALIDEE).order_by("nom")
    )
    for index, cpts in enumerate(cpts_list):
        projet = projet_create(cpts=cpts, by=user)
        projet_update_draft(
            projet=projet,
            data={
                "diagnostic": "Diagnostic fictif : 12 000 habitants sans médecin traitant, urgences saturées.",
                "missions": list(Mission.objects.filter(code__in=["acces_soins", "parcours", "prevention", "crises"])),
                "actions": "Soins non programmés en journée, parcours insuffisance cardiaque, dépistage (fictif).",
                "gouvernance": "Association loi 1901 ; conseil d'administration de 10 professionnels (fictif).",
                "professionnels": 40 + 15 * index,
                "calendrier": "Missions socle démarrées dans l'année suivant la signature de l'ACI.",
            },
            uploads={"projet_sante": _pdf_upload("projet-de-sante-fictif.pdf")},
            by=user,
        )
        projet_submit(projet=projet, by=user)
        if index == 0 and agent is not None:
            dossier_transition(dossier=projet.dossier, to_etat=Etat.EN_INSTRUCTION, by=agent)
    return len(cpts_list)


def _demo_lettre(porteur_email: str = "cpts@demo.fr") -> None:
    """One lettre d'intention filed by the demo porteur through the instruction machinery."""
    from cpts.services.lettres import lettre_create, lettre_submit, lettre_update_draft

    user = User.objects.filter(email=porteur_email).first()
    organisation = Organisation.objects.filter(type=OrganisationType.PORTEUR, nom=DEMO_PORTEUR).first()
    if user is None or organisation is None:
        return
    lettre = lettre_create(organisation=organisation, nom="CPTS du Richelais (fictive)", by=user)
    upload = _pdf_upload("lettre-intention-fictive.pdf")
    epci = EPCI.objects.filter(siren="200043081").first()  # CC Chinon, Vienne et Loire
    lettre_update_draft(
        lettre=lettre,
        data={
            "epcis": [epci] if epci else [],
            "diagnostic": "Diagnostic fictif : 40 % des médecins généralistes ont plus de 60 ans.",
            "partenaires": "Centre hospitalier, EHPAD, pharmacies (fictif).",
            "orientations": list(Mission.objects.filter(type="socle")),
            "calendrier": "Projet de santé dans les 12 mois.",
            "contact_nom": "Inès Porteuse",
            "contact_email": porteur_email,
        },
        uploads={"lettre_signee": upload},
        by=user,
    )
    lettre.cpts.is_fictif = True  # on the instance: the filing saves it again
    lettre.cpts.save(update_fields=["is_fictif"])
    lettre_submit(lettre=lettre, by=user)
    _demo_co_instruction(lettre.dossier)


def _demo_co_instruction(dossier) -> None:
    """Joint instruction (ARS, Assurance maladie, URPS): the délégation opens the instruction and the
    fictitious CPAM gives its avis; the URPS avis is still awaited, so no decision can be taken yet."""
    from instruction.enums import Etat, SensAvis
    from instruction.services import avis_give, dossier_transition

    agent = User.objects.filter(email="dd37@demo.ars.fr").first()
    cpam = User.objects.filter(email="cpam@demo.fr").first()
    participation = dossier.participations.filter(organisation__memberships__user=cpam).first()
    if agent is None or participation is None:
        return
    dossier_transition(dossier=dossier, to_etat=Etat.EN_INSTRUCTION, by=agent)
    avis_give(
        dossier=dossier,
        organisation=participation.organisation,
        author=cpam,
        sens=SensAvis.RESERVES,
        motivation="Avis fictif : préciser l'articulation avec le service d'accès aux soins du département.",
    )


@transaction.atomic
def load_demo_cpts(*, staff_email: str = "siege@demo.ars.fr") -> dict[str, int]:
    """Create the fictitious CPTS and MSP once (a second run changes nothing)."""
    if Cpts.objects.filter(is_fictif=True).exists():
        return {"cpts": 0, "msp": 0, "centres": 0, "esp": 0, "projets": 0}
    by = User.objects.get(email=staff_email)
    rng = random.Random(2026)
    communes = list(Commune.objects.filter(departement__code__in=DEPARTEMENTS).order_by("-population")[:300])
    counts = {
        "cpts": _demo_cpts(rng, by),
        "msp": _demo_msp(rng, communes),
        "centres": _demo_centres(rng, communes),
        "esp": _demo_esp(rng, communes),
    }
    _demo_lettre()
    counts["projets"] = _demo_projets()
    return counts
