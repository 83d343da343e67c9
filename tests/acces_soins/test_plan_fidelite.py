"""The plan as its document says it (issue 14 §3): dated December 2017, no pilot per measure but three roles,
statuses « non engagée » unless the plan reports progress, each with its passage and date, P1.7 in three,
national measure or regional roll-out. Expected values are read by hand in
plan-acces-aux-soins-ars-centre-val-de-loire.txt."""

import datetime

import pytest
from django.urls import reverse

from acces_soins.models import Mesure, Plan, RolePilotage
from acces_soins.periods import Perimetre, Semestre
from acces_soins.services.bilans import bilan_produce, bilan_request
from tests.acces_soins.factories import ComiteFactory, DecisionFactory
from tests.acces_soins.helpers import normalized, pdf_text, read_file

pytestmark = pytest.mark.django_db

# reference -> (statut, niveau): progress only where the plan reports it
EXPECTED = {
    "P1.1": ("realisee", "regionale"),  # « le nouveau zonage (…) a été arrêté en décembre »
    "P1.2": ("non_engagee", "nationale"),
    "P1.3": ("en_cours", "regionale"),  # consultations avancées organisées, 2 contrats depuis 2016
    "P1.4": ("en_attente_textes", "regionale"),  # « En attente d'une évolution réglementaire »
    "P1.5": ("en_cours", "regionale"),  # 393 médecins agréés, 22 agréments
    "P1.6": ("en_cours", "regionale"),  # ASALEE, 13 protocoles autorisés
    "P1.7": ("en_attente_textes", "nationale"),  # « restent à décliner (textes en attente) »
    "P1.8": ("en_attente_textes", "nationale"),
    "P1.9": ("en_attente_textes", "nationale"),
    "P2.1": ("non_engagee", "nationale"),  # negotiations to come (« négocieront »)
    "P2.2": ("en_cours", "regionale"),  # « 94 sites équipés en région à ce jour »
    "P2.3": ("en_cours", "regionale"),  # « Des projets d'acteurs en cours de maturation »
    "P3.1": ("en_cours", "regionale"),  # 65 MSP, 53 centres, 2 contrats CPTS
    "P3.2": ("non_engagee", "regionale"),  # only « une réflexion de l'URPS »
    "P3.3": ("en_cours", "regionale"),  # PAPS, Instal Toi Doc
    "P3.4": ("en_cours", "regionale"),  # « une organisation macro cible qui se dessine »
    "P4.1": ("en_cours", "regionale"),  # 17 CLS
    "P4.2": ("non_engagee", "nationale"),
    "P4.3": ("non_engagee", "nationale"),  # the comité d'évaluation « sera mis en place »
    "P4.4": ("non_engagee", "nationale"),  # 10 M€ « prévus dès 2018 »
}


def mesures() -> dict[str, Mesure]:
    queryset = Mesure.objects.filter(priorite__plan__region_code="24").select_related("priorite", "statut_document")
    return {mesure.reference: mesure for mesure in queryset}


def test_statuses_start_non_engagee_except_where_the_plan_reports_progress():
    seeded = mesures()
    assert {ref: (m.statut, m.niveau) for ref, m in seeded.items()} == EXPECTED


def test_each_status_cites_its_own_passage_and_date():
    for reference, mesure in mesures().items():
        assert mesure.statut_document.code == "cvl-plan-acces-soins-2017", reference
        assert (mesure.statut_date, mesure.statut_date_affichee) == (datetime.date(2017, 12, 1), "décembre 2017")
        if mesure.statut == "non_engagee":
            assert "ne rapporte pas d'avancement" in mesure.statut_source, reference
        else:
            assert "«" in mesure.statut_source, reference  # a quoted passage of the plan
    assert "a été arrêté en décembre" in mesures()["P1.1"].statut_source


def test_p1_7_is_split_into_the_three_measures_of_the_plan():
    seeded = mesures()
    assert [seeded[ref].libelle for ref in ("P1.7", "P1.8", "P1.9")] == [
        "Créer des postes d'assistants partagés entre la ville et l'hôpital",
        "Faciliter les remplacements et l'exercice mixte",
        "Organiser la contribution des centres médicaux des armées",
    ]
    assert all("restent à décliner (textes en attente)" in seeded[ref].statut_source for ref in ("P1.7", "P1.8"))


def test_the_plan_names_no_pilot_per_measure_only_three_roles():
    assert not Mesure.objects.exclude(pilote="").exists()
    plan = Plan.objects.get(region_code="24")
    roles = list(RolePilotage.objects.filter(plan=plan).order_by("pk"))
    assert [(r.niveau, r.intitule) for r in roles] == [
        ("region", "Référent régional ARS"),
        ("territoire", "Délégué départemental"),
        ("proximite", "Porteur du projet, à désigner par les acteurs du territoire"),
    ]
    assert [len(r.missions_list) for r in roles] == [8, 7, 1]
    assert "Instruction des projets" in roles[1].missions_list
    assert {r.document.code for r in roles} == {"cvl-plan-acces-soins-2017"}


