from django.urls import path

from cpts.filters import LettreCptsFilterSet
from cpts.services.lettres import KIND
from cpts.services.projets import KIND as PROJET_KIND
from cpts.views import carte, msp, projets, registre, structures
from cpts.views.structures import CENTRES, ESP
from instruction.urls import dossier_urls
from instruction.views.lists import co_instruction_list, instruction_list

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
    # The two filings: pages of the instruction machinery (kinds declared in apps.py).
    *dossier_urls(PROJET_KIND, "projets/", "projet", own_list=False),
    *dossier_urls(KIND, "lettres/", "lettre"),
    path(
        "instruction/",
        instruction_list,
        {"kinds": (KIND, PROJET_KIND), "filterset_class": LettreCptsFilterSet, "title": "Instruction des dépôts CPTS"},
        name="instruction_list",
    ),
    path("co-instruction/", co_instruction_list, {"kinds": (KIND, PROJET_KIND)}, name="co_instruction_list"),
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
