"""Move the CPTS/MSP catalogues onto the register's sources and dates, and the centres de santé out of the MSP table.

- Missions get the date they exist from and their source (`[[mission]]` of referentiel/data/cpts.toml). For an ACI
  signed before a mission existed (the crisis mission of the avenant 2), its deadlines now run from that date; the
  mission is dropped from contracts that ended before it existed (unless dates were recorded on it).
- A signed CPTS records its size class at signature (`taille_signature`).
- Every former `Msp` of type « centre de santé » becomes a `CentreSante` (same public id, main site → commune and
  address, other sites in the note, team, declared funding and ledger record kept). Its MSP ACI criteria are
  dropped: the MSP ACI does not apply to a centre de santé (it has its own accord national).
- The pre-ACI contracts of the TOML files are created (the MSP criteria are, by 0008, once their points are gone).
The values themselves (deadlines, amounts, thresholds, points) are loaded into `referentiel` from the same files by
its `post_migrate` handler; migration 0008 then drops the former tables.
"""

from django.db import migrations

MOVED_NOTE = "Repris du registre des MSP, où ce centre était enregistré comme « centre de santé »."


def missions(apps):
    from cpts.dates import add_months
    from cpts.seed import ensure_sources, read_catalogue

    Mission = apps.get_model("cpts", "Mission")
    MissionCpts = apps.get_model("cpts", "MissionCpts")
    rows = read_catalogue("mission")
    sources = ensure_sources(apps, {row["source"] for row in rows} | {"lecture-equipe"})
    for row in rows:
        values = {
            "libelle": row["libelle"],
            "type": row["type"],
            "ordre": row["ordre"],
            "valide_du": row["valide_du"],
            "valide_au": row.get("valide_au"),
            "source_ref": sources[row["source"]],
            "source_precision": row.get("source_precision", ""),
        }
        mission, created = Mission.objects.get_or_create(
            code=row["code"], defaults={**values, "source": sources[row["source"]].titre[:300]}
        )
        if not created:
            for name in ("valide_du", "valide_au", "source_ref", "source_precision"):
                setattr(mission, name, values[name])
            mission.save()
    earliest = min(row["valide_du"] for row in rows)
    Mission.objects.filter(valide_du__isnull=True).update(
        valide_du=earliest,
        source_ref=sources["lecture-equipe"],
        source_precision="Mission ajoutée dans l'administration : date et source à compléter.",
    )
    late = MissionCpts.objects.select_related("cpts", "mission").filter(cpts__date_aci__isnull=False)
    for row in late:
        anchor = row.mission.valide_du
        if row.cpts.date_aci >= anchor:
            continue
        if (
            row.cpts.date_fin_aci
            and row.cpts.date_fin_aci <= anchor
            and not (row.date_demarrage or row.date_deploiement)
        ):
            row.delete()
            continue
        if row.mission.delai_demarrage_mois is not None:
            row.echeance_demarrage = add_months(anchor, row.mission.delai_demarrage_mois)
        if row.mission.delai_deploiement_mois is not None:
            row.echeance_deploiement = add_months(anchor, row.mission.delai_deploiement_mois)
        row.save(update_fields=["echeance_demarrage", "echeance_deploiement"])


def tailles(apps):
    Cpts = apps.get_model("cpts", "Cpts")
    for cpts in Cpts.objects.filter(date_aci__isnull=False).exclude(taille=""):
        cpts.taille_signature = cpts.taille
        cpts.save(update_fields=["taille_signature"])


def centres(apps):
    Msp = apps.get_model("cpts", "Msp")
    CentreSante = apps.get_model("cpts", "CentreSante")
    ProfessionnelCentre = apps.get_model("cpts", "ProfessionnelCentre")
    FinancementMsp = apps.get_model("cpts", "FinancementMsp")
    for msp in Msp.objects.filter(type="centre_sante").order_by("pk"):
        sites = list(msp.sites.select_related("commune").order_by("-principal", "pk"))
        main = sites[0] if sites else None
        others = [f"{site.adresse} {site.commune.nom}".strip() for site in sites[1:]]
        note = MOVED_NOTE + (f" Autres sites : {' ; '.join(others)}." if others else "")
        beneficiaire = msp.beneficiaire
        msp.beneficiaire = None
        msp.save(update_fields=["beneficiaire"])
        centre = CentreSante.objects.create(
            public_id=msp.public_id,
            nom=msp.nom,
            porteur=msp.porteur,
            departement=msp.departement,
            commune=main.commune if main else None,
            adresse=main.adresse if main else "",
            statut=msp.statut,
            is_fictif=msp.is_fictif,
            beneficiaire=beneficiaire,
            date_projet_sante=msp.date_projet_sante,
            date_accord_national=msp.date_aci,
            note=note,
        )
        ProfessionnelCentre.objects.bulk_create(
            [
                ProfessionnelCentre(centre=centre, profession=row.profession, nombre=row.nombre)
                for row in msp.professionnels.all()
            ]
        )
        FinancementMsp.objects.filter(msp=msp).update(msp=None, centre=centre)
        msp.delete()


def forwards(apps, schema_editor):
    from cpts.seed import seed_contrats_anterieurs

    missions(apps)
    tailles(apps)
    centres(apps)
    seed_contrats_anterieurs(apps)


class Migration(migrations.Migration):
    dependencies = [("cpts", "0006_centres_esp_contrats_register_fields")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
