"""Site-wide template context that needs no database query."""

from types import SimpleNamespace

from django.conf import settings

_SITE_CONFIG = SimpleNamespace(
    site_title=settings.SITE_NAME,
    site_tagline=settings.SITE_OPERATOR,
    header_brand_html="Agence régionale<br>de santé",
    footer_brand_html="Agence régionale<br>de santé",
    footer_description=(
        "Portail de l'Agence régionale de santé pour ses programmes territoriaux : "
        "contrats locaux de santé, zonage, CPTS et MSP, indicateurs et bilans."
    ),
    beta_tag=False,
    mourning=False,
    notice_title="",
    notice_description="",
)


def site(request):
    """Replace django-dsfr's DsfrConfig lookup (one query per page) by static values.

    `csp_nonce` is the name django-htmx's `{% htmx_script %}` reads; empty when the request did not go through the
    CSP middleware (an error page rendered on its own)."""
    return {
        "SITE_CONFIG": _SITE_CONFIG,
        "IS_DEMO": settings.IS_DEMO,
        "CONTACT_EMAIL": settings.CONTACT_EMAIL,
        "csp_nonce": getattr(request, "csp_nonce", None),
    }
