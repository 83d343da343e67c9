"""Which messages of a dossier a user has read: the unread counts of the lists and of the navigation."""

from django.utils import timezone

from instruction.models import Dossier, Lecture

_UNKNOWN = object()


def messages_read(*, dossier: Dossier, user, previous=_UNKNOWN):
    """The user opens the dossier page: every message posted until now is read. Returns when the user had
    last read it (None the first time), so that the page can mark what is new. `previous`: that time when the
    caller already read it (`DossierQuerySet.with_page_data`), which saves a query."""
    mine = Lecture.objects.filter(dossier=dossier, user=user)
    if previous is _UNKNOWN:
        previous = mine.values_list("lu_le", flat=True).first()
    now = timezone.now()
    if previous is None or not mine.update(lu_le=now):  # one query; an upsert if another request got there
        Lecture.objects.bulk_create(
            [Lecture(dossier=dossier, user=user, lu_le=now)],
            update_conflicts=True,
            unique_fields=["dossier", "user"],
            update_fields=["lu_le"],
        )
    return previous


def unread_total(user) -> int:
    """The unread messages of every dossier the user follows (one query)."""
    return sum(
        Dossier.objects.followed_by(user).with_unread(user).filter(non_lus__gt=0).values_list("non_lus", flat=True)
    )
