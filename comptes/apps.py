from django.apps import AppConfig


class ComptesConfig(AppConfig):
    name = "comptes"
    verbose_name = "Comptes et organisations"

    def ready(self):
        import config.checks  # noqa: F401 - registers the checks of the portal's own settings
