import datetime

from cpts.enums import GestionnaireCentre, Profession, StatutMsp, TypeCentreSante
from cpts.models import CentreSante, Cpts, EquipeSoinsPrimaires, Mission, Msp, ProfessionnelMsp, SiteMsp
from cpts.services.lettres import lettre_create, lettre_submit, lettre_update_draft
from cpts.services.registre import aci_sign, cpts_advance, cpts_create
from tests.instruction.factories import pdf_upload


def make_cpts(*, porteur, departement, by, communes=(), nom="CPTS test", **extra) -> Cpts:
    return cpts_create(
        nom=nom,
        porteur=porteur,
        departement=departement,
        by=by,
        communes=communes,
        on=datetime.date(2020, 1, 1),
        **extra,
    )


def signed_cpts(*, porteur, departement, by, communes=(), date_aci=datetime.date(2023, 1, 10), nom="CPTS signée"):
    """A CPTS moved through every stage up to the ACI signature on `date_aci`."""
    cpts = make_cpts(porteur=porteur, departement=departement, by=by, communes=communes, nom=nom)
    for etape in ("lettre_intention", "lettre_validee", "projet_depose", "projet_valide"):
        cpts_advance(cpts=cpts, to_etape=etape, date=date_aci - datetime.timedelta(days=30), by=by)
    aci_sign(cpts=cpts, date=date_aci, by=by, optionnelles=list(Mission.objects.filter(code="qualite")))
    return cpts


def complete_lettre(*, organisation, user, epcis=(), communes=(), submit=True, nom="CPTS du Lochois"):
    from config.uploads import check_upload

    lettre = lettre_create(organisation=organisation, nom=nom, by=user)
    if not epcis and not communes:
        communes = list(lettre.cpts.departement.communes.order_by("code_insee")[:1])
    upload = pdf_upload()
    upload.upload_info = check_upload(upload)
    lettre_update_draft(
        lettre=lettre,
        data={
            "epcis": list(epcis),
            "communes": list(communes),
            "diagnostic": "Territoire rural, 30 % de médecins de plus de 60 ans.",
            "calendrier": "Projet de santé dans 12 mois.",
            "contact_nom": "Camille Martin",
            "contact_email": "camille.martin@example.fr",
            "orientations": list(Mission.objects.filter(type="socle")),
        },
        uploads={"lettre_signee": upload},
        by=user,
    )
    if submit:
        lettre_submit(lettre=lettre, by=user)
        lettre.dossier.refresh_from_db()
    return lettre


def make_msp(*, departement, commune, porteur=None, nom="MSP test", equipe=None, **extra):
    msp = Msp.objects.create(nom=nom, departement=departement, porteur=porteur, **extra)
    SiteMsp.objects.create(msp=msp, commune=commune, adresse="1 place de la Mairie")
    for profession, nombre in (equipe or {Profession.MEDECIN_GENERALISTE: 2, Profession.INFIRMIER: 1}).items():
        ProfessionnelMsp.objects.create(msp=msp, profession=profession, nombre=nombre)
    return msp


def validated_cpts(*, porteur, departement, by, communes=(), nom="CPTS validée", until="lettre_validee") -> Cpts:
    """A CPTS whose lettre d'intention is validated (recorded by staff, as for paper filings)."""
    cpts = make_cpts(porteur=porteur, departement=departement, by=by, communes=communes, nom=nom)
    for etape in ("lettre_intention", "lettre_validee"):
        if until == "emergence":
            break
        cpts_advance(cpts=cpts, to_etape=etape, date=datetime.date(2024, 3, 1), by=by)
        if etape == until:
            break
    return cpts


PROJET_DATA = {
    "diagnostic": "Territoire rural : 30 % des médecins généralistes ont plus de 60 ans.",
    "actions": "Accès aux soins : organiser les soins non programmés ; prévention : dépistage.",
    "gouvernance": "Association loi 1901, conseil d'administration de 12 professionnels.",
    "professionnels": 48,
    "calendrier": "Démarrage des missions socle dans les six mois suivant l'ACI.",
}


def complete_projet(*, cpts, user, submit=True):
    from config.uploads import check_upload
    from cpts.services.projets import projet_create, projet_submit, projet_update_draft

    projet = projet_create(cpts=cpts, by=user)
    upload = pdf_upload("projet-de-sante.pdf")
    upload.upload_info = check_upload(upload)
    projet_update_draft(
        projet=projet,
        data={
            **PROJET_DATA,
            "missions": list(
                Mission.objects.filter(code__in=["acces_soins", "parcours", "prevention", "crises", "qualite"])
            ),
        },
        uploads={"projet_sante": upload},
        by=user,
    )
    if submit:
        projet_submit(projet=projet, by=user)
        projet.cpts.refresh_from_db()
    return projet


def make_centre(*, commune, nom="Centre de santé test", sous_type=TypeCentreSante.MEDICAL, **extra) -> CentreSante:
    values = {
        "gestionnaire_type": GestionnaireCentre.ASSOCIATION,
        "statut": StatutMsp.EN_FONCTIONNEMENT,
        "departement": commune.departement,
        **extra,
    }
    return CentreSante.objects.create(nom=nom, commune=commune, sous_type=sous_type, **values)


def make_esp(*, commune, nom="ESP test", **extra) -> EquipeSoinsPrimaires:
    return EquipeSoinsPrimaires.objects.create(
        nom=nom, commune=commune, departement=commune.departement, nb_medecins_generalistes=2, **extra
    )
