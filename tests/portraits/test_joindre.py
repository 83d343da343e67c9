"""« The collectivité attaches the portrait to its CLS lettre d'intention in one click »: the produced PDF becomes an
annex of a draft lettre (or of one whose complément opened the pieces), for a writing member of the collectivité;
everyone else is refused, and a filed lettre is refused with the reason."""

import pytest
from django.urls import reverse

from config.production import StatutProduction
from instruction.enums import CategoriePiece
from instruction.services.dossiers import current_pieces
from portraits.models import PortraitPdf
from tests.cls.factories import complete_lettre

pytestmark = pytest.mark.django_db
REQUEST = reverse("portraits:pdf_request") + "?epci=200071587"
BUTTON = "Joindre le portrait à ma lettre d'intention"


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def portrait(client, portrait_data, media, django_capture_on_commit_callbacks) -> PortraitPdf:
    with django_capture_on_commit_callbacks(execute=True):
        client.post(REQUEST)  # anonymous: the public portrait, produced at once (eager)
    job = PortraitPdf.objects.get()
    assert job.statut == StatutProduction.PRET
    return job


@pytest.fixture
def draft(collectivite, porteur_manager, territory):
    return complete_lettre(organisation=collectivite, user=porteur_manager, submit=False).dossier


def attach(client, job, dossier):
    return client.post(reverse("portraits:pdf_attach", args=[job.public_id]), {"dossier": str(dossier.public_id)})


def annexes(dossier):
    return list(current_pieces(dossier).filter(categorie=CategoriePiece.ANNEXE))


def test_collectivite_attaches_the_portrait_in_one_click(client, portrait, draft, porteur_manager):
    client.force_login(porteur_manager)
    page = client.get(reverse("portraits:pdf", args=[portrait.public_id])).content.decode()
    assert BUTTON in page
    assert str(draft.public_id) in page
    response = attach(client, portrait, draft)
    assert response.status_code == 302
    assert response["Location"] == reverse("cls:lettre_detail", args=[draft.public_id])
    (piece,) = annexes(draft)
    assert piece.original_name == f"diagnostic-{portrait.download_name}"
    assert piece.sha256 == portrait.sha256
    assert piece.uploaded_by == porteur_manager
    # Twice: refused with the reason, nothing added.
    response = attach(client, portrait, draft)
    assert response.status_code == 302
    assert len(annexes(draft)) == 1
    messages = [str(m) for m in response.wsgi_request._messages]
    assert messages[-1] == "Ce portrait est déjà joint à cette lettre d'intention."


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("porteur_reader", 403),  # same collectivité, « lecture » role
        ("other_porteur", 404),  # another collectivité: the draft does not exist for it
        ("cpts_porteur", 404),
        ("siege_agent", 404),  # a draft is not visible to the ARS
        ("dd_agent", 404),
        ("expert", 404),
        ("partner_agent", 404),
        ("outsider", 404),
    ],
)
def test_others_cannot_attach(client, request, portrait, draft, persona, status):
    client.force_login(request.getfixturevalue(persona))
    assert BUTTON not in client.get(reverse("portraits:pdf", args=[portrait.public_id])).content.decode()
    assert attach(client, portrait, draft).status_code == status
    assert annexes(draft) == []


def test_anonymous_is_sent_to_login(client, portrait, draft):
    response = attach(client, portrait, draft)
    assert response.status_code == 302
    assert "/connexion" in response["Location"] or "login" in response["Location"]
    assert annexes(draft) == []


def test_filed_lettre_is_refused_with_the_reason(client, portrait, collectivite, porteur_manager, territory):
    filed = complete_lettre(organisation=collectivite, user=porteur_manager, epcis=[territory["epci37"]]).dossier
    client.force_login(porteur_manager)
    assert BUTTON not in client.get(reverse("portraits:pdf", args=[portrait.public_id])).content.decode()
    response = attach(client, portrait, filed)
    assert response.status_code == 403
    assert "tant que les pièces de la lettre peuvent changer" in response.content.decode()
    assert annexes(filed) == []


def test_a_portrait_still_in_production_is_refused(client, portrait, draft, porteur_manager):
    PortraitPdf.objects.filter(pk=portrait.pk).update(statut=StatutProduction.EN_COURS)
    client.force_login(porteur_manager)
    response = attach(client, portrait, draft)
    assert response.status_code == 302
    assert [str(m) for m in response.wsgi_request._messages] == [
        "Le portrait est encore en production : joignez-le quand il est prêt."
    ]
    assert annexes(draft) == []
