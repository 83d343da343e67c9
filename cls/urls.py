from django.urls import path

from cls.filters import LettreFilterSet
from cls.services.lettres import KIND
from cls.views import contrat_actions, contrats, fiches, territoire
from instruction.urls import dossier_urls
from instruction.views.lists import instruction_list

app_name = "cls"

urlpatterns = [
    # The lettre d'intention: pages of the instruction machinery (kind declared in apps.py).
    *dossier_urls(KIND, "lettres/", "lettre"),
    path(
        "instruction/",
        instruction_list,
        {"kinds": (KIND,), "filterset_class": LettreFilterSet, "title": "Instruction des lettres d'intention CLS"},
        name="instruction_list",
    ),
    path("territoire/recherche/", territoire.territoire_recherche, name="territoire_recherche"),
    path("territoire/apercu/", territoire.territoire_apercu, name="territoire_apercu"),
    path("contrats/", contrats.contrat_list, name="contrat_list"),
    path("contrats/<uuid:public_id>/", contrats.contrat_detail, name="contrat_detail"),
    path("contrats/<uuid:public_id>/fiches/nouvelle/", fiches.fiche_edit, name="fiche_create"),
    path("contrats/<uuid:public_id>/fiches/<uuid:fiche_id>/", fiches.fiche_edit, name="fiche_edit"),
    path("fiches-actions/", fiches.fiche_list, name="fiche_list"),
    path(
        "contrats/<uuid:public_id>/ingenierie/<int:annee>/engager/",
        contrat_actions.financement_engager,
        name="financement_engager",
    ),
    path("contrats/<uuid:public_id>/<slug:action>/", contrat_actions.contrat_action, name="contrat_action"),
    path("documents/<uuid:public_id>/", contrats.contrat_document, name="contrat_document"),
]
