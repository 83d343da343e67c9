from django.urls import path

from cls.views import contrat_actions, contrats, fiches, instruction, lettres, territoire

app_name = "cls"

urlpatterns = [
    path("lettres/", lettres.lettre_list, name="lettre_list"),
    path("lettres/nouvelle/", lettres.lettre_create, name="lettre_create"),
    path("lettres/<uuid:public_id>/", lettres.lettre_detail, name="lettre_detail"),
    path("lettres/<uuid:public_id>/brouillon/", lettres.lettre_edit, name="lettre_edit"),
    path("territoire/recherche/", territoire.territoire_recherche, name="territoire_recherche"),
    path("territoire/apercu/", territoire.territoire_apercu, name="territoire_apercu"),
    path("instruction/", instruction.instruction_index, name="instruction_list"),
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
