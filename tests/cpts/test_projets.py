"""The projet de santé filed online: stage moves, filing rules, draft form, instruction, staff path."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from cpts.models import Cpts, EtapeCpts, ProjetSanteCpts
from cpts.services.projets import projet_create, projet_filing_refusal, projet_submit
from instruction.enums import CategoriePiece, Etat
from instruction.services import dossier_transition
from tests.cpts.factories import PROJET_DATA, complete_projet, validated_cpts
from tests.instruction.factories import pdf_upload

pytestmark = pytest.mark.django_db


def _accept(dossier, agent):
    dossier_transition(dossier=dossier, to_etat=Etat.EN_INSTRUCTION, by=agent)
    dossier_transition(dossier=dossier, to_etat=Etat.ACCEPTEE, by=agent)


def test_filing_moves_the_cpts_to_projet_depose(validated, cpts_porteur):
    projet = complete_projet(cpts=validated, user=cpts_porteur)
    dossier = projet.dossier
    assert dossier.etat == Etat.DEPOSEE
    assert dossier.reference.startswith("PS-CPTS-")
    assert dossier.departement.code == "37"
    assert dossier.pieces.filter(categorie=CategoriePiece.ACCUSE).exists()  # receipt PDF
    cpts = Cpts.objects.get(pk=validated.pk)
    assert cpts.etape == "projet_depose"
    assert cpts.date_projet_depose == timezone.localdate()
    last = EtapeCpts.objects.filter(cpts=cpts).last()
    assert (last.from_etape, last.to_etape, last.date) == ("lettre_validee", "projet_depose", timezone.localdate())
    assert dossier.reference in last.reason


def test_acceptance_moves_the_cpts_to_projet_valide(validated, cpts_porteur, dd_agent):
    projet = complete_projet(cpts=validated, user=cpts_porteur)
    _accept(projet.dossier, dd_agent)
    cpts = Cpts.objects.get(pk=validated.pk)
    assert cpts.etape == "projet_valide"
    assert cpts.date_projet_valide == timezone.localdate()
    last = EtapeCpts.objects.filter(cpts=cpts).last()
    assert (last.to_etape, last.by) == ("projet_valide", dd_agent)
    assert projet_filing_refusal(cpts).startswith("Le projet de santé ne peut plus être déposé")


def test_refusal_keeps_the_stage_and_a_new_projet_may_be_filed(validated, cpts_porteur, dd_agent):
    projet = complete_projet(cpts=validated, user=cpts_porteur)
    dossier_transition(dossier=projet.dossier, to_etat=Etat.EN_INSTRUCTION, by=dd_agent)
    dossier_transition(dossier=projet.dossier, to_etat=Etat.REFUSEE, by=dd_agent, reason="Missions socle incomplètes.")
    cpts = Cpts.objects.get(pk=validated.pk)
    assert cpts.etape == "projet_depose"
    assert projet_filing_refusal(cpts) == ""
    second = complete_projet(cpts=cpts, user=cpts_porteur)
    assert second.dossier.etat == Etat.DEPOSEE
    assert Cpts.objects.get(pk=cpts.pk).etape == "projet_depose"  # unchanged, no second log row
    assert EtapeCpts.objects.filter(cpts=cpts, to_etape="projet_depose").count() == 1
    _accept(second.dossier, dd_agent)
    assert Cpts.objects.get(pk=cpts.pk).etape == "projet_valide"


@pytest.mark.parametrize("until", ["emergence", "lettre_intention"])
def test_filing_is_refused_before_the_lettre_is_validated(
    client, territory, cpts_org, siege_agent, cpts_porteur, until
):
    cpts = validated_cpts(porteur=cpts_org, departement=territory["dep37"], by=siege_agent, until=until)
    with pytest.raises(ValidationError, match="une fois la lettre d'intention validée"):
        projet_create(cpts=cpts, by=cpts_porteur)
    client.force_login(cpts_porteur)
    page = client.get(reverse("cpts:detail", args=[cpts.public_id])).content.decode()
    assert "Rédiger le projet de santé" not in page
    response = client.post(reverse("cpts:projet_create", args=[cpts.public_id]), follow=True)
    assert "une fois la lettre d&#x27;intention validée" in response.content.decode()
    assert not ProjetSanteCpts.objects.exists()


def test_one_projet_at_a_time(validated, cpts_porteur):
    complete_projet(cpts=validated, user=cpts_porteur, submit=False)
    with pytest.raises(ValidationError, match="déjà en cours"):
        projet_create(cpts=validated, by=cpts_porteur)


def test_submit_check_requires_the_socle_missions_and_the_document(validated, cpts_porteur):
    projet = projet_create(cpts=validated, by=cpts_porteur)
    projet.missions.clear()
    with pytest.raises(ValidationError) as error:
        projet_submit(projet=projet, by=cpts_porteur)
    errors = error.value.message_dict
    assert set(errors) >= {"diagnostic", "actions", "gouvernance", "calendrier", "missions", "projet_sante"}
    assert "Accès aux soins" in errors["missions"][0]
    assert Cpts.objects.get(pk=validated.pk).etape == "lettre_validee"


def test_porteur_files_through_the_pages(client, validated, cpts_porteur):
    client.force_login(cpts_porteur)
    page = client.get(reverse("cpts:detail", args=[validated.public_id])).content.decode()
    assert "Rédiger le projet de santé" in page
    response = client.post(reverse("cpts:projet_create", args=[validated.public_id]))
    projet = ProjetSanteCpts.objects.get()
    assert response.url == reverse("cpts:projet_edit", args=[projet.dossier.public_id])
    form = client.get(response.url).content.decode()
    assert "Qualité et pertinence des soins (Mission optionnelle)" in form
    data = {**PROJET_DATA, "missions": [m.pk for m in projet.missions.all()], "action": "deposer"}
    data["projet_sante"] = pdf_upload("projet.pdf")
    response = client.post(reverse("cpts:projet_edit", args=[projet.dossier.public_id]), data)
    assert response.status_code == 302
    assert response.url == reverse("cpts:projet_detail", args=[projet.dossier.public_id])
    projet.dossier.refresh_from_db()
    assert projet.dossier.etat == Etat.DEPOSEE
    detail = client.get(response.url).content.decode()
    assert "Projet de santé PS-CPTS-" in detail
    assert "Accusé de dépôt" in detail or "accuse" in detail.lower()


def test_failing_form_keeps_typed_values_and_uploads(client, validated, cpts_porteur):
    projet = complete_projet(cpts=validated, user=cpts_porteur, submit=False)
    projet.dossier.pieces.all().delete()
    client.force_login(cpts_porteur)
    url = reverse("cpts:projet_edit", args=[projet.dossier.public_id])
    data = {
        "diagnostic": "Diagnostic saisi avant l'erreur",
        "professionnels": "beaucoup",  # invalid
        "projet_sante": pdf_upload("mon-projet.pdf"),
        "annexe": SimpleUploadedFile("annexe.pdf", b"MZ not a PDF", "application/pdf"),  # content check
        "action": "deposer",
    }
    response = client.post(url, data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Diagnostic saisi avant l&#x27;erreur" in page
    assert 'value="beaucoup"' in page
    assert "mon-projet.pdf" in page  # the valid upload is kept as a piece of the draft
    projet.refresh_from_db()
    assert projet.diagnostic == "Diagnostic saisi avant l'erreur"
    assert list(projet.dossier.pieces.values_list("original_name", flat=True)) == ["mon-projet.pdf"]
    assert projet.dossier.etat == Etat.BROUILLON


def test_delegation_instructs_with_the_shared_panels(client, validated, cpts_porteur, dd_agent):
    projet = complete_projet(cpts=validated, user=cpts_porteur)
    dossier = projet.dossier
    client.force_login(dd_agent)
    listing = client.get(reverse("cpts:instruction_list"), {"kind": "cpts_projet"}).content.decode()
    assert dossier.reference in listing
    assert "Projet de santé CPTS" in listing
    page = client.get(reverse("cpts:projet_detail", args=[dossier.public_id])).content.decode()
    assert "Enregistrer la décision" in page
    # A refusal without a reason is shown again on the projet page (kind hook), status 400.
    response = client.post(reverse("instruction:transition", args=[dossier.public_id]), {"to_etat": "en_instruction"})
    assert response.status_code == 302
    response = client.post(reverse("instruction:transition", args=[dossier.public_id]), {"to_etat": "refusee"})
    assert response.status_code == 400
    assert "Synthèse du diagnostic territorial" in response.content.decode()
    client.post(reverse("instruction:annotation", args=[dossier.public_id]), {"body": "Avis CPAM favorable."})
    response = client.post(reverse("instruction:transition", args=[dossier.public_id]), {"to_etat": "acceptee"})
    assert response.status_code == 302
    assert Cpts.objects.get(pk=validated.pk).etape == "projet_valide"


def test_staff_records_projet_stages_only_without_an_online_projet(client, validated, cpts_porteur, dd_agent):
    client.force_login(dd_agent)
    url = reverse("cpts:detail", args=[validated.public_id])
    assert "Projet de santé déposé" in client.get(url).content.decode()  # historical (paper) path
    complete_projet(cpts=validated, user=cpts_porteur)
    page = client.get(url).content.decode()
    assert '<option value="projet_valide"' not in page
    client.post(reverse("cpts:etape", args=[validated.public_id]), {"to_etape": "projet_valide", "date": "2025-01-02"})
    assert Cpts.objects.get(pk=validated.pk).etape == "projet_depose"


def test_porteur_home_lists_the_projet(client, validated, cpts_porteur):
    projet = complete_projet(cpts=validated, user=cpts_porteur)
    client.force_login(cpts_porteur)
    page = client.get("/").content.decode()
    assert projet.dossier.reference in page
    assert reverse("cpts:projet_detail", args=[projet.dossier.public_id]) in page


# --- access matrix -----------------------------------------------------------------------------

FILED = {
    "siege_agent": 200,
    "dd_agent": 200,
    "dd45_agent": 404,
    "porteur_manager": 404,
    "porteur_reader": 404,
    "other_porteur": 404,
    "other_cpts_porteur": 404,
    "cpts_porteur": 200,
    "cpts_reader": 200,
    "expert": 404,  # comité: no access to filings
    "outsider": 404,
}
DRAFT_EDIT = {**FILED, "siege_agent": 404, "dd_agent": 404, "cpts_reader": 403}
CREATE = {
    "siege_agent": 403,  # sees the CPTS, does not file for it
    "dd_agent": 403,
    "dd45_agent": 404,
    "porteur_manager": 404,
    "porteur_reader": 404,
    "other_porteur": 404,
    "other_cpts_porteur": 404,
    "cpts_porteur": 302,
    "cpts_reader": 403,
    "expert": 404,  # comité sees signed CPTS only
    "outsider": 404,
}


@pytest.mark.parametrize("name", sorted(FILED))
def test_access_matrix(request, client, territory, cpts_org, siege_agent, validated, cpts_porteur, name):
    filed = complete_projet(cpts=validated, user=cpts_porteur)
    other, fresh = (
        validated_cpts(porteur=cpts_org, departement=territory["dep37"], by=siege_agent, nom=nom)
        for nom in ("CPTS B", "CPTS C")
    )
    draft = complete_projet(cpts=other, user=cpts_porteur, submit=False)
    client.force_login(request.getfixturevalue(name))
    assert client.get(reverse("cpts:projet_detail", args=[filed.dossier.public_id])).status_code == FILED[name]
    edit = reverse("cpts:projet_edit", args=[draft.dossier.public_id])
    assert client.get(edit).status_code == DRAFT_EDIT[name]
    response = client.post(edit, {"action": "enregistrer"})
    assert response.status_code == (302 if DRAFT_EDIT[name] == 200 else DRAFT_EDIT[name])
    response = client.post(reverse("cpts:projet_create", args=[fresh.public_id]))
    assert response.status_code == CREATE[name]
    assert ProjetSanteCpts.objects.filter(cpts=fresh).exists() == (CREATE[name] == 302)


def test_anonymous_is_sent_to_login(client, validated, cpts_porteur):
    projet = complete_projet(cpts=validated, user=cpts_porteur)
    for url in (
        reverse("cpts:projet_detail", args=[projet.dossier.public_id]),
        reverse("cpts:projet_edit", args=[projet.dossier.public_id]),
    ):
        response = client.get(url)
        assert response.status_code == 302
        assert "/comptes/connexion/" in response.url
    response = client.post(reverse("cpts:projet_create", args=[validated.public_id]))
    assert response.status_code == 302
    assert "/comptes/connexion/" in response.url


def test_instruction_list_and_home_queries_do_not_grow(
    client, territory, cpts_org, siege_agent, cpts_porteur, dd_agent
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.cpts.factories import complete_lettre

    def add(n):
        cpts = validated_cpts(porteur=cpts_org, departement=territory["dep37"], by=siege_agent, nom=f"CPTS {n}")
        complete_projet(cpts=cpts, user=cpts_porteur)
        complete_lettre(organisation=cpts_org, user=cpts_porteur, nom=f"Lettre {n}")

    def count(user, url):
        client.force_login(user)
        client.get(url)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    add(0)
    few = (count(dd_agent, reverse("cpts:instruction_list")), count(cpts_porteur, "/"))
    for n in range(1, 6):
        add(n)
    assert (count(dd_agent, reverse("cpts:instruction_list")), count(cpts_porteur, "/")) == few


def test_drafts_are_listed_on_the_cpts_page_for_the_porteur_only(client, validated, cpts_porteur, dd_agent):
    projet = complete_projet(cpts=validated, user=cpts_porteur, submit=False)
    link = reverse("cpts:projet_detail", args=[projet.dossier.public_id])
    url = reverse("cpts:detail", args=[validated.public_id])
    client.force_login(cpts_porteur)
    assert link in client.get(url).content.decode()
    client.force_login(dd_agent)
    assert link not in client.get(url).content.decode()
