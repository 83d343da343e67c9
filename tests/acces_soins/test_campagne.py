"""The campaign flow on services: contributors generated from the data, pre-fill, draft, transmission, validation
and renvoi (state machine with its log), consolidation, freezing, the erratum of a late contribution and the bilan
produced from the frozen snapshot."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from freezegun import freeze_time

from acces_soins.campagne import services
from acces_soins.enums import EtatContribution, OrigineBilan, StatutCampagne, TypeContributeur
from acces_soins.models import BilanSemestriel, Contribution, DeclinaisonMesure, Erratum, Mesure, NoteSemestrielle
from acces_soins.services.bilans import bilan_produce
from tests.acces_soins.campagne_world import S1, answer, make_world, open_campaign

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def world(territory, collectivite, cpts_porteur, partner_org, siege_agent, dd_agent, dd45_agent, porteur_manager):
    return make_world(
        territory=territory,
        collectivite=collectivite,
        cpts_porteur=cpts_porteur,
        partner_org=partner_org,
        siege_agent=siege_agent,
        dd_agent=dd_agent,
        dd45_agent=dd45_agent,
    )


@pytest.fixture
def campagne(world, siege_agent):
    return open_campaign(siege_agent)


def of_type(campagne, kind):
    return campagne.contributions.get(type=kind)


# --- Contributors generated from the data ----------------------------------------------------


def test_contributors_are_generated_from_the_data(campagne, world, collectivite, partner_org, cpts_porteur):
    contributions = {(c.type, c.organisation_id): c for c in campagne.contributions.all()}
    cls = contributions[(TypeContributeur.CLS, collectivite.pk)]
    assert cls.objet_id == world.contrat.pk
    assert cls.departement.code == "37"
    # the CLS coordination reports its contract's avancement and the state of each fiche
    assert [line.kind for line in cls.lignes.all()] == ["contrat", "fiche", "fiche", "fiche"]
    cpts = contributions[(TypeContributeur.CPTS, world.cpts.porteur_id)]
    assert cpts.lignes.filter(kind="mission").count() == world.cpts.missions.count() >= 4
    delegations = sorted(c.departement.code for c in campagne.contributions.filter(type=TypeContributeur.DELEGATION))
    assert delegations == ["37", "45"]
    partner = contributions[(TypeContributeur.PARTENAIRE, partner_org.pk)]
    assert list(partner.lignes.values_list("reference", "cle")) == [("P1_MEDECINS_RETRAITES", "departement:37")]
    assert partner.departement.code == "37"  # it covers one département: that délégation validates it
    # the indicator a partner owns is not asked of the délégation of 37, still of 45's
    dd37 = campagne.contributions.get(type=TypeContributeur.DELEGATION, departement__code="37")
    dd45 = campagne.contributions.get(type=TypeContributeur.DELEGATION, departement__code="45")
    assert not dd37.lignes.filter(reference="P1_MEDECINS_RETRAITES").exists()
    assert dd45.lignes.filter(reference="P1_MEDECINS_RETRAITES", requis=True).exists()
    assert (
        dd37.lignes.filter(kind="declinaison").count()
        == Mesure.objects.filter(priorite__plan__region_code="24").count()
    )


def test_a_cls_not_in_force_and_a_partner_without_indicator_report_nothing(
    world, siege_agent, territory, other_porteur
):
    from comptes.enums import OrganisationType
    from tests.acces_soins.campagne_world import make_contrat
    from tests.comptes.factories import OrganisationFactory

    contrat, _ = make_contrat(other_porteur.memberships.get().organisation, territory["dep37"], nom="CLS futur")
    contrat.date_signature = datetime.date(2026, 9, 1)  # signed after the semester
    contrat.save()
    OrganisationFactory(type=OrganisationType.PARTENAIRE, nom="URPS (test)", departements=[territory["dep37"]])
    campagne = open_campaign(siege_agent)
    libelles = list(campagne.contributions.values_list("libelle", flat=True))
    assert not any("CLS futur" in libelle or "URPS" in libelle for libelle in libelles)


def test_one_campaign_per_region_and_semester(campagne, siege_agent):
    with pytest.raises(ValidationError):
        open_campaign(siege_agent)


# --- Pre-fill ----------------------------------------------------------------------------------


def test_lines_are_prefilled_with_computed_values_and_last_semester(world, siege_agent, dd_agent, collectivite):
    from acces_soins.notes import KINDS, note_enregistrer
    from indicateurs.models import Indicateur
    from indicateurs.perimetres import resolve_perimetre
    from indicateurs.services import valeur_enregistrer

    fiche = world.fiches[0]
    note_enregistrer(
        kind=KINDS["fiche"], object_id=fiche.pk, semestre=S1.previous(), user=dd_agent, texte="Lancée en 2025.",
        avancement=20, statut="en_cours", appliquer=False,
    )  # fmt: skip
    valeur_enregistrer(
        indicateur=Indicateur.objects.get(code="P1_CONSULTATIONS_AVANCEES"),
        perimetre=resolve_perimetre("departement", "37"),
        periode=S1.previous(),
        valeur=Decimal("4"),
        commentaire="Deux contrats signés dans le Lochois.",
    )
    campagne = open_campaign(siege_agent)
    cls = campagne.contributions.get(type=TypeContributeur.CLS)
    chiffres = {row["libelle"]: row["valeur"] for row in cls.prerempli["chiffres"]}
    assert chiffres["Population couverte"] == "51\u202f000"
    assert chiffres["Fiches actions"] == "3, dont 1 en retard"
    line = cls.lignes.get(object_id=fiche.pk, kind="fiche")
    valeurs = {row["libelle"]: row["valeur"] for row in line.prerempli["valeurs"]}
    assert valeurs == {"Statut enregistré": "En cours", "Fin prévue": "31/03/2026", "En retard au 30/06/2026": "oui"}
    assert line.prerempli["initial"] == {"statut": "en_cours"}  # the current status is pre-selected, not retyped
    # a computed indicator is shown, not asked; an entered one shows last semester's value and comment
    dd37 = campagne.contributions.get(type=TypeContributeur.DELEGATION, departement__code="37")
    computed = dd37.lignes.get(reference="P3_MSP")
    assert computed.requis is False
    assert "Valeur calculée par le portail" in computed.prerempli["valeurs"][0]["libelle"]
    entered = dd37.lignes.get(reference="P1_CONSULTATIONS_AVANCEES")
    valeurs = {row["libelle"]: row["valeur"] for row in entered.prerempli["valeurs"]}
    assert valeurs["Dernière valeur (2025-S2)"] == "4 nombre"
    assert valeurs["Commentaire de cette valeur"] == "Deux contrats signés dans le Lochois."


def test_a_note_already_written_for_the_semester_is_the_line_note(world, siege_agent, dd_agent):
    from acces_soins.notes import KINDS, note_enregistrer

    note = note_enregistrer(
        kind=KINDS["fiche"], object_id=world.fiches[1].pk, semestre=S1, user=dd_agent, texte="Déjà noté.",
        avancement=40, statut="en_cours", appliquer=False,
    )  # fmt: skip
    campagne = open_campaign(siege_agent)
    line = campagne.contributions.get(type=TypeContributeur.CLS).lignes.get(object_id=world.fiches[1].pk)
    assert line.note == note
    assert line.complete


def test_opening_emails_each_contributor_an_absolute_link_and_who_acts_by_when(
    world, siege_agent, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        campagne = open_campaign(siege_agent)
    cls = campagne.contributions.get(type=TypeContributeur.CLS)
    message = next(m for m in mailoutbox if m.to == ["collectivite@test.fr"])
    assert f"http://testserver/remontees/{cls.public_id}/" in message.body
    assert (
        "Prochaine étape : CC Loches Sud Touraine complète et transmet sa contribution, au plus tard le 14 août 2026."
        in (message.body)
    )
    assert "lecture@test.fr" not in {address for m in mailoutbox for address in m.to}  # readers are not asked


# --- Validation, renvoi, consolidation ---------------------------------------------------------


def test_transmission_needs_every_line_that_asks_a_person(campagne, porteur_manager):
    cls = of_type(campagne, TypeContributeur.CLS)
    with pytest.raises(ValidationError, match="Il reste 4 ligne"):
        services.contribution_transmettre(contribution=cls, by=porteur_manager)
    cls.refresh_from_db()
    assert cls.etat == EtatContribution.BROUILLON


def test_validation_applies_the_contribution_and_renvoi_needs_a_reason(campagne, world, porteur_manager, dd_agent):
    cls = of_type(campagne, TypeContributeur.CLS)
    fiche = world.fiches[0]
    answer(cls, porteur_manager, **{"Fiche 1": {"statut": "realisee", "avancement": 100}})
    services.contribution_transmettre(contribution=cls, by=porteur_manager)
    fiche.refresh_from_db()
    assert fiche.statut == "en_cours"  # nothing acts before the délégation validates
    with pytest.raises(ValidationError, match="motif"):
        services.contribution_renvoyer(contribution=cls, by=dd_agent, motif=" ")
    services.contribution_renvoyer(contribution=cls, by=dd_agent, motif="Précisez l'avancement de la fiche 2.")
    cls.refresh_from_db()
    assert (cls.etat, cls.motif) == (EtatContribution.RENVOYEE, "Précisez l'avancement de la fiche 2.")
    services.contribution_transmettre(contribution=cls, by=porteur_manager)
    services.contribution_valider(contribution=cls, by=dd_agent)
    fiche.refresh_from_db()
    assert fiche.statut == "realisee"
    assert fiche.history.first().history_user == dd_agent
    log = list(cls.transitions.values_list("de", "vers", "par__email", "motif"))
    assert log == [
        ("brouillon", "transmise", "collectivite@test.fr", ""),
        ("transmise", "renvoyee", "dd37@test.ars.fr", "Précisez l'avancement de la fiche 2."),
        ("renvoyee", "transmise", "collectivite@test.fr", ""),
        ("transmise", "validee", "dd37@test.ars.fr", ""),
    ]
    with pytest.raises(ValidationError, match="validée"):
        services.contribution_valider(contribution=cls, by=dd_agent)
    services.contribution_consolider(contribution=cls, by=dd_agent)
    assert Contribution.objects.get(pk=cls.pk).etat == EtatContribution.CONSOLIDEE


def test_a_delegation_validates_its_own_contribution_as_it_sends_it(campagne, dd_agent):
    contribution = campagne.contributions.get(type=TypeContributeur.DELEGATION, departement__code="37")
    answer(contribution, dd_agent, **{"P3.1": {"statut": "realisee"}})
    services.contribution_transmettre(contribution=contribution, by=dd_agent)
    contribution.refresh_from_db()
    assert contribution.etat == EtatContribution.VALIDEE
    declinaison = DeclinaisonMesure.objects.get(mesure__priorite__numero=3, mesure__numero=1, departement__code="37")
    assert declinaison.statut == "realisee"
    assert declinaison.statut_source == f"Remontée « {contribution.libelle} », campagne 2026-S1"
    from indicateurs.models import Valeur

    valeur = Valeur.objects.get(indicateur__code="P1_CONSULTATIONS_AVANCEES", perimetre__code="37", periode="2026-S1")
    assert valeur.valeur == Decimal("12")
    assert valeur.saisi_par == dd_agent


def test_a_contributor_cannot_write_after_transmission(campagne, porteur_manager):
    cls = of_type(campagne, TypeContributeur.CLS)
    answer(cls, porteur_manager)
    services.contribution_transmettre(contribution=cls, by=porteur_manager)
    with pytest.raises(ValidationError, match="transmise"):
        answer(cls, porteur_manager)


# --- Freezing, erratum, bilan ----------------------------------------------------------------


def freeze(campagne, siege_agent):
    with freeze_time("2026-08-20 10:00"):
        return services.campagne_geler(campagne=campagne, by=siege_agent, enqueue=False)


def test_freezing_stores_the_snapshot_and_requests_the_bilans(campagne, siege_agent, porteur_manager, dd_agent):
    cls = of_type(campagne, TypeContributeur.CLS)
    answer(cls, porteur_manager)
    services.contribution_transmettre(contribution=cls, by=porteur_manager)
    services.contribution_valider(contribution=cls, by=dd_agent)
    campagne = freeze(campagne, siege_agent)
    assert campagne.statut == StatutCampagne.GELEE
    frozen = {c["libelle"]: c for c in campagne.snapshot["contributions"]}
    assert frozen[cls.libelle]["retenue"] is True
    assert frozen[cls.libelle]["etat"] == "validee"
    late = [c for c in campagne.snapshot["contributions"] if c["type"] == "cpts"][0]
    assert late["retenue"] is False
    assert late["jours_retard"] == 6
    bilans = BilanSemestriel.objects.filter(campagne=campagne)
    assert {(b.perimetre_type, b.perimetre_code) for b in bilans} == {
        ("region", "24"),
        ("departement", "37"),
        ("departement", "45"),
    }
    assert {b.origine for b in bilans} == {OrigineBilan.CAMPAGNE}
    with pytest.raises(ValidationError, match="déjà gelée"):
        services.campagne_geler(campagne=campagne, by=siege_agent, enqueue=False)


def test_a_late_contribution_goes_to_an_erratum_not_into_the_numbers(campagne, siege_agent, cpts_porteur, dd_agent):
    campagne = freeze(campagne, siege_agent)
    snapshot_before = campagne.snapshot
    regional = BilanSemestriel.objects.get(campagne=campagne, perimetre_type="region")
    bilan_produce(regional.pk)
    regional.refresh_from_db()
    cpts = of_type(campagne, TypeContributeur.CPTS)
    answer(cpts, cpts_porteur)
    with freeze_time("2026-08-25 09:00"):
        services.contribution_transmettre(contribution=cpts, by=cpts_porteur)
    services.contribution_valider(contribution=cpts, by=dd_agent)
    erratum = Erratum.objects.get(contribution=cpts)
    assert erratum.cree_le.date() == datetime.date(2026, 8, 25)
    assert erratum.contenu["libelle"] == cpts.libelle
    assert erratum.contenu["lignes"][0]["note"]
    cpts.refresh_from_db()
    assert cpts.apres_gel
    assert cpts.etat == EtatContribution.VALIDEE
    campagne.refresh_from_db()
    assert campagne.snapshot == snapshot_before
    section = next(s for s in regional.snapshot["sections"] if s["nom"] == "remontees")
    assert cpts.libelle not in [c["libelle"] for c in section["donnees"]["retenues"]]
    # the bilan printed from the frozen snapshot again says the same
    from acces_soins.campagne.bilan import remontees_section

    again = remontees_section(regional.perimetre_obj, regional.semestre_obj)
    assert again["retenues"] == section["donnees"]["retenues"]


def test_bilan_from_the_snapshot_is_identical_when_rendered_again(campagne, siege_agent, porteur_manager, dd_agent):
    from acces_soins.rendering import render_bilan_pdf
    from tests.acces_soins.helpers import normalized, pdf_text, read_file

    cls = of_type(campagne, TypeContributeur.CLS)
    answer(cls, porteur_manager)
    services.contribution_transmettre(contribution=cls, by=porteur_manager)
    services.contribution_valider(contribution=cls, by=dd_agent)
    campagne = freeze(campagne, siege_agent)
    regional = BilanSemestriel.objects.get(campagne=campagne, perimetre_type="region")
    bilan_produce(regional.pk)
    regional.refresh_from_db()
    first = normalized(pdf_text(read_file(regional)))
    # the live data moves on (a note corrected, a fiche's status changed): the frozen bilan does not
    NoteSemestrielle.objects.filter(lignes__contribution=cls).update(texte="Réécrit après le gel.")
    world_fiche = cls.lignes.filter(kind="fiche").first()
    from cls.models import FicheAction

    FicheAction.objects.filter(pk=world_fiche.object_id).update(statut="abandonnee")
    regional.refresh_from_db()
    assert normalized(pdf_text(render_bilan_pdf(regional.snapshot))) == first
    assert "Réécrit après le gel." not in first
    assert "Note sur Fiche 1" in first
    assert "Suivi des décisions" in first
    assert "Remontées de la campagne" in first
