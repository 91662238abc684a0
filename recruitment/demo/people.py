"""Drawing people: names, citizen IDs, places and personal details; and the members of each
cell, drawn, numbered and written (the first layer of the demo builder)."""

from __future__ import annotations

import random
from datetime import date, timedelta
from functools import cache
from itertools import accumulate

from .. import rules
from ..choices import KINH, Gender, Occupation, Religion
from ..models import Member
from ..text import name_keys
from .data import (
    BATCH_SIZE,
    EARLIEST_DECISION,
    FAMILY_NAMES,
    FEMALE_GIVEN,
    FEMALE_MIDDLE,
    HA_NAM,
    KINH_PROVINCES,
    MALE_GIVEN,
    MALE_MIDDLE,
    MINORITIES,
    MINORITY_SHARE,
    PHU_LY,
    PHU_LY_UNITS,
    PROFESSIONAL_LEVELS,
    PROFILES,
    PROVINCES,
    SNAPSHOT,
    TERM_START,
    THEORY,
    THEORY_NEW_MEMBER,
    THEORY_OTHERS,
)
from .plans import Admission, CellPlan, OrgPlan
from .records import Profile

_PRE_TERM_END = TERM_START - timedelta(days=1)
#: A ceremony after this day means the member is still on probation on the snapshot.
_PROBATION_CUTOFF = rules.add_months(SNAPSHOT, -12)
_NAME_WEIGHTS = ([name for name, _ in FAMILY_NAMES], [weight for _, weight in FAMILY_NAMES])
_MINORITY_WEIGHTS = [minority.weight for minority in MINORITIES]
#: Occupations whose members born before 1975 more often went to school for ten years (10/10).
_TEN_YEAR_SCHOOLING = (Occupation.FARMER, Occupation.WORKER, Occupation.RETIRED, Occupation.OTHER)


@cache
def _cumulative(options: tuple[tuple[str, float], ...]) -> tuple[list[str], list[float]]:
    """The values and cumulative weights of a weighted list (computed once per list)."""
    return [value for value, _ in options], list(accumulate(weight for _, weight in options))


