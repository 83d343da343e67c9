"""THE access matrix: the expected outcome of every URL pattern for every persona, in one table.

One row per URL pattern (several rows when the object's state matters: « variant »). A row says who is
allowed (`ok`), who gets 403 (`forbid`), and what everyone else who is logged in gets (`deny`, 404 by
default: existence stays hidden). Anonymous visitors and inactive accounts are sent to the login page unless
the row is `public`. `get=None` marks a POST-only view (GET answers 405); `post` gives the POST outcomes of a
state-changing view (`SAME`: as the GET); `post=None` a read-only view, which the personas it refuses also try
with POST (refused the same way, or 405). POSTs carry a valid CSRF token of the persona's own session.
Outcomes: "ok" (2xx, 400 form errors, a redirect elsewhere than the login page), "403", "404", "405", "login".

The URL of a row is built from the world object named by `obj` (tests/security/world.py): each URL
argument is read from the attribute of the same name (`public_id`, `code_insee`, `pk`…) unless `kw` gives it.
"""

from dataclasses import dataclass, field

from tests.security.world import PERSONAS

LOGGED = frozenset(PERSONAS) - {"anonymous", "inactive"}
ALL = LOGGED | {"anonymous", "inactive"}
ARS_A = frozenset({"siege_a", "dd37", "dd45"})
ARS = ARS_A | {"siege_b"}
COLL_A = frozenset({"coll_a_gest", "coll_a_saisie"})
COLLS = COLL_A | {"coll_b"}
PARTNERS = frozenset({"cpam", "urps"})
DD = frozenset({"dd37", "dd45"})
VIEW_A = ARS_A | {"comite"}  # région A's spaces: plan, feuilles de route, indicateurs
# A région's spaces are read in the user's own région (comptes.perms.user_region_code): the siège B opens those of
# région B (its feuilles de route, catalogue, indicators), where région A's objects never appear.
VIEW_OWN = VIEW_A | {"siege_b"}
ARS_37 = frozenset({"siege_a", "dd37"})  # competent for an object of département 37
REGISTRE = ARS | {"comite", "cpts"}
NATIONAL = frozenset({"national"})  # the ministry: its own read-only pages, nothing else


@dataclass(frozen=True)
class A:
    """Who gets what for one method."""

    ok: frozenset = frozenset()
    forbid: frozenset = frozenset()
    deny: str = "404"
    public: bool = False
    hidden: frozenset = frozenset()  # 404 whatever `deny` says (the object is out of their scope)
    anonymous: str = "login"  # a view open without login whose object is hidden from visitors: "404"

    def expected(self, persona: str) -> str:
        if persona in self.ok or (self.public and persona in ("anonymous", "inactive")):
            return "ok"
        if persona in ("anonymous", "inactive"):
            return self.anonymous
        if persona in self.forbid:
            return "403"
        if persona in self.hidden:
            return "404"
        return self.deny


def a(ok=(), forbid=(), deny="404", public=False, hidden=(), anonymous="login") -> A:
    return A(frozenset(ok), frozenset(forbid), deny, public, frozenset(hidden), anonymous)


PUBLIC = a(ALL, public=True)
EVERYONE_LOGGED = a(LOGGED)
SAME = "same"  # post expectation identical to the get one


@dataclass(frozen=True)
class R:
    name: str
    get: A | None
    post: A | str | None = None
    obj: str | None = None
    kw: dict = field(default_factory=dict)
    variant: str = ""
    query: str = ""  # a query string the view reads (the portrait's perimeter)

    @property
    def key(self) -> str:
        return f"{self.name}[{self.variant}]" if self.variant else self.name


FILED = ("deposee", "en_instruction", "complement_demande", "acceptee", "refusee", "classee")


def _dossier_pages(prefix: str, key: str, *, deposant: frozenset, team: frozenset, editor: frozenset) -> list:
    """The dossier page of a kind in every state (the draft: its déposant only; filed: the déposant and the
    instruction team) and its form: the draft, the corrections during a complément (the déposant's editors),
    refused (403) to whoever sees a dossier that is not open to them."""
    return [
        R(f"{prefix}_detail", a(deposant), obj=f"{key}_brouillon", variant="brouillon"),
        *[R(f"{prefix}_detail", a(deposant | team), obj=f"{key}_{etat}", variant=etat) for etat in FILED],
        R(f"{prefix}_edit", a(editor, forbid=deposant - editor), post=SAME, obj=f"{key}_brouillon"),
        R(
            f"{prefix}_edit",
            a(editor, forbid=(deposant | team) - editor),
            post=SAME,
            obj=f"{key}_complement_demande",
            variant="corrections",
        ),
        *[
            R(f"{prefix}_edit", a(forbid=deposant | team), post=SAME, obj=f"{key}_{etat}", variant=etat)
            for etat in ("deposee", "acceptee")
        ],
    ]


