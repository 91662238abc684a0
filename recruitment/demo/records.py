"""The shapes of the demo's data: the rows of its tables (``data``) and what a build returns."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

# --- Places and people ----------------------------------------------------------------------


@dataclass(frozen=True)
class Locality:
    """A ward or commune of Phủ Lý, whose grassroots committee has one cell per residential
    group (tổ dân phố) of a ward or village (thôn) of a commune."""

    name: str
    residential_cells: int
    #: The day its grassroots organisation became active.
    active_from: date


@dataclass(frozen=True)
class Province:
    """A province where citizen IDs are registered, with a few of its districts."""

    name: str
    #: (district, its wards, communes and townships).
    districts: tuple[tuple[str, tuple[str, ...]], ...]


@dataclass(frozen=True)
class Minority:
    """An ethnic minority, the province its people come from and its share among minorities."""

    ethnicity: str
    #: The citizen-ID code of the province.
    province: str
    weight: float


@dataclass(frozen=True)
class Profile:
    """What the members of one kind of cell are like."""

    female_share: float
    #: Age on the snapshot of members admitted before the term: (low, mode, high).
    age: tuple[int, int, int]
    occupations: tuple[tuple[str, float], ...]
    #: Nominal members of a cell of this kind (min, max).
    size: tuple[int, int]
    #: Older members may have retired.
    retires: bool = False
    #: How readily the cell admits new members and names candidates, relative to its size.
    admission_weight: float = 1.0


# --- The organisations ----------------------------------------------------------------------


@dataclass(frozen=True)
class Committee:
    """A grassroots committee whose cells are all of one profile."""

    name: str
    category: str
    profile: str
    cells: tuple[str, ...]
    active_from: date


@dataclass(frozen=True)
class GrassrootsCells:
    """Grassroots cells of one category and profile, each an organisation of its own."""

    names: tuple[str, ...]
    category: str
    profile: str
    active_from: date


@dataclass(frozen=True)
class CellSpec:
    """A cell under a grassroots committee."""

    name: str
    profile: str
    #: Where its members live (a residential cell), or "" for anywhere in the city.
    place: str = ""


@dataclass(frozen=True)
class OrgSpec:
    """A grassroots organisation: a committee with its cells, or a grassroots cell."""

    name: str
    category: str
    active_from: date
    #: The cells of a committee; empty for a grassroots cell.
    cells: tuple[CellSpec, ...] = ()
    #: The profile of a grassroots cell's one cell.
    profile: str = ""

    @property
    def is_committee(self) -> bool:
        return bool(self.cells)


class DemoUser(NamedTuple):
    """A demo user to create."""

    username: str
    role: str
    #: The grassroots organisation of grassroots staff, "" for the others.
    organisation: str


# --- Results --------------------------------------------------------------------------------


@dataclass(frozen=True)
class DemoLogin:
    """A demo user's log-in as printed by the seed command."""

    username: str
    role: str
    organisation: str
    password: str


@dataclass(frozen=True)
class DemoSummary:
    """What ``build_demo`` wrote."""

    scale: int
    seed: int
    grassroots_organisations: int
    committee_cells: int
    members: int
    admitted_in_term: int
    candidates: int
    stage_records: int
    quotas: int
    logins: tuple[DemoLogin, ...]
