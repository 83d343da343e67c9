"""Shared setup of the reliability tests: private media in a temporary folder, a draft of every dossier kind."""

import pytest

from tests.zonage.conftest import zonage_territory  # noqa: F401 - fixture


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def stored_files(media_root) -> set[str]:
    """Every file under MEDIA_ROOT (relative paths): what an upload left on disk."""
    return {str(path.relative_to(media_root)) for path in media_root.rglob("*") if path.is_file()}


def _cls_draft(request):
    from cls.models import Thematique
    from cls.reference import seed
    from tests.cls.factories import complete_lettre

    seed(Thematique)  # a transactional test before this one may have flushed the seeded tags

    user = request.getfixturevalue("porteur_manager")
    epci = request.getfixturevalue("territory")["epci37"]
    lettre = complete_lettre(
        organisation=request.getfixturevalue("collectivite"), user=user, epcis=[epci], submit=False
    )
    return user, lettre


def _cpts_draft(request):
    from tests.cpts.factories import complete_lettre

    user = request.getfixturevalue("cpts_porteur")
    territory = request.getfixturevalue("territory")
    organisation = user.memberships.get().organisation
    lettre = complete_lettre(organisation=organisation, user=user, epcis=[territory["epci37"]], submit=False)
    return user, lettre


def _projet_draft(request):
    from tests.cpts.factories import complete_projet, validated_cpts

    user = request.getfixturevalue("cpts_porteur")
    territory = request.getfixturevalue("territory")
    organisation = user.memberships.get().organisation
    cpts = validated_cpts(porteur=organisation, departement=territory["dep37"], by=user, nom="CPTS du projet")
    return user, complete_projet(cpts=cpts, user=user, submit=False)


# How to open a complete draft (every field filled, its principal piece uploaded) of each registered kind with
# pages. A new kind fails `test_every_kind_has_a_draft_builder` until it is added here.
DRAFT_BUILDERS = {"cls": _cls_draft, "cpts": _cpts_draft, "cpts_projet": _projet_draft}


def kinds_with_pages() -> list[str]:
    from instruction.kinds import _REGISTRY

    return sorted(code for code, kind in _REGISTRY.items() if kind.has_pages)


@pytest.fixture
def draft_of(request):
    """draft_of(code) -> (user, content): a complete draft of that kind, its déposant logged in nowhere."""
    return lambda code: DRAFT_BUILDERS[code](request)


def draft_post_data(content, **changes) -> dict:
    """What the draft form of `content` sends as it stands (the browser's POST), with `changes` on top."""
    from django import forms

    kind = content.dossier.kind_spec
    form = kind.form_class(instance=content, **kind.form_kwargs(content))
    data = {}
    for name, field in form.fields.items():
        if isinstance(field, forms.FileField):
            continue
        value = form[name].value()
        if value is None and hasattr(content, name):  # a field the form declares itself (the territory)
            value = getattr(content, name)
            value = list(value.all()) if hasattr(value, "all") else value
        if isinstance(field, forms.BooleanField):
            if value:
                data[name] = "on"
        elif isinstance(value, list | tuple):
            data[name] = [str(item.pk if hasattr(item, "pk") else item) for item in value]
        elif value is not None:
            data[name] = str(value)
    return {**data, **changes}
