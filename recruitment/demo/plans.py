"""The plan of one copy of the committee, before anyone is drawn: its organisations and
cells, each cell's size and where the term's admissions go; and how a quota is split."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date
from itertools import accumulate

from ..models import Cell, Member, Organisation
from .data import (
    ADMISSIONS_BY_YEAR,
    CATHOLICS_BY_YEAR,
    HEALTH_WORKERS_2023,
    MEMBERS,
    PROFILES,
    SCHOOL_PROFILES,
    TEACHERS_2023,
    YOUTH_UNION_2023,
)
from .records import OrgSpec
from .specs import CODES, ORGANISATION_SPECS


@dataclass
class Admission:
    """A member admitted inside the term, before the person is drawn."""

    year: int
    youth_union: bool | None = None
    catholic: bool = False


@dataclass(eq=False)
class CellPlan:
    name: str
    profile: str
    #: Where its members live, or "" for anywhere in the city.
    place: str
    #: The cell is the grassroots organisation itself (a grassroots cell).
    own: bool
    size: int = 0
    capacity: int = 0
    admissions: list[Admission] = field(default_factory=list)
    obj: Cell | None = None
    #: Official members admitted before the term: helpers, introducers, secretaries.
    seniors: list[Member] = field(default_factory=list)
    #: Sorted official dates of every official member (for the eligible voters on a day).
    official_dates: list[date] = field(default_factory=list)


@dataclass(eq=False)
class OrgPlan:
    spec: OrgSpec
    code: str
    name: str
    cells: list[CellPlan]
    obj: Organisation | None = None
    secretary: str = ""

    @property
    def members(self) -> int:
        return sum(cell.size for cell in self.cells)


def apportion(total: int, weights: list[float]) -> list[int]:
    """Split ``total`` in proportion to ``weights`` by the largest-remainder method."""
    whole = sum(weights)
    shares = [total * weight / whole for weight in weights]
    result = [int(share) for share in shares]
    by_remainder = sorted(range(len(weights)), key=lambda i: (-(shares[i] - result[i]), i))
    for i in by_remainder[: total - sum(result)]:
        result[i] += 1
    return result


def quota_shares(total: int, sizes: list[int]) -> list[int]:
    """Split a quota over organisations by member count, each getting at least 1.

    Organisations whose share would be below one get one; the rest of the quota is split
    over the others in proportion to their members by the largest-remainder method.
    """
    if total < len(sizes):
        raise ValueError("A quota smaller than the number of organisations cannot give each one.")
    floored: set[int] = set()
    while True:
        rest = [i for i in range(len(sizes)) if i not in floored]
        remaining = total - len(floored)
        weight = sum(sizes[i] for i in rest) or 1
        small = {i for i in rest if remaining * sizes[i] / weight < 1}
        if not small:
            break
        floored |= small
    result = [1] * len(sizes)
    for i, share in zip(rest, apportion(remaining, [sizes[i] for i in rest]), strict=True):
        result[i] = share
    return result


def cell_weight(cell: CellPlan) -> float:
    """How likely a cell is to admit a member or name a candidate."""
    return cell.size * PROFILES[cell.profile].admission_weight


def plan_copy(rng: random.Random, copy: int) -> list[OrgPlan]:
    """Organisations, cells, cell sizes and the term's admissions of one copy."""
    orgs = []
    for spec in ORGANISATION_SPECS:
        code = CODES[spec.name] if copy == 1 else f"{CODES[spec.name]}-{copy}"
        name = spec.name if copy == 1 else f"{spec.name} ({copy})"
        if spec.is_committee:
            cells = [
                CellPlan(name=cell.name, profile=cell.profile, place=cell.place, own=False)
                for cell in spec.cells
            ]
        else:
            cells = [CellPlan(name=name, profile=spec.profile, place="", own=True)]
        orgs.append(OrgPlan(spec=spec, code=code, name=name, cells=cells))

    own_cells = [org.cells[0] for org in orgs if not org.spec.is_committee]
    committee_cells = [cell for org in orgs if org.spec.is_committee for cell in org.cells]
    for cell in own_cells:
        low, high = PROFILES[cell.profile].size
        cell.size = min(rng.randint(low, high), 29)
    nominal = [rng.randint(*PROFILES[cell.profile].size) for cell in committee_cells]
    floor = 6
    remaining = MEMBERS - sum(cell.size for cell in own_cells) - floor * len(committee_cells)
    for cell, share in zip(committee_cells, apportion(remaining, nominal), strict=True):
        cell.size = floor + share
    all_cells = own_cells + committee_cells
    for cell in all_cells:
        # Keep at least three members admitted before the term (all official) per cell.
        cell.capacity = cell.size - 3
    _plan_admissions(rng, all_cells)
    return orgs


def _allocate(rng: random.Random, cells: list[CellPlan], admissions: list[Admission]) -> None:
    """Place admissions in cells in proportion to size, within each cell's capacity."""
    if len(admissions) > sum(cell.capacity for cell in cells):
        raise AssertionError("The cells cannot take that many admissions.")
    cumulative = list(accumulate(cell_weight(cell) for cell in cells))
    for admission in admissions:
        while True:
            cell = rng.choices(cells, cum_weights=cumulative)[0]
            if cell.capacity > 0:
                break
        cell.capacity -= 1
        cell.admissions.append(admission)


def _plan_admissions(rng: random.Random, cells: list[CellPlan]) -> None:
    """The term's admissions by year, with the 2023 figures, placed in the cells."""
    by_year = {
        year: [Admission(year=year) for _ in range(n)] for year, n in ADMISSIONS_BY_YEAR.items()
    }
    for year, admissions in by_year.items():
        for admission in rng.sample(admissions, CATHOLICS_BY_YEAR[year]):
            admission.catholic = True
    year_2023 = by_year[2023]
    for index in rng.sample(range(len(year_2023)), YOUTH_UNION_2023):
        year_2023[index].youth_union = True
    for admission in year_2023:
        if admission.youth_union is None:
            admission.youth_union = False
    schools = [cell for cell in cells if cell.profile in SCHOOL_PROFILES]
    hospital = [cell for cell in cells if cell.profile == "hospital"]
    others = [cell for cell in cells if cell.profile not in (*SCHOOL_PROFILES, "hospital")]
    rng.shuffle(year_2023)
    _allocate(rng, schools, year_2023[:TEACHERS_2023])
    _allocate(rng, hospital, year_2023[TEACHERS_2023 : TEACHERS_2023 + HEALTH_WORKERS_2023])
    _allocate(rng, others, year_2023[TEACHERS_2023 + HEALTH_WORKERS_2023 :])
    for year, admissions in by_year.items():
        if year != 2023:
            _allocate(rng, cells, admissions)