class MemberBuilder:
    """Draws people and writes the members of each cell; one instance per build."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.citizen_ids: set[str] = set()
        self.card_serial = 0

    # -- small draws --

    def _weighted(self, options: tuple[tuple[str, float], ...]) -> str:
        values, cumulative = _cumulative(options)
        return self.rng.choices(values, cum_weights=cumulative)[0]

    def _date_between(self, start: date, end: date) -> date:
        return start + timedelta(days=self.rng.randint(0, (end - start).days))

    @staticmethod
    def _working_day(day: date, start: date, end: date) -> date:
        """The nearest weekday to ``day`` inside [start, end] (or ``day`` if there is none)."""
        for shift in (0, -1, -2, 1, 2, -3, 3):
            moved = day + timedelta(days=shift)
            if moved.weekday() < 5 and start <= moved <= end:
                return moved
        return day

    def full_name(self, gender: str, birth_year: int) -> str:
        rng = self.rng
        family = rng.choices(*_NAME_WEIGHTS)[0]
        if gender == Gender.FEMALE:
            thi_share = 0.8 if birth_year < 1980 else 0.55 if birth_year < 1992 else 0.35
            given = rng.choice(FEMALE_GIVEN)
            middle = "Thị" if rng.random() < thi_share else rng.choice(FEMALE_MIDDLE)
            if middle == "Thị" and rng.random() < 0.08:
                middle = f"Thị {rng.choice(FEMALE_MIDDLE)}"
        else:
            van_share = 0.6 if birth_year < 1975 else 0.4 if birth_year < 1990 else 0.2
            given = rng.choice(MALE_GIVEN)
            middle = "Văn" if rng.random() < van_share else rng.choice(MALE_MIDDLE)
        if middle.endswith(given):
            middle = "Thị" if gender == Gender.FEMALE else "Văn"
        return f"{family} {middle} {given}"

    def _citizen_id(self, province: str, date_of_birth: date, gender: str) -> str:
        digit = rules.expected_century_gender_digit(date_of_birth, gender)
        prefix = f"{province}{digit}{date_of_birth.year % 100:02d}"
        while True:
            citizen_id = f"{prefix}{self.rng.randint(0, 999_999):06d}"
            if citizen_id not in self.citizen_ids:
                self.citizen_ids.add(citizen_id)
                return citizen_id

    def _locality(self, province: str) -> str:
        region = PROVINCES[province]
        if province == "035" and self.rng.random() < 0.45:
            district, units = region.districts[0]
        else:
            district, units = self.rng.choice(region.districts)
        return f"{self.rng.choice(units)}, {district}, {region.name}"

    def _residence(self, cell: CellPlan) -> str:
        rng = self.rng
        if cell.place:
            return f"{cell.place}, {PHU_LY}, {HA_NAM}"
        if rng.random() < 0.85:
            unit = rng.choice(PHU_LY_UNITS)
            street = (
                f"tổ dân phố số {rng.randint(1, 14)}"
                if unit.startswith("phường")
                else (f"thôn {rng.randint(1, 11)}")
            )
            return f"{street}, {unit}, {PHU_LY}, {HA_NAM}"
        district, units = rng.choice(PROVINCES["035"].districts[1:])
        return f"{rng.choice(units)}, {district}, {HA_NAM}"

    def _occupation(self, profile: Profile, gender: str, age: int, admitted: bool) -> str:
        retirement_age = 55 if gender == Gender.FEMALE else 58
        retired = profile.retires and not admitted and age >= retirement_age
        if retired and self.rng.random() < 0.85:
            return Occupation.RETIRED
        occupation = self._weighted(profile.occupations)
        if occupation == Occupation.STUDENT and age > 23:
            occupation = Occupation.OTHER
        return occupation

    def person(
        self,
        profile: Profile,
        cell: CellPlan,
        *,
        date_of_birth: date,
        admitted: bool,
        religion: str | None = None,
    ) -> dict[str, object]:
        """The personal details of a member or candidate of ``cell`` born on the given day."""
        rng = self.rng
        gender = Gender.FEMALE if rng.random() < profile.female_share else Gender.MALE
        age = rules.age_in_years(date_of_birth, SNAPSHOT)
        occupation = self._occupation(profile, gender, age, admitted)
        if rng.random() < MINORITY_SHARE:
            minority = rng.choices(MINORITIES, _MINORITY_WEIGHTS)[0]
            ethnicity, origin = minority.ethnicity, minority.province
            province = origin if rng.random() < 0.6 else "035"
        else:
            ethnicity = KINH
            origin = province = self._weighted(KINH_PROVINCES)
        if religion is None:
            draw = rng.random()
            religion = (
                Religion.CATHOLIC
                if draw < 0.04
                else Religion.BUDDHIST
                if draw < 0.06
                else Religion.NONE
            )
        education = "12/12"
        if date_of_birth.year < 1975 and rng.random() < (
            0.35 if occupation in _TEN_YEAR_SCHOOLING else 0.1
        ):
            education = "10/10"
        elif occupation == Occupation.FARMER and rng.random() < 0.05:
            education = "9/12"
        theory = THEORY_NEW_MEMBER if admitted else THEORY.get(occupation, THEORY_OTHERS)
        full_name = self.full_name(gender, date_of_birth.year)
        return {
            "full_name": full_name,
            **name_keys(full_name),
            "gender": gender,
            "date_of_birth": date_of_birth,
            "citizen_id": self._citizen_id(province, date_of_birth, gender),
            "ethnicity": ethnicity,
            "religion": religion,
            "hometown": self._locality(origin),
            "residence": self._residence(cell),
            "occupation": occupation,
            "general_education": education,
            "professional_level": self._weighted(PROFESSIONAL_LEVELS[occupation]),
            "political_theory": self._weighted(theory),
        }

    # -- members --

    def _admitted_member(self, cell: CellPlan, admission: Admission) -> Member:
        rng = self.rng
        start = max(date(admission.year, 1, 1), TERM_START)
        end = min(date(admission.year, 12, 31), SNAPSHOT)
        decision = self._working_day(self._date_between(start, end), start, end)
        if admission.youth_union is True:
            age = round(rng.triangular(19, 30, 24))
        elif admission.youth_union is False:
            age = round(rng.triangular(23, 48, 32))
        else:
            age = round(rng.triangular(19, 48, 26))
        born = rules.add_months(decision, -12 * age) - timedelta(days=rng.randint(1, 360))
        youth = admission.youth_union
        if youth is None:
            youth = age <= 30 and rng.random() < 0.85
        religion = Religion.CATHOLIC if admission.catholic else None
        if religion is None:
            religion = Religion.BUDDHIST if rng.random() < 0.02 else Religion.NONE
        details = self.person(
            PROFILES[cell.profile], cell, date_of_birth=born, admitted=True, religion=religion
        )
        return self._member(cell, details, decision=decision, youth_union=youth)

    def _senior_member(self, cell: CellPlan) -> Member:
        """A member admitted before the term: official for years."""
        rng = self.rng
        profile = PROFILES[cell.profile]
        low, mode, high = profile.age
        age = min(max(round(rng.triangular(low, high, mode)), 23), 60)
        born = rules.add_months(SNAPSHOT, -12 * age) - timedelta(days=rng.randint(1, 360))
        earliest = max(EARLIEST_DECISION, rules.add_months(born, 12 * 18))
        join_age = rng.triangular(18, 45, 25)
        decision = born + timedelta(days=round(join_age * 365.25))
        if not earliest <= decision <= _PRE_TERM_END:
            decision = self._date_between(earliest, _PRE_TERM_END)
        decision = self._working_day(decision, earliest, _PRE_TERM_END)
        youth = rules.age_in_years(born, decision) <= 30 and rng.random() < 0.8
        details = self.person(profile, cell, date_of_birth=born, admitted=False)
        return self._member(cell, details, decision=decision, youth_union=youth)

    def _member(
        self, cell: CellPlan, details: dict[str, object], *, decision: date, youth_union: bool
    ) -> Member:
        ceremony: date | None = decision + timedelta(days=self.rng.randint(10, 40))
        if ceremony > SNAPSHOT:
            ceremony = None
        member = Member(
            cell=cell.obj,
            decision_date=decision,
            ceremony_date=ceremony,
            youth_union_member=youth_union,
            **details,
        )
        self._set_status(member)
        return member

    @staticmethod
    def _set_status(member: Member) -> None:
        ceremony = member.ceremony_date
        if ceremony is None or ceremony > _PROBATION_CUTOFF:
            member.status = Member.Status.PROBATIONARY
            member.official_date = None
        else:
            member.status = Member.Status.OFFICIAL
            member.official_date = rules.add_months(ceremony, 12)

    def create_members(self, orgs: list[OrgPlan]) -> list[Member]:
        """Draw, number and write the members of one copy; returns those admitted in 2024."""
        members: list[Member] = []
        for org in orgs:
            for cell in org.cells:
                admitted = [self._admitted_member(cell, a) for a in cell.admissions]
                seniors = [self._senior_member(cell) for _ in range(cell.size - len(admitted))]
                seniors.sort(key=lambda m: (m.decision_date, m.citizen_id))
                cell.seniors = seniors
                cell.official_dates = sorted(
                    m.official_date for m in seniors + admitted if m.official_date
                )
                members += seniors + admitted
            senior_most = min(
                (cell.seniors[0] for cell in org.cells),
                key=lambda m: (m.decision_date, m.citizen_id),
            )
            org.secretary = senior_most.full_name
        admitted_2024 = [m for m in members if m.decision_date.year == 2024]
        self._ensure_both_2024_stages(admitted_2024)
        officials = sorted(
            (m for m in members if m.official_date), key=lambda m: (m.official_date, m.citizen_id)
        )
        for member in officials:
            self.card_serial += 1
            member.party_card_number = f"35{self.card_serial:07d}"
        Member.objects.bulk_create(members, batch_size=BATCH_SIZE)
        return admitted_2024

    def _ensure_both_2024_stages(self, admitted_2024: list[Member]) -> None:
        """Some 2024 admissions have had their ceremony by the snapshot and some not yet."""
        by_decision = sorted(admitted_2024, key=lambda m: (m.decision_date, m.citizen_id))
        if by_decision and all(m.ceremony_date for m in by_decision):
            by_decision[-1].ceremony_date = None
            self._set_status(by_decision[-1])
        if by_decision and not any(m.ceremony_date for m in by_decision):
            first = by_decision[0]
            first.ceremony_date = min(first.decision_date + timedelta(days=10), SNAPSHOT)
            self._set_status(first)
