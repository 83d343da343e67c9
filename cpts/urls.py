from django.urls import path

from cpts.views import carte, lettres, msp, projets, registre, structures
from cpts.views.structures import CENTRES, ESP

app_name = "cpts"

urlpatterns = [
    path("", registre.cpts_index, name="index"),
    path("nouvelle/", registre.cpts_create, name="create"),
    path("<uuid:public_id>/", registre.cpts_detail, name="detail"),
    path("<uuid:public_id>/modifier/", registre.cpts_edit, name="edit"),
    path("<uuid:public_id>/etape/", registre.cpts_etape, name="etape"),
    path("<uuid:public_id>/abandon/", registre.cpts_abandon, name="abandon"),
    path("<uuid:public_id>/aci/", registre.cpts_aci, name="aci"),
    path("<uuid:public_id>/avenant/", registre.cpts_avenant, name="avenant"),
    path("<uuid:public_id>/engager/<int:annee>/", registre.cpts_engager, name="engager"),
    path("<uuid:public_id>/missions/<int:mission_id>/", registre.mission_edit, name="mission"),
    path("<uuid:public_id>/missions/<int:mission_id>/atteinte/", registre.atteinte, name="atteinte"),
    path("<uuid:public_id>/projet/", projets.projet_create, name="projet_create"),
    path("projets/<uuid:public_id>/", projets.projet_detail, name="projet_detail"),
    path("projets/<uuid:public_id>/brouillon/", projets.projet_edit, name="projet_edit"),
    path("lettres/", lettres.lettre_list, name="lettre_list"),
    path("lettres/nouvelle/", lettres.lettre_create, name="lettre_create"),
    path("lettres/<uuid:public_id>/", lettres.lettre_detail, name="lettre_detail"),
    path("lettres/<uuid:public_id>/brouillon/", lettres.lettre_edit, name="lettre_edit"),
    path("instruction/", lettres.instruction_index, name="instruction_list"),
    path("co-instruction/", lettres.co_instruction_index, name="co_instruction_list"),
    path("msp/", msp.msp_index, name="msp_list"),
    path("msp/nouvelle/", msp.msp_create, name="msp_create"),
    path("msp/<uuid:public_id>/", msp.msp_detail, name="msp_detail"),
    path("msp/<uuid:public_id>/modifier/", msp.msp_edit, name="msp_edit"),
    path("msp/<uuid:public_id>/financements/", msp.msp_financements, name="msp_financements"),
    path("centres-sante/", structures.structure_index, {"registre": CENTRES}, name="centre_list"),
    path("centres-sante/nouveau/", structures.structure_create, {"registre": CENTRES}, name="centre_create"),
    path("centres-sante/<uuid:public_id>/", structures.structure_detail, {"registre": CENTRES}, name="centre_detail"),
    path(
        "centres-sante/<uuid:public_id>/modifier/",
        structures.structure_edit,
        {"registre": CENTRES},
        name="centre_edit",
    ),
    path("centres-sante/<uuid:public_id>/financements/", structures.centre_financements, name="centre_financements"),
    path("esp/", structures.structure_index, {"registre": ESP}, name="esp_list"),
    path("esp/nouvelle/", structures.structure_create, {"registre": ESP}, name="esp_create"),
    path("esp/<uuid:public_id>/", structures.structure_detail, {"registre": ESP}, name="esp_detail"),
    path("esp/<uuid:public_id>/modifier/", structures.structure_edit, {"registre": ESP}, name="esp_edit"),
    path("contrats-anterieurs/", structures.contrats_anterieurs, name="contrat_anterieur_list"),
    path("carte/", carte.carte, name="carte"),
    path("carte/donnees/", carte.carte_donnees, name="carte_donnees"),
]