ROUTES = [
    # --- comptes, public pages ------------------------------------------------------------------
    R("home", PUBLIC, post=PUBLIC),
    R("comptes:login", PUBLIC, post=PUBLIC),
    R("comptes:logout", None, post=a(LOGGED)),
    R("comptes:account", EVERYONE_LOGGED),
    # Suggestions of a large choice field (config/autocomplete.py): any logged-in user; each source's queryset is
    # what that user may choose (public geography here).
    R("autocomplete", EVERYONE_LOGGED, kw={"source": "communes"}),
    R("comptes:otp_enrol", a(ARS), post=SAME),
    R("comptes:otp_verify", a(deny="login"), post=SAME),  # without a password step first: back to the login
    R("comptes:journal", a({"siege_a"})),
    R("admin_login", a(deny="login"), post=SAME),
    R("comptes:password_reset", PUBLIC, post=PUBLIC),
    R("comptes:password_reset_done", PUBLIC),
    R("comptes:password_reset_confirm", PUBLIC, kw={"uidb64": "MQ", "token": "lien-invalide"}),
    R("comptes:password_reset_complete", PUBLIC),
    R("healthz", PUBLIC),
    R("accessibilite", PUBLIC),
    R("mentions_legales", PUBLIC),
    R("donnees_personnelles", PUBLIC),
    R("api-schema", PUBLIC),
    R("api-docs", PUBLIC),
    # --- territoires: public referential, for logged-in people -----------------------------------
    R("territoires:index", EVERYONE_LOGGED),
    R("territoires:commune_list", EVERYONE_LOGGED),
    R("territoires:commune_detail", EVERYONE_LOGGED, obj="commune37"),
    R("territoires:epci_detail", EVERYONE_LOGGED, obj="epci37"),
    R("territoires:departement_detail", EVERYONE_LOGGED, obj="dep37"),
    # --- zonage -----------------------------------------------------------------------------------
    R("zonage:ma_commune", PUBLIC),
    R("zonage:commune", PUBLIC, obj="commune37"),
    R("zonage:carte", PUBLIC),
    R("zonage:carte_donnees", PUBLIC),
    R("zonage:arrete_list", a(ARS)),
    R("zonage:arrete_create", a({"siege_a", "siege_b"}, forbid=DD), post=SAME),
    R("zonage:arrete_detail", a(ARS_A), obj="arrete_a"),
    R("zonage:arrete_detail", a({"siege_b"}), obj="arrete_rb", variant="région B"),
    R("zonage:arrete_edit", a({"siege_a"}, forbid=DD), post=SAME, obj="arrete_a"),
    R("zonage:arrete_import", None, post=a({"siege_a"}, forbid=DD), obj="arrete_a"),
    R("zonage:arrete_export_csv", a(ARS_A), obj="arrete_a"),
    R("zonage:arrete_export_csv", a({"siege_b"}), obj="arrete_rb", variant="région B"),
    R("zonage:arrete_export_xlsx", a(ARS_A), obj="arrete_a"),
    R("zonage:arrete_transition", None, post=a({"siege_a"}, forbid=DD), obj="arrete_a"),
    R("zonage:arrete_comment", None, post=a(ARS_A), obj="arrete_a"),
    R("zonage:document_upload", None, post=a({"siege_a"}, forbid=DD), obj="arrete_a"),
    R("zonage:document_download", a(ARS_A), obj="document_prive"),
    R("zonage:document_download", PUBLIC, obj="document_public", variant="acte signé"),
    R("zonage:document_delete", None, post=a({"siege_a"}, forbid=DD), obj="document_prive"),
    # The consultation file of a project: requested by its région's siège gestionnaire, read by its région's ARS.
    R("zonage:consultation_request", None, post=a({"siege_a"}, forbid=DD), obj="arrete_a"),
    R("zonage:consultation_status", a(ARS_A), obj="consultation_a"),
    R("zonage:consultation_download", a(ARS_A), obj="consultation_a"),
    # The simulator: the siège of the scenario's région only (another région's siège: 404).
    R("zonage:scenario_list", a({"siege_a", "siege_b"})),
    R("zonage:scenario_create", None, post=a({"siege_a", "siege_b"})),
    R("zonage:scenario_compare", a({"siege_a", "siege_b"})),
    R("zonage:scenario_detail", a({"siege_a"}), obj="scenario_a"),
    R("zonage:scenario_detail", a({"siege_b"}), obj="scenario_rb", variant="région B"),
    R("zonage:scenario_tvs", None, post=a({"siege_a"}), obj="scenario_a", kw={"tvs_id": lambda w: w["tvs_a"].pk}),
    R("zonage:scenario_compteurs", a({"siege_a"}), obj="scenario_a"),
    R("zonage:scenario_edit", None, post=a({"siege_a"}), obj="scenario_a"),
    R("zonage:scenario_copy", None, post=a({"siege_a"}), obj="scenario_a"),
    R("zonage:scenario_propose", a({"siege_a"}), post=SAME, obj="scenario_a"),
    R("zonage:scenario_carte", a({"siege_a"}), obj="scenario_a"),
    R("zonage:scenario_carte", a({"siege_b"}), obj="scenario_rb", variant="région B"),
    R("zonage:scenario_carte_svg", a({"siege_a"}), obj="scenario_a"),
    # --- portraits: public, the ARS's blocks for the agents competent for the whole perimeter -------
    R("portraits:portrait", PUBLIC),
    # Orléans: the public structures of Loches carry the région A marker (public data, not a leak).
    R("portraits:portrait", PUBLIC, query="commune=45234", variant="commune d'Orléans"),
    # The form with the map of a département (no portrait: Loches's structures carry the région A marker).
    R("portraits:portrait", PUBLIC, query="carte=37", variant="carte du département 37"),
    # The map to pick communes on: public, the portal's région only (a département of région B: 404 for all).
    # the map draws the départements of the page's region: the user's own, the default one for a visitor
    R("portraits:carte", a(ALL - {"siege_b"}, public=True), query="carte=37&communes=37132"),
    R("portraits:carte", a({"siege_b"}, anonymous="404"), query="carte=29", variant="département de la région B"),
    R("portraits:export", PUBLIC, kw={"table": "communes", "fmt": "csv"}, query="epci=200071587"),
    R(
        "portraits:export",
        a(ARS_37, anonymous="404"),
        kw={"table": "financements", "fmt": "xlsx"},
        query="epci=200071587",
        variant="table de l'ARS",
    ),
    R("portraits:pdf_request", None, post=PUBLIC, query="epci=200071587"),
    R("portraits:pdf", PUBLIC, obj="portrait_public"),
    R("portraits:pdf", a(ARS_37, anonymous="404"), obj="portrait_ars", variant="ARS"),
    R("portraits:pdf_download", PUBLIC, obj="portrait_public"),
    R("portraits:pdf_download", a(ARS_37, anonymous="404"), obj="portrait_ars", variant="ARS"),
    # Without a dossier of the persona's own (tests/portraits/test_joindre.py tries every persona with one): 404.
    # --- national: the ministry only (403 for everyone else: the page exists, the rule is said) -----------
    R("national:index", a(NATIONAL, deny="403")),
    R("national:zonage", a(NATIONAL, deny="403")),
    R("national:carte", a(NATIONAL, deny="403")),
    R("national:carte_geojson", a(NATIONAL, deny="403"), query="indicateur=cls"),
    R("national:export", a(NATIONAL, deny="403"), kw={"tableau": "comparaison", "fmt": "csv"}),
    R("national:synthese_request", None, post=a(NATIONAL, deny="403")),
    R("national:synthese", a(NATIONAL, deny="403"), obj="synthese"),
    R("national:synthese_download", a(deny="403", hidden=NATIONAL), obj="synthese"),  # not produced: 404
    R("portraits:pdf_attach", None, post=a(), obj="portrait_public"),
    # --- plan d'accès aux soins, comité de pilotage ------------------------------------------------
    R("acces_soins:plan", a(VIEW_A)),
    R("acces_soins:mesure_edit", a({"siege_a"}, forbid=DD | {"comite"}), post=SAME, obj="mesure"),
    R(
        "acces_soins:declinaison_edit",
        a(ARS_37, forbid={"dd45", "comite"}),
        post=SAME,
        obj="mesure",
        kw={"code": "37"},
    ),
    R("acces_soins:comite_list", a(VIEW_OWN)),
    R("acces_soins:comite_create", a({"siege_a"}, forbid=DD | {"comite"}), post=SAME),
    R("acces_soins:comite_detail", a(VIEW_A), obj="comite_pilotage"),
    R("acces_soins:comite_edit", a({"siege_a"}, forbid=DD | {"comite"}), post=SAME, obj="comite_pilotage"),
    R("acces_soins:document_download", a(VIEW_A), obj="document_comite"),
    # --- semester notes, COPIL decisions, remontée nationale (issue #18) -----------------------------
    R(
        "acces_soins:note_save",
        None,
        post=a({"dd37"}, forbid={"siege_a", "dd45", "comite"}),
        kw={"kind": "action", "ident": "action_a"},
    ),
    R(
        "acces_soins:note_save",
        None,
        post=a(forbid={"siege_b"}),
        kw={"kind": "action", "ident": "action_rb"},
        variant="région B",
    ),
    R(
        "acces_soins:note_save",
        None,
        post=a({"siege_a"}, forbid=DD | {"comite"}),
        kw={"kind": lambda w: "mesure", "ident": lambda w: w["mesure"].pk},
        variant="mesure",
    ),
    R("acces_soins:remontee_nationale", a(VIEW_OWN), kw={"fmt": "csv"}),
    R("acces_soins:remontee_nationale", a(VIEW_OWN), kw={"fmt": "pdf"}, variant="pdf"),
    R("acces_soins:decision_list", a(VIEW_OWN | COLL_A)),
    R(
        "acces_soins:decision_detail",
        a(VIEW_A | COLL_A),
        post=a({"siege_a"} | COLL_A, forbid=DD | {"comite"}),
        obj="decision_a",
    ),
    R("acces_soins:ordre_du_jour", a(VIEW_OWN)),
    # --- campagne de remontées (issue #18): région-scoped, a siège of another région gets 404 ----------
    R("acces_soins:mes_remontees", a(LOGGED)),
    R("acces_soins:campagne_list", a(ARS)),
    R("acces_soins:campagne_create", a({"siege_a", "siege_b"}, forbid=DD), post=SAME),
    R("acces_soins:campagne_detail", a(ARS_A), obj="campagne_a"),
    R("acces_soins:campagne_detail", a({"siege_b"}), obj="campagne_rb", variant="région B"),
    R("acces_soins:campagne_geler", None, post=a({"siege_a"}, forbid=DD), obj="campagne_a"),
    R("acces_soins:campagne_geler", None, post=a({"siege_b"}), obj="campagne_rb", variant="région B"),
    R(
        "acces_soins:contribution_detail",
        a(COLL_A | ARS_37),
        post=a(COLL_A, forbid=ARS_37),
        obj="contribution_cls_a",
        variant="brouillon",
    ),
    R(
        "acces_soins:contribution_detail",
        a({"coll_b", "siege_a", "dd45"}),
        post=a(forbid={"coll_b", "siege_a", "dd45"}),
        obj="contribution_cls_b",
        variant="transmise",
    ),
    R(
        "acces_soins:contribution_detail",
        a({"siege_b"}),
        post=a(forbid={"siege_b"}),
        obj="contribution_rb",
        variant="région B",
    ),
    R(
        "acces_soins:contribution_transition",
        None,
        post=a({"siege_a", "dd45"}, forbid={"coll_b"}),
        obj="contribution_cls_b",
        variant="transmise",
    ),
    R(
        "acces_soins:contribution_transition",
        None,
        post=a({"siege_a"}, forbid={"dd37"}),
        obj="contribution_dd37",
        variant="validée",
    ),
    R("acces_soins:contribution_transition", None, post=a({"siege_b"}), obj="contribution_rb", variant="région B"),
    # --- feuilles de route territoriales -----------------------------------------------------------
    R("acces_soins:feuille_list", a(VIEW_OWN)),
    R("acces_soins:matrice", a(VIEW_OWN)),
    R("acces_soins:feuilles_export", a(VIEW_OWN), kw={"fmt": "csv"}),
    R("acces_soins:feuilles_export", a(VIEW_OWN), kw={"fmt": "xlsx"}, variant="xlsx"),
    R("acces_soins:solution_list", a(VIEW_OWN)),
    R("acces_soins:solution_create", a({"siege_a", "siege_b"}, forbid=DD | {"comite"}), post=SAME),
    R("acces_soins:solution_edit", a({"siege_a"}, forbid=DD | {"comite"}), post=SAME, obj="solution_a"),
    R("acces_soins:solution_edit", a({"siege_b"}), obj="solution_rb", variant="région B"),
    R("acces_soins:territoire_detail", a(VIEW_A), obj="territoire_a"),
    R("acces_soins:territoire_detail", a({"siege_b"}), obj="territoire_rb", variant="région B"),
    R("acces_soins:feuille_edit", a(ARS_37, forbid={"dd45", "comite"}), post=SAME, obj="territoire_a"),
    R(
        "acces_soins:action_create",
        a(ARS_37, forbid={"dd45", "comite"}),
        post=SAME,
        obj="territoire_a",
        kw={"territoire_id": lambda w: w["territoire_a"].public_id},
    ),
    R("acces_soins:action_detail", a(VIEW_A), obj="action_a"),
    R("acces_soins:action_detail", a({"siege_b"}), obj="action_rb", variant="région B"),
    R("acces_soins:action_edit", a(ARS_37, forbid={"dd45", "comite"}), post=SAME, obj="action_a"),
    R("acces_soins:action_edit", a({"siege_b"}), post=SAME, obj="action_rb", variant="région B"),
    R("acces_soins:action_engager", None, post=a(ARS_37, forbid={"dd45", "comite"}), obj="action_a"),
    # --- bilans -------------------------------------------------------------------------------------
    R("acces_soins:bilan_list", a(ARS | {"comite"})),
    R("acces_soins:bilan_request", None, post=a(ARS, forbid={"comite"})),
    R("acces_soins:bilan_detail", a(VIEW_A), obj="bilan_a"),
    R("acces_soins:bilan_detail", a({"siege_a", "dd37", "comite"}), obj="bilan_37", variant="département 37"),
    R("acces_soins:bilan_detail", a({"siege_b"}), obj="bilan_rb", variant="région B"),
    R("acces_soins:bilan_status", a(VIEW_A), obj="bilan_a"),
    R("acces_soins:bilan_download", a(VIEW_A), obj="bilan_a"),
    R("acces_soins:bilan_snapshot", a(VIEW_A), obj="bilan_a"),
    # --- indicateurs --------------------------------------------------------------------------------
    R("indicateurs:dashboard", a(VIEW_OWN)),
    R("indicateurs:import", a(ARS, forbid={"comite"}), post=SAME),
    R("indicateurs:recalcul", None, post=a({"siege_a", "siege_b"}, forbid=DD | {"comite"})),
    R("indicateurs:recalcul_etat", a({"siege_a"}, forbid=DD | {"comite"}), obj="recalcul"),
    R("indicateurs:fiche_lier", None, post=a(ARS_37 | COLL_A, forbid={"comite"}), kw={"fiche_id": "fiche_a"}),
    R(
        "indicateurs:fiche_delier",
        None,
        post=a(ARS_37 | COLL_A, forbid={"comite"}),
        obj="lien_fiche",
        kw={"fiche_id": "fiche_a"},
    ),
    R("indicateurs:detail", a(VIEW_OWN), obj="indicateur"),
    R("indicateurs:saisie", a(ARS, forbid={"comite"}), post=SAME, obj="indicateur"),
    R("indicateurs:avis", None, post=a({"comite"}, forbid=ARS), obj="indicateur"),
    R("indicateurs:reperes", a({"siege_a", "siege_b"}, forbid=DD | {"comite"}), post=SAME, obj="indicateur"),
    # --- instruction: the shared actions on a dossier, the lists of messages and of co-instruction --------
    R("instruction:transition", None, post=a(ARS_37, forbid=COLL_A), obj="cls_deposee"),
    R("instruction:transition", None, post=a({"siege_b"}), obj="cls_rb_complement", variant="région B"),
    R("instruction:message", None, post=a(ARS_37 | COLL_A), obj="cls_en_instruction"),
    R("instruction:message", None, post=a(forbid=ARS_37 | COLL_A), obj="cls_acceptee", variant="clos"),
    R("instruction:message", None, post=a({"siege_b"}), obj="cls_rb_complement", variant="région B"),
    R("instruction:annotation", None, post=a(ARS_37, forbid=COLL_A), obj="cls_deposee"),
    R("instruction:annotation", None, post=a({"siege_b"}), obj="cls_rb_complement", variant="région B"),
    R("instruction:referent", None, post=a(ARS_37, forbid=COLL_A), obj="cls_deposee"),
    R("instruction:avis", None, post=a(PARTNERS, forbid=ARS_37 | {"cpts"}), obj="cptsl_deposee"),
    R("instruction:avis", None, post=a(forbid={"siege_b"}), obj="cptsl_rb_deposee", variant="région B"),
    R(
        "instruction:participation_invite",
        None,
        post=a(ARS_37, forbid=PARTNERS | {"cpts"}),
        obj="cptsl_deposee",
    ),
    R(
        "instruction:participation_remove",
        None,
        post=a(ARS_37, forbid=PARTNERS | {"cpts"}),
        obj="cptsl_deposee",
        kw={"participation_id": lambda w: w["participation_cpam"].pk},
    ),
    R(
        "instruction:participation_remove",
        None,
        post=a({"siege_b"}),
        obj="cptsl_rb_deposee",
        kw={"participation_id": lambda w: w["participation_cpam_b"].pk},
        variant="région B",
    ),
    R("instruction:piece", a(ARS_37 | COLL_A), obj="piece_cls"),
    R("instruction:piece", a({"siege_b"}), obj="piece_cls_rb", variant="région B"),
    R("instruction:co_instruction_list", a(PARTNERS, deny="403")),
    R("instruction:messages", EVERYONE_LOGGED),
    R("instruction:messages_badge", EVERYONE_LOGGED),
    # --- CLS ----------------------------------------------------------------------------------------
    R("cls:lettre_list", a(COLLS, deny="403")),
    R("cls:lettre_create", None, post=a(COLLS, deny="403")),
    *_dossier_pages("cls:lettre", "cls", deposant=COLL_A, team=ARS_37, editor=COLL_A),
    R("cls:lettre_detail", a(COLL_A | ARS_37), obj="cls_complement_repondu", variant="complément répondu"),
    R("cls:lettre_edit", a(forbid=COLL_A | ARS_37), post=SAME, obj="cls_complement_repondu", variant="répondu"),
    R("cls:lettre_detail", a({"coll_b"}), obj="cls_b_brouillon", variant="brouillon B"),
    R("cls:lettre_detail", a({"coll_b", "siege_a", "dd45"}), obj="cls_b_deposee", variant="collectivité B"),
    R("cls:lettre_detail", a({"siege_b"}), obj="cls_rb_deposee", variant="région B"),
    R("cls:lettre_detail", a({"siege_b"}), obj="cls_rb_complement", variant="région B, complément"),
    R("cls:lettre_detail", a(), obj="cls_rb_brouillon", variant="région B, brouillon"),
    R("cls:lettre_edit", a(forbid={"siege_b"}), post=SAME, obj="cls_rb_complement", variant="région B"),
    R("cls:territoire_recherche", a(COLLS, deny="403")),
    R("cls:territoire_apercu", a(COLLS, deny="403")),
    R("cls:instruction_list", a(ARS, deny="403")),
    R("cls:contrat_list", a(ARS | COLLS | {"comite"}, deny="403")),
    R("cls:contrat_detail", a(ARS_37 | COLL_A | {"comite"}), obj="contrat_a"),
    R("cls:contrat_detail", a(ARS_37 | COLL_A), obj="contrat_a_cadrage", variant="non signé"),
    R("cls:contrat_detail", a({"siege_b"}), obj="contrat_rb", variant="région B"),
    R("cls:contrat_detail", a(ARS_A | COLL_A | {"comite"}), obj="contrat_multi", variant="deux départements"),
    R(
        "cls:fiche_create",
        a(ARS_A | COLL_A, forbid={"comite"}),
        post=SAME,
        obj="contrat_multi",
        variant="deux départements",
    ),
    R(
        "cls:contrat_action",
        None,
        post=a(ARS_37, forbid={"dd45", "comite"} | COLL_A),
        obj="contrat_multi",
        kw={"action": "etape"},
        variant="deux départements",
    ),
    R("cls:fiche_create", a(ARS_37 | COLL_A, forbid={"comite"}), post=SAME, obj="contrat_a"),
    R("cls:fiche_create", a({"siege_b"}), obj="contrat_rb", variant="région B"),
    R(
        "cls:fiche_edit",
        a(ARS_37 | COLL_A, forbid={"comite"}),
        post=SAME,
        obj="contrat_a",
        kw={"fiche_id": "fiche_a"},
    ),
    R("cls:fiche_list", a(ARS | COLLS | {"comite"}, deny="403")),
    R("cls:financement_engager", None, post=a(ARS_37, forbid=COLL_A | {"comite"}), obj="contrat_a", kw={"annee": 2026}),
    R("cls:contrat_action", None, post=a(ARS_37, forbid=COLL_A | {"comite"}), obj="contrat_a", kw={"action": "etape"}),
    R(
        "cls:contrat_action",
        None,
        post=a(ARS_37 | COLL_A, forbid={"comite"}),
        obj="contrat_a",
        kw={"action": "document"},
        variant="document",
    ),
    R("cls:contrat_document", a(ARS_37 | COLL_A | {"comite"}), obj="contrat_document"),
    # --- registres: the plan's registers (ARS agents read and write in their départements, the comité reads) ---
    R("registres:index", a(ARS | {"comite"})),
    R("registres:communes", a(ARS | {"comite"})),
    R("registres:bilan_mouvements", a(ARS | {"comite"})),
    R("registres:list", a(ARS | {"comite"}), kw={"code": "dac"}),
    R("registres:list", a(ARS), kw={"code": "mouvements-medecins"}, variant="mouvements de médecins"),
    R("registres:create", a(ARS, forbid={"comite"}), post=SAME, kw={"code": "dac"}),
    R("registres:import", a(ARS, forbid={"comite"}), post=SAME, kw={"code": "dac"}),
    R("registres:modele", a(ARS, forbid={"comite"}), kw={"code": "dac"}),
    R("registres:export", a(ARS | {"comite"}), kw={"code": "dac", "fmt": "csv"}),
    R("registres:export", a(ARS | {"comite"}), kw={"code": "dac", "fmt": "xlsx"}, variant="xlsx"),
    R("registres:carte", a(ARS | {"comite"}), kw={"code": "dac"}),
    R("registres:carte_donnees", a(ARS | {"comite"}), kw={"code": "dac"}),
    R("registres:detail", a(ARS_37 | {"comite"}), obj="dac_a", kw={"code": "dac"}),
    R("registres:detail", a({"siege_b"}), obj="dac_rb", kw={"code": "dac"}, variant="région B"),
    R(
        "registres:detail",
        a(ARS_37),
        obj="mouvement_a",
        kw={"code": "mouvements-medecins"},
        variant="mouvements de médecins",
    ),
    R("registres:edit", a(ARS_37, forbid={"comite"}), post=SAME, obj="dac_a", kw={"code": "dac"}),
    R("registres:edit", a({"siege_b"}), post=SAME, obj="dac_rb", kw={"code": "dac"}, variant="région B"),
    R("registres:delete", None, post=a(ARS_37, forbid={"comite"}), obj="dac_a", kw={"code": "dac"}),
    R("registres:document_add", None, post=a(ARS_37, forbid={"comite"}), obj="dac_a", kw={"code": "dac"}),
    R("registres:document_download", a(ARS_37 | {"comite"}), obj="document_registre"),
    R("registres:document_delete", None, post=a(ARS_37, forbid={"comite"}), obj="document_registre"),
    # --- CPTS and MSP --------------------------------------------------------------------------------
    R("cpts:index", a(REGISTRE, deny="403")),
    R("cpts:create", a(ARS, deny="403"), post=SAME),
    R("cpts:detail", a(ARS_37 | {"cpts", "comite"}), obj="cpts_a"),
    R("cpts:detail", a({"siege_b"}), obj="cpts_rb", variant="région B"),
    R("cpts:edit", a({"siege_b"}), obj="cpts_rb", variant="région B"),
    *[
        R(
            f"cpts:{name}",
            None if name != "edit" else a(ARS_37, forbid={"cpts", "comite"}),
            post=a(ARS_37, forbid={"cpts", "comite"}),
            obj="cpts_a",
        )
        for name in ("edit", "etape", "abandon", "aci", "avenant")
    ],
    R("cpts:engager", None, post=a(ARS_37, forbid={"cpts", "comite"}), obj="cpts_a", kw={"annee": 1}),
    R(
        "cpts:mission",
        None,
        post=a(ARS_37, forbid={"cpts", "comite"}),
        obj="cpts_a",
        kw={"mission_id": lambda w: w["mission_a"].pk},
    ),
    R(
        "cpts:atteinte",
        None,
        post=a(ARS_37, forbid={"cpts", "comite"}),
        obj="cpts_a",
        kw={"mission_id": lambda w: w["mission_a"].pk},
    ),
    R("cpts:projet_create", None, post=a({"cpts"}, forbid=ARS_37 | {"comite"}), obj="cpts_a"),
    # The projet de santé is instructed by the ARS alone (its kind has no co-instruction); the CPTS lettre with
    # the partners covering the département (invited when it is filed).
    *_dossier_pages("cpts:projet", "projet", deposant={"cpts"}, team=ARS_37, editor={"cpts"}),
    R("cpts:projet_detail", a({"siege_b"}), obj="projet_rb_deposee", variant="région B"),
    R("cpts:lettre_list", a({"cpts"}, deny="403")),
    R("cpts:lettre_create", None, post=a({"cpts"}, deny="403")),
    *_dossier_pages("cpts:lettre", "cptsl", deposant={"cpts"}, team=ARS_37 | PARTNERS, editor={"cpts"}),
    R("cpts:lettre_detail", a({"siege_b"}), obj="cptsl_rb_deposee", variant="région B"),
    R("cpts:instruction_list", a(ARS, deny="403")),
    R("cpts:co_instruction_list", a(PARTNERS, deny="403")),
    R("cpts:msp_list", a(REGISTRE, deny="403")),
    R("cpts:msp_create", a(ARS, deny="403"), post=SAME),
    R("cpts:msp_detail", a(ARS_37 | {"cpts", "comite"}), obj="msp_a"),
    R("cpts:msp_detail", a({"siege_b"}), obj="msp_rb", variant="région B"),
    R("cpts:msp_edit", a(ARS_37, forbid={"cpts", "comite"}), post=SAME, obj="msp_a"),
    R("cpts:msp_edit", a({"siege_b"}), obj="msp_rb", variant="région B"),
    R("cpts:msp_financements", None, post=a(ARS_37, forbid={"cpts", "comite"}), obj="msp_a"),
    *[
        row
        for kind in ("centre", "esp")
        for row in (
            R(f"cpts:{kind}_list", a(REGISTRE, deny="403")),
            R(f"cpts:{kind}_create", a(ARS, deny="403"), post=SAME),
            R(f"cpts:{kind}_detail", a(ARS_37 | {"cpts", "comite"}), obj=f"{kind}_a"),
            R(f"cpts:{kind}_detail", a({"siege_b"}), obj=f"{kind}_rb", variant="région B"),
            R(f"cpts:{kind}_edit", a(ARS_37, forbid={"cpts", "comite"}), post=SAME, obj=f"{kind}_a"),
            R(f"cpts:{kind}_edit", a({"siege_b"}), post=SAME, obj=f"{kind}_rb", variant="région B"),
        )
    ],
    R("cpts:centre_financements", None, post=a(ARS_37, forbid={"cpts", "comite"}), obj="centre_a"),
    R("cpts:centre_financements", None, post=a({"siege_b"}), obj="centre_rb", variant="région B"),
    R("cpts:contrat_anterieur_list", a(REGISTRE, deny="403")),
    R("cpts:carte", a(REGISTRE, deny="403")),
    R("cpts:carte_donnees", a(REGISTRE, deny="403")),
    # --- financements ----------------------------------------------------------------------------------
    R("financements:index", a(ARS | {"comite"}, deny="403")),
    R("financements:enveloppe_list", a(ARS, deny="403")),
    R("financements:enveloppe_create", a({"siege_a", "siege_b"}, deny="403"), post=SAME),
    R("financements:enveloppe_detail", a(ARS_A), obj="enveloppe_a"),
    R("financements:enveloppe_detail", a({"siege_b"}), obj="enveloppe_b", variant="région B"),
    R("financements:enveloppe_update", a({"siege_a"}, deny="403", hidden={"siege_b"}), post=SAME, obj="enveloppe_a"),
    R("financements:engagement_list", a(ARS, deny="403")),
    R("financements:engagement_create", a(ARS, deny="403"), post=SAME),
    R("financements:engagement_detail", a(ARS_37), obj="engagement_a"),
    R("financements:engagement_detail", a({"siege_b"}), obj="engagement_rb", variant="région B"),
    R("financements:engagement_action", None, post=a(ARS_37), obj="engagement_a", kw={"action": "paiement"}),
    R("financements:beneficiaire_detail", a(ARS_37), obj="beneficiaire_a"),
    R("financements:beneficiaire_detail", a({"siege_b"}), obj="beneficiaire_rb", variant="région B"),
    R("financements:cofinancement_add", None, post=a(ARS_37), obj="beneficiaire_a"),
    # --- référentiel: every région's values are read by every ARS agent and the comité (public rules, and a
    # siège adopts another région's value); a siège gestionnaire adopts for its own région only ---------------
    R("referentiel:list", a(ARS | {"comite"}, deny="403")),
    R("referentiel:adopt", a({"siege_a", "siege_b"}, deny="403"), post=SAME, obj="parametre_rb"),
    R("referentiel:adopt", a({"siege_a", "siege_b"}, deny="403"), post=SAME, obj="parametre_a", variant="région A"),
]

