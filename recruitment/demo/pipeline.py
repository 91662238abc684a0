"""The candidates of the demo: their paths through the admission stages, the dates and
documents of each stage, and the members who introduce them (the builder's second layer)."""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import accumulate

from django.contrib.auth.base_user import AbstractBaseUser

from .. import rules
from ..choices import Gender
from ..models import PERSON_FIELDS, Candidate, Introducer, Member, StageRecord
from ..stages import STAGES, spec_of
from .data import (
    BATCH_SIZE,
    CLOSED_CANDIDATES,
    COURSE_DATES,
    GAPS,
    OPEN_CANDIDATES,
    PROFILES,
    SNAPSHOT,
    TRAINED_2024,
)
from .people import MemberBuilder
from .plans import CellPlan, OrgPlan, cell_weight

_Stage = Candidate.Stage
_COURSES_2024 = tuple(day for day in COURSE_DATES if day.year == 2024)


def _executive_size(members: int) -> int:
    """Members of a grassroots Party executive committee (đảng ủy), by organisation size."""
    if members < 60:
        return 5
    if members < 150:
        return 7
    if members < 350:
        return 9
    return 11


@dataclass(eq=False)
class _PlannedCandidate:
    """A candidate drawn but not yet written, with their cell and the dates of their stages."""

    candidate: Candidate
    org: OrgPlan
    cell: CellPlan
    dates: dict[str, date]


