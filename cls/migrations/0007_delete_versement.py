from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("cls", "0006_ingenierie_beneficiaire")]

    operations = [migrations.DeleteModel(name="Versement")]
