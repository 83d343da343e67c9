"""System checks of the settings the portal adds (registered by `comptes.apps`: `config` is no app)."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register
from django.http.request import validate_host


@register(Tags.security, deploy=True)
def check_site_url(app_configs=None, **kwargs):
    """`check --deploy`: the links of the e-mails need an absolute HTTPS `SITE_URL` on a served host."""
    url = getattr(settings, "SITE_URL", "")
    parts = urlsplit(url)
    if parts.scheme != "https" or not parts.hostname:
        return [
            Error(
                "SITE_URL doit être l'adresse HTTPS absolue du portail (ex. https://sante-territoires.example.fr) : "
                "les liens des e-mails en dépendent.",
                id="config.E001",
            )
        ]
    if not validate_host(parts.hostname, settings.ALLOWED_HOSTS):
        return [
            Warning(
                f"L'hôte de SITE_URL ({parts.hostname}) n'est pas dans ALLOWED_HOSTS : les liens des e-mails "
                "mèneraient à une erreur 400.",
                id="config.W001",
            )
        ]
    return []


@register()
def check_site_url_set(app_configs=None, **kwargs):
    """Everywhere: without `SITE_URL`, e-mails would carry relative links."""
    if not getattr(settings, "SITE_URL", ""):
        return [Warning("SITE_URL n'est pas renseigné : les liens des e-mails seront incomplets.", id="config.W002")]
    return []
