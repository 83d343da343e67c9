"""Who reports in a campaign, generated from the portal's data — never typed in — and what each one is asked.

- each CLS in force at the end of the semester: its coordination (the collectivité porteuse) reports the state of the
  fiches actions and an avancement note of the contract;
- each CPTS whose ACI is in force: its porteur reports on the missions (and the catalogue indicators measured on a
  CPTS, if any);
- each délégation départementale: the measures of the plan in its département and the indicators of its département
  that no partner owns;
- each partner (CPAM, URPS…) that owns an indicator (`Indicateur.fournisseurs`): its values for the départements it
  covers (and the région when it covers all of them).

Each line carries what the portal already computes (shown, never retyped); only what needs a person is asked.
The CLS and CPTS are read through their apps' service functions (plain data), never their models.
"""

from dataclasses import dataclass, field

from acces_soins.enums import StatutMesure, TypeContributeur
from acces_soins.notes_blocs import fr_decimal
from acces_soins.periods import Perimetre, Semestre
from acces_soins.sections import provider
from config.typography import fr_number, fr_percent


@dataclass
class LigneSpec:
    kind: str  # a NoteKind code
    object_id: int
    libelle: str
    reference: str = ""
    cle: str = ""
    priorite: int | None = None
    requis: bool = True
    valeurs: list[dict] = field(default_factory=list)  # [{libelle, valeur}] already in French
    initial: dict = field(default_factory=dict)  # pre-filled form values (the current status…)

    @property
    def prerempli(self) -> dict:
        return {"valeurs": self.valeurs, "initial": self.initial}


@dataclass
class ContributeurSpec:
    type: str
    organisation_id: int
    libelle: str
    departement_id: int | None = None
    objet_model: str | None = None  # "app_label.model"
    objet_id: int = 0
    chiffres: list[dict] = field(default_factory=list)
    lignes: list[LigneSpec] = field(default_factory=list)


def _row(libelle: str, valeur) -> dict:
    return {"libelle": libelle, "valeur": valeur if isinstance(valeur, str) else fr_number(valeur)}


def _date(iso: str | None) -> str:
    if not iso:
        return "—"
    year, month, day = iso.split("-")
    return f"{day}/{month}/{year}"


def _euros(value) -> str:
    return f"{fr_number(value)}\u00a0€"


# --- CLS ---------------------------------------------------------------------------------------


def _cls(region_code: str, semestre: Semestre) -> list[ContributeurSpec]:
    contrats = provider("cls.services.campagne", "contrats_pour_campagne")
    if contrats is None:
        return []
    specs = []
    for contrat in contrats(region_code=region_code, on=semestre.end):
        fiches = contrat["fiches"]
        chiffres = [
            _row("Population couverte", contrat["population"]),
            _row("Étape du contrat", contrat["etape"]),
            _row("Fin du contrat", _date(contrat["date_fin"])),
            _row("Fiches actions", f"{len(fiches)}, dont {contrat['fiches_en_retard']} en retard"),
            _row(
                "Ingénierie (financements)",
                f"{_euros(contrat['financement_engage'])} engagés, {_euros(contrat['financement_verse'])} versés",
            ),
        ]
        lignes = [LigneSpec("contrat", contrat["id"], "Avancement du contrat", reference="CLS")]
        for fiche in fiches:
            valeurs = [
                _row("Statut enregistré", fiche["statut_libelle"]),
                _row("Fin prévue", _date(fiche["date_fin"])),
                _row(f"En retard au {_date(semestre.end.isoformat())}", "oui" if fiche["en_retard"] else "non"),
            ]
            lignes.append(
                LigneSpec(
                    "fiche",
                    fiche["id"],
                    fiche["intitule"],
                    reference=f"Fiche {fiche['numero']}",
                    valeurs=valeurs,
                    initial={"statut": fiche["statut"]},
                )
            )
        specs.append(
            ContributeurSpec(
                type=TypeContributeur.CLS,
                organisation_id=contrat["porteur_id"],
                libelle=f"{contrat['nom']} — {contrat['porteur_nom']}",
                departement_id=contrat["departement_id"],
                objet_model="cls.contratlocalsante",
                objet_id=contrat["id"],
                chiffres=chiffres,
                lignes=lignes,
            )
        )
    return specs


# --- CPTS --------------------------------------------------------------------------------------