def test_plan_page_dates_the_plan_december_2017_and_shows_roles_sources_and_levels(client, expert):
    plan = Plan.objects.get(region_code="24")
    assert plan.date_debut == datetime.date(2017, 12, 1)
    client.force_login(expert)
    content = client.get(reverse("acces_soins:plan")).content.decode()
    assert "plan de décembre 2017" in content
    assert "octobre" not in content
    assert "Rôles de pilotage définis par le plan" in content
    assert "Référent régional ARS" in content
    assert "non désigné" in content
    assert "Délégations départementales" not in content
    assert "Déclinaison régionale" in content
    assert "Mesure nationale" in content
    assert "Organiser la contribution des centres médicaux des armées" in content
    # each status: its date and its passage (the plan itself is cited once, at the top)
    assert (
        "Source : Plan d&#x27;accès aux soins — présentation de l&#x27;ARS Centre-Val de Loire (décembre 2017)"
        in content
    )
    flat = normalized(content)
    assert "décembre 2017 — Priorité n°1, mesure 1 : « le nouveau zonage qui favorise la région a été arrêté" in flat


def test_bilan_pdf_says_december_2017_and_cites_each_status(territory, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    bilan = bilan_request(perimetre=Perimetre.parse("region:24"), semestre=Semestre.parse("2026-S1"), enqueue=False)
    bilan_produce(bilan.pk)
    bilan.refresh_from_db()
    text = normalized(pdf_text(read_file(bilan)))
    assert "octobre 2017" not in text
    assert "(décembre 2017)" in text
    assert "Organiser la contribution des centres médicaux des armées" in text
    assert "Le plan ne désigne pas de pilote par mesure." in text
    assert "Déclinaison régionale" in text


def _form(mesure: Mesure, **changes) -> dict:
    data = {
        "statut": mesure.statut,
        "statut_date": mesure.statut_date.isoformat(),
        "statut_source": mesure.statut_source_affichee,
        "pilote": "",
        "semestre": "2026-S1",
        "commentaire": "",
    }
    return {**data, **changes}


def test_a_new_status_needs_its_own_source_and_date(client, siege_agent):
    mesure = Mesure.objects.get(priorite__numero=4, numero=3)
    url = reverse("acces_soins:mesure_edit", args=[mesure.pk])
    client.force_login(siege_agent)
    response = client.post(url, _form(mesure, statut="en_cours"))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Indiquez la source du nouveau statut" in content
    assert "Indiquez la date du nouveau statut" in content
    mesure.refresh_from_db()
    assert mesure.statut == "non_engagee"


def test_an_unchanged_status_keeps_its_document_and_passage(client, siege_agent):
    mesure = Mesure.objects.get(priorite__numero=1, numero=4)
    before = (mesure.statut_document_id, mesure.statut_source, mesure.statut_date_libelle)
    client.force_login(siege_agent)
    response = client.post(reverse("acces_soins:mesure_edit", args=[mesure.pk]), _form(mesure, commentaire="RAS"))
    assert response.status_code == 302
    mesure.refresh_from_db()
    assert (mesure.statut_document_id, mesure.statut_source, mesure.statut_date_libelle) == before


def test_a_declination_needs_a_source_and_a_date(client, dd_agent, territory):
    mesure = Mesure.objects.get(priorite__numero=3, numero=2)
    client.force_login(dd_agent)
    response = client.post(
        reverse("acces_soins:declinaison_edit", args=[mesure.pk, "37"]), {"statut": "en_cours", "commentaire": "x"}
    )
    assert response.status_code == 200
    assert not mesure.declinaisons.exists()


def test_measures_and_indicators_are_linked_once_and_both_pages_show_it(client, expert):
    from indicateurs.models import Indicateur

    zonage = Mesure.objects.get(priorite__numero=1, numero=1)
    assert set(zonage.indicateurs.values_list("code", flat=True)) == {"P1_POP_ZIP", "P1_POP_ZAC", "P1_POP_ZIP_ZAC"}
    assert not Indicateur.objects.get(code="P1_CESP").mesures.exists()  # « P1 Présence médicale »: no measure
    assert list(Indicateur.objects.get(code="P4_FIR_ENGAGES").mesures.all()) == [
        Mesure.objects.get(priorite__numero=4, numero=4)
    ]
    client.force_login(expert)
    page = client.get(reverse("indicateurs:detail", args=["P1_POP_ZIP_ZAC"])).content.decode()
    assert "P1.1 Mettre en œuvre le zonage médecins" in page
    assert f"#mesure-{zonage.pk}" in page
    api = client.get("/api/v1/indicateurs/P1_POP_ZAC/").json()
    assert api["mesures"] == ["P1.1"]


def test_decisions_on_the_split_measures_read_back(client, expert):
    decision = DecisionFactory(
        comite=ComiteFactory(), mesures=list(Mesure.objects.filter(priorite__numero=1, numero__gte=7))
    )
    client.force_login(expert)
    content = client.get(reverse("acces_soins:comite_detail", args=[decision.comite.public_id])).content.decode()
    assert all(ref in content for ref in ("P1.7", "P1.8", "P1.9"))
