"""What the generation steps share: the seeded generator, the writer, the geography read once, the ids made."""

import datetime
import random
from collections import defaultdict
from dataclasses import dataclass, field

from bench.dataset.config import Config
from bench.dataset.writer import NOW, Writer

TODAY = NOW.date()
FICTIF = "(fictif)"
DOMAIN = "bench.invalid"  # reserved TLD: no e-mail can ever reach anyone


@dataclass
class Commune:
    id: int
    code: str
    nom: str
    departement_id: int
    epci_id: int | None
    population: int


@dataclass
class Epci:
    id: int
    siren: str
    nom: str
    population: int
    communes: list[Commune] = field(default_factory=list)

    @property
    def departement_id(self) -> int:
        """The département of most of its inhabitants (the pilot département of what it carries)."""
        totals: dict[int, int] = defaultdict(int)
        for commune in self.communes:
            totals[commune.departement_id] += commune.population
        return max(totals, key=lambda key: (totals[key], -key))

    @property
    def departement_ids(self) -> list[int]:
        return sorted({commune.departement_id for commune in self.communes})


@dataclass
class Departement:
    id: int
    code: str
    nom: str
    region_id: int


@dataclass
class Region:
    id: int
    code: str
    nom: str
    departements: list[Departement] = field(default_factory=list)


class Context:
    def __init__(self, config: Config, seed: int):
        self.config = config
        self.seed = seed
        self.rng = random.Random(seed)
        self.writer = Writer(self.rng)
        self.regions: list[Region] = []
        self.departements: dict[int, Departement] = {}
        self.epcis: list[Epci] = []
        self.communes_by_departement: dict[int, list[Commune]] = defaultdict(list)
        # ids made by the steps, by role: "siege:24" -> organisation id, "user:siege:24" -> [user ids]…
        self.orgs: dict[str, int] = {}
        self.users: dict[str, list[int]] = defaultdict(list)
        self.collectivites: list[tuple[int, Epci]] = []  # (organisation id, its EPCI)
        self.contrats: list[dict] = []
        self.cpts: list[dict] = []
        self.beneficiaires: list[dict] = []  # ledger records: {"id", "departement_id", "region_id", "programme"}

    def load_geography(self) -> None:
        """Read the imported referential once (one query per table, no model instances kept)."""
        from territoires import models as geo

        codes = self.config.regions
        regions = geo.Region.objects.order_by("code")
        if codes is not None:
            regions = regions.filter(code__in=codes)
        by_id = {}
        for pk, code, nom in regions.values_list("pk", "code", "nom"):
            by_id[pk] = Region(pk, code, nom)
        self.regions = list(by_id.values())
        departements = geo.Departement.objects.filter(region_id__in=by_id).order_by("code")
        for pk, code, nom, region_id in departements.values_list("pk", "code", "nom", "region_id"):
            departement = Departement(pk, code, nom, region_id)
            self.departements[pk] = departement
            by_id[region_id].departements.append(departement)
        epcis = {}
        communes = (
            geo.Commune.objects.filter(departement_id__in=self.departements)
            .order_by("code_insee")
            .values_list("pk", "code_insee", "nom", "departement_id", "epci_id", "population")
        )
        for pk, code, nom, departement_id, epci_id, population in communes.iterator(chunk_size=5000):
            commune = Commune(pk, code, nom, departement_id, epci_id, population or 0)
            self.communes_by_departement[departement_id].append(commune)
            if epci_id is not None:
                epcis.setdefault(epci_id, []).append(commune)
        rows = geo.EPCI.objects.filter(pk__in=list(epcis)).order_by("siren").values_list("pk", "siren", "nom")
        for pk, siren, nom in rows:
            members = epcis[pk]
            self.epcis.append(Epci(pk, siren, nom, sum(c.population for c in members), members))

    def region_of(self, departement_id: int) -> Region:
        region_id = self.departements[departement_id].region_id
        return next(region for region in self.regions if region.id == region_id)

    def day(self, start: datetime.date, end: datetime.date) -> datetime.date:
        return start + datetime.timedelta(days=self.rng.randint(0, max(0, (end - start).days)))

    def moment(self, day: datetime.date) -> datetime.datetime:
        return datetime.datetime.combine(day, datetime.time(9 + self.rng.randint(0, 8)), tzinfo=datetime.UTC)

    def spread(self, items: list, count: int) -> list:
        """`count` items picked evenly over `items` (every region gets its share), in a stable order."""
        if not items or count <= 0:
            return []
        if count >= len(items):
            return list(items)
        step = len(items) / count
        return [items[int(index * step)] for index in range(count)]
