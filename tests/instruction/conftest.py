import pytest

from instruction.kinds import DossierKind, register
from instruction.services import dossier_create, dossier_submit

ACCEPTED = []


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def test_kind(territory):
    """A dossier kind owned by no app: proves the machinery works without cls."""
    register(
        DossierKind(
            code="essai",
            label="Dossier d'essai",
            reference_prefix="ESS",
            detail_url=lambda dossier: f"/essai/{dossier.public_id}/",
            receipt_lines=lambda dossier: [("Objet", "Essai")],
            departement_of=lambda dossier: territory["dep37"],
            on_accepted=lambda dossier, user: ACCEPTED.append(dossier.pk),
        )
    )
    return "essai"


@pytest.fixture
def draft(test_kind, collectivite, porteur_manager):
    return dossier_create(kind=test_kind, deposant=collectivite, created_by=porteur_manager)


@pytest.fixture
def filed(draft, porteur_manager):
    dossier_submit(dossier=draft, by=porteur_manager)
    draft.refresh_from_db()
    return draft