def _cpts(region_code: str, semestre: Semestre, indicateurs_cpts) -> list[ContributeurSpec]:
    signees = provider("cpts.services.campagne", "cpts_pour_campagne")
    if signees is None:
        return []
    specs = []
    for cpts in signees(region_code=region_code, on=semestre.end):
        chiffres = [
            _row("Population du territoire", cpts["population"]),
            _row("Taille", cpts["taille"] or "—"),
            _row("ACI signé le", _date(cpts["date_aci"])),
            _row("Missions", f"{len(cpts['missions'])}, dont {cpts['missions_en_retard']} en retard"),
            _row(
                "Financements ARS",
                f"{_euros(cpts['financement_engage'])} engagés, {_euros(cpts['financement_verse'])} versés",
            ),
        ]
        lignes = []
        for mission in cpts["missions"]:
            valeurs = [
                _row(f"Statut calculé au {_date(semestre.end.isoformat())}", mission["statut_libelle"]),
                _row("Démarrage au plus tard le", _date(mission["echeance_demarrage"])),
                _row("Démarrée le", _date(mission["date_demarrage"])),
                _row("Déploiement au plus tard le", _date(mission["echeance_deploiement"])),
                _row("Déployée le", _date(mission["date_deploiement"])),
            ]
            if mission["indicateurs"]:
                valeurs.append(_row("Indicateurs de la mission", mission["indicateurs"]))
            lignes.append(LigneSpec("mission", mission["id"], mission["libelle"], reference="Mission", valeurs=valeurs))
        if indicateurs_cpts:
            _register_cpts_perimetre(cpts)
        lignes += _indicator_lines(indicateurs_cpts, [("cpts", cpts["public_id"], cpts["nom"], None)], semestre)
        specs.append(
            ContributeurSpec(
                type=TypeContributeur.CPTS,
                organisation_id=cpts["porteur_id"],
                libelle=f"{cpts['nom']} — {cpts['porteur_nom']}",
                departement_id=cpts["departement_id"],
                objet_model="cpts.cpts",
                objet_id=cpts["id"],
                chiffres=chiffres,
                lignes=lignes,
            )
        )
    return specs


def _register_cpts_perimetre(cpts: dict) -> None:
    """A CPTS is a perimeter of the indicators measured on CPTS (registered once, as the cpts app would)."""
    from indicateurs.perimetres import perimetre_programme
    from territoires.models import Departement

    departement = Departement.objects.get(pk=cpts["departement_id"])
    perimetre_programme(kind="cpts", code=cpts["public_id"], libelle=cpts["nom"], departement=departement)


# --- Indicators --------------------------------------------------------------------------------


def _indicator_lines(indicateurs, perimetres, semestre: Semestre) -> list[LigneSpec]:
    """One line per indicator × perimeter: computed ones are shown (not asked), the others ask the value of the
    semester with the latest value, the baseline and the target beside. `perimetres`: (kind, code, label, obj)."""
    from indicateurs.models import Perimetre as PerimetreIndicateur
    from indicateurs.selectors import lignes as indicator_rows

    lines = []
    for kind, code, label, _obj in perimetres:
        perimetre = PerimetreIndicateur.objects.filter(kind=kind, code=code).first()
        rows = (
            {row.indicateur.pk: row for row in indicator_rows(indicateurs, perimetre, jusqua=semestre)}
            if (perimetre and indicateurs)
            else {}
        )
        for indicateur in indicateurs:
            if kind not in indicateur.niveaux:
                continue
            row = rows.get(indicateur.pk)
            derniere = row.derniere if row else None
            unite = indicateur.get_unite_display()
            valeurs = []
            if derniere is not None:
                shown = "secret statistique" if derniere.secret else f"{fr_decimal(derniere.valeur)} {unite}"
                valeurs.append(_row(f"Dernière valeur ({derniere.periode})", shown))
                if derniere.commentaire:
                    valeurs.append(_row("Commentaire de cette valeur", derniere.commentaire))
            if row and row.baseline:
                valeurs.append(
                    _row(f"Référence ({row.baseline.periode})", f"{fr_decimal(row.baseline.valeur)} {unite}")
                )
            if row and row.cible:
                valeurs.append(_row(f"Cible ({row.cible.periode})", f"{fr_decimal(row.cible.valeur)} {unite}"))
            computed = indicateur.est_calcule
            if computed:
                this = derniere if derniere is not None and derniere.periode == str(semestre) else None
                valeurs.insert(
                    0,
                    _row(
                        f"Valeur calculée par le portail pour {semestre}",
                        f"{fr_decimal(this.valeur)} {unite}" if this and not this.secret else "pas encore calculée",
                    ),
                )
            lines.append(
                LigneSpec(
                    "indicateur",
                    indicateur.pk,
                    f"{indicateur.libelle} — {label}",
                    reference=indicateur.code,
                    cle=f"{kind}:{code}",
                    priorite=indicateur.priorite,
                    requis=not computed,
                    valeurs=valeurs,
                )
            )
    return lines


# --- Délégations ------------------------------------------------------------------------------


def _statut_text(obj) -> str:
    return f"{obj.get_statut_display()} ({obj.statut_date_affichee} — {obj.statut_source_affichee})"


def _chiffres_departement(perimetre: Perimetre, semestre: Semestre) -> list[dict]:
    """The headline figures of the département the bilan sections compute (CLS and CPTS coverage, ledger…)."""
    from acces_soins.sections import REGISTRY

    rows = []
    for name in ("cls", "cpts", "feuilles", "financements"):
        section = REGISTRY.get(name)
        try:
            data = section.function(perimetre, semestre) if section else None
        except Exception:  # noqa: BLE001 - a missing source shows « non disponible », as in the bilan
            data = None
        for figure in (data or {}).get("chiffres_cles", []):
            valeur = figure["valeur"]
            if figure["unite"] == "%":
                text = fr_percent(valeur)
            elif figure["unite"] == "€":
                text = _euros(valeur)
            else:
                text = fr_number(valeur) + (f" {figure['unite']}" if figure["unite"] else "")
            rows.append(_row(figure["libelle"], text))
    return rows


