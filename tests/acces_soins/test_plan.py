"""The seeded plan, its pages and the comité de pilotage."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from acces_soins.enums import StatutMesure
from acces_soins.models import ComiteDePilotage, Mesure, NoteSemestrielle, Plan
from indicateurs.models import Indicateur
from tests.acces_soins.factories import ComiteFactory, DecisionFactory

pytestmark = pytest.mark.django_db


def test_migration_seeds_the_four_priorities_and_their_measures():
    plan = Plan.objects.get(region_code="24")
    assert list(plan.priorites.values_list("numero", flat=True)) == [1, 2, 3, 4]
    assert Mesure.objects.filter(priorite__plan=plan).count() == 20  # 18, P1.7 being three measures
    zonage = Mesure.objects.get(priorite__numero=1, numero=1)
    assert "39,8 %" in zonage.description
    assert "14,2 %" in zonage.description
    assert "71,3 %" in zonage.description
    assert zonage.statut == StatutMesure.REALISEE
    assert "393" in Mesure.objects.get(priorite__numero=1, numero=5).description
    assert "65 MSP" in Mesure.objects.get(priorite__numero=3, numero=1).description
    assert "17 CLS" in Mesure.objects.get(priorite__numero=4, numero=1).description
    assert Mesure.objects.get(priorite__numero=1, numero=4).statut == StatutMesure.EN_ATTENTE_TEXTES


def test_plan_page_lists_measures_with_status(client, expert):
    client.force_login(expert)
    content = client.get(reverse("acces_soins:plan")).content.decode()
    assert "Mettre en œuvre le zonage médecins" in content
    assert "Réalisée" in content
    assert "En attente de textes" in content
    assert "Modifier" not in content  # the comité reads only


def test_plan_page_query_count_is_fixed(client, siege_agent, django_assert_max_num_queries):
    client.force_login(siege_agent)
    with django_assert_max_num_queries(16):
        assert client.get(reverse("acces_soins:plan")).status_code == 200


def test_siege_updates_a_measure_and_its_semester_comment(client, siege_agent):
    client.force_login(siege_agent)
    mesure = Mesure.objects.get(priorite__numero=4, numero=2)
    url = reverse("acces_soins:mesure_edit", args=[mesure.pk])
    assert client.get(url).status_code == 200
    indicateurs = list(Indicateur.objects.filter(code__in=["P4_LI_DEPOSEES", "P4_CLS"]))
    response = client.post(
        url,
        {
            "statut": "en_cours",
            "statut_date": "2026-06-16",
            "statut_source": "Comité de pilotage du 16 juin 2026",
            "pilote": "Référent régional",
            "indicateurs": [indicateur.pk for indicateur in indicateurs],
        },
    )
    assert response.status_code == 302
    mesure.refresh_from_db()
    assert mesure.statut == "en_cours"
    assert (mesure.statut_date, mesure.statut_source, mesure.statut_document) == (
        datetime.date(2026, 6, 16),
        "Comité de pilotage du 16 juin 2026",
        None,
    )
    assert mesure.updated_by == siege_agent
    assert set(mesure.indicateurs.values_list("code", flat=True)) == {"P4_LI_DEPOSEES", "P4_CLS"}
    # the comment of a semester is the measure's semester note, written by THE note view
    note_url = reverse("acces_soins:note_save", args=["mesure", mesure.pk])
    response = client.post(note_url, {"semestre": "2026-S1", "texte": "Appel lancé."})
    assert response.status_code == 302
    assert NoteSemestrielle.objects.of(mesure).get(semestre="2026-S1").texte == "Appel lancé."
    assert mesure.history.latest().statut == "en_cours"  # the change is in the history


def test_comite_session_with_decisions_linked_to_measures_and_a_document(client, siege_agent):
    client.force_login(siege_agent)
    pdf = SimpleUploadedFile("releve.pdf", _tiny_pdf(), content_type="application/pdf")
    response = client.post(
        reverse("acces_soins:comite_create"),
        {
            "semestre": "2026-S1",
            "date": "2026-06-16",
            "participants": "DG ARS\nURPS",
            "ordre_du_jour": "Point d'étape",
            "releve_decisions": "Relevé",
            "decisions": "[P1.3, p3.1] Étendre les consultations avancées.\nProduire les bilans départementaux.",
            "document": pdf,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    comite = ComiteDePilotage.objects.get()
    decisions = list(comite.decisions.all())
    assert [d.texte for d in decisions] == [
        "Étendre les consultations avancées.",
        "Produire les bilans départementaux.",
    ]
    assert sorted(m.reference for m in decisions[0].mesures.all()) == ["P1.3", "P3.1"]
    document = comite.documents.get()
    assert document.nom_original == "releve.pdf"
    download = client.get(reverse("acces_soins:document_download", args=[document.public_id]))
    assert download.status_code == 200
    download.close()


def test_comite_form_rejects_unknown_measure_and_non_pdf(client, siege_agent):
    client.force_login(siege_agent)
    response = client.post(
        reverse("acces_soins:comite_create"),
        {
            "semestre": "2026-S1",
            "date": "2026-06-16",
            "participants": "DG ARS",
            "ordre_du_jour": "Point",
            "decisions": "[P9.9] Inconnue",
            "document": SimpleUploadedFile("x.pdf", b"not a pdf"),
        },
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "Mesure inconnue : P9.9." in content
    assert "n&#x27;est pas d&#x27;un type accepté (PDF)" in content
    assert not ComiteDePilotage.objects.exists()


def test_comite_pages_show_decisions(client, expert):
    decision = DecisionFactory(
        comite=ComiteFactory(date=datetime.date(2026, 6, 15)),
        mesures=[Mesure.objects.get(priorite__numero=1, numero=3)],
    )
    client.force_login(expert)
    assert "Séance du 15 juin 2026" in client.get(reverse("acces_soins:comite_list")).content.decode()
    content = client.get(reverse("acces_soins:comite_detail", args=[decision.comite.public_id])).content.decode()
    assert decision.texte in content
    assert "P1.3" in content
    assert "Modifier la séance" not in content


def _tiny_pdf() -> bytes:
    import io

    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def test_delegation_fills_in_its_departement_declination_only(client, dd_agent, territory):
    mesure = Mesure.objects.get(priorite__numero=3, numero=2)
    client.force_login(dd_agent)
    content = client.get(reverse("acces_soins:plan")).content.decode()
    assert reverse("acces_soins:declinaison_edit", args=[mesure.pk, "37"]) in content
    response = client.post(
        reverse("acces_soins:declinaison_edit", args=[mesure.pk, "37"]),
        {
            "statut": "en_cours",
            "statut_date": "2026-05-04",
            "statut_source": "Compte rendu de la réunion départementale du 4 mai 2026",
            "commentaire": "Permanence de soins non programmés à Loches.",
        },
    )
    assert response.status_code == 302
    declinaison = mesure.declinaisons.get()
    assert declinaison.departement.code == "37"
    assert declinaison.statut == "en_cours"
    assert declinaison.statut_source_affichee == "Compte rendu de la réunion départementale du 4 mai 2026"
    assert declinaison.statut_date_affichee == "4 mai 2026"
    assert client.get(reverse("acces_soins:declinaison_edit", args=[mesure.pk, "45"])).status_code == 403
    assert client.get(reverse("acces_soins:declinaison_edit", args=[mesure.pk, "99"])).status_code == 404