# The admin belongs to `is_staff` accounts only: no persona of the portal is staff, so every admin URL
# sends every persona to the admin's login page (which itself is public).
ADMIN_PREFIX = "admin:"
ADMIN_SPECIAL = {
    "admin:index": a(deny="login"),
    "admin:login": a(deny="login"),  # shadowed by admin_login: the portal's login page, with its TOTP step
    "admin:logout": a(LOGGED),  # it only redirects to the admin index
}


# --- The REST API (/api/v1/) --------------------------------------------------------------------------
# Same table for the session and for a token. DRF answers in JSON, never with a redirect: "403" when
# unauthenticated or not allowed, "404" out of scope. The API is read-only: a POST gets "405" from whoever may
# read, the GET refusal otherwise. Tokens are refused for the accounts that may not hold one.


@dataclass(frozen=True)
class Api:
    name: str
    ok: frozenset
    public: bool = False
    hidden: frozenset = frozenset()  # allowed in, but the object is out of their scope: 404
    post: str | None = None  # the POST outcome when it is not 405 / the GET refusal
    obj: str | None = None
    kw: dict = field(default_factory=dict)
    variant: str = ""
    query: str = ""  # a query string the view reads (the portrait's perimeter)

    @property
    def key(self) -> str:
        return f"{self.name}[{self.variant}]" if self.variant else self.name

    def expected(self, persona: str) -> str:
        if persona in self.ok or self.public:
            return "ok"
        if persona in self.hidden:
            return "404"
        return "403"


