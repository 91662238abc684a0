"""The demo after its snapshot: admissions through 2024, 2025 and 2026, the 2025 quotas, and
on 01/07/2025 the reorganisation (an illustrative mapping, not the real one): the city
committee ends, a province committee takes over with four ward committees under it, the
grassroots organisations move under the wards, the ward-and-commune organisations are merged
into one per ward (one of them split in two first), and the 2025–2030 term begins with its
targets, and the 2026 quotas (the committee's as a share of its members on 1 January).

Every change goes through the services of ``recruitment.reorganisation`` and
``recruitment.targets``, as the board's pages would make it; nothing before the snapshot
changes, so the published figures as of 26/03/2024 still hold.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from django.db.models import Count

from .. import rules
from ..models import Member, Organisation, Quota, Term
from ..reorganisation import (
    Document,
    SplitPart,
    active_cells,
    organisation_dissolve,
    organisation_move,
    organisation_split,
    organisations_merge,
)
from ..states import OrganisationCategory
from ..targets import TargetInput, members_at_start
from .data import BATCH_SIZE, PROFILES, SNAPSHOT
from .pipeline import CandidateBuilder
from .plans import OrgPlan, quota_shares

#: Admissions after the snapshot, per copy: the rest of 2024, 2025, and 2026 to its end.
ADMISSIONS_AFTER = {2024: 158, 2025: 214, 2026: 171}
#: The last day the demo describes.
DEMO_END = date(2026, 10, 31)
QUOTA_2025 = 210
REORGANISED_ON = date(2025, 7, 1)
REORGANISATION_DOCUMENT = Document(
    number="1674-QĐ/TU", date=date(2025, 6, 20), signed_by="Ban Thường vụ Tỉnh ủy"
)
PROVINCE = {
    "name": "Đảng bộ tỉnh Ninh Bình",
    "code": "NB",
    "level": "province",
    "committee_name": "Tỉnh ủy Ninh Bình",
    "place_name": "Ninh Bình",
    "standing_board_name": "Ban Thường vụ Tỉnh ủy Ninh Bình",
    "organisation_board_name": "Ban Tổ chức Tỉnh ủy Ninh Bình",
}
#: The ward committees under the province (illustrative), by code and name.
WARDS = [
    ("PPL", "Phủ Lý"),
    ("PPV", "Phù Vân"),
    ("PCS", "Châu Sơn"),
    ("PHN", "Hà Nam"),
]
NEW_TERM = ("2025–2030", date(2025, 10, 1), date(2030, 9, 30))
NEW_TERM_TARGET = 1100
#: The 2026 quota handed down as a share of the members on 1 January.
SHARE_2026 = Decimal("2.2")


class ContinuationBuilder(CandidateBuilder):
    """Adds the years after the snapshot to a built demo (the last layer but the builder)."""

    def create_later_admissions(self, orgs: list[OrgPlan]) -> int:
        """The admissions after the snapshot of one copy, in cells drawn by their size."""
        rng = self.rng
        cells = [cell for org in orgs for cell in org.cells]
        weights = [max(cell.size, 1) for cell in cells]
        members = []
        for year, count in ADMISSIONS_AFTER.items():
            start = max(date(year, 1, 1), SNAPSHOT + timedelta(days=1))
            end = min(date(year, 12, 31), DEMO_END - timedelta(days=45))
            for cell in rng.choices(cells, weights=weights, k=count):
                decision = self._working_day(self._date_between(start, end), start, end)
                members.append(self.later_member(cell, decision))
        Member.objects.bulk_create(members, batch_size=BATCH_SIZE)
        return len(members)

    def later_member(self, cell, decision: date) -> Member:
        rng = self.rng
        age = round(rng.triangular(19, 45, 25))
        born = rules.add_months(decision, -12 * age) - timedelta(days=rng.randint(1, 360))
        details = self.person(PROFILES[cell.profile], cell, date_of_birth=born, admitted=True)
        ceremony = decision + timedelta(days=rng.randint(10, 40))
        official = rules.add_months(ceremony, 12)
        is_official = official <= DEMO_END
        return Member(
            cell=cell.obj,
            decision_date=decision,
            ceremony_date=ceremony,
            youth_union_member=age <= 30 and rng.random() < 0.8,
            status=Member.Status.OFFICIAL if is_official else Member.Status.PROBATIONARY,
            official_date=official if is_official else None,
            **details,
        )

    def create_2025_quotas(self, orgs: list[OrgPlan], scale: int, first: bool) -> None:
        """The 2025 quota handed down, divided among the organisations of before 01/07."""
        admissions, assigned = Quota.Kind.ADMISSIONS, Quota.Basis.ASSIGNED
        quotas = []
        if first:
            quotas.append(
                Quota(kind=admissions, basis=assigned, year=2025, target=QUOTA_2025 * scale)
            )
        shares = quota_shares(QUOTA_2025, [org.members for org in orgs])
        quotas += [
            Quota(organisation=org.obj, kind=admissions, basis=assigned, year=2025, target=share)
            for org, share in zip(orgs, shares, strict=True)
        ]
        Quota.objects.bulk_create(quotas, batch_size=BATCH_SIZE)

    def reorganise(self, city: Organisation, copies: list[list[OrgPlan]]) -> None:
        """01/07/2025: the province and its wards; each copy's organisations moved, the
        ward-and-commune ones merged into one per ward (the last group's first split in two
        first, the halves kept apart); the city dissolved."""
        province = Organisation.objects.create(
            kind=Organisation.Kind.COMMITTEE, active_from=REORGANISED_ON, **PROVINCE
        )
        wards = [
            Organisation.objects.create(
                kind=Organisation.Kind.COMMITTEE,
                level=Organisation.Level.WARD,
                code=code,
                name=f"Đảng bộ phường {name}",
                committee_name=f"Đảng ủy phường {name}",
                place_name=name,
                standing_board_name=f"Ban Thường vụ Đảng ủy phường {name}",
                organisation_board_name=f"Ban Tổ chức Đảng ủy phường {name}",
                parent=province,
                active_from=REORGANISED_ON,
            )
            for code, name in WARDS
        ]
        for copy, orgs in enumerate(copies, start=1):
            self.reorganise_copy(orgs, wards, copy)
        organisation_dissolve(
            organisation=city,
            effective_date=REORGANISED_ON,
            document=REORGANISATION_DOCUMENT,
            user=None,
        )

    def reorganise_copy(self, orgs: list[OrgPlan], wards: list[Organisation], copy: int) -> None:
        suffix = "" if copy == 1 else f"-{copy}"
        local = [org for org in orgs if org.spec.category == OrganisationCategory.WARD_COMMUNE]
        groups = [local[i :: len(wards)] for i in range(len(wards))]
        for index, org in enumerate(orgs):
            ward = wards[index % len(wards)]
            for number, group in enumerate(groups):
                if org in group:
                    ward = wards[number]
            org.obj.refresh_from_db()
            organisation_move(
                organisation=org.obj,
                parent=ward,
                effective_date=REORGANISED_ON,
                document=REORGANISATION_DOCUMENT,
                user=None,
            )
        for number, (group, (code, name)) in enumerate(zip(groups, WARDS, strict=True)):
            merging = [org.obj for org in group]
            if number == len(groups) - 1:
                merging = merging[1:]
                self.split_in_two(group[0].obj, f"{code}-T{suffix}", name)
            organisations_merge(
                predecessors=merging,
                name=f"Đảng bộ các khu dân cư phường {name}",
                code=f"{code}-KDC{suffix}",
                effective_date=REORGANISED_ON,
                document=REORGANISATION_DOCUMENT,
                user=None,
            )

    def split_in_two(self, organisation: Organisation, code: str, ward: str) -> None:
        cells = active_cells(organisation, REORGANISED_ON)
        half = len(cells) // 2
        organisation_split(
            organisation=organisation,
            parts=[
                SplitPart(
                    f"{organisation.name} (khu phía Bắc, phường {ward})", f"{code}1", cells[:half]
                ),
                SplitPart(
                    f"{organisation.name} (khu phía Nam, phường {ward})", f"{code}2", cells[half:]
                ),
            ],
            effective_date=REORGANISED_ON,
            document=REORGANISATION_DOCUMENT,
            user=None,
        )

    def create_new_term(self, scale: int) -> None:
        """The 2025–2030 term with its targets, and the 2026 quotas: the committee's as a
        share of the members on 1 January, divided among the organisations by their size."""
        name, start, end = NEW_TERM
        term = Term.objects.create(name=name, start_date=start, end_date=end)
        current = list(
            Organisation.objects.grassroots()
            .filter(active_to__isnull=True)
            .annotate(size=Count("cells__members"))
            .order_by("code")
        )
        sizes = [max(org.size, 1) for org in current]
        admissions, assigned = Quota.Kind.ADMISSIONS, Quota.Basis.ASSIGNED
        quotas = [Quota(kind=admissions, basis=assigned, term=term, target=NEW_TERM_TARGET * scale)]
        quotas += [
            Quota(organisation=org, kind=admissions, basis=assigned, term=term, target=share)
            for org, share in zip(
                current, quota_shares(NEW_TERM_TARGET * scale, sizes), strict=True
            )
        ]
        members, _per_organisation = members_at_start(2026)
        target_2026 = TargetInput(share=SHARE_2026).resolve(members)
        quotas.append(
            Quota(kind=admissions, basis=assigned, year=2026, target=target_2026, share=SHARE_2026)
        )
        quotas += [
            Quota(organisation=org, kind=admissions, basis=assigned, year=2026, target=share)
            for org, share in zip(current, quota_shares(target_2026, sizes), strict=True)
        ]
        Quota.objects.bulk_create(quotas, batch_size=BATCH_SIZE)
