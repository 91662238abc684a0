"""The one scoping rule, on its own: what each role sees of a grassroots organisation (O),
its sub-committee (S, under O) and another organisation (X); who may change what; the search
by name or citizen ID as lists show it; the open candidacies; the rule set in force; the
quotas' targets by meaning."""

from datetime import date

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied

from recruitment.access import (
    can_edit_records,
    can_set_quotas,
    check_may_edit,
    role_of,
    user_organisation_scope,
)
from recruitment.models import Candidate, Cell, Member, Organisation, Quota, RuleSet
from recruitment.states import QuotaBasis, QuotaKind, Role, Stage

pytestmark = pytest.mark.usefixtures("vietnamese")


@pytest.fixture
def world(make_organisation, make_cell, make_member):
    o = make_organisation(code="O", name="Đảng bộ phường Minh Khai")
    s = make_organisation(
        code="S", name="Đảng bộ bộ phận Tổ 3", parent=o, kind=Organisation.Kind.SUB_COMMITTEE
    )
    x = make_organisation(code="X", name="Đảng bộ phường Lam Hạ")
    cells = {
        key: make_cell(organisation=org, name=f"Chi bộ {key}")
        for key, org in zip("OSX", (o, s, x), strict=True)
    }
    members = {
        key: make_member(
            cell=cells[key], full_name=f"Nguyễn Văn {key}", citizen_id=f"03508000{n:04d}"
        )
        for n, key in enumerate("OSX", start=1)
    }
    return {"o": o, "s": s, "x": x, "cells": cells, "members": members}


def names(queryset) -> list[str]:
    return sorted(queryset.values_list("full_name", flat=True))


def test_grassroots_staff_see_their_organisation_and_its_sub_committees_only(world, make_user):
    staff = make_user(Role.GRASSROOTS_STAFF, organisation=world["o"])
    assert names(Member.objects.visible_to(staff)) == ["Nguyễn Văn O", "Nguyễn Văn S"]
    assert sorted(Organisation.objects.visible_to(staff).values_list("code", flat=True)) == [
        "O",
        "S",
    ]
    assert sorted(Cell.objects.visible_to(staff).values_list("name", flat=True)) == [
        "Chi bộ O",
        "Chi bộ S",
    ]
    sub_staff = make_user(Role.GRASSROOTS_STAFF, organisation=world["s"])
    assert names(Member.objects.visible_to(sub_staff)) == ["Nguyễn Văn S"]


@pytest.mark.parametrize("role", [Role.ADMINISTRATOR, Role.COMMITTEE_STAFF, Role.BOARD_HEAD])
def test_committee_wide_roles_see_every_organisation(world, make_user, role):
    user = make_user(role)
    assert names(Member.objects.visible_to(user)) == [
        "Nguyễn Văn O",
        "Nguyễn Văn S",
        "Nguyễn Văn X",
    ]
    assert user_organisation_scope(user) == (True, None)


def test_a_user_without_a_role_an_inactive_one_or_nobody_sees_nothing(world, make_user):
    no_role = make_user()
    inactive = make_user(Role.COMMITTEE_STAFF, is_active=False)
    for user in (no_role, inactive, AnonymousUser()):
        assert role_of(user) is None
        assert user_organisation_scope(user) == (False, None)
        assert not Member.objects.visible_to(user).exists()
        assert not can_edit_records(user) and not can_set_quotas(user)


def test_a_superuser_is_an_administrator(make_user):
    superuser = make_user(is_superuser=True)
    assert role_of(superuser) == Role.ADMINISTRATOR
    assert can_edit_records(superuser) and can_set_quotas(superuser)


@pytest.mark.parametrize(
    ("role", "edits", "sets_quotas"),
    [
        (Role.ADMINISTRATOR, True, True),
        (Role.COMMITTEE_STAFF, True, True),
        (Role.BOARD_HEAD, False, True),
        (Role.GRASSROOTS_STAFF, True, False),
    ],
)
def test_what_each_role_may_do(world, make_user, role, edits, sets_quotas):
    user = make_user(role, organisation=world["o"] if role == Role.GRASSROOTS_STAFF else None)
    assert (can_edit_records(user), can_set_quotas(user)) == (edits, sets_quotas)


def test_grassroots_staff_may_change_their_own_and_sub_committees_cells_only(world, make_user):
    staff = make_user(Role.GRASSROOTS_STAFF, organisation=world["o"])
    cells = world["cells"]
    check_may_edit(staff, cells["O"], cells["S"])  # no refusal
    with pytest.raises(PermissionDenied) as error:
        check_may_edit(staff, cells["O"], cells["X"])
    assert str(error.value) == "Hồ sơ này thuộc tổ chức đảng khác, bạn không có quyền thay đổi."
    sub_staff = make_user(Role.GRASSROOTS_STAFF, organisation=world["s"])
    with pytest.raises(PermissionDenied):
        check_may_edit(sub_staff, cells["O"])  # the parent is not theirs


