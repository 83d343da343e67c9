"""Snapshot, request and exactly-once production of the semester bilans (services and eager task)."""

import datetime
import sys
import types
from importlib.machinery import ModuleSpec

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import OperationalError
from django.utils import timezone

from acces_soins import rendering
from acces_soins.enums import OrigineBilan, StatutBilan, StatutMesure
from acces_soins.models import BilanSemestriel, Mesure
from acces_soins.periods import Perimetre, Semestre
from acces_soins.services import bilans as service
from acces_soins.services.bilans import BilanBusy, bilan_claim, bilan_produce, bilan_request, snapshot_bilan
from acces_soins.tasks import produce_bilan
from tests.acces_soins.factories import ComiteFactory, DecisionFactory
from tests.acces_soins.helpers import normalized, pdf_text, read_file

pytestmark = pytest.mark.django_db

REGION = Perimetre.parse("region:24")
S1 = Semestre.parse("2026-S1")


@pytest.fixture(autouse=True)
def clean_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def request(perimetre=REGION, semestre=S1, **kwargs):
    return bilan_request(perimetre=perimetre, semestre=semestre, enqueue=False, **kwargs)


def produced(**kwargs):
    bilan = request(**kwargs)
    bilan_produce(bilan.pk)
    bilan.refresh_from_db()
    return bilan


def section(snapshot, nom):
    return next(s for s in snapshot["sections"] if s["nom"] == nom)


def test_snapshot_gathers_territory_plan_and_comite(territory):
    DecisionFactory(
        comite=ComiteFactory(),
        numero=1,  # whatever the factory's sequence is at after other test files
        texte="Étendre les consultations avancées.",
        mesures=[Mesure.objects.get(priorite__numero=1, numero=3)],
    )
    snapshot = snapshot_bilan(REGION, S1)
    assert snapshot["perimetre"]["libelle"] == "Région Centre-Val de Loire"
    assert snapshot["semestre"] == {
        "code": "2026-S1",
        "libelle": "1er semestre 2026",
        "debut": "2026-01-01",
        "fin": "2026-06-30",
    }
    assert section(snapshot, "territoire")["donnees"]["population"] == 130_200
    plan = section(snapshot, "plan")["donnees"]
    assert [p["numero"] for p in plan["priorites"]] == [1, 2, 3, 4]
    # the seed's statuses as the plan (décembre 2017) reports them: 1 réalisée (P1.1 zonage), 9 en cours,
    # 4 en attente de textes (P1.4 and the three measures of the former P1.7), 6 non engagées
    assert plan["statuts"] == {"realisee": 1, "en_cours": 9, "en_attente_textes": 4, "non_engagee": 6}
    p11 = plan["priorites"][0]["mesures"][0]
    assert (p11["reference"], p11["niveau"], p11["statut_date"]) == ("P1.1", "Déclinaison régionale", "décembre 2017")
    assert p11["statut_source"].startswith("Priorité n°1, mesure 1 : « le nouveau zonage")  # the plan: cited above
    assert plan["plan_source"].endswith("(décembre 2017)")
    assert p11["pilote"] == ""  # the plan names no pilot per measure
    assert plan["pilotage"].count(":") == 3
    assert "Référent régional ARS" in plan["pilotage"]
    decisions = section(snapshot, "comite")["donnees"]["decisions"]
    assert decisions == [{"numero": 1, "texte": "Étendre les consultations avancées.", "mesures": ["P1.3"]}]
    codes = {figure["code"]: figure["valeur"] for figure in snapshot["chiffres_cles"]}
    assert codes["population"] == 130_200
    assert codes["mesures_realisees"] == 1
    import json

    json.dumps(snapshot)  # JSON-ready


def test_sections_without_data_are_not_available(territory):
    """No arrêté de zonage in force: « non disponible »; no CLS nor CPTS yet: zero figures."""
    snapshot = snapshot_bilan(REGION, S1)
    assert section(snapshot, "cls")["donnees"]["population_couverte"] == 0
    assert section(snapshot, "cpts")["donnees"]["population_couverte"] == 0
    for nom in ("zonage",):
        assert section(snapshot, nom) == {
            "nom": nom,
            "titre": section(snapshot, nom)["titre"],
            "disponible": False,
            "donnees": None,
        }