class CandidateBuilder(MemberBuilder):
    """Draws and writes the candidates with their stage records, on top of the members."""

    def __init__(self, seed: int) -> None:
        super().__init__(seed)
        self.doc_numbers: set[tuple[str, int, int]] = set()
        self.last_numbers: dict[tuple[str, int], int] = {}
        #: Demo users by username, and grassroots staff also by their organisation's code.
        self.users: dict[str, AbstractBaseUser] = {}
        self.stage_records = 0
        self.candidates = 0
        #: Who signs admission decisions and course certificates (drawn in ``build``).
        self.deputy_secretary = ""
        self.political_school_director = ""

    def _gap(self, stage: str) -> timedelta:
        return timedelta(days=self.rng.randint(*GAPS[stage]))

    def _document(self, issuer: str, day: date, per_day: float, suffix: str) -> str:
        """A document number that grows through the year, unique per issuer and year."""
        key = (issuer, day.year)
        number = int(day.timetuple().tm_yday * per_day) + self.rng.randint(1, 3)
        if (*key, number) in self.doc_numbers:
            number = self.last_numbers[key] + 1
        self.doc_numbers.add((*key, number))
        self.last_numbers[key] = max(self.last_numbers.get(key, 0), number)
        return f"{number}-{suffix}"

    # -- dates --

    def _path(self, final: str, own: bool) -> list[str]:
        """The stages up to ``final``, less those a grassroots cell skips when ``own``."""
        path = []
        for spec in STAGES:
            if not (own and spec.skipped_in_grassroots_cell):
                path.append(spec.stage)
            if spec.stage == final:
                return path
        raise ValueError(final)

    def _snap_training(self, dates: dict[str, date]) -> None:
        """Move the course to the last one closing by the computed day and before 2024."""
        if _Stage.TRAINED not in dates:
            return
        limit = min(dates[_Stage.TRAINED], date(2023, 12, 31))
        course = COURSE_DATES[bisect.bisect_right(COURSE_DATES, limit) - 1]
        dates[_Stage.TRAINED] = course
        dates[_Stage.SOURCE] = course - self._gap(_Stage.TRAINED)

    def _forward(self, path: list[str], start: date) -> dict[str, date]:
        dates = {path[0]: start}
        day = start
        for stage in path[1:]:
            day = min(day + self._gap(stage), SNAPSHOT)
            dates[stage] = day
        return dates

    def _open_dates(self, path: list[str], trained_2024: bool) -> dict[str, date]:
        if trained_2024:
            # The awareness course closed in 2024; the applied stage follows within weeks.
            course = _COURSES_2024[0] if len(path) > 2 else self.rng.choice(_COURSES_2024)
            dates = self._forward(path[1:], course)
            dates[_Stage.SOURCE] = course - self._gap(_Stage.TRAINED)
            return dates
        room = timedelta(days=sum(GAPS[stage][1] for stage in path[1:]))
        latest = SNAPSHOT - room
        dates = self._forward(path, self._date_between(latest - timedelta(days=120), latest))
        self._snap_training(dates)
        return dates

    def _backward_dates(self, path: list[str], member: Member) -> dict[str, date]:
        """Stage dates ending in ``member``'s admission decision (and ceremony)."""
        dates = {_Stage.DECISION: member.decision_date}
        if member.ceremony_date:
            dates[_Stage.CEREMONY] = member.ceremony_date
        before = path[: path.index(_Stage.DECISION)]
        later = _Stage.DECISION
        for stage in reversed(before):
            dates[stage] = dates[later] - self._gap(later)
            later = stage
        self._snap_training(dates)
        return dates

    # -- records --

    def _stage_record(
        self,
        candidate: Candidate,
        stage: str,
        day: date,
        org: OrgPlan,
        cell: CellPlan,
        helper: Member,
        stages: dict[str, date],
    ) -> tuple[StageRecord, list[Member]]:
        """The record of one stage, filled as the stage registry's ``demo`` paper says, and,
        for an introduction, the introducing members."""
        spec = spec_of(stage)
        paper = spec.demo
        record = StageRecord(candidate=candidate, stage=stage, date=day)
        secretary = cell.seniors[0].full_name
        if paper.issuer:
            issuer = {
                "political_school": "TTCT",
                "organisation": org.code,
                "cell": f"{org.code}/{cell.name}",
                "committee": "TU",
            }[paper.issuer]
            suffix = paper.grassroots_cell_suffix if cell.own else ""
            record.document_number = self._document(
                issuer, day, paper.per_day, suffix or paper.suffix
            )
            record.document_date = day
        if paper.signer:
            record.signed_by = {
                "cell_secretary": secretary,
                "organisation_secretary": secretary if cell.own else org.secretary,
                "school_director": self.political_school_director,
                "deputy_secretary": self.deputy_secretary,
            }[paper.signer]
        record.notes = paper.note.format(helper=helper.full_name)
        if paper.votes == "committee":
            self._votes(record, _executive_size(org.members), passed=True)
        elif paper.votes == "cell" and _Stage.COMMENTED in stages:
            # A rejection at the vote (the vote fails); earlier, at the background check.
            passed = stage != _Stage.REJECTED
            if not passed:
                record.notes = "Hội nghị chi bộ biểu quyết không đạt hai phần ba."
            self._votes(record, self._eligible(cell, day), passed=passed)
        elif stage == _Stage.REJECTED:
            record.notes = "Kết quả thẩm tra lý lịch chưa rõ; chi bộ dừng xem xét, bồi dưỡng thêm."
        introducers: list[Member] = []
        if "introduction_kind" in spec.records:
            introducers = self._introduction(record, candidate, org, cell, helper, day)
        return record, introducers

    def _introduction(
        self,
        record: StageRecord,
        candidate: Candidate,
        org: OrgPlan,
        cell: CellPlan,
        helper: Member,
        day: date,
    ) -> list[Member]:
        """Fill in how ``candidate`` was introduced; returns the introducing members."""
        rng = self.rng
        others = [m for m in cell.seniors if m is not helper]
        youth_age = rules.age_in_years(candidate.date_of_birth, day) <= 30
        if candidate.youth_union_member and youth_age:
            record.introduction_kind = StageRecord.IntroductionKind.YOUTH_UNION
            record.document_number = self._document(f"{org.code}/ĐTN", day, 0.2, "NQ/ĐTN")
            record.document_date = day
            record.signed_by = self.full_name(Gender.MALE, rng.randint(1990, 1998))
            return [helper]
        elif cell.profile == "non_state_enterprise":
            record.introduction_kind = StageRecord.IntroductionKind.TRADE_UNION
            record.document_number = self._document(f"{org.code}/CĐ", day, 0.1, "NQ/CĐCS")
            record.document_date = day
            record.signed_by = self.full_name(Gender.FEMALE, rng.randint(1975, 1990))
            return [helper]
        record.introduction_kind = StageRecord.IntroductionKind.TWO_MEMBERS
        return [helper, rng.choice(others)]

    def _eligible(self, cell: CellPlan, day: date) -> int:
        return bisect.bisect_right(cell.official_dates, day)

    def _votes(self, record: StageRecord, eligible: int, *, passed: bool) -> None:
        needed = (2 * eligible + 2) // 3
        if passed:
            votes_for = self.rng.randint(needed, eligible)
        else:
            votes_for = self.rng.randint(0, needed - 1)
        record.eligible_voters = eligible
        record.votes_for = votes_for
        record.votes_against = self.rng.randint(0, eligible - votes_for)

    # -- candidates --

    def create_candidates(self, orgs: list[OrgPlan], admitted_2024: list[Member]) -> None:
        """The candidates of one copy with their stage records and introducers."""
        rng = self.rng
        cell_org = {cell.obj.pk: (org, cell) for org in orgs for cell in org.cells}
        all_cells = [cell for org in orgs for cell in org.cells]
        committee_cells = [cell for cell in all_cells if not cell.own]
        all_weights = list(accumulate(cell_weight(cell) for cell in all_cells))
        committee_weights = list(accumulate(cell_weight(cell) for cell in committee_cells))
        plans: list[_PlannedCandidate] = []

        trained_left = TRAINED_2024
        for stage, count in {**OPEN_CANDIDATES, **CLOSED_CANDIDATES}.items():
            for _ in range(count):
                if stage == _Stage.GRASSROOTS_RESOLUTION:
                    cell = rng.choices(committee_cells, cum_weights=committee_weights)[0]
                else:
                    cell = rng.choices(all_cells, cum_weights=all_weights)[0]
                org, _ = cell_org[cell.obj.pk]
                if stage == _Stage.REJECTED:
                    final = rng.choice((_Stage.VERIFIED, _Stage.COMMENTED))
                    path = [*self._path(final, cell.own), _Stage.REJECTED]
                elif stage == _Stage.CANCELLED:
                    path = [*self._path(_Stage.DECISION, cell.own), _Stage.CANCELLED]
                else:
                    path = self._path(stage, cell.own)
                trained_2024 = stage in OPEN_CANDIDATES and stage != _Stage.SOURCE
                trained_2024 = trained_2024 and trained_left > 0
                trained_left -= trained_2024
                dates = self._open_dates(path, trained_2024)
                candidate = self._new_candidate(cell, stage, dates)
                plans.append(
                    _PlannedCandidate(candidate=candidate, org=org, cell=cell, dates=dates)
                )
        if trained_left:
            raise AssertionError("Not enough open candidates for the 2024 course figure.")

        for member in sorted(admitted_2024, key=lambda m: (m.decision_date, m.citizen_id)):
            org, cell = cell_org[member.cell_id]
            stage = _Stage.CEREMONY if member.ceremony_date else _Stage.DECISION
            dates = self._backward_dates(self._path(stage, cell.own), member)
            candidate = Candidate(
                cell=cell.obj,
                stage=stage,
                member=member,
                name_key=member.name_key,
                sort_key=member.sort_key,
                **{name: getattr(member, name) for name in PERSON_FIELDS},
            )
            plans.append(_PlannedCandidate(candidate=candidate, org=org, cell=cell, dates=dates))

        for plan in plans:
            plan.candidate.helper = rng.choice(plan.cell.seniors)
        Candidate.objects.bulk_create([plan.candidate for plan in plans], batch_size=BATCH_SIZE)
        records = []
        introductions = []
        for plan in plans:
            candidate, dates = plan.candidate, plan.dates
            recorder = self.users.get(plan.org.code) or self.users["canbo"]
            for stage, day in sorted(dates.items(), key=lambda item: item[1]):
                record, introducers = self._stage_record(
                    candidate, stage, day, plan.org, plan.cell, candidate.helper, dates
                )
                record.recorded_by = recorder
                records.append(record)
                if introducers:
                    introductions.append((record, introducers))
        StageRecord.objects.bulk_create(records, batch_size=BATCH_SIZE)
        self._create_introducers(introductions)
        self.candidates += len(plans)
        self.stage_records += len(records)

    def _create_introducers(self, introductions: list[tuple[StageRecord, list[Member]]]) -> None:
        """The introducing members of each introduction record, in one bulk insert."""
        links = []
        for record, introducers in introductions:
            for member in introducers:
                # Worked or lived with the candidate for well over the 12 months required.
                months = self.rng.randint(14, 72)
                links.append(
                    Introducer(
                        record=record,
                        member=member,
                        known_since=rules.add_months(record.date, -months),
                    )
                )
        Introducer.objects.bulk_create(links, batch_size=BATCH_SIZE)

    def _new_candidate(self, cell: CellPlan, stage: str, dates: dict[str, date]) -> Candidate:
        rng = self.rng
        profile = PROFILES[cell.profile]
        first = min(dates.values())
        age = round(rng.triangular(19, 45, 26))
        born = rules.add_months(SNAPSHOT, -12 * age) - timedelta(days=rng.randint(1, 360))
        if rules.age_in_years(born, first) < 18:
            born = rules.add_months(first, -12 * 18) - timedelta(days=rng.randint(1, 200))
        details = self.person(profile, cell, date_of_birth=born, admitted=True)
        youth = rules.age_in_years(born, first) <= 30 and rng.random() < 0.85
        return Candidate(cell=cell.obj, stage=stage, youth_union_member=youth, **details)
