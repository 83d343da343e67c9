"""Every programme model has one region path (territoires.regions): it resolves to territoires.Region and its last
hop is indexed. A new model fails here until it declares its path or is listed as exempt with its reason."""

import pytest
from django.apps import apps
from django.db import models

from territoires import regions


def _indexed_leading(model, name: str) -> bool:
    """Whether a column leads an index of the model (its own index, a unique constraint or unique_together)."""
    meta = model._meta
    leading = [index.fields[0] for index in meta.indexes if index.fields]
    leading += [
        constraint.fields[0]
        for constraint in meta.constraints
        if isinstance(constraint, models.UniqueConstraint) and constraint.fields and constraint.condition is None
    ]
    leading += [fields[0] for fields in meta.unique_together]
    return name in leading


def _check(model) -> str | None:
    """What is wrong with a model's region path, or None."""
    path = regions.region_path(model)
    if path is None:
        return "no region path"
    try:
        fields = regions.path_fields(model, path)
    except Exception as error:  # noqa: BLE001 - FieldDoesNotExist, reported as a failure
        return f"broken path {path!r}: {error}"
    for field in fields[:-1]:
        if not (field.many_to_one or field.one_to_one):
            return f"{field.name} in {path!r} is not a foreign key"
    last = fields[-1]
    owner = last.model
    if last.is_relation:
        if last.related_model is not regions.region_model():
            return f"{path!r} ends on {last.related_model._meta.label}, not territoires.Region"
        if not (last.db_index or last.unique or _indexed_leading(owner, last.name)):
            return f"{owner._meta.label}.{last.name} is not indexed"
        return None
    if last.name != "region_code" or not isinstance(last, models.CharField):
        return f"{path!r} ends on {last.name}, neither a Region foreign key nor a region_code"
    if not (last.db_index or last.unique or _indexed_leading(owner, last.name)):
        return f"{owner._meta.label}.region_code leads no index"
    return None


def test_the_project_has_programme_models():
    labels = {model._meta.label for model in regions.programme_models()}
    assert {"instruction.Dossier", "cls.FicheAction", "acces_soins.Mesure", "financements.Paiement"} <= labels


@pytest.mark.parametrize("model", regions.programme_models(), ids=lambda model: model._meta.label)
def test_every_programme_model_has_an_indexed_path_to_its_region(model):
    assert _check(model) is None, f"{model._meta.label}: {_check(model)} (declare it in territoires/regions.py)"


def test_exempt_and_declared_models_exist_and_do_not_overlap():
    for label in (*regions.EXEMPT, *regions.REGION_PATHS):
        apps.get_model(label)  # a renamed model must be renamed here too
    assert not set(regions.EXEMPT) & set(regions.REGION_PATHS)


def test_a_path_to_something_else_fails_the_check(monkeypatch):
    from cls.models import FicheAction

    monkeypatch.setitem(regions.REGION_PATHS, "cls.FicheAction", "contrat__departement")
    assert "not territoires.Region" in _check(FicheAction)
    monkeypatch.setitem(regions.REGION_PATHS, "cls.FicheAction", "contrat__nom")
    assert "neither a Region foreign key" in _check(FicheAction)
    monkeypatch.setitem(regions.REGION_PATHS, "cls.FicheAction", "contrat__departement__regionx")
    assert "broken path" in _check(FicheAction)


def test_an_unindexed_region_code_fails_the_check():
    class Sans(models.Model):
        region_code = models.CharField(max_length=3)

        class Meta:
            app_label = "territoires"

        def __str__(self):
            return self.region_code

    try:
        assert "leads no index" in _check(Sans)
    finally:
        apps.all_models["territoires"].pop("sans", None)
        apps.clear_cache()


def test_history_and_automatic_tables_are_exempt():
    from cls.models import ContratLocalSante

    assert regions.is_exempt(ContratLocalSante.history.model)
    assert regions.is_exempt(ContratLocalSante.departements.through)
    assert not regions.is_exempt(ContratLocalSante)
