import io

import pytest
from django.core.exceptions import ValidationError
from pypdf import PdfReader

from instruction.enums import TRANSITIONS, CategoriePiece, Etat
from instruction.models import Transition
from instruction.perms import can_transition
from instruction.services import dossier_submit, dossier_transition
from tests.instruction.conftest import ACCEPTED

pytestmark = pytest.mark.django_db

ALL_PAIRS = [(a, b) for a in Etat.values for b in Etat.values if a != b]
INVALID_PAIRS = [pair for pair in ALL_PAIRS if pair not in TRANSITIONS and pair[1] != Etat.DEPOSEE]


def test_submit_numbers_routes_dates_and_builds_the_receipt(filed, territory):
    assert filed.etat == Etat.DEPOSEE
    assert filed.reference.startswith("ESS-")
    assert filed.reference.endswith("-0001")
    assert filed.departement == territory["dep37"]
    assert filed.deposee_le is not None
    receipt = filed.pieces.get(categorie=CategoriePiece.ACCUSE)
    with receipt.file.open("rb") as handle:
        text = PdfReader(io.BytesIO(handle.read())).pages[0].extract_text()
    assert filed.reference in text
    assert "Accusé de dépôt" in text


def test_references_follow_each_other(test_kind, collectivite, porteur_manager):
    from instruction.services import dossier_create

    references = []
    for _ in range(2):
        dossier = dossier_create(kind=test_kind, deposant=collectivite, created_by=porteur_manager)
        dossier_submit(dossier=dossier, by=porteur_manager)
        dossier.refresh_from_db()
        references.append(dossier.reference)
    assert references[0][-4:] == "0001"
    assert references[1][-4:] == "0002"


def test_full_circuit_is_logged(filed, porteur_manager, dd_agent):
    dossier_transition(dossier=filed, to_etat=Etat.EN_INSTRUCTION, by=dd_agent)
    dossier_transition(dossier=filed, to_etat=Etat.COMPLEMENT_DEMANDE, by=dd_agent, reason="Budget manquant")
    dossier_transition(dossier=filed, to_etat=Etat.EN_INSTRUCTION, by=porteur_manager)
    dossier_transition(dossier=filed, to_etat=Etat.ACCEPTEE, by=dd_agent)
    filed.refresh_from_db()
    assert filed.etat == Etat.ACCEPTEE
    assert filed.cloture_le is not None
    log = list(Transition.objects.filter(dossier=filed).values_list("from_etat", "to_etat", "by__email", "reason"))
    assert log == [
        (Etat.BROUILLON, Etat.DEPOSEE, porteur_manager.email, ""),
        (Etat.DEPOSEE, Etat.EN_INSTRUCTION, dd_agent.email, ""),
        (Etat.EN_INSTRUCTION, Etat.COMPLEMENT_DEMANDE, dd_agent.email, "Budget manquant"),
        (Etat.COMPLEMENT_DEMANDE, Etat.EN_INSTRUCTION, porteur_manager.email, ""),
        (Etat.EN_INSTRUCTION, Etat.ACCEPTEE, dd_agent.email, ""),
    ]
    assert filed.pk in ACCEPTED  # the kind's acceptance hook ran


@pytest.mark.parametrize(("from_etat", "to_etat"), INVALID_PAIRS)
def test_invalid_transitions_are_refused_with_a_french_reason(filed, dd_agent, from_etat, to_etat):
    type(filed).objects.filter(pk=filed.pk).update(etat=from_etat)
    filed.refresh_from_db()
    with pytest.raises(ValidationError, match="Transition impossible"):
        dossier_transition(dossier=filed, to_etat=to_etat, by=dd_agent, reason="motif")
    filed.refresh_from_db()
    assert filed.etat == from_etat


@pytest.mark.parametrize("to_etat", [Etat.REFUSEE, Etat.CLASSEE, Etat.COMPLEMENT_DEMANDE])
def test_reason_required(filed, dd_agent, to_etat):
    dossier_transition(dossier=filed, to_etat=Etat.EN_INSTRUCTION, by=dd_agent)
    with pytest.raises(ValidationError, match="motif est obligatoire"):
        dossier_transition(dossier=filed, to_etat=to_etat, by=dd_agent, reason="   ")
    dossier_transition(dossier=filed, to_etat=to_etat, by=dd_agent, reason="Hors périmètre")
    filed.refresh_from_db()
    assert filed.etat == to_etat


def test_submit_twice_is_refused(filed, porteur_manager):
    with pytest.raises(ValidationError, match="Ce dossier est déjà déposé") as raised:
        dossier_submit(dossier=filed, by=porteur_manager)
    assert raised.value.code == "already_filed"


def test_actors(filed, porteur_manager, porteur_reader, dd_agent, dd45_agent, siege_agent, other_porteur):
    assert can_transition(dd_agent, filed, Etat.EN_INSTRUCTION)
    assert can_transition(siege_agent, filed, Etat.EN_INSTRUCTION)
    assert not can_transition(dd45_agent, filed, Etat.EN_INSTRUCTION)
    assert not can_transition(porteur_manager, filed, Etat.EN_INSTRUCTION)
    assert not can_transition(dd_agent, filed, Etat.ACCEPTEE)  # not from « déposée »
    dossier_transition(dossier=filed, to_etat=Etat.EN_INSTRUCTION, by=dd_agent)
    dossier_transition(dossier=filed, to_etat=Etat.COMPLEMENT_DEMANDE, by=dd_agent, reason="Pièce")
    assert can_transition(porteur_manager, filed, Etat.EN_INSTRUCTION)
    assert not can_transition(porteur_reader, filed, Etat.EN_INSTRUCTION)
    assert not can_transition(other_porteur, filed, Etat.EN_INSTRUCTION)