def test_reading_roles_and_the_system_may_or_may_not_change(world, make_user):
    check_may_edit(None, world["cells"]["X"])  # the system acts for nobody
    check_may_edit(make_user(Role.COMMITTEE_STAFF), world["cells"]["X"])
    with pytest.raises(PermissionDenied) as error:
        check_may_edit(make_user(Role.BOARD_HEAD), world["cells"]["O"])
    assert (
        str(error.value) == "Vai trò của tài khoản này chỉ được xem, không được sửa các hồ sơ này."
    )


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("nguyen van o", ["Nguyễn Văn O"]),  # without diacritics
        ("NGUYỄN VĂN S", ["Nguyễn Văn S"]),
        ("  ", ["Nguyễn Văn O", "Nguyễn Văn S", "Nguyễn Văn X"]),  # nothing asked
        ("035080", ["Nguyễn Văn O", "Nguyễn Văn S", "Nguyễn Văn X"]),  # first digits
        ("0002", ["Nguyễn Văn S"]),  # last digits, as lists show them
        ("035•••••0003", ["Nguyễn Văn X"]),  # copied from a list
        ("035*****0001", ["Nguyễn Văn O"]),
        ("036•••••0001", []),
        ("9999", []),
    ],
)
def test_search_by_name_or_citizen_id(world, text, found):
    assert names(Member.objects.search(text)) == found


def test_open_candidacies_are_those_before_the_decision(make_candidate, make_member):
    for n, stage in enumerate(Stage, start=1):
        admitted = stage in (Stage.DECISION, Stage.CEREMONY)
        make_candidate(
            stage=stage,
            full_name=f"Ứng viên {stage.value}",
            citizen_id=f"03520000{n:04d}",
            member=make_member(
                citizen_id=f"03520100{n:04d}",
                status="probationary",
                decision_date=date(2024, 3, 15),
            )
            if admitted
            else None,
        )
    assert sorted(Candidate.objects.open().values_list("stage", flat=True)) == sorted(
        [
            "source",
            "trained",
            "applied",
            "verified",
            "introduced",
            "commented",
            "cell_resolution",
            "grassroots_resolution",
        ]
    )


def test_grassroots_organisations_are_those_of_the_grassroots_kinds(world):
    codes = set(Organisation.objects.grassroots().values_list("code", flat=True))
    assert {"O", "X"} <= codes and "S" not in codes


def test_the_rule_set_in_force_on_a_day(db):
    RuleSet.objects.all().delete()
    first = RuleSet.objects.create(effective_from=date(2021, 10, 1), reference="Quy định 24")
    second = RuleSet.objects.create(
        effective_from=date(2024, 1, 1), reference="Quy định 99", min_age_years=19
    )
    assert RuleSet.objects.in_force_on(date(2023, 12, 31)) == first
    assert RuleSet.objects.in_force_on(date(2024, 1, 1)) == second
    with pytest.raises(RuleSet.DoesNotExist):
        RuleSet.objects.in_force_on(date(2021, 9, 30))


def test_targets_by_meaning_for_the_committee_and_each_organisation(world, make_term):
    term = make_term()
    o = world["o"]
    assigned, aspiration = QuotaBasis.ASSIGNED, QuotaBasis.ASPIRATION
    admissions, training = QuotaKind.ADMISSIONS, QuotaKind.TRAINING
    for organisation, kind, basis, year, quota_term, target in [
        (None, admissions, assigned, 2024, None, 205),
        (None, admissions, aspiration, 2024, None, 220),
        (None, training, assigned, 2024, None, 150),
        (None, admissions, assigned, None, term, 500),
        (o, admissions, assigned, 2024, None, 4),
        (o, admissions, assigned, 2023, None, 3),  # another year: not read
        (None, admissions, assigned, 2023, None, 199),
    ]:
        Quota.objects.create(
            organisation=organisation,
            kind=kind,
            basis=basis,
            year=year,
            term=quota_term,
            target=target,
        )
    targets = Quota.objects.targets(year=2024, term=term)
    committee = targets.committee
    assert (committee.admissions, committee.aspiration, committee.training, committee.term) == (
        205,
        220,
        150,
        500,
    )
    assert targets.of(o.pk).admissions == 4 and targets.of(o.pk).term is None
    assert targets.of(world["x"].pk).admissions is None
    no_term = Quota.objects.targets(year=2024, term=None)
    assert no_term.committee.term is None and no_term.committee.admissions == 205
    assert no_term.of(o.pk).admissions == 4  # without a term, still only the year's quotas
