"""The registry of dossier kinds: how an app (cls, cpts…) plugs its filing into the machinery.

An app defines its own model (e.g. `cls.LettreIntention`) with a OneToOne to `instruction.Dossier`
and registers a `DossierKind` from its `AppConfig.ready()`. The machinery never imports the app:
it calls the hooks below.
"""

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class DossierKind:
    code: str  # stored in Dossier.kind
    label: str  # « Lettre d'intention CLS »
    reference_prefix: str  # « CLS » → CLS-2026-0001
    detail_url: Callable  # (dossier) -> URL of the app's dossier page
    receipt_lines: Callable = field(default=lambda dossier: [])  # (dossier) -> [(label, value)] for the receipt
    submit_check: Callable = field(default=lambda dossier: None)  # (dossier) -> raise ValidationError if incomplete
    departement_of: Callable | None = None  # (dossier) -> Departement used for routing at submission
    on_accepted: Callable | None = None  # (dossier, user) -> None, inside the acceptance transaction
    # (request, dossier, *, forms: dict, status: int) -> HttpResponse: the kind's dossier page rendered with
    # bound forms (keys of `selectors.dossier_panels`: transition, message, annotation, referent). The shared
    # POST views use it to show a failing form again with its errors and the typed text.
    render_page: Callable | None = None
    # Co-instruction with institutional partners (Assurance maladie, URPS…): None switches it off.
    # (dossier) -> queryset of partner organisations invited automatically when the dossier is filed;
    # `instruction.services.partners_covering` invites the active partners covering its département.
    co_instruction: Callable | None = None
    # Whether every invited organisation must have given its avis before an acceptance or a refusal.
    avis_required: bool = False


_REGISTRY: dict[str, DossierKind] = {}


def register(kind: DossierKind) -> None:
    _REGISTRY[kind.code] = kind


def get_kind(code: str) -> DossierKind:
    try:
        return _REGISTRY[code]
    except KeyError:
        raise LookupError(f"Type de dossier inconnu : {code}") from None


def kind_choices() -> list[tuple[str, str]]:
    return [(kind.code, kind.label) for kind in _REGISTRY.values()]
