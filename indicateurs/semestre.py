"""The semester value object ("2026-S1"): one parser, one formatter, navigation and dates.

Used by the indicators (value periods, baselines, targets) and by acces_soins (semester bilans).
"""

import re
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError


class SemestreInvalide(ValidationError, ValueError):
    """An invalid semester: a ValidationError for forms and services, a ValueError for plain code."""


SEMESTRE_PATTERN = re.compile(r"^(?P<year>[0-9]{4})-S(?P<half>[12])$")
SEMESTRE_REGEX = r"^[0-9]{4}-S[12]$"


@dataclass(frozen=True, order=True)
class Semestre:
    """A calendar half-year: S1 = 1 January–30 June, S2 = 1 July–31 December."""

    year: int
    half: int

    def __post_init__(self):
        if self.half not in (1, 2) or not 1900 <= self.year <= 2999:
            raise SemestreInvalide(f"Semestre invalide : {self.year}-S{self.half}.")

    def __str__(self) -> str:
        return f"{self.year}-S{self.half}"

    @classmethod
    def parse(cls, text: "str | Semestre") -> "Semestre":
        """Parse "2026-S1" (spaces and case tolerated); raise ValueError otherwise."""
        if isinstance(text, Semestre):
            return text
        match = SEMESTRE_PATTERN.match(str(text).strip().upper())
        if not match:
            raise SemestreInvalide(f"Semestre invalide : « {text} » (format attendu : 2026-S1).")
        return cls(int(match["year"]), int(match["half"]))

    @classmethod
    def containing(cls, day: date) -> "Semestre":
        return cls(day.year, 1 if day.month <= 6 else 2)

    @classmethod
    def last_ended_before(cls, day: date) -> "Semestre":
        """The semester that ended most recently before `day` (1 July 2026 → 2026-S1)."""
        return cls.containing(day).previous()

    @property
    def start(self) -> date:
        return date(self.year, 1 if self.half == 1 else 7, 1)

    @property
    def end(self) -> date:
        return date(self.year, 6, 30) if self.half == 1 else date(self.year, 12, 31)

    @property
    def label(self) -> str:
        """French label: « 1er semestre 2026 »."""
        return f"{'1er' if self.half == 1 else '2e'} semestre {self.year}"

    @property
    def index(self) -> int:
        """A running number: consecutive semesters differ by one."""
        return self.year * 2 + self.half - 1

    def previous(self) -> "Semestre":
        return Semestre(self.year - 1, 2) if self.half == 1 else Semestre(self.year, 1)

    def next(self) -> "Semestre":
        return Semestre(self.year, 2) if self.half == 1 else Semestre(self.year + 1, 1)

    def __sub__(self, other: "Semestre") -> int:
        """Number of semesters from `other` to `self`."""
        return self.index - other.index

    def until(self, last: "Semestre") -> list["Semestre"]:
        """Every semester from this one to `last`, both included."""
        items, current = [], self
        while current <= last:
            items.append(current)
            current = current.next()
        return items


def validate_semestre(value: str) -> None:
    try:
        Semestre.parse(value)
    except ValueError as error:
        raise ValidationError(str(error), code="invalid_semestre") from error
