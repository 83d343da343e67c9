"""The read log of personal data: every list, fiche, export, map or API read of a register that holds personal
data, by someone allowed to see it, is one row (who, when, which register, which entries)."""

from registres.models import LectureDonnees


def lecture_enregistrer(*, user, registre, action: str, entrees=(), request=None) -> LectureDonnees | None:
    """Record one read; nothing when the register holds no personal data."""
    if not registre.personnels:
        return None
    ids = [str(entree.public_id) for entree in entrees]
    return LectureDonnees.objects.create(
        user=user,
        registre=registre.code,
        action=action,
        nombre=len(ids),
        objets=ids[:500],
        chemin=(request.get_full_path() if request is not None else "")[:500],
    )
