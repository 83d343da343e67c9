"""The dossiers of the fixture world: every kind (CLS lettre, CPTS lettre, CPTS projet de santé) in every state,
« complément demandé » with corrections typed by the déposant, an answered complément, messages both ways (some
unread), annotations, a référent, co-instruction invitations and avis, in both régions.

Keys: `<prefix>_<état>` (`cls_deposee`, `cptsl_complement_demande`, `projet_acceptee`…), plus the région B
dossiers (`cls_rb_deposee`, `cptsl_rb_deposee`, `projet_rb_deposee`). Names and free text carry the région's
marker (see world.py).
"""

from instruction.enums import Etat

ETATS = ("brouillon", "deposee", "en_instruction", "complement_demande", "acceptee", "refusee", "classee")
PATHS = {
    Etat.BROUILLON: [],
    Etat.DEPOSEE: [],
    Etat.EN_INSTRUCTION: [Etat.EN_INSTRUCTION],
    Etat.COMPLEMENT_DEMANDE: [Etat.EN_INSTRUCTION, Etat.COMPLEMENT_DEMANDE],
    Etat.ACCEPTEE: [Etat.EN_INSTRUCTION, Etat.ACCEPTEE],
    Etat.REFUSEE: [Etat.EN_INSTRUCTION, Etat.REFUSEE],
    Etat.CLASSEE: [Etat.CLASSEE],
}
# The section each kind opens to corrections, and what the déposant types there.
CORRECTIONS = {
    "cls": ("contacts", "contact_nom"),
    "cpts": ("contact", "contact_nom"),
    "cpts_projet": ("gouvernance", "gouvernance"),
}


def _advance(dossier, etat: str, *, agent, deposant, marker: str) -> None:
    """Move a filed dossier to `etat` as the instructing agent; a complément opens one section, which the
    déposant corrects (pending corrections: the team sees the difference)."""
    from comptes.models import User
    from instruction.enums import SensAvis
    from instruction.kinds import get_kind
    from instruction.services import avis_give, dossier_transition

    kind = get_kind(dossier.kind)
    section, field = CORRECTIONS[dossier.kind]
    for step in PATHS[etat]:
        if step in (Etat.ACCEPTEE, Etat.REFUSEE) and kind.avis_required:
            for participation in dossier.participations.select_related("organisation"):
                avis_give(
                    dossier=dossier,
                    organisation=participation.organisation,
                    author=User.objects.filter(memberships__organisation=participation.organisation).first(),
                    sens=SensAvis.FAVORABLE,
                    motivation=f"{marker} avis motivé",
                )
        sections = [section] if step == Etat.COMPLEMENT_DEMANDE else []
        dossier_transition(dossier=dossier, to_etat=step, by=agent, reason=f"{marker} motif", sections=sections)
    dossier.refresh_from_db()
    if etat == Etat.COMPLEMENT_DEMANDE:
        content = kind.content_model().objects.get(dossier=dossier)
        content.dossier = dossier
        kind.update(content, data={field: f"{marker} correction du déposant"}, uploads={}, by=deposant)
        dossier.refresh_from_db()


