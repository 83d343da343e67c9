"""Stages are dated: the count of CLS per stage « au 30 juin » is read from the stage log, not from today's stage."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from cls.enums import Etape
from cls.models import ContratLocalSante, EtapeTransition
from cls.services import contrats as services
from cls.services.coverage import cls_coverage, pipeline

pytestmark = pytest.mark.django_db

D = datetime.date
JUNE_30 = D(2026, 6, 30)


def make(collectivite, departement, nom, steps, by, **fields):
    """A contract whose log is `steps`: [(stage, date), …]; its current stage is the last one."""
    contrat = ContratLocalSante.objects.create(
        nom=nom, porteur=collectivite, departement=departement, etape=steps[-1][0], **fields
    )
    previous = ""
    for etape, on in steps:
        EtapeTransition.objects.create(contrat=contrat, from_etape=previous, to_etape=etape, date=on, by=by)
        previous = etape
    return contrat


@pytest.fixture
def contrats(collectivite, territory, dd_agent):
    dep37 = territory["dep37"]
    signed_in_july = make(
        collectivite,
        dep37,
        "Signé en juillet",
        [(Etape.CADRAGE, D(2026, 1, 10)), (Etape.ELABORATION, D(2026, 5, 1)), (Etape.SIGNE, D(2026, 7, 15))],
        dd_agent,
        date_signature=D(2026, 7, 15),
        duree_annees=5,
        date_fin=D(2031, 7, 14),
    )
    opened_in_august = make(collectivite, dep37, "Ouvert en août", [(Etape.CADRAGE, D(2026, 8, 1))], dd_agent)
    abandoned_in_july = make(
        collectivite,
        dep37,
        "Abandonné en juillet",
        [(Etape.CADRAGE, D(2025, 11, 1)), (Etape.DIAGNOSTIC, D(2026, 2, 1)), (Etape.ABANDONNE, D(2026, 7, 1))],
        dd_agent,
        motif_abandon="Changement d'exécutif",
    )
    return signed_in_july, opened_in_august, abandoned_in_july


def nonzero(counts):
    return {str(etape): n for etape, n in counts.items() if n}


def test_count_on_june_30_reads_the_log(contrats, territory):
    assert nonzero(pipeline(on=JUNE_30)) == {Etape.ELABORATION: 1, Etape.DIAGNOSTIC: 1}
    assert nonzero(pipeline(on=D(2026, 7, 15))) == {Etape.SIGNE: 1, Etape.ABANDONNE: 1}
    assert nonzero(pipeline(on=D(2026, 7, 14))) == {Etape.ELABORATION: 1, Etape.ABANDONNE: 1}
    assert nonzero(pipeline(on=D(2026, 8, 1))) == {Etape.SIGNE: 1, Etape.ABANDONNE: 1, Etape.CADRAGE: 1}
    assert nonzero(pipeline(on=D(2025, 10, 31))) == {}  # none existed yet
    assert nonzero(pipeline(perimetre=territory["dep37"].region, on=JUNE_30)) == {
        Etape.ELABORATION: 1,
        Etape.DIAGNOSTIC: 1,
    }
    assert nonzero(pipeline(perimetre=territory["dep45"], on=JUNE_30)) == {}
    # today's stage is not what the past count reads
    assert ContratLocalSante.objects.get(nom="Signé en juillet").etape == Etape.SIGNE


def test_the_bilan_cls_section_counts_stages_at_the_semester_end(contrats, territory):
    from acces_soins.bilan_sections import cls as cls_section
    from acces_soins.periods import Perimetre, Semestre

    section = cls_section(Perimetre.parse("region:24"), Semestre.parse("2026-S1"))
    counts = {row["etape"]: row["nombre"] for row in section["pipeline"]}
    assert counts["Élaboration du programme d'actions"] == 1
    assert counts["Diagnostic territorial partagé"] == 1
    assert counts["Signé"] == 0
    assert counts["Abandonné"] == 0
    assert counts["Cadrage"] == 0
    later = cls_section(Perimetre.parse("region:24"), Semestre.parse("2026-S2"))
    assert {row["etape"]: row["nombre"] for row in later["pipeline"]}["Signé"] == 1


def test_coverage_on_a_past_date_ignores_a_later_abandonment(collectivite, territory, dd_agent):
    contrat = make(
        collectivite,
        territory["dep37"],
        "Signé puis abandonné",
        [(Etape.CADRAGE, D(2024, 1, 1)), (Etape.SIGNE, D(2024, 6, 1)), (Etape.ABANDONNE, D(2026, 9, 1))],
        dd_agent,
        date_signature=D(2024, 6, 1),
        duree_annees=5,
        date_fin=D(2029, 5, 31),
        motif_abandon="Fusion d'EPCI",
    )
    contrat.perimetre.set([territory["loches"]])
    assert cls_coverage(departement=territory["dep37"], on=JUNE_30)[0] == 6_300
    assert cls_coverage(departement=territory["dep37"], on=D(2026, 9, 1))[0] == 0


def test_a_stage_cannot_take_effect_before_the_previous_one(collectivite, territory, dd_agent):
    contrat = make(collectivite, territory["dep37"], "CLS", [(Etape.CADRAGE, D(2026, 3, 1))], dd_agent)
    for code in ("copil_installe", "perimetre_valide", "note_cadrage"):
        services.contrat_check(contrat=contrat, code=code, done=True, by=dd_agent)
    with pytest.raises(ValidationError, match="ne peut précéder"):
        services.contrat_advance(contrat=contrat, to_etape=Etape.DIAGNOSTIC, by=dd_agent, on=D(2026, 2, 28))
    services.contrat_advance(contrat=contrat, to_etape=Etape.DIAGNOSTIC, by=dd_agent, on=D(2026, 3, 1))
    assert contrat.etapes.last().date == D(2026, 3, 1)
