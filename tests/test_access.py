"""Log-in is required everywhere but the log-in page; each role reaches what it should."""

from datetime import date

import pytest
from django.urls import reverse

from recruitment.access import can_edit_records, can_set_quotas, role_of
from recruitment.models import Candidate, Member, Organisation, Quota
from recruitment.roles import Role


@pytest.fixture
def two_organisations(make_organisation, make_cell, make_member, make_candidate):
    """Organisation A and B, each with a cell, a member and a candidate."""
    result = {}
    for label in ("a", "b"):
        organisation = make_organisation(name=f"Đảng bộ phường {label.upper()}")
        cell = make_cell(organisation=organisation)
        result[label] = {
            "organisation": organisation,
            "cell": cell,
            "member": make_member(cell=cell, full_name=f"Thành viên {label.upper()}"),
            "candidate": make_candidate(cell=cell, full_name=f"Ứng viên {label.upper()}"),
        }
    return result


@pytest.fixture
def grassroots_staff_a(make_user, two_organisations):
    return make_user(Role.GRASSROOTS_STAFF, organisation=two_organisations["a"]["organisation"])


def test_anonymous_user_is_sent_to_log_in(client):
    response = client.get(reverse("recruitment:home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_anonymous_user_cannot_open_admin(client):
    response = client.get(reverse("admin:recruitment_member_changelist"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_admin_log_in_url_leads_to_the_one_log_in_page(client):
    response = client.get("/admin/login/?next=/admin/")
    assert response.status_code == 302
    assert response["Location"] == reverse("login") + "?next=/admin/"


def test_log_in_page_is_open_and_in_vietnamese(client):
    response = client.get(reverse("login"))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Đăng nhập" in content
    assert 'lang="vi"' in content


def test_log_in_changes_session_key_and_log_out_ends_session(client, committee_staff):
    client.get(reverse("login"))
    # A session before log-in (the test client's, as a visitor's would be): log-in must
    # not keep its key (session fixation).
    session = client.session
    session["seen"] = True
    session.save()
    before = client.cookies["sessionid"].value
    assert before == session.session_key
    response = client.post(
        reverse("login"), {"username": committee_staff.username, "password": "Mat-khau-2024!"}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("recruitment:home")
    after = client.cookies["sessionid"].value
    assert after != before
    assert client.get(reverse("recruitment:home")).status_code == 200
    client.post(reverse("logout"))
    assert client.get(reverse("recruitment:home")).status_code == 302


def test_wrong_password_is_refused_in_vietnamese(client, committee_staff):
    response = client.post(
        reverse("login"), {"username": committee_staff.username, "password": "sai"}
    )
    assert response.status_code == 200
    assert "mật khẩu chính xác" in response.content.decode()


def test_user_without_role_sees_nothing(make_user, two_organisations):
    user = make_user(None)
    assert role_of(user) is None
    assert Member.objects.visible_to(user).count() == 0
    assert not can_edit_records(user)


def test_committee_staff_sees_and_edits_everything(committee_staff, two_organisations):
    assert Member.objects.visible_to(committee_staff).count() == 2
    assert Candidate.objects.visible_to(committee_staff).count() == 2
    assert committee_staff.has_perm("recruitment.change_member")
    assert committee_staff.has_perm("recruitment.add_candidate")
    assert committee_staff.has_perm("recruitment.change_quota")
    assert can_edit_records(committee_staff)


def test_board_head_reads_everything_and_sets_quotas_only(board_head, two_organisations):
    assert Member.objects.visible_to(board_head).count() == 2
    assert board_head.has_perm("recruitment.view_member")
    assert not board_head.has_perm("recruitment.change_member")
    assert not board_head.has_perm("recruitment.add_candidate")
    assert board_head.has_perm("recruitment.add_quota")
    assert board_head.has_perm("recruitment.change_quota")
    assert can_set_quotas(board_head)
    assert not can_edit_records(board_head)


def test_grassroots_staff_see_only_their_organisation(grassroots_staff_a, two_organisations):
    a, b = two_organisations["a"], two_organisations["b"]
    assert list(Member.objects.visible_to(grassroots_staff_a)) == [a["member"]]
    assert list(Candidate.objects.visible_to(grassroots_staff_a)) == [a["candidate"]]
    assert list(Organisation.objects.visible_to(grassroots_staff_a)) == [a["organisation"]]
    assert grassroots_staff_a.has_perm("recruitment.change_candidate")
    assert not grassroots_staff_a.has_perm("recruitment.change_quota")
    assert not grassroots_staff_a.has_perm("recruitment.delete_member")
    assert b["member"] not in Member.objects.visible_to(grassroots_staff_a)


def test_grassroots_staff_see_their_sub_committees_cells(
    grassroots_staff_a, two_organisations, make_organisation, make_cell, make_member
):
    parent = two_organisations["a"]["organisation"]
    sub = make_organisation(kind=Organisation.Kind.SUB_COMMITTEE, parent=parent, category="")
    member = make_member(cell=make_cell(organisation=sub))
    assert member in Member.objects.visible_to(grassroots_staff_a)


def test_grassroots_staff_admin_list_shows_only_own_members(
    client, grassroots_staff_a, two_organisations
):
    client.force_login(grassroots_staff_a)
    response = client.get(reverse("admin:recruitment_member_changelist"))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Thành viên A" in content
    assert "Thành viên B" not in content


@pytest.mark.parametrize("model", ["member", "candidate", "cell", "organisation"])
def test_grassroots_staff_cannot_open_other_organisations_record_in_admin(
    client, grassroots_staff_a, two_organisations, model
):
    client.force_login(grassroots_staff_a)
    other = two_organisations["b"][model]
    response = client.get(reverse(f"admin:recruitment_{model}_change", args=[other.pk]))
    # The admin answers an object outside the user's queryset as missing: a 404.
    assert response.status_code == 404
    own = two_organisations["a"][model]
    assert (
        client.get(reverse(f"admin:recruitment_{model}_change", args=[own.pk])).status_code == 200
    )


def test_grassroots_staff_cell_choices_are_their_own(client, grassroots_staff_a, two_organisations):
    client.force_login(grassroots_staff_a)
    own = two_organisations["a"]["candidate"]
    response = client.get(reverse("admin:recruitment_candidate_change", args=[own.pk]))
    assert response.status_code == 200
    # The cell field is an autocomplete: it asks the cell admin, which is scoped.
    autocomplete = client.get(
        reverse("admin:autocomplete"),
        {"app_label": "recruitment", "model_name": "candidate", "field_name": "cell", "term": ""},
    )
    names = {row["text"] for row in autocomplete.json()["results"]}
    assert names == {two_organisations["a"]["cell"].name}


def test_board_head_cannot_change_member_in_admin(client, board_head, two_organisations):
    client.force_login(board_head)
    member = two_organisations["a"]["member"]
    url = reverse("admin:recruitment_member_change", args=[member.pk])
    assert client.get(url).status_code == 200  # view only
    response = client.post(url, {"full_name": "Đổi tên"})
    assert response.status_code == 403
    member.refresh_from_db()
    assert member.full_name == "Thành viên A"


def test_board_head_can_set_a_quota_in_admin(client, board_head, two_organisations):
    client.force_login(board_head)
    organisation = two_organisations["a"]["organisation"]
    response = client.post(
        reverse("admin:recruitment_quota_add"),
        {
            "organisation": organisation.pk,
            "kind": "admissions",
            "basis": "assigned",
            "year": "2024",
            "target": "4",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Quota.objects.get(organisation=organisation, year=2024).target == 4


def test_committee_staff_admin_pages_are_in_vietnamese(client, committee_staff, two_organisations):
    client.force_login(committee_staff)
    content = client.get(reverse("admin:recruitment_member_changelist")).content.decode()
    assert "Đảng viên" in content
    assert "Trạng thái" in content


def test_admin_search_finds_names_without_diacritics(client, committee_staff, make_member):
    make_member(full_name="Nguyễn Thị Huế")
    make_member(full_name="Trần Văn Bình")
    client.force_login(committee_staff)
    content = client.get(
        reverse("admin:recruitment_member_changelist"), {"q": "Nguyen Thi Hue"}
    ).content.decode()
    assert "Nguyễn Thị Huế" in content
    assert "Trần Văn Bình" not in content


def test_admin_cannot_record_stages_around_the_services(client, committee_staff, two_organisations):
    client.force_login(committee_staff)
    assert client.get(reverse("admin:recruitment_candidate_add")).status_code == 403
    assert client.get(reverse("admin:recruitment_stagerecord_add")).status_code == 403
    candidate = two_organisations["a"]["candidate"]
    url = reverse("admin:recruitment_candidate_change", args=[candidate.pk])
    assert 'name="stage"' not in client.get(url).content.decode()


def test_admin_filters_members_by_year_of_admission(client, committee_staff, make_member):
    make_member(full_name="Vào năm 2023", decision_date=date(2023, 6, 1), status="probationary")
    make_member(full_name="Vào năm 2019", decision_date=date(2019, 6, 1))
    client.force_login(committee_staff)
    content = client.get(
        reverse("admin:recruitment_member_changelist"), {"year": "2023"}
    ).content.decode()
    assert "Vào năm 2023" in content
    assert "Vào năm 2019" not in content
