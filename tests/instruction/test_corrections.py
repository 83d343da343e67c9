"""Correction during « complément demandé »: the délégation opens sections (or the whole dossier), the
déposant corrects them, a version of what was sent is kept, the instruction team sees the difference."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from instruction.enums import CategoriePiece, Etat, MotifVersion
from instruction.perms import can_correct_dossier, can_edit_dossier
from instruction.services import (
    corrections,
    current_pieces,
    dossier_answer,
    dossier_transition,
    piece_delete,
)
from tests.cls.factories import complete_lettre
from tests.instruction.factories import pdf_upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def lettre(collectivite, porteur_manager, territory):
    return complete_lettre(organisation=collectivite, user=porteur_manager, epcis=[territory["epci37"]])


def _complement(dossier, agent, sections=()):
    dossier_transition(dossier=dossier, to_etat=Etat.EN_INSTRUCTION, by=agent)
    dossier_transition(
        dossier=dossier, to_etat=Etat.COMPLEMENT_DEMANDE, by=agent, reason="Précisez le contact.", sections=sections
    )
    dossier.refresh_from_db()


def _upload(name="nouvelle-lettre.pdf"):
    from config.uploads import check_upload

    upload = pdf_upload(name)
    upload.upload_info = check_upload(upload)
    return upload


def test_filing_keeps_a_version_of_what_was_sent(lettre):
    version = lettre.dossier.versions.get()
    assert version.motif == MotifVersion.DEPOT
    values = {row["code"]: row["value"] for row in version.valeurs}
    assert values["contact_nom"] == "Camille Martin"
    assert values["epcis"] == "CC Loches Sud Touraine"
    assert "lettre-signee.pdf" in values["pieces"]


def test_a_complement_without_sections_opens_nothing(lettre, dd_agent, porteur_manager):
    _complement(lettre.dossier, dd_agent)
    assert not can_correct_dossier(porteur_manager, lettre.dossier)
    assert not can_edit_dossier(porteur_manager, lettre.dossier)


def test_the_decision_form_offers_the_sections_of_the_kind(client, lettre, dd_agent):
    client.force_login(dd_agent)
    html = client.get(lettre.dossier.get_absolute_url()).content.decode()
    assert "Parties du dossier que le déposant peut corriger" in html
    for title in ("Tout le dossier", "Territoire du contrat", "Contacts et portage politique", "Pièces jointes"):
        assert title in html


def test_unknown_sections_are_refused(lettre, dd_agent):
    dossier_transition(dossier=lettre.dossier, to_etat=Etat.EN_INSTRUCTION, by=dd_agent)
    with pytest.raises(ValidationError, match="Partie du dossier inconnue"):
        dossier_transition(
            dossier=lettre.dossier, to_etat=Etat.COMPLEMENT_DEMANDE, by=dd_agent, reason="x", sections=["budget"]
        )


def test_only_the_opened_sections_are_editable(client, lettre, dd_agent, porteur_manager, porteur_reader):
    dossier = lettre.dossier
    _complement(dossier, dd_agent, sections=["contacts"])
    url = reverse("cls:lettre_edit", args=[dossier.public_id])
    client.force_login(porteur_reader)
    assert client.get(url).status_code == 403
    client.force_login(porteur_manager)
    html = client.get(url).content.decode()
    assert 'name="contact_nom"' in html
    assert 'name="motivations"' not in html  # a closed section is not even shown
    assert "Précisez le contact." in html  # the reason stands at the top of the form
    response = client.post(
        url,
        {
            "action": "enregistrer",
            "contact_nom": "Dominique Nouveau",
            "contact_email": "camille.martin@example.fr",
            "elu_nom": "Dominique Bernard",
            "motivations": "Changée en douce",
        },
    )
    assert response.status_code == 302
    lettre.refresh_from_db()
    assert lettre.contact_nom == "Dominique Nouveau"
    assert lettre.motivations == "Fédérer les acteurs du territoire autour de la santé."  # closed: ignored


def test_the_reason_is_shown_at_the_top_of_the_dossier(client, lettre, dd_agent, porteur_manager):
    _complement(lettre.dossier, dd_agent, sections=["contacts"])
    for user in (porteur_manager, dd_agent):
        client.force_login(user)
        html = client.get(lettre.dossier.get_absolute_url()).content.decode()
        alert = html[html.index('id="complement-demande"') : html.index('id="prochaine-etape"')]
        assert "Précisez le contact." in alert
        assert "Contacts et portage politique" in alert
    assert "Corriger mon dossier" not in html  # the délégation does not correct
    client.force_login(porteur_manager)
    assert "Corriger mon dossier" in client.get(lettre.dossier.get_absolute_url()).content.decode()


def test_the_answer_records_a_version_and_the_team_sees_the_difference(client, lettre, dd_agent, porteur_manager):
    dossier = lettre.dossier
    _complement(dossier, dd_agent, sections=["contacts"])
    client.force_login(porteur_manager)
    client.post(
        reverse("cls:lettre_edit", args=[dossier.public_id]),
        {
            "action": "enregistrer",
            "contact_nom": "Dominique Nouveau",
            "contact_email": "camille.martin@example.fr",
            "elu_nom": "Dominique Bernard",
            "elu_fonction": "Vice-président·e santé",
        },
    )
    # Before the answer, the team already sees the pending corrections.
    pending = corrections(dossier)
    assert pending[0]["en_cours"]
    client.post(reverse("instruction:message", args=[dossier.public_id]), {"body": "Corrigé.", "repondre": "1"})
    dossier.refresh_from_db()
    assert dossier.etat == Etat.EN_INSTRUCTION
    assert dossier.complement_sections == []
    assert [version.motif for version in dossier.versions.all()] == [MotifVersion.DEPOT, MotifVersion.COMPLEMENT]
    rows = corrections(dossier)
    assert len(rows) == 1
    assert not rows[0]["en_cours"]
    assert rows[0]["changes"] == [
        {"label": "Personne à contacter", "avant": "Camille Martin", "apres": "Dominique Nouveau"}
    ]
    client.force_login(dd_agent)
    html = client.get(dossier.get_absolute_url()).content.decode()
    assert "Corrections du déposant" in html
    assert "<ins>Dominique Nouveau</ins>" in html
    client.force_login(porteur_manager)
    assert "Corrections du déposant" not in client.get(dossier.get_absolute_url()).content.decode()
    # Closed again: no more corrections.
    assert client.get(reverse("cls:lettre_edit", args=[dossier.public_id])).status_code == 403


def test_an_incomplete_correction_is_refused_through_the_page(client, lettre, dd_agent, porteur_manager):
    dossier = lettre.dossier
    _complement(dossier, dd_agent, sections=["contacts"])
    client.force_login(porteur_manager)
    client.post(reverse("cls:lettre_edit", args=[dossier.public_id]), {"action": "enregistrer", "contact_nom": ""})
    response = client.post(reverse("instruction:message", args=[dossier.public_id]), {"body": "Ok", "repondre": "1"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Votre dossier corrigé est incomplet" in html
    assert 'id="resume-erreurs"' in html
    assert "Ok</textarea>" in html  # the typed answer is kept


def test_an_incomplete_correction_cannot_be_sent(lettre, dd_agent, porteur_manager):
    from instruction.models import Message

    dossier = lettre.dossier
    _complement(dossier, dd_agent, sections=["*"])
    lettre.thematiques.clear()
    with pytest.raises(ValidationError, match="Votre dossier corrigé est incomplet"):
        dossier_answer(dossier=dossier, author=porteur_manager, body="Voilà")
    dossier.refresh_from_db()
    assert dossier.etat == Etat.COMPLEMENT_DEMANDE
    assert not Message.objects.filter(dossier=dossier).exists()


def test_pieces_during_a_complement(lettre, dd_agent, porteur_manager):
    from cls.services.lettres import lettre_update_draft

    dossier = lettre.dossier
    sent = dossier.pieces.get(categorie=CategoriePiece.PRINCIPALE)
    _complement(dossier, dd_agent, sections=["contacts"])
    with pytest.raises(ValidationError):
        lettre_update_draft(lettre=lettre, data={}, uploads={"lettre_signee": _upload()}, by=porteur_manager)
    # The délégation asked for the pieces (set directly: the sections are a choice of the complément).
    dossier.complement_sections = ["pieces"]
    dossier.save(update_fields=["complement_sections"])
    lettre.dossier = dossier
    lettre_update_draft(lettre=lettre, data={}, uploads={"lettre_signee": _upload()}, by=porteur_manager)
    sent.refresh_from_db()
    assert sent.remplacee_le is not None  # sent to the ARS: kept, marked replaced
    assert [piece.original_name for piece in current_pieces(dossier)] == ["nouvelle-lettre.pdf"]
    with pytest.raises(ValidationError, match="a été envoyée à l'ARS"):
        piece_delete(piece=sent, by=porteur_manager)
    new = current_pieces(dossier).get()
    piece_delete(piece=new, by=porteur_manager)  # not sent yet: may be removed
    assert not current_pieces(dossier).exists()


def test_pieces_are_locked_outside_drafts_and_corrections(lettre, porteur_manager):
    sent = lettre.dossier.pieces.get(categorie=CategoriePiece.PRINCIPALE)
    with pytest.raises(PermissionDenied):
        piece_delete(piece=sent, by=porteur_manager)


def test_a_dossier_filed_before_versions_gets_one_before_its_correction(lettre, dd_agent):
    lettre.dossier.versions.all().delete()
    _complement(lettre.dossier, dd_agent, sections=["contacts"])
    version = lettre.dossier.versions.get()
    assert version.motif == MotifVersion.DEPOT
    assert {row["code"]: row["value"] for row in version.valeurs}["contact_nom"] == "Camille Martin"