def test_cls_section_starts_working_when_the_cls_app_ships_its_service(territory, monkeypatch):
    module = types.ModuleType("cls.services")
    module.__spec__ = ModuleSpec("cls.services", None)
    calls = []

    def cls_coverage(*, region=None, departement=None, on):
        calls.append((region, departement, on))
        return 52_000, 0.4

    module.cls_coverage = cls_coverage
    module.pipeline = lambda *, perimetre, on: {"Lettre d'intention": 3, "Signé": 5}
    monkeypatch.setitem(sys.modules, "cls.services", module)
    data = section(snapshot_bilan(REGION, S1), "cls")["donnees"]
    assert calls[0][0].code == "24"
    assert calls[0][2] == datetime.date(2026, 6, 30)
    assert data["population_couverte"] == 52_000
    assert data["part"] == 40.0
    assert data["pipeline"] == [{"etape": "Lettre d'intention", "nombre": 3}, {"etape": "Signé", "nombre": 5}]


def test_a_failing_provider_shows_not_available_instead_of_sinking_the_bilan(territory, monkeypatch, caplog):
    module = types.ModuleType("cpts.services")
    module.__spec__ = ModuleSpec("cpts.services", None)
    module.cpts_coverage = lambda **kwargs: 1 / 0
    monkeypatch.setitem(sys.modules, "cpts.services", module)
    assert section(snapshot_bilan(REGION, S1), "cpts")["disponible"] is False
    assert "Bilan section cpts failed" in caplog.text


def test_produced_pdf_has_cover_toc_figures_and_page_numbers(territory, siege_agent, expert):
    bilan = produced(requested_by=siege_agent)
    assert bilan.statut == StatutBilan.PRET
    assert bilan.progress == 100
    data = read_file(bilan)
    import hashlib

    assert bilan.sha256 == hashlib.sha256(data).hexdigest()
    text = pdf_text(data)
    assert bilan.page_count >= 4
    assert "page 1 /" in text
    assert f"page {bilan.page_count} / {bilan.page_count}" in text
    flat = normalized(text)
    assert "Bilan semestriel du plan d'accès aux soins" in flat
    assert "Région Centre-Val de Loire" in flat
    assert "Sommaire" in flat
    assert "1er semestre 2026 (2026-S1)" in flat
    assert "130\u202f200" in text or "130 200" in text  # non-breaking thousands separator
    assert "Non disponible" in flat  # no CLS, CPTS or zonage data for this perimeter
    assert "Mettre en œuvre le zonage médecins" in flat


def test_request_numbers_versions_and_refuses_a_second_one_in_production(territory):
    first = request()
    with pytest.raises(ValidationError, match="déjà en production"):
        request()
    bilan_produce(first.pk)
    second = request()
    assert (first.version, second.version) == (1, 2)
    with pytest.raises(ValidationError, match="Périmètre inconnu"):
        request(perimetre=Perimetre.parse("departement:18"))


