"""Seed the territoires de démocratie sanitaire of Centre-Val de Loire and Hauts-de-France's catalogue of solutions.

The catalogue first went in as Centre-Val de Loire's with descriptions of our own; it now seeds the words of the
source for region 32 (migration 0008 corrects databases seeded before, and links the source document).

Départements are linked when the territorial referential is already imported; otherwise
`acces_soins.feuilles.seed_links.link_departements()` (called by the demo command, or from the shell) links them.
"""

from django.db import migrations


def seed(apps, schema_editor):
    from acces_soins.feuilles.seed import (
        CATALOGUE,
        CATALOGUE_REGION_CODE,
        REGION_CODE,
        TERRITOIRES_CVL,
        TERRITOIRES_SOURCE,
        catalogue_source,
    )

    TerritoireSante = apps.get_model("acces_soins", "TerritoireSante")
    Solution = apps.get_model("acces_soins", "Solution")
    Departement = apps.get_model("territoires", "Departement")
    for code, nom, conseil, departements in TERRITOIRES_CVL:
        territoire, _ = TerritoireSante.objects.get_or_create(
            region_code=REGION_CODE,
            code=code,
            defaults={"nom": nom, "conseil_nom": conseil, "source": TERRITOIRES_SOURCE},
        )
        territoire.departements.add(*Departement.objects.filter(code__in=departements))
    for ordre, libelle, theme, passage in CATALOGUE:
        Solution.objects.get_or_create(
            region_code=CATALOGUE_REGION_CODE,
            libelle=libelle,
            defaults={"ordre": ordre, "theme": theme, "source": catalogue_source(passage)},
        )


class Migration(migrations.Migration):
    dependencies = [("acces_soins", "0004_feuilles_de_route"), ("territoires", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