def _lettres_cls(w) -> None:
    from instruction.services import annotation_add, dossier_answer, message_post, referent_assign
    from tests.cls.factories import complete_lettre

    o, u = w.objects, w.users
    for etat in ETATS:
        lettre = complete_lettre(
            organisation=o["org_coll_a"], user=u["coll_a_gest"], epcis=[o["epci37"]], submit=etat != "brouillon"
        )
        _advance(lettre.dossier, etat, agent=u["dd37"], deposant=u["coll_a_gest"], marker="RGA-")
        o[f"cls_{etat}"] = lettre.dossier
    message_post(dossier=o["cls_en_instruction"], author=u["dd37"], from_ars=True, body="RGA- message")
    message_post(dossier=o["cls_en_instruction"], author=u["coll_a_gest"], from_ars=False, body="RGA- réponse")
    referent_assign(dossier=o["cls_en_instruction"], referent=u["dd37"], by=u["dd37"])
    annotation_add(dossier=o["cls_deposee"], author=u["dd37"], body="RGA- annotation interne")
    o["piece_cls"] = o["cls_deposee"].pieces.filter(categorie="principale").get()
    # A complément answered: back « en instruction », with a version of what was sent.
    answered = complete_lettre(organisation=o["org_coll_a"], user=u["coll_a_gest"], epcis=[o["epci37"]]).dossier
    _advance(answered, Etat.COMPLEMENT_DEMANDE, agent=u["dd37"], deposant=u["coll_a_gest"], marker="RGA-")
    dossier_answer(dossier=answered, author=u["coll_a_gest"], body="RGA- voici les corrections")
    answered.refresh_from_db()
    o["cls_complement_repondu"] = answered
    o["cls_b_brouillon"] = complete_lettre(
        organisation=o["org_coll_b"], user=u["coll_b"], epcis=[o["epci45"]], submit=False
    ).dossier
    o["cls_b_deposee"] = complete_lettre(organisation=o["org_coll_b"], user=u["coll_b"], epcis=[o["epci45"]]).dossier
    # Région B: a dossier in instruction with messages, a référent and pending corrections, and a draft.
    rb = complete_lettre(organisation=o["org_coll_rb"], user=u["coll_rb"], epcis=[o["epci35"]]).dossier
    o["cls_rb_deposee"] = rb
    complement = complete_lettre(organisation=o["org_coll_rb"], user=u["coll_rb"], epcis=[o["epci35"]]).dossier
    _advance(complement, Etat.COMPLEMENT_DEMANDE, agent=u["dd35"], deposant=u["coll_rb"], marker="RGB-")
    o["cls_rb_complement"] = complement
    message_post(dossier=complement, author=u["dd35"], from_ars=True, body="RGB- message")
    message_post(dossier=complement, author=u["coll_rb"], from_ars=False, body="RGB- réponse")
    referent_assign(dossier=complement, referent=u["dd35"], by=u["dd35"])
    annotation_add(dossier=complement, author=u["dd35"], body="RGB- annotation interne")
    o["piece_cls_rb"] = rb.pieces.filter(categorie="principale").get()
    o["cls_rb_brouillon"] = complete_lettre(
        organisation=o["org_coll_rb"], user=u["coll_rb"], epcis=[o["epci35"]], submit=False
    ).dossier


def _lettres_cpts(w) -> None:
    from instruction.services import message_post
    from tests.cpts.factories import complete_lettre

    o, u = w.objects, w.users
    for etat in ETATS:
        lettre = complete_lettre(
            organisation=o["org_cpts_a"], user=u["cpts"], nom=f"CPTS RGA-Lettre {etat}", submit=etat != "brouillon"
        )
        _advance(lettre.dossier, etat, agent=u["dd37"], deposant=u["cpts"], marker="RGA-")
        o[f"cptsl_{etat}"] = lettre.dossier
    o["participation_cpam"] = o["cptsl_deposee"].participations.get(organisation=o["org_cpam"])
    message_post(dossier=o["cptsl_en_instruction"], author=u["cpts"], from_ars=False, body="RGA- question")
    rb = complete_lettre(organisation=o["org_cpts_b"], user=u["cpts_b"], nom="CPTS RGB-Lettre").dossier
    o["cptsl_rb_deposee"] = rb
    o["participation_cpam_b"] = rb.participations.get(organisation=o["org_cpam_b"])
    message_post(dossier=rb, author=u["dd35"], from_ars=True, body="RGB- message CPTS")


def _projets_cpts(w) -> None:
    from tests.cpts.factories import complete_projet, validated_cpts

    o, u = w.objects, w.users
    for etat in ETATS:
        cpts = validated_cpts(porteur=o["org_cpts_a"], departement=o["dep37"], by=u["dd37"], nom=f"CPTS RGA-P {etat}")
        projet = complete_projet(cpts=cpts, user=u["cpts"], submit=etat != "brouillon")
        _advance(projet.dossier, etat, agent=u["dd37"], deposant=u["cpts"], marker="RGA-")
        o[f"projet_{etat}"] = projet.dossier
    cpts = validated_cpts(porteur=o["org_cpts_b"], departement=o["dep35"], by=u["dd35"], nom="CPTS RGB-Projet")
    o["projet_rb_deposee"] = complete_projet(cpts=cpts, user=u["cpts_b"]).dossier


def build_dossiers(w) -> None:
    _lettres_cls(w)
    _lettres_cpts(w)
    _projets_cpts(w)
