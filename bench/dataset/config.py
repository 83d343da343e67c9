"""How big the data set is: one preset per scale, and a tiny one for the query-budget tests."""

from dataclasses import dataclass

REFERENCE_REGION = "24"


@dataclass(frozen=True)
class Config:
    name: str
    regions: tuple[str, ...] | None  # None: every region of France
    collectivites: int
    cls: int
    fiches_per_cls: int
    cpts: int
    msp: int
    centres: int
    esp: int
    semestres: int  # indicator values: this many semesters back from the current one
    zonage_versions: int
    messages_per_dossier: int
    comites: int
    actions_per_feuille: int
    enveloppes_per_region: int
    users_per_office: int  # siège, délégation and comité accounts per office

    @property
    def geography(self) -> str | None:
        """The region imported (None: all of France)."""
        return None if self.regions is None else REFERENCE_REGION


NATIONAL = Config(
    name="national",
    regions=None,
    collectivites=2_000,
    cls=500,
    fiches_per_cls=20,
    cpts=1_000,
    msp=1_800,
    centres=700,
    esp=300,
    semestres=32,
    zonage_versions=3,
    messages_per_dossier=4,
    comites=8,
    actions_per_feuille=12,
    enveloppes_per_region=6,
    users_per_office=3,
)

# One region, about 1/15th of the national set (Centre-Val de Loire: 6 départements of 101).
REGION = Config(
    name="region",
    regions=(REFERENCE_REGION,),
    collectivites=135,
    cls=34,
    fiches_per_cls=20,
    cpts=67,
    msp=120,
    centres=47,
    esp=20,
    semestres=32,
    zonage_versions=3,
    messages_per_dossier=4,
    comites=8,
    actions_per_feuille=12,
    enveloppes_per_region=6,
    users_per_office=3,
)


def tiny(factor: int) -> Config:
    """A small set whose every count (and every per-object count) grows with `factor`: the query-budget tests
    build it at 1 and 10 and check that no page runs more queries on the larger one."""
    return Config(
        name=f"tiny×{factor}",
        regions=(REFERENCE_REGION,),
        collectivites=8 * factor,
        cls=2 * factor,
        fiches_per_cls=2 * factor,
        cpts=5 * factor,
        msp=3 * factor,
        centres=2 * factor,
        esp=factor,
        semestres=2 * factor,
        zonage_versions=1 + factor // 5,
        messages_per_dossier=factor,
        comites=factor,
        actions_per_feuille=2 * factor,
        enveloppes_per_region=factor + 1,
        users_per_office=factor,
    )


SCALES = {"national": NATIONAL, "region": REGION, "smoke": tiny(10)}  # smoke: a check of `make bench` in a minute