def test_request_enqueues_after_commit_and_notifies_requester_and_comite(
    territory, siege_agent, expert, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        bilan = bilan_request(perimetre=REGION, semestre=S1, requested_by=siege_agent)
    bilan.refresh_from_db()
    assert bilan.statut == StatutBilan.PRET
    assert sorted(message.to[0] for message in mail.outbox) == ["comite@test.fr", "siege@test.ars.fr"]
    assert "Bilan semestriel 2026-S1 prêt" in mail.outbox[0].subject


def test_the_ready_email_comes_from_the_sender_of_the_bilans_region(
    territory, siege_agent, expert, settings, django_capture_on_commit_callbacks
):
    from comptes.models import IdentiteRegionale

    with django_capture_on_commit_callbacks(execute=True):  # no identity row: the portal's address
        bilan_request(perimetre=Perimetre.parse("departement:45"), semestre=S1, requested_by=siege_agent)
    assert {message.from_email for message in mail.outbox} == {settings.DEFAULT_FROM_EMAIL}
    mail.outbox.clear()
    IdentiteRegionale.objects.create(
        region=territory["dep37"].region, nom="ARS Centre (essai)", email_expediteur="bilans@centre.ars.test"
    )
    with django_capture_on_commit_callbacks(execute=True):  # a départemental bilan: its région's sender
        bilan_request(perimetre=Perimetre.parse("departement:37"), semestre=S1, requested_by=siege_agent)
    assert sorted(message.to[0] for message in mail.outbox) == ["comite@test.fr", "siege@test.ars.fr"]
    senders = {message.from_email for message in mail.outbox}
    assert senders == {"ARS Centre-Val de Loire — Santé Territoires <bilans@centre.ars.test>"}


def test_two_deliveries_produce_one_pdf(territory, settings):
    bilan = request()
    assert produce_bilan.apply(args=[bilan.pk]).get()
    first = BilanSemestriel.objects.get(pk=bilan.pk)
    assert produce_bilan.apply(args=[bilan.pk]).get() == ""
    again = BilanSemestriel.objects.get(pk=bilan.pk)
    assert (again.attempt, again.sha256, again.fichier.name) == (1, first.sha256, first.fichier.name)
    assert len(list((settings.MEDIA_ROOT / "acces_soins" / "bilans").iterdir())) == 1


def test_a_live_claim_is_not_taken_over(territory):
    bilan = request()
    assert bilan_claim(bilan.pk) == 1
    with pytest.raises(BilanBusy) as busy:
        bilan_produce(bilan.pk)
    assert 30 < busy.value.retry_in <= service.lease().total_seconds()
    assert BilanSemestriel.objects.get(pk=bilan.pk).attempt == 1


def test_worker_lost_after_claiming_then_redelivery_completes_exactly_once(territory, monkeypatch, settings):
    bilan = request()

    def crash(snapshot):  # the worker dies while rendering: the claim stays « en cours »
        raise SystemExit("worker lost")

    monkeypatch.setattr(rendering, "render_bilan_pdf", crash)
    with pytest.raises(SystemExit):
        bilan_produce(bilan.pk)
    stale = BilanSemestriel.objects.get(pk=bilan.pk)
    assert (stale.statut, stale.attempt, stale.progress) == (StatutBilan.EN_COURS, 1, 40)
    monkeypatch.undo()

    # The message comes back before the lease expires: the task waits instead of doing double work.
    with pytest.raises(BilanBusy):
        bilan_produce(bilan.pk)
    # Once the lease has expired, the redelivered message takes over and completes.
    BilanSemestriel.objects.filter(pk=bilan.pk).update(lease_expires_at=timezone.now() - datetime.timedelta(seconds=1))
    assert produce_bilan.apply(args=[bilan.pk]).get()
    done = BilanSemestriel.objects.get(pk=bilan.pk)
    assert (done.statut, done.attempt) == (StatutBilan.PRET, 2)
    assert len(list((settings.MEDIA_ROOT / "acces_soins" / "bilans").iterdir())) == 1
    # A late redelivery of a ready bilan changes nothing.
    assert bilan_produce(bilan.pk) is None
    assert BilanSemestriel.objects.get(pk=bilan.pk).sha256 == done.sha256


def test_an_attempt_that_lost_its_lease_cannot_finish(territory, monkeypatch, settings):
    bilan = request()
    original = rendering.render_bilan_pdf

    def slow_render(snapshot):
        # While this attempt renders, its lease expires and another worker takes the bilan over.
        BilanSemestriel.objects.filter(pk=bilan.pk).update(
            lease_expires_at=timezone.now() - datetime.timedelta(seconds=1)
        )
        monkeypatch.setattr(rendering, "render_bilan_pdf", original)
        assert bilan_produce(bilan.pk) is not None  # attempt 2 completes
        return original(snapshot)

    monkeypatch.setattr(rendering, "render_bilan_pdf", slow_render)
    assert bilan_produce(bilan.pk) is None  # attempt 1 finds it is no longer its own
    done = BilanSemestriel.objects.get(pk=bilan.pk)
    assert (done.statut, done.attempt) == (StatutBilan.PRET, 2)
    assert len(list((settings.MEDIA_ROOT / "acces_soins" / "bilans").iterdir())) == 1


def test_transient_error_is_retried_with_the_claim_released(territory, monkeypatch):
    bilan = request()
    original, calls = rendering.render_bilan_pdf, []

    def flaky(snapshot):
        calls.append(1)
        if len(calls) == 1:
            raise OperationalError("server closed the connection unexpectedly")
        return original(snapshot)

    monkeypatch.setattr(rendering, "render_bilan_pdf", flaky)
    produce_bilan.apply(args=[bilan.pk], throw=False)  # eager apply() replays the retry at once
    done = BilanSemestriel.objects.get(pk=bilan.pk)
    assert (done.statut, done.attempt, len(calls)) == (StatutBilan.PRET, 2, 2)


def test_permanent_error_ends_in_echec_with_a_french_message(territory, monkeypatch):
    bilan = request()
    monkeypatch.setattr(rendering, "render_bilan_pdf", lambda snapshot: 1 / 0)
    bilan_produce(bilan.pk)
    failed = BilanSemestriel.objects.get(pk=bilan.pk)
    assert failed.statut == StatutBilan.ECHEC
    assert failed.erreur == "La production du bilan a échoué : ZeroDivisionError."
    assert failed.finished_at is not None
    assert not failed.fichier


def test_snapshot_and_file_of_a_ready_bilan_never_change(territory):
    bilan = produced()
    snapshot, sha, data = bilan.snapshot, bilan.sha256, read_file(bilan)
    Mesure.objects.filter(priorite__numero=4).update(statut=StatutMesure.REALISEE)
    territory["orleans"].population = 200_000
    territory["orleans"].save()
    bilan_produce(bilan.pk)  # a late redelivery
    bilan.refresh_from_db()
    assert (bilan.snapshot, bilan.sha256, read_file(bilan)) == (snapshot, sha, data)
    newer = produced()
    assert newer.version == 2
    population = {f["code"]: f["valeur"] for f in newer.snapshot["chiffres_cles"]}["population"]
    assert population == 214_200
    assert {f["code"]: f["valeur"] for f in bilan.snapshot["chiffres_cles"]}["population"] == 130_200


def test_key_figures_show_deltas_against_previous_semester_ready_bilan(territory):
    produced(semestre=Semestre.parse("2025-S2"))
    territory["orleans"].population = 117_000
    territory["orleans"].save()
    current = produced()
    figure = next(f for f in current.snapshot["chiffres_cles"] if f["code"] == "population")
    assert (figure["precedent"], figure["delta"]) == (130_200, 1_000)
    assert current.snapshot["precedent"] == {"semestre": "2025-S2", "version": 1}
    assert "+1 000" in normalized(pdf_text(read_file(current)))  # U+202F is extracted as a space


def test_departement_bilan_uses_departement_figures(territory):
    bilan = produced(perimetre=Perimetre.parse("departement:37"))
    assert bilan.perimetre_libelle == "Département Indre-et-Loire (37)"
    assert section(bilan.snapshot, "territoire")["donnees"]["population"] == 14_200


def test_scheduled_request_covers_region_and_each_departement_once(territory):
    created = service.bilans_request_scheduled(today=datetime.date(2026, 7, 1))
    assert sorted(str(b.perimetre_obj) for b in created) == ["departement:37", "departement:45", "region:24"]
    assert {b.semestre for b in created} == {"2026-S1"}
    assert {b.origine for b in created} == {OrigineBilan.CALENDRIER}
    assert service.bilans_request_scheduled(today=datetime.date(2026, 7, 1)) == []


def square(x, y, size=0.1):
    return {"type": "Polygon", "coordinates": [[[x, y], [x + size, y], [x + size, y + size], [x, y + size], [x, y]]]}


def test_territory_map_is_projected_into_the_snapshot(territory):
    from territoires.models import Contour

    Contour.objects.create(level="departement", code="37", geometry=square(0.5, 47.0, 0.8), source="test")
    Contour.objects.create(level="departement", code="45", geometry=square(1.5, 47.6, 0.9), source="test")
    carte = section(snapshot_bilan(REGION, S1), "territoire")["donnees"]["carte"]
    assert [shape["code"] for shape in carte["formes"]] == ["37", "45"]
    assert carte["formes"][0]["chemin"].startswith("M")
    assert carte["largeur"] == 360
    html = rendering.bilan_context(snapshot_bilan(REGION, S1))["charts"]["carte"]
    assert "<path" in html
    assert "Loiret (45) : 116\u202f000 habitants" in html


def test_zonage_section_reads_the_arrete_in_force_with_its_map(territory):
    from territoires.models import Contour
    from tests.zonage.factories import ArreteFactory, classer

    for index, code in enumerate(["37132", "37072", "45234"]):
        Contour.objects.create(level="commune", code=code, geometry=square(index, 47), source="test")
    arrete = ArreteFactory(reference="ARS-CVL-TEST-001", publie=True)
    for commune, zone in (("loches", "ZIP"), ("chinon", "ZAC"), ("orleans", "ZIP")):
        classer(arrete, territory[commune], zone)
    snapshot = snapshot_bilan(REGION, S1)
    data = section(snapshot, "zonage")["donnees"]
    zones = {row["zone"]: row for row in data["zones"]}
    assert zones["ZIP"] == {"zone": "ZIP", "population_couverte": 122_300, "part": 93.9324}  # 122 300 / 130 200
    assert zones["ZAC"]["population_couverte"] == 7_900
    assert len(data["carte"]["formes"]) == 3
    charts = rendering.bilan_context(snapshot)["charts"]
    assert "#e4794a" in charts["carte_zonage"]  # ZIP in orange
    assert "93,9\u00a0%" in charts["zonage"]


def test_indicateurs_section_reads_the_real_catalogue(territory):
    from decimal import Decimal

    from indicateurs.models import Baseline, Indicateur, Valeur
    from indicateurs.perimetres import perimetre_region

    perimetre = perimetre_region(territory["dep37"].region)
    indicateur = Indicateur.objects.get(code="P1_POP_ZIP")
    Baseline.objects.update_or_create(  # the seed already gives the région's 2017 baseline
        indicateur=indicateur, perimetre=perimetre, defaults={"periode": "2017-S2", "valeur": Decimal("39.8")}
    )
    Valeur.objects.create(
        indicateur=indicateur, perimetre=perimetre, periode="2026-S1", valeur=Decimal("41.2"), provenance="saisie"
    )
    Valeur.objects.create(  # after the semester: not in the 2026-S1 bilan
        indicateur=indicateur, perimetre=perimetre, periode="2026-S2", valeur=Decimal("50"), provenance="saisie"
    )
    snapshot = snapshot_bilan(REGION, S1)
    rows = {row["code"]: row for row in section(snapshot, "indicateurs")["donnees"]["indicateurs"]}
    assert rows["P1_POP_ZIP"]["reference"] == 39.8
    assert rows["P1_POP_ZIP"]["valeur"] == 41.2
    assert rows["P1_POP_ZIP"]["periode"] == "2026-S1"
    assert len(rows) == Indicateur.objects.actifs().count()
    charts = rendering.bilan_context(snapshot)["charts"]["indicateurs"]
    assert [chart["titre"] for chart in charts] == [f"{indicateur.libelle} (%) — non évaluable"]  # valued ones only
    assert "Valeur 2026-S1" in charts[0]["svg"]


def test_the_commune_map_is_stored_simplified_for_print_and_covers_every_commune(territory):
    """The zonage map is simplified once, into the snapshot (Douglas–Peucker within 0.3 px at 360 px), keeping a shape
    for every classified commune, even one smaller than a pixel; rendering reads the stored paths as they are."""
    import math

    from acces_soins import bilan_sections
    from territoires.models import Contour
    from tests.zonage.factories import ArreteFactory, classer

    def ring(cx, cy, radius, points=1500):
        coords = [
            [cx + radius * math.cos(2 * math.pi * i / points), cy + radius * math.sin(2 * math.pi * i / points)]
            for i in range(points)
        ]
        return {"type": "Polygon", "coordinates": [[*coords, coords[0]]]}

    shapes = {"37132": ring(0.5, 47.0, 0.3), "37072": ring(1.5, 47.2, 0.3), "45234": ring(1.0, 47.6, 0.0002, 30)}
    for code, geometry in shapes.items():
        Contour.objects.create(level="commune", code=code, geometry=geometry, source="test")
    arrete = ArreteFactory(reference="ARS-CVL-TEST-002", publie=True)
    for commune, zone in (("loches", "ZIP"), ("chinon", "ZAC"), ("orleans", "ZIP")):
        classer(arrete, territory[commune], zone)
    snapshot = snapshot_bilan(REGION, S1)
    carte = section(snapshot, "zonage")["donnees"]["carte"]
    paths = {shape["code"]: shape["chemin"] for shape in carte["formes"]}
    assert set(paths) == set(shapes)  # the tiny commune (Orléans here) is drawn too
    assert all(path.startswith("M") and path.endswith("Z") for path in paths.values())
    assert paths["45234"].count("L") == 2  # a triangle: smaller than the tolerance
    points = sum(path.count("L") + 1 for path in paths.values())
    assert points < 3000 / 10  # 3 030 vertices in the contours
    assert carte["largeur"] == bilan_sections.CARTE_LARGEUR
    # The PDF draws one path per zone colour holding every commune's outline; each commune is named in the map's
    # description.
    svg = rendering.bilan_context(snapshot)["charts"]["carte_zonage"]
    assert svg.count("<path") == 2  # ZIP and ZAC
    assert all(path in svg for path in paths.values())
    description = svg.split("<desc>")[1].split("</desc>")[0]
    for commune, zone in (("loches", "ZIP"), ("chinon", "ZAC"), ("orleans", "ZIP")):
        assert f"{territory[commune].nom} : {zone}" in description
    pdf = rendering.render_bilan_pdf(snapshot)
    assert "Zonage médecins" in normalized(pdf_text(pdf))
