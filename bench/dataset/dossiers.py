"""Filed dossiers (instruction machinery) with their transitions, messages and first version."""

import datetime
from collections import defaultdict

from bench.dataset.context import Context
from instruction.enums import Etat, MotifVersion
from instruction.models import Dossier, Message, ReferenceSequence, Transition, Version

# The path of each final or open state from the draft.
PATHS = {
    Etat.BROUILLON: [],
    Etat.DEPOSEE: [Etat.DEPOSEE],
    Etat.EN_INSTRUCTION: [Etat.DEPOSEE, Etat.EN_INSTRUCTION],
    Etat.COMPLEMENT_DEMANDE: [Etat.DEPOSEE, Etat.EN_INSTRUCTION, Etat.COMPLEMENT_DEMANDE],
    Etat.ACCEPTEE: [Etat.DEPOSEE, Etat.EN_INSTRUCTION, Etat.ACCEPTEE],
    Etat.REFUSEE: [Etat.DEPOSEE, Etat.EN_INSTRUCTION, Etat.REFUSEE],
    Etat.CLASSEE: [Etat.DEPOSEE, Etat.CLASSEE],
}
REASONS = {
    Etat.REFUSEE: "Motif fictif : le territoire recouvre celui d'un projet déjà accepté.",
    Etat.CLASSEE: "Motif fictif : le porteur a retiré son projet.",
    Etat.COMPLEMENT_DEMANDE: "Complément fictif : préciser le calendrier et les partenaires.",
}
MESSAGES = [
    (False, "Bonjour, nous vous transmettons notre dossier (message fictif)."),
    (True, "Merci, votre dossier est bien reçu ; nous revenons vers vous (message fictif)."),
    (False, "Pouvez-vous nous indiquer le calendrier d'instruction ? (message fictif)"),
    (True, "L'instruction se poursuit ; la décision suivra le comité (message fictif)."),
]


class Dossiers:
    """Collects dossiers of any kind, then writes them and their logs in bulk."""

    def __init__(self, ctx: Context):
        self.ctx = ctx
        self.rows: list[dict] = []
        self.transitions: list[dict] = []
        self.messages: list[dict] = []
        self.versions: list[dict] = []
        self.sequences: dict[tuple[str, int], int] = defaultdict(int)

    def add(
        self,
        *,
        kind: str,
        prefix: str,
        etat: str,
        deposant_id: int,
        deposant_user: int,
        departement_id: int,
        instructeur: int | None,
        start: datetime.date,
    ) -> int:
        ctx = self.ctx
        (pk,) = ctx.writer.ids(Dossier, 1)
        created = ctx.moment(start)
        row = {
            "id": pk,
            "kind": kind,
            "etat": etat,
            "deposant_id": deposant_id,
            "departement_id": departement_id,
            "referent_id": instructeur if etat != Etat.BROUILLON else None,
            "created_by_id": deposant_user,
            "created_at": created,
            "updated_at": created,
            "complement_sections": ["*"] if etat == Etat.COMPLEMENT_DEMANDE else [],
        }
        previous, moment = Etat.BROUILLON, created
        for to in PATHS[etat]:
            moment += datetime.timedelta(days=ctx.rng.randint(3, 40))
            by = deposant_user if to == Etat.DEPOSEE else (instructeur or deposant_user)
            self.transitions.append(
                {
                    "dossier_id": pk,
                    "from_etat": previous,
                    "to_etat": to,
                    "by_id": by,
                    "at": moment,
                    "reason": REASONS.get(to, ""),
                }
            )
            if to == Etat.DEPOSEE:
                row["deposee_le"] = moment
                self.sequences[(prefix, moment.year)] += 1
                row["reference"] = f"{prefix}-{moment.year}-{self.sequences[(prefix, moment.year)]:04d}"
                self.versions.append(
                    {
                        "dossier_id": pk,
                        "numero": 1,
                        "motif": MotifVersion.DEPOT,
                        "created_at": moment,
                        "created_by_id": deposant_user,
                        "valeurs": [{"label": "Données", "value": "fictives"}],
                    }
                )
            if to in (Etat.ACCEPTEE, Etat.REFUSEE, Etat.CLASSEE):
                row["cloture_le"] = moment
            previous = to
        row["updated_at"] = moment
        if etat != Etat.BROUILLON:
            for index in range(self.ctx.config.messages_per_dossier):
                from_ars, body = MESSAGES[index % len(MESSAGES)]
                self.messages.append(
                    {
                        "dossier_id": pk,
                        "author_id": (instructeur or deposant_user) if from_ars else deposant_user,
                        "from_ars": from_ars,
                        "body": body,
                        "created_at": row["deposee_le"] + datetime.timedelta(hours=6 * (index + 1)),
                    }
                )
        self.rows.append(row)
        return pk

    def write(self) -> None:
        writer = self.ctx.writer
        writer.insert(Dossier, self.rows)
        writer.insert(Transition, self.transitions)
        writer.insert(Message, self.messages)
        writer.insert(Version, self.versions)
        existing = {(s.prefix, s.year): s for s in ReferenceSequence.objects.all()}
        for (prefix, year), last in self.sequences.items():
            sequence = existing.get((prefix, year)) or ReferenceSequence(prefix=prefix, year=year)
            sequence.last = max(sequence.last or 0, last)
            sequence.save()