def _delegations(region_code: str, semestre: Semestre, indicateurs_dep, fournis) -> list[ContributeurSpec]:
    from acces_soins.selectors import current_plan
    from comptes.enums import OrganisationType
    from comptes.models import Organisation

    plan = current_plan(region_code)
    mesures = [mesure for priorite in plan.priorites.all() for mesure in priorite.mesures.all()] if plan else []
    delegations = (
        Organisation.objects.filter(type=OrganisationType.DELEGATION, is_active=True)
        .prefetch_related("departements__region")
        .order_by("nom")
    )
    specs = []
    for delegation in delegations:
        for departement in sorted(delegation.departements.all(), key=lambda d: d.code):
            if departement.region_id is None or departement.region.code != region_code:
                continue
            cle = f"departement:{departement.code}"
            lignes = []
            for mesure in mesures:
                declinaison = next((d for d in mesure.declinaisons.all() if d.departement_id == departement.pk), None)
                valeurs = [_row("Statut régional", _statut_text(mesure))]
                if declinaison is not None:
                    valeurs.append(_row("Statut dans le département", _statut_text(declinaison)))
                lignes.append(
                    LigneSpec(
                        "declinaison",
                        mesure.pk,
                        mesure.libelle,
                        reference=mesure.reference,
                        cle=cle,
                        priorite=mesure.priorite.numero,
                        valeurs=valeurs,
                        initial={"statut": (declinaison or mesure).statut or StatutMesure.NON_ENGAGEE},
                    )
                )
            own = [i for i in indicateurs_dep if not fournis.get(i.pk, set()) & {departement.pk}]
            lignes += _indicator_lines(
                own, [("departement", departement.code, str(departement), departement)], semestre
            )
            specs.append(
                ContributeurSpec(
                    type=TypeContributeur.DELEGATION,
                    organisation_id=delegation.pk,
                    libelle=f"{delegation.nom} — {departement}",
                    departement_id=departement.pk,
                    objet_model="territoires.departement",
                    objet_id=departement.pk,
                    chiffres=_chiffres_departement(Perimetre.departement(departement.code), semestre),
                    lignes=lignes,
                )
            )
    return specs


# --- Partners ---------------------------------------------------------------------------------


def _partenaires(region_code: str, semestre: Semestre, indicateurs) -> list[ContributeurSpec]:
    from comptes.enums import OrganisationType
    from comptes.models import Organisation
    from territoires.models import Departement, Region

    region = Region.objects.filter(code=region_code).first()
    if region is None:
        return []
    region_departements = set(Departement.objects.filter(region=region).values_list("pk", flat=True))
    partners = (
        Organisation.objects.filter(type=OrganisationType.PARTENAIRE, is_active=True, indicateurs_fournis__actif=True)
        .distinct()
        .prefetch_related("departements", "indicateurs_fournis")
        .order_by("nom")
    )
    specs = []
    for partner in partners:
        owned = [i for i in indicateurs if i in set(partner.indicateurs_fournis.all())]
        covered = sorted((d for d in partner.departements.all() if d.pk in region_departements), key=lambda d: d.code)
        if not owned or not covered:
            continue
        perimetres = [("departement", d.code, str(d), d) for d in covered]
        if {d.pk for d in covered} == region_departements:
            perimetres.insert(0, ("region", region.code, f"Région {region.nom}", region))
        specs.append(
            ContributeurSpec(
                type=TypeContributeur.PARTENAIRE,
                organisation_id=partner.pk,
                libelle=partner.nom,
                departement_id=covered[0].pk if len(covered) == 1 else None,
                objet_model=None,
                objet_id=0,
                lignes=_indicator_lines(owned, perimetres, semestre),
            )
        )
    return specs


def contributeurs(*, region_code: str, semestre: Semestre) -> list[ContributeurSpec]:
    """Every contributor of the région's campaign for the semester, with its pre-filled lines."""
    from indicateurs.models import Indicateur

    indicateurs = list(Indicateur.objects.actifs().prefetch_related("fournisseurs__departements"))
    fournis = {i.pk: {d.pk for org in i.fournisseurs.all() for d in org.departements.all()} for i in indicateurs}
    indicateurs_dep = [i for i in indicateurs if "departement" in i.niveaux]
    indicateurs_cpts = [i for i in indicateurs if "cpts" in i.niveaux]
    return [
        *_cls(region_code, semestre),
        *_cpts(region_code, semestre, indicateurs_cpts),
        *_delegations(region_code, semestre, indicateurs_dep, fournis),
        *_partenaires(region_code, semestre, [i for i in indicateurs if fournis[i.pk]]),
    ]
