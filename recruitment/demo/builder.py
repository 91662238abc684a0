"""The demo committee written whole: the city, its organisations and cells, the demo users,
the quotas, and each copy's members and candidates drawn by the layers below; and the entry
points ``build_demo``, ``delete_demo_data`` and ``demo_logins``."""

from __future__ import annotations

from functools import cache

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import transaction

from ..choices import Gender
from ..models import (
    Candidate,
    Cell,
    CellPlacement,
    Introducer,
    Member,
    MemberEvent,
    Organisation,
    OrganisationEvent,
    Quota,
    StaffProfile,
    StageRecord,
    Succession,
    Term,
)
from ..roles import set_role
from ..text import vietnamese_sort_key
from .continuation import ContinuationBuilder
from .data import (
    ADMISSIONS_BY_YEAR,
    ASPIRATION_2024,
    BATCH_SIZE,
    CITY_ACTIVE_FROM,
    CITY_CODE,
    CITY_DETAILS,
    CITY_NAME,
    DEFAULT_SEED,
    DEMO_PASSWORD,
    QUOTA_2024,
    TERM_END,
    TERM_NAME,
    TERM_START,
    TERM_TARGET,
    TRAINING_TARGET_2024,
)
from .plans import OrgPlan, plan_copy, quota_shares
from .records import DemoLogin, DemoSummary
from .specs import DEMO_USERNAMES, DEMO_USERS


class _Builder(ContinuationBuilder):
    """Draws and writes the demo committee; one instance per build."""

    def create_organisations(self, city: Organisation, copies: list[list[OrgPlan]]) -> None:
        orgs = [org for copy in copies for org in copy]
        for org in orgs:
            kind = (
                Organisation.Kind.GRASSROOTS_COMMITTEE
                if org.spec.is_committee
                else Organisation.Kind.GRASSROOTS_CELL
            )
            org.obj = Organisation(
                name=org.name,
                sort_key=vietnamese_sort_key(org.name),
                code=org.code,
                kind=kind,
                category=org.spec.category,
                parent=city,
                admitting_committee=city,
                active_from=org.spec.active_from,
            )
        Organisation.objects.bulk_create([org.obj for org in orgs], batch_size=BATCH_SIZE)
        cells = []
        for org in orgs:
            for cell in org.cells:
                cell.obj = Cell(
                    organisation=org.obj,
                    name=cell.name,
                    sort_key=vietnamese_sort_key(cell.name),
                    is_organisation_itself=cell.own,
                    active_from=org.spec.active_from,
                )
                cells.append(cell.obj)
        Cell.objects.bulk_create(cells, batch_size=BATCH_SIZE)

    def create_users(self, first_copy: list[OrgPlan]) -> tuple[DemoLogin, ...]:
        User = get_user_model()
        by_name = {org.spec.name: org for org in first_copy}
        logins = []
        for username, role, organisation_name in DEMO_USERS:
            org = by_name.get(organisation_name)
            user = User.objects.filter(username=username).first()
            password = "(existing password kept)"
            if user is None:
                user = User.objects.create(username=username, password=_demo_password_hash())
                password = DEMO_PASSWORD
            profile = set_role(user=user, role=role, organisation=org.obj if org else None)
            if org:
                self.users[org.code] = user
            self.users[username] = user
            label = str(profile.get_role_display())
            logins.append(
                DemoLogin(
                    username=username,
                    role=label,
                    organisation=org.name if org else "",
                    password=password,
                )
            )
        return tuple(logins)

    def create_quotas(self, term: Term, orgs: list[OrgPlan], scale: int) -> int:
        assigned, admissions = Quota.Basis.ASSIGNED, Quota.Kind.ADMISSIONS
        quotas = [
            Quota(kind=admissions, basis=assigned, term=term, target=TERM_TARGET * scale),
            Quota(kind=admissions, basis=assigned, year=2024, target=QUOTA_2024 * scale),
            Quota(
                kind=admissions,
                basis=Quota.Basis.ASPIRATION,
                year=2024,
                target=ASPIRATION_2024 * scale,
            ),
            Quota(
                kind=Quota.Kind.TRAINING,
                basis=assigned,
                year=2024,
                target=TRAINING_TARGET_2024 * scale,
            ),
        ]
        shares = quota_shares(QUOTA_2024 * scale, [org.members for org in orgs])
        quotas += [
            Quota(organisation=org.obj, kind=admissions, basis=assigned, year=2024, target=share)
            for org, share in zip(orgs, shares, strict=True)
        ]
        Quota.objects.bulk_create(quotas, batch_size=BATCH_SIZE)
        return len(quotas)

    def build(self, scale: int, seed: int, continued: bool) -> DemoSummary:
        rng = self.rng
        city = Organisation.objects.create(
            name=CITY_NAME,
            code=CITY_CODE,
            kind=Organisation.Kind.COMMITTEE,
            active_from=CITY_ACTIVE_FROM,
            **CITY_DETAILS,
        )
        term = Term.objects.create(name=TERM_NAME, start_date=TERM_START, end_date=TERM_END)
        self.deputy_secretary = self.full_name(Gender.MALE, rng.randint(1966, 1972))
        self.political_school_director = self.full_name(Gender.FEMALE, rng.randint(1968, 1975))
        copies = [plan_copy(rng, copy) for copy in range(1, scale + 1)]
        self.create_organisations(city, copies)
        logins = self.create_users(copies[0])
        for orgs in copies:
            admitted_2024 = self.create_members(orgs)
            self.create_candidates(orgs, admitted_2024)
            for cell in (cell for org in orgs for cell in org.cells):
                # Written: let the copy's people go (a 100-fold build holds a million).
                cell.seniors, cell.official_dates, cell.admissions = [], [], []
        all_orgs = [org for orgs in copies for org in orgs]
        quotas = self.create_quotas(term, all_orgs, scale)
        if continued:
            for number, orgs in enumerate(copies):
                self.create_later_admissions(orgs)
                self.create_2025_quotas(orgs, scale, first=number == 0)
            self.reorganise(city, copies)
            self.create_new_term(scale)
        return DemoSummary(
            scale=scale,
            seed=seed,
            grassroots_organisations=len(all_orgs),
            committee_cells=sum(len(org.spec.cells) for org in all_orgs),
            members=sum(org.members for org in all_orgs),
            admitted_in_term=sum(ADMISSIONS_BY_YEAR.values()) * scale,
            candidates=self.candidates,
            stage_records=self.stage_records,
            quotas=quotas,
            logins=logins,
        )


