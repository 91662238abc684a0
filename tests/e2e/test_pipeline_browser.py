"""Committee staff take one candidate from source to ceremony in the browser."""

from datetime import date

import pytest

from recruitment.models import Candidate, Member
from recruitment.roles import Role
from recruitment.states import Stage

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def fill_stage(page, values: dict[str, str], checks: tuple[str, ...] = ()):
    for field, value in values.items():
        locator = page.locator(f"#id_{field}")
        if locator.evaluate("element => element.tagName") == "SELECT":
            locator.select_option(label=value)
        else:
            locator.fill(value)
    for field in checks:
        page.check(f"#id_{field}")
    page.click("#submit")


def test_committee_staff_take_a_candidate_from_source_to_ceremony(
    page, live_server, log_in, make_user, make_organisation, make_cell, make_member
):
    organisation = make_organisation(name="Đảng bộ phường Minh Khai")
    cell = make_cell(organisation=organisation, name="Chi bộ tổ dân phố số 3")
    officials = [
        make_member(cell=cell, full_name=name, date_of_birth=date(1975, 1, n + 1))
        for n, name in enumerate(
            [
                "Trần Văn An",
                "Lê Thị Bình",
                "Phạm Văn Cường",
                "Đỗ Thị Dung",
                "Vũ Văn Em",
                "Ngô Thị Gấm",
                "Bùi Văn Hải",
                "Đinh Thị Khánh",
                "Hoàng Văn Long",
            ]
        )
    ]
    user = make_user(Role.COMMITTEE_STAFF, username="canbo")
    log_in(user.username)

    # Source: choose the cell, then the candidate's details and the helper member.
    page.click("#nav-candidates")
    page.click("#add-candidate")
    page.select_option("#id_cell", label=f"{organisation.name} – {cell.name}")
    page.click("#submit")
    fill_stage(
        page,
        {
            "full_name": "Nguyễn Thị Huế",
            "gender": "Nữ",
            "date_of_birth": "17/05/2000",
            "citizen_id": "035300123456",
            "occupation": "Giáo viên",
            "helper": "Trần Văn An – Chi bộ tổ dân phố số 3 – 1975",
            "source_date": "09/01/2023",
        },
        checks=("youth_union_member",),
    )
    page.wait_for_selector("#current-stage")
    candidate = Candidate.objects.get(citizen_id="035300123456")
    assert page.inner_text("#current-stage") == "Tạo nguồn"

    steps = [
        (Stage.TRAINED, {"date": "10/03/2023", "document_number": "CC-15"}, ()),
        (Stage.APPLIED, {"date": "01/06/2023", "personal_history_date": "05/06/2023"}, ()),
        (Stage.VERIFIED, {"date": "01/08/2023"}, ("verification_passed",)),
        (
            Stage.INTRODUCED,
            {
                "date": "01/09/2023",
                "introduction_kind": "Hai đảng viên chính thức",
                "introducer_1": "Lê Thị Bình – Chi bộ tổ dân phố số 3 – 1975",
                "known_since_1": "01/01/2020",
                "introducer_2": "Phạm Văn Cường – Chi bộ tổ dân phố số 3 – 1975",
                "known_since_2": "01/01/2021",
            },
            (),
        ),
        (Stage.COMMENTED, {"date": "15/09/2023"}, ()),
        (
            Stage.CELL_RESOLUTION,
            {
                "date": "31/01/2024",
                "document_number": "07-NQ/CB",
                "votes_for": "6",
                "votes_against": "3",
            },
            (),
        ),
        (
            Stage.GRASSROOTS_RESOLUTION,
            {"date": "20/02/2024", "votes_for": "7", "votes_against": "0", "eligible_voters": "9"},
            (),
        ),
        (
            Stage.DECISION,
            {"date": "15/03/2024", "document_number": "245-QĐ/TU", "signed_by": "Trần Văn Hùng"},
            (),
        ),
        (Stage.CEREMONY, {"date": "26/03/2024"}, ()),
    ]
    for stage, values, checks in steps:
        page.click("#next-step")
        assert f"/stage/{stage}/" in page.url
        fill_stage(page, values, checks)
        page.wait_for_selector("#current-stage")
        assert page.inner_text("#current-stage") == str(Stage(stage).label), page.content()

    candidate.refresh_from_db()
    assert candidate.stage == Stage.CEREMONY
    member = candidate.member
    assert member.status == Member.Status.PROBATIONARY
    assert (member.decision_date, member.ceremony_date) == (date(2024, 3, 15), date(2024, 3, 26))

    # The member list shows her among the probationary members, and her page says so.
    page.click("#nav-members")
    page.select_option("#id_status", label="Dự bị")
    page.fill("#id_q", "nguyen thi hue")
    page.click("#filter")
    page.click("text=Nguyễn Thị Huế")
    assert page.inner_text("#member-status") == "Dự bị"
    assert "26/03/2024" in page.content()
    # The pipeline made one member, hers, and left the nine officials as they were.
    assert Member.objects.filter(cell=cell).count() == 10
    assert set(Member.objects.filter(cell=cell, status=Member.Status.OFFICIAL)) == set(officials)
