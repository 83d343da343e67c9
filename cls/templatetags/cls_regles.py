"""The CLS rules on any page (lettre, instruction, contract, home): legal basis and ingénierie simulation.

Template tags, so that the dossier pages can call them whatever view renders them:
- `{% cls_base_legale %}`: « Base légale : article L1434-2 … ; article L1434-10 … », from the register;
- `{% cls_ingenierie simulation %}`: a `cls.services.regles.Simulation` — ETP, cap, amount, ambiguity — or why no
  amount is computed, with the other regions' values as a reference only.
"""

from django import template

from cls.services.regles import base_legale

register = template.Library()


@register.inclusion_tag("cls/includes/_base_legale.html")
def cls_base_legale(articles=None):
    """`articles`: already read with the page's rules (`Apercu.base_legale`); else read here."""
    return {"articles": articles if isinstance(articles, list) else base_legale()}


@register.inclusion_tag("cls/includes/_ingenierie.html")
def cls_ingenierie(simulation, titre="Simulation du financement de l'ingénierie"):
    return {"simulation": simulation, "titre": titre}
