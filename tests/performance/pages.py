"""THE table of the query budgets: for every URL pattern of the project, who opens it on which object of the
generated world (tests/performance/world.py), or why it is not a page (POST-only action, file download).

A URL pattern missing from this table fails `test_every_url_pattern_is_budgeted`: a new page gets a budget.
Values of `kw` are attribute paths of the world (`"contrat.public_id"`) or literals; `query` is a query string.
"""

from dataclasses import dataclass, field

BUDGET = 15  # SQL queries per page, whatever the number of rows
MAX_FORM_BYTES = 200_000  # no form page over 200 kB of HTML
MAX_OPTIONS = 100  # no <select> of thousands: above this, an autocomplete


@dataclass(frozen=True)
class Case:
    persona: str = "siege"
    kw: dict = field(default_factory=dict)
    query: str = ""
    variant: str = ""

    @property
    def label(self) -> str:
        return self.variant or self.persona


@dataclass(frozen=True)
class NotAPage:
    reason: str


POST_ONLY = NotAPage("action POST seulement (GET : 405)")
DOWNLOAD = NotAPage("téléchargement d'un fichier déposé : le jeu généré n'en contient pas")
SKIPPED_PREFIXES = ("admin:",)  # Django's administration: not our pages

# The pages still over the budget (or whose HTML is too heavy), by case id, with what they measure at ×10: their test
# is an expected failure (xfail, strict), so the table documents them and the test fails the day a page is fixed
# until its line here is removed. Issue #16: each line is a page to fix, never a line to add to hide a regression.
KNOWN_OVER_BUDGET: dict[str, str] = {}

C = Case
HOMES = [C(p) for p in ("siege", "dd", "comite", "collectivite", "cpts", "partner", "anonymous")]

