from cls.models import LettreIntention, Thematique
from cls.services.lettres import lettre_create, lettre_update_draft
from instruction.services import dossier_submit
from tests.instruction.factories import pdf_upload


def complete_lettre(*, organisation, user, epcis=(), communes=(), submit: bool = True) -> LettreIntention:
    """A lettre d'intention with every required field and the signed PDF; filed unless submit=False."""
    from config.uploads import check_upload

    lettre = lettre_create(organisation=organisation, by=user)
    upload = pdf_upload()
    upload.upload_info = check_upload(upload)
    lettre_update_draft(
        lettre=lettre,
        data={
            "epcis": list(epcis),
            "communes": list(communes),
            "contact_nom": "Camille Martin",
            "contact_email": "camille.martin@example.fr",
            "elu_nom": "Dominique Bernard",
            "elu_fonction": "Vice-président·e santé",
            "motivations": "Fédérer les acteurs du territoire autour de la santé.",
            "thematiques": list(Thematique.objects.filter(code__in=["prevention", "sante_mentale"])),
            "demande_ingenierie": True,
            "etp_souhaites": 1,
        },
        uploads={"lettre_signee": upload},
        by=user,
    )
    if submit:
        dossier_submit(dossier=lettre.dossier, by=user)
        lettre.dossier.refresh_from_db()
    return lettre