def api(name, ok=(), *, public=False, hidden=(), post=None, obj=None, kw=None, variant="") -> Api:
    return Api(name, frozenset(ok), public, frozenset(hidden), post, obj, kw or {}, variant)


TOKEN_HOLDERS = ARS | PARTNERS | {"comite"}  # comptes.perms.may_hold_api_token
API_ROUTES = [
    api("api:commune-list", LOGGED),
    api("api:commune-detail", LOGGED, obj="commune37"),
    api("api:zonage-commune", public=True, obj="commune37"),
    api("api:zonage-arrete-list", public=True),
    api("api:zonage-classement", ARS_A, hidden=ALL - ARS_A, obj="arrete_a"),
    api("api:zonage-classement", public=True, obj="arrete_a_publie", variant="publié"),
    api("api:indicateur-list", VIEW_OWN),
    api("api:indicateur-detail", VIEW_OWN, obj="indicateur"),
    api("api:indicateur-valeurs", VIEW_OWN, obj="indicateur"),
    api("api:cls-list", ARS | {"comite"}),
    api("api:cls-detail", ARS_37 | {"comite"}, hidden={"siege_b", "dd45"}, obj="contrat_a"),
    api("api:cls-fiches-actions", ARS_37 | {"comite"}, hidden={"siege_b", "dd45"}, obj="contrat_a"),
    api("api:cpts-list", LOGGED),
    api("api:cpts-detail", ARS_37 | {"cpts", "comite"}, hidden=LOGGED - ARS_37 - {"cpts", "comite"}, obj="cpts_a"),
    api("api:msp-list", LOGGED),
    api("api:centre-sante-list", LOGGED),
    api("api:esp-list", LOGGED),
    api("api:referentiel-list", ARS | {"comite"}),
    api("api:registres-index", ARS | {"comite"}, hidden=LOGGED - ARS - {"comite"}),
    api("api:registres-list", ARS | {"comite"}, hidden=LOGGED - ARS - {"comite"}, kw={"code": "dac"}),
    api(
        "api:registres-detail",
        ARS_37 | {"comite"},
        hidden=LOGGED - ARS_37 - {"comite"},
        obj="dac_a",
        kw={"code": "dac"},
    ),
    api(
        "api:registres-detail",
        {"siege_b"},
        hidden=LOGGED - {"siege_b"},
        obj="dac_rb",
        kw={"code": "dac"},
        variant="région B",
    ),
    api("api:financements-enveloppes", ARS),
    api("api:financements-engagements", ARS),
    api("api:not-found", hidden=ALL, post="404"),  # any other /api/v1/ address: a JSON 404
]