PAGES: dict[str, list[Case] | NotAPage] = {
    "home": HOMES,
    "comptes:login": [C("anonymous")],
    "autocomplete": [
        C(kw={"source": "communes"}, query="q=sain"),
        C("dd", kw={"source": "porteurs-cpts"}, query="q=cpts"),
    ],
    "comptes:logout": POST_ONLY,
    "comptes:account": [C("siege"), C("collectivite")],
    "comptes:otp_enrol": [C()],
    "comptes:otp_verify": NotAPage("second facteur : sans l'étape du mot de passe, renvoie à la connexion"),
    "comptes:journal": [C()],
    "admin_login": NotAPage("connexion de l'administration Django : renvoie à la connexion du portail"),
    "comptes:password_reset": [C("anonymous")],
    "comptes:password_reset_done": [C("anonymous")],
    "comptes:password_reset_confirm": [C("anonymous", kw={"uidb64": "MQ", "token": "invalide"})],
    "comptes:password_reset_complete": [C("anonymous")],
    # territoires
    "territoires:index": [C()],
    "territoires:commune_list": [C(), C(query="q=sain", variant="recherche")],
    "territoires:commune_detail": [C(kw={"code_insee": "contrat.perimetre.first.code_insee"})],
    "territoires:epci_detail": [C(kw={"siren": "contrat.porteur.epci.siren"})],
    "territoires:departement_detail": [C(kw={"code": "contrat.departement.code"})],
    # zonage
    "zonage:ma_commune": [C("anonymous"), C("anonymous", query="q=tours", variant="recherche")],
    "zonage:commune": [C("anonymous", kw={"code_insee": "contrat.perimetre.first.code_insee"})],
    "zonage:carte": [C("anonymous")],
    "zonage:carte_donnees": [C("anonymous", query="profession=infirmier")],
    "zonage:arrete_list": [C()],
    "zonage:arrete_create": [C()],
    "zonage:arrete_detail": [C(kw={"public_id": "arrete.public_id"})],
    "zonage:arrete_edit": [C(kw={"public_id": "arrete_projet.public_id"})],
    "zonage:arrete_import": POST_ONLY,
    "zonage:arrete_export_csv": [C(kw={"public_id": "arrete.public_id"})],
    "zonage:arrete_export_xlsx": [C(kw={"public_id": "arrete.public_id"})],
    "zonage:arrete_transition": POST_ONLY,
    "zonage:arrete_comment": POST_ONLY,
    "zonage:document_upload": POST_ONLY,
    "zonage:document_download": DOWNLOAD,
    "zonage:document_delete": POST_ONLY,
    "zonage:consultation_request": POST_ONLY,
    "zonage:consultation_status": [C(kw={"public_id": "consultation.public_id"})],
    "zonage:consultation_download": [C(kw={"public_id": "consultation.public_id"})],
    # zonage simulator (siège agents only)
    "zonage:scenario_list": [C()],
    "zonage:scenario_create": POST_ONLY,
    "zonage:scenario_compare": [C(query="s={scenario.public_id}&s={scenario_bis.public_id}")],
    "zonage:scenario_detail": [C(kw={"public_id": "scenario.public_id"})],
    "zonage:scenario_tvs": POST_ONLY,
    "zonage:scenario_compteurs": [C(kw={"public_id": "scenario.public_id"})],
    "zonage:scenario_edit": POST_ONLY,
    "zonage:scenario_copy": POST_ONLY,
    "zonage:scenario_propose": [C(kw={"public_id": "scenario.public_id"})],
    "zonage:scenario_carte": [C(kw={"public_id": "scenario.public_id"})],
    "zonage:scenario_carte_svg": [C(kw={"public_id": "scenario.public_id"})],
    # portraits (public; the ARS's blocks for the agents)
    "portraits:portrait": [
        C("anonymous"),
        C("anonymous", query="epci={epci.siren}", variant="anonymous:epci"),
        C(query="epci={epci.siren}"),
        C("dd", query="epci={epci.siren}"),
        C("anonymous", query="carte={contrat.departement.code}", variant="anonymous:carte"),
    ],
    # the map to pick communes on, one département (htmx fragment of the portrait's chooser)
    "portraits:carte": [C("anonymous", query="carte={contrat.departement.code}&communes={epci.siren}")],
    "portraits:export": [
        C("anonymous", kw={"table": "communes", "fmt": "csv"}, query="epci={epci.siren}"),
        C(kw={"table": "financements", "fmt": "xlsx"}, query="epci={epci.siren}"),
    ],
    "portraits:pdf_request": POST_ONLY,
    "portraits:pdf": [C("anonymous", kw={"public_id": "portrait_pdf.public_id"})],
    "portraits:pdf_download": [C("anonymous", kw={"public_id": "portrait_pdf.public_id"})],
    "portraits:pdf_attach": POST_ONLY,
    "national:index": [C("national")],
    "national:zonage": [C("national")],
    "national:carte": [C("national", query="indicateur=cpts")],
    "national:carte_geojson": [C("national", query="indicateur=cls")],
    "national:export": [
        C("national", kw={"tableau": "comparaison", "fmt": "xlsx"}),
        C("national", kw={"tableau": "zonage", "fmt": "csv"}, variant="zonage"),
    ],
    "national:synthese_request": POST_ONLY,
    "national:synthese": [C("national", kw={"public_id": "synthese.public_id"})],
    "national:synthese_download": DOWNLOAD,
    # plan, comités, feuilles de route, bilans
    "acces_soins:plan": [C(), C("comite")],
    "acces_soins:mesure_edit": [C(kw={"pk": "mesure.pk"})],
    "acces_soins:declinaison_edit": [C(kw={"pk": "mesure.pk", "code": "contrat.departement.code"})],
    "acces_soins:comite_list": [C()],
    "acces_soins:comite_create": [C()],
    "acces_soins:comite_detail": [C(kw={"public_id": "comite.public_id"})],
    "acces_soins:comite_edit": [C(kw={"public_id": "comite.public_id"})],
    "acces_soins:document_download": DOWNLOAD,
    "acces_soins:feuille_list": [C()],
    "acces_soins:matrice": [C()],
    "acces_soins:feuilles_export": [C(kw={"fmt": "csv"}), C(kw={"fmt": "xlsx"}, variant="xlsx")],
    "acces_soins:solution_list": [C()],
    "acces_soins:solution_create": [C()],
    "acces_soins:solution_edit": [C(kw={"public_id": "solution.public_id"})],
    "acces_soins:territoire_detail": [C(kw={"public_id": "territoire.public_id"})],
    "acces_soins:feuille_edit": [C(kw={"public_id": "territoire.public_id"})],
    "acces_soins:action_create": [C(kw={"territoire_id": "territoire.public_id"})],
    "acces_soins:action_detail": [C(kw={"public_id": "action.public_id"})],
    "acces_soins:action_edit": [C(kw={"public_id": "action.public_id"})],
    "acces_soins:action_engager": POST_ONLY,
    "acces_soins:bilan_list": [C()],
    "acces_soins:bilan_request": POST_ONLY,
    "acces_soins:bilan_detail": [C(kw={"public_id": "bilan.public_id"})],
    "acces_soins:bilan_status": [C(kw={"public_id": "bilan.public_id"})],
    "acces_soins:bilan_download": [C(kw={"public_id": "bilan.public_id"})],
    "acces_soins:bilan_snapshot": [C(kw={"public_id": "bilan.public_id"})],
    # semester notes, COPIL decisions, remontée nationale, campagnes de remontées (issue #18)
    "acces_soins:note_save": POST_ONLY,
    "acces_soins:remontee_nationale": [C(kw={"fmt": "csv"}), C(kw={"fmt": "pdf"}, variant="pdf")],
    "acces_soins:decision_list": [C(), C("collectivite")],
    "acces_soins:decision_detail": [
        C(kw={"public_id": "decision.public_id"}),
        C("collectivite", kw={"public_id": "decision.public_id"}),
    ],
    "acces_soins:ordre_du_jour": [C()],
    "acces_soins:mes_remontees": [C("collectivite"), C("dd"), C("cpts")],
    "acces_soins:campagne_list": [C()],
    "acces_soins:campagne_create": [C()],
    "acces_soins:campagne_detail": [
        C(kw={"public_id": "campagne.public_id"}),
        C("dd", kw={"public_id": "campagne.public_id"}),
    ],
    "acces_soins:campagne_geler": POST_ONLY,
    "acces_soins:contribution_detail": [
        C(kw={"public_id": "contribution.public_id"}),
        C("contributeur", kw={"public_id": "contribution.public_id"}),
    ],
    "acces_soins:contribution_transition": POST_ONLY,
    # indicateurs
    "indicateurs:dashboard": [C(), C("comite")],
    "indicateurs:import": [C()],
    "indicateurs:recalcul": POST_ONLY,
    "indicateurs:recalcul_etat": [C(kw={"pk": "recalcul.pk"})],
    "indicateurs:fiche_lier": POST_ONLY,
    "indicateurs:fiche_delier": POST_ONLY,
    "indicateurs:detail": [C(kw={"code": "indicateur.code"}), C("comite", kw={"code": "indicateur.code"})],
    "indicateurs:saisie": [C(kw={"code": "indicateur_saisi.code"})],
    "indicateurs:avis": POST_ONLY,
    "indicateurs:reperes": [C(kw={"code": "indicateur.code"})],
    # instruction (shared dossier pages)
    "instruction:transition": POST_ONLY,
    "instruction:message": POST_ONLY,
    "instruction:annotation": POST_ONLY,
    "instruction:referent": POST_ONLY,
    "instruction:avis": POST_ONLY,
    "instruction:participation_invite": POST_ONLY,
    "instruction:participation_remove": POST_ONLY,
    "instruction:piece": DOWNLOAD,
    "instruction:co_instruction_list": [C("partner")],
    "instruction:messages": [C("dd"), C("collectivite")],
    "instruction:messages_badge": [C("dd")],
    # cls
    "cls:lettre_detail": [
        C("dd:lettre_cls", kw={"public_id": "lettre_cls.public_id"}),
        C("collectivite", kw={"public_id": "lettre_cls.public_id"}),
    ],
    "cls:lettre_edit": [C("deposant:lettre_cls_draft", kw={"public_id": "lettre_cls_draft.public_id"})],
    "cls:lettre_list": [C("collectivite")],
    "cls:lettre_create": POST_ONLY,
    "cls:instruction_list": [C("dd:lettre_cls"), C("siege")],
    "cls:territoire_recherche": [C("collectivite", query="q=sain")],
    "cls:territoire_apercu": [C("collectivite", query="epcis={contrat.porteur.epci.pk}")],
    "cls:contrat_list": [C(), C("dd")],
    "cls:contrat_detail": [
        C(kw={"public_id": "contrat.public_id"}),
        C("collectivite", kw={"public_id": "contrat.public_id"}),
    ],
    "cls:fiche_create": [C(kw={"public_id": "contrat.public_id"})],
    "cls:fiche_edit": [C(kw={"public_id": "contrat.public_id", "fiche_id": "fiche.public_id"})],
    "cls:fiche_list": [C()],
    "cls:financement_engager": POST_ONLY,
    "cls:contrat_action": POST_ONLY,
    "cls:contrat_document": DOWNLOAD,
    # cpts
    "cpts:index": [C(), C("cpts")],
    "cpts:create": [C()],
    "cpts:detail": [C(kw={"public_id": "cpts.public_id"}), C("cpts", kw={"public_id": "cpts.public_id"})],
    "cpts:edit": [C(kw={"public_id": "cpts.public_id"})],
    "cpts:etape": POST_ONLY,
    "cpts:abandon": POST_ONLY,
    "cpts:aci": POST_ONLY,
    "cpts:avenant": POST_ONLY,
    "cpts:engager": POST_ONLY,
    "cpts:mission": POST_ONLY,
    "cpts:atteinte": POST_ONLY,
    "cpts:projet_create": POST_ONLY,
    "cpts:projet_detail": [C("dd:projet_cpts", kw={"public_id": "projet_cpts.public_id"})],
    "cpts:projet_edit": [C("deposant:projet_cpts_draft", kw={"public_id": "projet_cpts_draft.public_id"})],
    "cpts:lettre_detail": [
        C("dd:lettre_cpts", kw={"public_id": "lettre_cpts.public_id"}),
        C("partner", kw={"public_id": "lettre_cpts.public_id"}),
    ],
    "cpts:lettre_edit": [C("deposant:lettre_cpts_draft", kw={"public_id": "lettre_cpts_draft.public_id"})],
    "cpts:lettre_list": [C("cpts")],
    "cpts:lettre_create": POST_ONLY,
    "cpts:instruction_list": [C("dd:lettre_cpts"), C("siege")],
    "cpts:co_instruction_list": [C("partner")],
    "cpts:msp_list": [C()],
    "cpts:msp_create": [C()],
    "cpts:msp_detail": [C(kw={"public_id": "msp.public_id"})],
    "cpts:msp_edit": [C(kw={"public_id": "msp.public_id"})],
    "cpts:msp_financements": POST_ONLY,
    "cpts:centre_list": [C()],
    "cpts:centre_create": [C()],
    "cpts:centre_detail": [C(kw={"public_id": "centre.public_id"})],
    "cpts:centre_edit": [C(kw={"public_id": "centre.public_id"})],
    "cpts:centre_financements": POST_ONLY,
    "cpts:esp_list": [C()],
    "cpts:esp_create": [C()],
    "cpts:esp_detail": [C(kw={"public_id": "esp.public_id"})],
    "cpts:esp_edit": [C(kw={"public_id": "esp.public_id"})],
    "cpts:contrat_anterieur_list": [C()],
    "cpts:carte": [C()],
    "cpts:carte_donnees": [C()],
    # financements
    "financements:index": [C()],
    "financements:enveloppe_list": [C()],
    "financements:enveloppe_create": [C()],
    "financements:enveloppe_detail": [C(kw={"public_id": "enveloppe.public_id"})],
    "financements:enveloppe_update": [C(kw={"public_id": "enveloppe.public_id"})],
    "financements:engagement_list": [C()],
    "financements:engagement_create": [C()],
    "financements:engagement_detail": [C(kw={"public_id": "engagement.public_id"})],
    "financements:engagement_action": POST_ONLY,
    "financements:beneficiaire_detail": [C(kw={"public_id": "engagement.beneficiaire.public_id"})],
    "financements:cofinancement_add": POST_ONLY,
    # référentiel
    "referentiel:list": [C()],
    "referentiel:adopt": [C(kw={"pk": "parametre.pk"})],
    # registres
    "registres:index": [C(), C("comite")],
    "registres:communes": [C("dd", query="q=sain")],
    "registres:bilan_mouvements": [C(), C("dd")],
    "registres:list": [
        C(kw={"code": "maitres-de-stage"}),
        C("dd", kw={"code": "mouvements-medecins"}, variant="dd:mouvements"),
    ],
    "registres:create": [
        C("dd", kw={"code": "maitres-de-stage"}),
        C("dd", kw={"code": "mouvements-medecins"}, variant="dd:mouvements"),
    ],
    "registres:import": [C("dd", kw={"code": "maitres-de-stage"})],
    "registres:modele": [C("dd", kw={"code": "maitres-de-stage"})],
    "registres:export": [
        C(kw={"code": "maitres-de-stage", "fmt": "csv"}),
        C(kw={"code": "mouvements-medecins", "fmt": "xlsx"}, variant="xlsx"),
    ],
    "registres:carte": [C(kw={"code": "maitres-de-stage"})],
    "registres:carte_donnees": [C(kw={"code": "maitres-de-stage"})],
    "registres:detail": [
        C(kw={"code": "maitres-de-stage", "public_id": "maitre.public_id"}),
        C("dd", kw={"code": "mouvements-medecins", "public_id": "mouvement.public_id"}, variant="dd:mouvements"),
    ],
    "registres:edit": [
        C("dd", kw={"code": "maitres-de-stage", "public_id": "maitre.public_id"}),
        C("dd", kw={"code": "mouvements-medecins", "public_id": "mouvement.public_id"}, variant="dd:mouvements"),
    ],
    "registres:delete": POST_ONLY,
    "registres:document_add": POST_ONLY,
    "registres:document_delete": POST_ONLY,
    "registres:document_download": DOWNLOAD,
    # API
    "api:commune-list": [C(), C(query="q=sain", variant="recherche")],
    "api:commune-detail": [C(kw={"code_insee": "contrat.perimetre.first.code_insee"})],
    "api:zonage-commune": [C("anonymous", kw={"code_insee": "contrat.perimetre.first.code_insee"})],
    "api:zonage-arrete-list": [C("anonymous")],
    "api:zonage-classement": [C("anonymous", kw={"public_id": "arrete.public_id"})],
    "api:indicateur-list": [C()],
    "api:indicateur-detail": [C(kw={"code": "indicateur.code"})],
    "api:indicateur-valeurs": [C(kw={"code": "indicateur.code"})],
    "api:cls-list": [C()],
    "api:cls-detail": [C(kw={"uuid": "contrat.public_id"})],
    "api:cls-fiches-actions": [C(kw={"uuid": "contrat.public_id"})],
    "api:cpts-list": [C()],
    "api:cpts-detail": [C(kw={"public_id": "cpts.public_id"})],
    "api:msp-list": [C()],
    "api:centre-sante-list": [C()],
    "api:esp-list": [C()],
    "api:financements-enveloppes": [C()],
    "api:financements-engagements": [C()],
    "api:referentiel-list": [C()],
    "api:registres-index": [C()],
    "api:registres-list": [
        C(kw={"code": "maitres-de-stage"}),
        C(kw={"code": "mouvements-medecins"}, variant="mouvements"),
    ],
    "api:registres-detail": [C(kw={"code": "maitres-de-stage", "public_id": "maitre.public_id"})],
    "api:not-found": NotAPage("toute adresse inconnue de l'API : une 404 en JSON, sans lecture de données"),
    "api-schema": NotAPage("schéma OpenAPI : généré depuis le code, sans lecture de données"),
    "api-docs": [C("anonymous")],
    "healthz": [C("anonymous")],
    "accessibilite": [C("anonymous")],
    "mentions_legales": [C("anonymous")],
    "donnees_personnelles": [C("anonymous")],
}
