from django.urls import path

from instruction.views import actions, lists, pages

app_name = "instruction"

urlpatterns = [
    path("dossiers/<uuid:public_id>/decision/", actions.transition, name="transition"),
    path("dossiers/<uuid:public_id>/message/", actions.message, name="message"),
    path("dossiers/<uuid:public_id>/annotation/", actions.annotation, name="annotation"),
    path("dossiers/<uuid:public_id>/referent/", actions.referent, name="referent"),
    path("dossiers/<uuid:public_id>/avis/", actions.avis, name="avis"),
    path("dossiers/<uuid:public_id>/partenaires/", actions.participation_invite, name="participation_invite"),
    path(
        "dossiers/<uuid:public_id>/partenaires/<int:participation_id>/retrait/",
        actions.participation_remove,
        name="participation_remove",
    ),
    path("pieces/<uuid:public_id>/", actions.piece_download, name="piece"),
    path("co-instruction/", lists.co_instruction_list, name="co_instruction_list"),
    path("messages/", lists.messages_index, name="messages"),
    path("messages/non-lus/", lists.messages_badge, name="messages_badge"),
]


def dossier_urls(kind: str, prefix: str, name: str, *, own_list: bool = True) -> list:
    """The pages of a dossier kind under an app's URLs: `<name>_list` and `<name>_create` (the déposant's
    list, unless `own_list` is False), `<name>_detail` and `<name>_edit` (the draft, or the corrections)."""
    kwargs = {"kind": kind}
    routes = [
        path(f"{prefix}<uuid:public_id>/", pages.dossier_detail, kwargs, name=f"{name}_detail"),
        path(f"{prefix}<uuid:public_id>/brouillon/", pages.dossier_edit, kwargs, name=f"{name}_edit"),
    ]
    if own_list:
        routes += [
            path(prefix, pages.dossier_list, kwargs, name=f"{name}_list"),
            path(f"{prefix}nouvelle/", pages.dossier_create, kwargs, name=f"{name}_create"),
        ]
    return routes