@cache
def _demo_password_hash() -> str:
    """The demo password hashed once per process (hashing is deliberately slow)."""
    return make_password(DEMO_PASSWORD)


# --- Entry points ---------------------------------------------------------------------------


def build_demo(*, scale: int = 1, seed: int = DEFAULT_SEED, continued: bool = True) -> DemoSummary:
    """Write the demo committee into an empty database (one transaction).

    At ``scale=1`` the published Phủ Lý figures hold exactly as of 26/03/2024; ``scale=N``
    writes N copies of the grassroots organisations and their people under one city
    committee, with every figure and quota multiplied by N. ``continued`` goes on after the
    snapshot (``demo.continuation``): admissions through 31/10/2026, the reorganisation of
    01/07/2025, the 2025–2030 term and the 2025 and 2026 quotas.
    """
    if scale < 1:
        raise ValueError("The scale is a whole number from 1 up.")
    with transaction.atomic():
        return _Builder(seed).build(scale, seed, continued)


def delete_demo_data() -> None:
    """Delete every organisation with its cells, people, quotas and terms, and the demo users.

    Rule sets and other users stay; other users' grassroots-staff profiles go with the
    organisations they pointed to. Runs several queries in one transaction.
    """
    with transaction.atomic():
        Introducer.objects.all().delete()
        CellPlacement.objects.all().delete()
        Succession.objects.all().delete()
        OrganisationEvent.objects.all().delete()
        StageRecord.objects.all().delete()
        Candidate.objects.all().delete()
        MemberEvent.objects.all().delete()
        Member.objects.all().delete()
        Quota.objects.all().delete()
        Term.objects.all().delete()
        get_user_model().objects.filter(username__in=DEMO_USERNAMES).delete()
        StaffProfile.objects.filter(organisation__isnull=False).delete()
        Cell.objects.all().delete()
        # Children before parents: the tree is protected from the top.
        Organisation.objects.filter(kind=Organisation.Kind.SUB_COMMITTEE).delete()
        Organisation.objects.grassroots().delete()
        Organisation.objects.filter(parent__isnull=False).delete()
        Organisation.objects.all().delete()


def demo_logins() -> list[DemoLogin]:
    """The demo users present in the database, with their roles (one query)."""
    users = (
        get_user_model()
        .objects.filter(username__in=DEMO_USERNAMES)
        .select_related("staff_profile__organisation")
    )
    by_username = {user.username: user for user in users}
    logins = []
    for username in DEMO_USERNAMES:
        user = by_username.get(username)
        if user is None:
            continue
        profile = getattr(user, "staff_profile", None)
        role = str(profile.get_role_display()) if profile else ""
        organisation = profile.organisation.name if profile and profile.organisation else ""
        logins.append(
            DemoLogin(
                username=username, role=role, organisation=organisation, password=DEMO_PASSWORD
            )
        )
    return logins
