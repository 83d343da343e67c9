"""The registry of dossier kinds: what a programme (cls, cpts…) declares to file and instruct its dossiers.

The machinery owns the pages (the déposant's list, the draft form with its pieces, the dossier page with
its timeline, messages, complément, decision and co-instruction panels), the state machine and the
notifications. A kind supplies only what differs: its content model and form, its sections (template
fragments), its checks before filing, its side effects and its partner organisations. An app registers
its kinds from its `AppConfig.ready()`; the machinery never imports the app.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.urls import reverse


@dataclass(frozen=True)
class Section:
    """One part of a kind's form, in the order of the page.

    `fields` are rendered with the shared field templates, or `template` (a fragment rendered with the page
    context) draws the part itself. A section with `pieces` lists the pieces already stored above its
    fields (the upload fields). The code is what the délégation names when it asks the déposant to correct this part
    during a complément.
    """

    code: str
    title: str
    fields: tuple[str, ...] = ()
    template: str = ""
    pieces: bool = False


@dataclass(frozen=True)
class DossierKind:
    code: str  # stored in Dossier.kind
    label: str  # « Lettre d'intention de contrat local de santé »
    reference_prefix: str  # « CLS » → CLS-2026-0001
    # (dossier) -> URL of the dossier page; defaults to the `<urls>_detail` page of a kind with pages.
    detail_url: Callable | None = None
    receipt_lines: Callable = field(default=lambda dossier: [])  # (dossier) -> [(label, value)] for the receipt
    submit_check: Callable = field(default=lambda dossier: None)  # (dossier) -> raise ValidationError if incomplete
    departement_of: Callable | None = None  # (dossier) -> Departement used for routing at submission
    # (dossier, by) -> None: inside the filing transaction, and again when the déposant sends back a dossier
    # corrected during a complément (e.g. cpts copies the territory of the lettre to the CPTS).
    on_filed: Callable | None = None
    on_accepted: Callable | None = None  # (dossier, user) -> None, inside the acceptance transaction
    # Co-instruction with institutional partners (Assurance maladie, URPS…): None switches it off.
    # (dossier) -> queryset of the partner organisations invited automatically when the dossier is filed;
    # `instruction.services.partners_covering` invites the active partners covering its département.
    co_instruction: Callable | None = None
    # Whether every invited organisation must have given its avis before an acceptance or a refusal.
    avis_required: bool = False

    # --- Pages. A kind without `content` has none: the shared POST views then redirect to `detail_url`.
    content: str = ""  # related_name of the kind's OneToOne to Dossier (« lettre_cls »)
    urls: str = ""  # « cls:lettre » → cls:lettre_list, cls:lettre_create, cls:lettre_edit, cls:lettre_detail
    noun: str = ""  # « lettre d'intention »: page titles (« Lettre d'intention CLS-2026-0001 »)
    submit_label: str = ""  # « Déposer la lettre d'intention »
    filed_message: str = ""  # shown after filing
    form_class: type | None = None  # a ModelForm of the content built on `instruction.forms.DossierFormMixin`
    form_kwargs: Callable = field(default=lambda content: {})
    sections: tuple[Section, ...] = ()
    # (content, *, data, uploads, by) -> content: save the valid part of the form (a service of the app).
    update: Callable | None = None
    # The déposant's own list and the creation of a draft (None: drafts are opened elsewhere).
    deposant_types: tuple[str, ...] = ()  # organisation types that file this kind
    list_title: str = ""  # « Mes lettres d'intention de contrat local de santé »
    create: Callable | None = None  # (*, organisation, by, **create form data) -> content
    create_form: type | None = None  # fields asked before the draft opens (the name of a future CPTS)
    create_label: str = ""  # « Rédiger une lettre d'intention »
    # What lists and headings say about one dossier.
    heading: Callable = field(default=lambda content: "")  # appended to the draft page's <h1>
    subject: Callable = field(default=lambda content: "")  # what it is about (territory, CPTS), in lists
    population: Callable = field(default=lambda content: None)
    # Template fragments: « summary » (<dt>/<dd> rows of « La demande »), « header » (under the title of the
    # dossier page), « aside » (top of its side column), « intro » (under the title of the draft page).
    templates: dict = field(default_factory=dict)
    # Extra template variables: (request, content, form) for the draft page, (request, content, context)
    # for the dossier page.
    form_context: Callable = field(default=lambda request, content, form: {})
    page_context: Callable = field(default=lambda request, content, context: {})
    # (content) -> breadcrumb links of the déposant's pages; the default is the kind's own list.
    breadcrumb: Callable | None = None
    instruction_list: str = ""  # URL name of the ARS list the dossier page links back to
    select_related: tuple[str, ...] = ()  # relations of the content its pages read (« cpts »)

    @property
    def has_pages(self) -> bool:
        return bool(self.content and self.form_class)

    def url(self, page: str, dossier=None) -> str:
        """URL of one of the kind's pages: list, create (no argument), edit, detail (a dossier)."""
        args = [dossier.public_id] if dossier is not None else []
        return reverse(f"{self.urls}_{page}", args=args)

    def dossier_url(self, dossier) -> str:
        return self.detail_url(dossier) if self.detail_url else self.url("detail", dossier)

    def content_of(self, dossier):
        return getattr(dossier, self.content)

    def content_model(self):
        from instruction.models import Dossier

        return Dossier._meta.get_field(self.content).related_model

    def section_choices(self) -> list[tuple[str, str]]:
        """What the délégation may open to corrections when it asks for a complément."""
        return [(section.code, section.title) for section in self.sections]

    def section_titles(self, codes) -> list[str]:
        """The titles of the named sections, for people (« * »: the whole dossier)."""
        if "*" in codes:
            return ["tout le dossier"]
        return [section.title for section in self.sections if section.code in codes]

    def section_fields(self, codes) -> set[str]:
        """The form fields of the named sections (« * »: every section)."""
        return {name for section in self.sections if "*" in codes or section.code in codes for name in section.fields}


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


def kinds_with_partners() -> list[str]:
    """The kinds instructed jointly with institutional partners."""
    return [kind.code for kind in _REGISTRY.values() if kind.co_instruction is not None]
