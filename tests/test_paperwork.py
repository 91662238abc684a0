"""The documents of an admission file as .docx: read back (text, numbers, dates, votes, table
cells), converted to PDF by LibreOffice as staff would open them, in the user's scope and in
the processing log."""

import io
import os
import shutil
import subprocess
from datetime import date

import pytest
from django.urls import reverse
from docx import Document

from recruitment.models import MemberEvent, Organisation, ProcessingRecord, StageRecord
from recruitment.paperwork.heading import (
    committee_of,
    issuing_body,
    place_and_date,
    vietnamese_date,
)
from recruitment.reorganisation import Document as Document_
from recruitment.reorganisation import organisation_move
from recruitment.roles import Role
from recruitment.states import IntroductionKind, Stage
from tests.pipeline import LOGGED

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def text_of(content: bytes) -> str:
    """Every paragraph of the document, its tables' cells included, one per line."""
    document = Document(io.BytesIO(content))
    lines = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                lines.extend(paragraph.text for paragraph in cell.paragraphs)
    return "\n".join(lines)


def table_rows(content: bytes, index: int) -> list[list[str]]:
    table = Document(io.BytesIO(content)).tables[index]
    return [[cell.text for cell in row.cells] for row in table.rows]


def as_pdf_text(content: bytes, tmp_path) -> str:
    """The document converted to PDF by LibreOffice headless, as text (pdftotext)."""
    office = shutil.which("libreoffice") or shutil.which("soffice")
    if office is None or shutil.which("pdftotext") is None:
        if os.environ.get("CI"):
            pytest.fail("LibreOffice (libreoffice-writer-nogui) and poppler-utils are needed")
        pytest.skip("LibreOffice or pdftotext is not installed")
    source = tmp_path / "document.docx"
    source.write_bytes(content)
    profile = tmp_path / "profile"
    subprocess.run(
        [
            office,
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    pdf = tmp_path / "document.pdf"
    assert pdf.read_bytes().startswith(b"%PDF")
    return subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout


@pytest.fixture
def admitted(make_organisation, make_cell, make_candidate, make_member, make_city):
    """A candidate of "Chi bộ số 1" of "Đảng bộ phường Minh Khai" with every stage recorded,
    each with its number and date, and the member the decision made."""
    organisation = make_organisation(code="MK", name="Đảng bộ phường Minh Khai")
    cell = make_cell(organisation=organisation, name="Chi bộ số 1")
    member = make_member(
        cell=cell,
        full_name="Trần Thị Mai",
        date_of_birth=date(1996, 7, 9),
        decision_date=date(2024, 2, 8),
        ceremony_date=None,
        status="probationary",
    )
    candidate = make_candidate(
        cell=cell,
        full_name="Trần Thị Mai",
        date_of_birth=date(1996, 7, 9),
        citizen_id=member.citizen_id,
        hometown="xã Tiên Hải, thành phố Phủ Lý",
        stage=Stage.DECISION,
        member=member,
    )
    rows = [
        (Stage.TRAINED, date(2023, 7, 14), "388-GCN/TTCT", {}),
        (Stage.APPLIED, date(2023, 9, 20), "", {"personal_history_date": date(2023, 9, 25)}),
        (Stage.VERIFIED, date(2023, 11, 3), "31-BC/ĐU", {}),
        (
            Stage.INTRODUCED,
            date(2023, 11, 17),
            "12-NQ/ĐTN",
            {"introduction_kind": IntroductionKind.YOUTH_UNION},
        ),
        (Stage.COMMENTED, date(2023, 11, 21), "", {}),
        (
            Stage.CELL_RESOLUTION,
            date(2023, 12, 6),
            "37-NQ/CB",
            {"eligible_voters": 9, "votes_for": 7, "votes_against": 2, "voters_excluded": 1},
        ),
        (
            Stage.GRASSROOTS_RESOLUTION,
            date(2023, 12, 25),
            "75-NQ/ĐU",
            {"eligible_voters": 11, "votes_for": 11, "votes_against": 0},
        ),
        (Stage.DECISION, date(2024, 2, 8), "119-QĐ/TU", {}),
    ]
    for stage, day, number, extra in rows:
        StageRecord.objects.create(
            candidate=candidate,
            stage=stage,
            date=day,
            document_number=number,
            document_date=day if number else None,
            signed_by="Nguyễn Văn Tâm" if stage == Stage.DECISION else "Lê Thị Hoa",
            **extra,
        )
    return candidate


def download(client, url):
    response = client.get(url)
    assert response.status_code == 200, response.content[:300]
    assert response["Content-Type"] == DOCX
    return response.content


def test_the_date_line_follows_36_hd_vptw():
    # A zero before days under 10 and before months 1 and 2 only.
    assert vietnamese_date(date(2024, 2, 5)) == "ngày 05 tháng 02 năm 2024"
    assert vietnamese_date(date(2024, 11, 26)) == "ngày 26 tháng 11 năm 2024"
    assert vietnamese_date(date(2024, 3, 15)) == "ngày 15 tháng 3 năm 2024"


def test_the_heading_comes_from_the_committee_of_the_day(admitted, make_city):
    cell = admitted.cell
    city = cell.organisation.parent
    city.superior_name, city.place_name = "Đảng bộ tỉnh Hà Nam", "Phủ Lý"
    city.save()
    committee = issuing_body(None, date(2024, 2, 8))
    assert (committee.upper, committee.body, committee.place) == (
        "ĐẢNG BỘ TỈNH HÀ NAM",
        "THÀNH ỦY PHỦ LÝ",
        "Phủ Lý",
    )
    assert committee.standing_board == "Ban Thường vụ Thành ủy Phủ Lý"
    assert place_and_date(committee, date(2024, 2, 8)) == "Phủ Lý, ngày 08 tháng 02 năm 2024"
    grassroots = issuing_body(cell.organisation, date(2024, 2, 8))
    assert (grassroots.upper, grassroots.body) == (
        "ĐẢNG BỘ THÀNH PHỐ PHỦ LÝ",
        "ĐẢNG ỦY PHƯỜNG MINH KHAI",
    )
    assert committee_of(cell, date(2024, 2, 8)).body == "THÀNH ỦY PHỦ LÝ"
    own = issuing_body(cell, date(2024, 2, 8))
    assert (own.upper, own.body) == ("ĐẢNG BỘ PHƯỜNG MINH KHAI", "CHI BỘ SỐ 1")
    # From 01/07/2025 the organisation stands under a ward committee: a document of that
    # date carries the ward's heading, one of 2024 still the city's.
    ward = make_city(
        name="Đảng bộ phường Phù Vân",
        level=Organisation.Level.WARD,
        committee_name="Đảng ủy phường Phù Vân",
        superior_name="Đảng bộ tỉnh Ninh Bình",
        place_name="Phù Vân",
        standing_board_name="Ban Thường vụ Đảng ủy phường Phù Vân",
        active_from=date(2025, 7, 1),
    )
    organisation_move(
        organisation=cell.organisation,
        parent=ward,
        effective_date=date(2025, 7, 1),
        document=Document_(number="15-QĐ/TU", date=date(2025, 6, 20)),
        user=None,
    )
    after = committee_of(cell, date(2025, 9, 2))
    assert (after.upper, after.body, after.place) == (
        "ĐẢNG BỘ TỈNH NINH BÌNH",
        "ĐẢNG ỦY PHƯỜNG PHÙ VÂN",
        "Phù Vân",
    )
    assert after.standing_board == "Ban Thường vụ Đảng ủy phường Phù Vân"
    assert issuing_body(cell.organisation, date(2025, 9, 2)).upper == "ĐẢNG BỘ PHƯỜNG PHÙ VÂN"
    assert issuing_body(cell.organisation, date(2024, 2, 8)).upper == "ĐẢNG BỘ THÀNH PHỐ PHỦ LÝ"
    assert committee_of(cell, date(2024, 2, 8)).body == "THÀNH ỦY PHỦ LÝ"


def test_admission_decision_reads_back_and_converts_to_pdf(
    client, committee_staff, admitted, tmp_path
):
    client.force_login(committee_staff)
    url = reverse("recruitment:candidate-document", args=[admitted.pk, "decision"])
    content = download(client, url)
    text = text_of(content)
    for expected in (
        "THÀNH ỦY PHỦ LÝ",
        "Số 119-QĐ/TU",
        "ĐẢNG CỘNG SẢN VIỆT NAM",
        "Phủ Lý, ngày 08 tháng 02 năm 2024",
        "QUYẾT ĐỊNH",
        "kết nạp đảng viên",
        "BAN THƯỜNG VỤ THÀNH ỦY PHỦ LÝ QUYẾT ĐỊNH",
        "Điều 1. Kết nạp quần chúng Trần Thị Mai, sinh ngày 09/07/1996",
        "Thời gian dự bị 12 tháng",
        "Đảng ủy phường Minh Khai (Nghị quyết số 75-NQ/ĐU ngày 25/12/2023)",
        "Chi bộ số 1 (Nghị quyết số 37-NQ/CB ngày 06/12/2023)",
        "T/M BAN THƯỜNG VỤ",
        "Nguyễn Văn Tâm",
        "Nơi nhận:",
    ):
        assert expected in text, expected
    pdf = as_pdf_text(content, tmp_path)
    assert "119-QĐ/TU" in pdf and "08 tháng 02 năm 2024" in pdf


def test_cell_and_grassroots_resolutions_carry_the_votes(client, committee_staff, admitted):
    client.force_login(committee_staff)
    cell = text_of(
        download(
            client, reverse("recruitment:candidate-document", args=[admitted.pk, "cell-resolution"])
        )
    )
    assert "CHI BỘ SỐ 1" in cell and "Số 37-NQ/CB" in cell
    assert "Phủ Lý, ngày 06 tháng 12 năm 2023" in cell
    # 10 official members, 1 away on temporary transfer: 9 counted, 7 for (77,8 %), 2 against.
    assert "Tổng số đảng viên chính thức của chi bộ: 10 đồng chí" in cell
    assert "số đảng viên chính thức được tính để biểu quyết: 9 đồng chí" in cell
    assert "7 đồng chí tán thành kết nạp (đạt 77,8%" in cell
    assert "2 đồng chí không tán thành" in cell
    assert "Giấy chứng nhận số 388-GCN/TTCT ngày 14/07/2023" in cell
    grassroots = text_of(
        download(
            client,
            reverse("recruitment:candidate-document", args=[admitted.pk, "grassroots-resolution"]),
        )
    )
    assert "ĐẢNG ỦY PHƯỜNG MINH KHAI" in grassroots and "Số 75-NQ/ĐU" in grassroots
    assert "Tổng số cấp ủy viên: 11 đồng chí; số tán thành kết nạp: 11 đồng chí (đạt 100,0%)" in (
        grassroots
    )
    assert "T/M ĐẢNG ỦY" in grassroots


def test_file_checklist_lists_each_document_with_number_and_date_or_missing(
    client, committee_staff, admitted
):
    StageRecord.objects.filter(candidate=admitted, stage=Stage.COMMENTED).delete()
    client.force_login(committee_staff)
    content = download(
        client, reverse("recruitment:candidate-document", args=[admitted.pk, "checklist"])
    )
    rows = table_rows(content, 1)
    assert rows[0] == ["STT", "Tài liệu", "Mẫu", "Số", "Ngày", "Tình trạng"]
    by_form = {row[2]: row[3:] for row in rows[1:] if row[2]}
    assert by_form["1-KNĐ"] == ["", "20/09/2023", "Đã có"]
    assert by_form["2-KNĐ"] == ["", "25/09/2023", "Đã có"]
    assert by_form["4-KNĐ"] == ["12-NQ/ĐTN", "17/11/2023", "Đã có"]
    assert by_form["5-KNĐ"] == ["", "", "Còn thiếu"]
    assert by_form["6-KNĐ"] == ["37-NQ/CB", "06/12/2023", "Đã có"]
    assert by_form["8-KNĐ"] == ["75-NQ/ĐU", "25/12/2023", "Đã có"]
    assert by_form["9-KNĐ"] == ["119-QĐ/TU", "08/02/2024", "Đã có"]
    assert rows[1][1:] == [
        "Giấy chứng nhận học lớp bồi dưỡng nhận thức về Đảng",
        "",
        "388-GCN/TTCT",
        "14/07/2023",
        "Đã có",
    ]
    assert len(rows) == 11


def test_a_meeting_file_holds_every_decision_of_the_day_in_number_order(
    client, committee_staff, admitted, make_candidate, tmp_path
):
    other = make_candidate(
        cell=admitted.cell, full_name="Phạm Văn Đức", stage=Stage.GRASSROOTS_RESOLUTION
    )
    StageRecord.objects.create(
        candidate=other, stage=Stage.DECISION, date=date(2024, 2, 8), document_number="98-QĐ/TU"
    )
    # The same day in another body's register: a file of its own.
    elsewhere = make_candidate(cell=admitted.cell, full_name="Lã Văn Khải", stage=Stage.CANCELLED)
    StageRecord.objects.create(
        candidate=elsewhere, stage=Stage.DECISION, date=date(2024, 2, 8), document_number="5-QĐ/ĐUK"
    )
    later = make_candidate(cell=admitted.cell, full_name="Vũ Thị Lan")
    StageRecord.objects.create(
        candidate=later, stage=Stage.DECISION, date=date(2024, 2, 9), document_number="120-QĐ/TU"
    )
    client.force_login(committee_staff)
    page = client.get(reverse("recruitment:meeting", args=["2024-02-08"]))
    assert page.status_code == 200
    # By register, then by number within it.
    assert [row["record"].document_number for row in page.context["rows"]] == [
        "98-QĐ/TU",
        "119-QĐ/TU",
        "5-QĐ/ĐUK",
    ]
    assert page.context["series"] == ["QĐ/TU", "QĐ/ĐUK"]
    url = reverse("recruitment:meeting-docx", args=["2024-02-08"])
    content = download(client, f"{url}?series=QĐ/TU")
    text = text_of(content)
    assert text.index("Số 98-QĐ/TU") < text.index("Số 119-QĐ/TU")
    assert "Phạm Văn Đức" in text and "Trần Thị Mai" in text
    assert "Vũ Thị Lan" not in text and "Lã Văn Khải" not in text
    assert "Lã Văn Khải" in text_of(download(client, f"{url}?series=QĐ/ĐUK"))
    assert client.get(f"{url}?series=QĐ/XX").status_code == 404
    assert text.count("BAN THƯỜNG VỤ THÀNH ỦY PHỦ LÝ QUYẾT ĐỊNH") == 2
    assert 'w:type="page"' in Document(io.BytesIO(content)).element.xml
    pdf = as_pdf_text(content, tmp_path)
    assert pdf.count("\f") >= 2  # two pages at least: one per decision
    assert client.get(reverse("recruitment:meeting", args=["2024-13-01"])).status_code == 404


def test_member_record_and_recognition_decision(client, committee_staff, admitted, tmp_path):
    member = admitted.member
    member.ceremony_date = date(2024, 3, 1)
    member.official_date = date(2025, 3, 1)
    member.status = "official"
    member.party_card_number = "35012345"
    member.save()
    MemberEvent.objects.create(
        member=member,
        kind=MemberEvent.Kind.RECOGNISED,
        date=date(2025, 3, 20),
        document_number="301-QĐ/TU",
        signed_by="Nguyễn Văn Tâm",
        vote_date=date(2025, 3, 5),
        votes_for=8,
        votes_against=1,
        eligible_voters=9,
    )
    client.force_login(committee_staff)
    record = download(client, reverse("recruitment:member-document", args=[member.pk, "record"]))
    rows = dict(row for row in table_rows(record, 1)[1:])
    assert rows["Họ và tên"] == "Trần Thị Mai"
    assert rows["Ngày sinh"] == "09/07/1996"
    assert rows["Số CCCD"] == member.citizen_id
    assert rows["Ngày vào Đảng"] == "08/02/2024"
    assert rows["Ngày tổ chức lễ kết nạp"] == "01/03/2024"
    assert rows["Ngày chính thức"] == "01/03/2025"
    assert rows["Số thẻ đảng viên"] == "35012345"
    assert rows["Chi bộ"] == "Chi bộ số 1"
    assert "PHIẾU ĐẢNG VIÊN" in text_of(record)
    assert "Trần Thị Mai" in as_pdf_text(record, tmp_path)
    decision = text_of(
        download(client, reverse("recruitment:member-document", args=[member.pk, "recognition"]))
    )
    assert "Số 301-QĐ/TU" in decision and "Phủ Lý, ngày 20 tháng 3 năm 2025" in decision
    assert "công nhận đảng viên chính thức" in decision
    assert "8/9 đảng viên chính thức tán thành, đạt 88,9%" in decision
    assert "là đảng viên chính thức kể từ ngày 01/03/2025" in decision


def test_a_document_not_yet_recorded_is_a_404_not_a_500(client, committee_staff, admitted):
    StageRecord.objects.filter(candidate=admitted, stage=Stage.DECISION).delete()
    client.force_login(committee_staff)
    url = reverse("recruitment:candidate-document", args=[admitted.pk, "decision"])
    assert client.get(url).status_code == 404
    url = reverse("recruitment:member-document", args=[admitted.member.pk, "recognition"])
    assert client.get(url).status_code == 404
    url = reverse("recruitment:candidate-document", args=[admitted.pk, "no-such-form"])
    assert client.get(url).status_code == 404


def test_other_organisations_staff_get_404_and_downloads_are_logged(
    client, make_user, make_organisation, admitted
):
    stranger = make_user(Role.GRASSROOTS_STAFF, organisation=make_organisation())
    client.force_login(stranger)
    urls = [
        reverse("recruitment:candidate-document", args=[admitted.pk, "decision"]),
        reverse("recruitment:member-document", args=[admitted.member.pk, "record"]),
        reverse("recruitment:meeting", args=["2024-02-08"]),
        reverse("recruitment:meeting-docx", args=["2024-02-08"]),
    ]
    for url in urls:
        assert client.get(url).status_code == 404, url
    assert not ProcessingRecord.objects.exists()
    own = make_user(Role.GRASSROOTS_STAFF, organisation=admitted.cell.organisation)
    client.force_login(own)
    for url in urls:
        assert client.get(url).status_code == 200, url
    logged = ProcessingRecord.objects.filter(user=own, action="export")
    assert sorted((entry.subject_type, entry.subject_id) for entry in logged) == sorted(
        [
            ("candidate", admitted.pk),
            ("member", admitted.member.pk),
            ("candidate", admitted.pk),
        ]
    )
    # The file name is the record's id, never the person's name.
    response = client.get(urls[0])
    assert response["Content-Disposition"] == (
        f'attachment; filename="quyet-dinh-ket-nap-{admitted.pk}.docx"'
    )


def test_candidate_page_links_to_its_documents_and_meeting(client, committee_staff, admitted):
    client.force_login(committee_staff)
    content = client.get(admitted.get_absolute_url()).content.decode()
    for kind in ("checklist", "cell-resolution", "grassroots-resolution", "decision"):
        assert reverse("recruitment:candidate-document", args=[admitted.pk, kind]) in content
    assert reverse("recruitment:meeting", args=["2024-02-08"]) in content
    content = client.get(admitted.member.get_absolute_url()).content.decode()
    assert reverse("recruitment:member-document", args=[admitted.member.pk, "record"]) in content
    # No recognition recorded yet: no link to its decision.
    assert "recognition.docx" not in content


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        ("checklist", "DANH MỤC HỒ SƠ KẾT NẠP ĐẢNG VIÊN"),
        ("cell-resolution", "37-NQ/CB"),
        ("grassroots-resolution", "75-NQ/ĐU"),
        ("decision", "119-QĐ/TU"),
    ],
)
def test_every_candidate_document_opens_in_libreoffice(
    client, committee_staff, admitted, tmp_path, kind, expected
):
    client.force_login(committee_staff)
    content = download(client, reverse("recruitment:candidate-document", args=[admitted.pk, kind]))
    pdf = as_pdf_text(content, tmp_path)
    assert expected in pdf and "ĐẢNG CỘNG SẢN VIỆT NAM" in pdf


def test_the_recognition_decision_opens_in_libreoffice(client, committee_staff, admitted, tmp_path):
    member = admitted.member
    Member = type(member)
    Member.objects.filter(pk=member.pk).update(
        ceremony_date=date(2024, 3, 1), official_date=date(2025, 3, 1), status="official"
    )
    MemberEvent.objects.create(
        member=member,
        kind=MemberEvent.Kind.RECOGNISED,
        date=date(2025, 3, 20),
        document_number="301-QĐ/TU",
        vote_date=date(2025, 3, 5),
        votes_for=8,
        votes_against=1,
        eligible_voters=9,
    )
    client.force_login(committee_staff)
    url = reverse("recruitment:member-document", args=[member.pk, "recognition"])
    pdf = as_pdf_text(download(client, url), tmp_path)
    assert "301-QĐ/TU" in pdf and "20 tháng 3 năm 2025" in pdf


def test_a_grassroots_cell_skips_the_committee_resolution_in_its_papers(
    client, committee_staff, make_organisation, make_cell, make_candidate
):
    school = make_organisation(
        code="THCS",
        name="Chi bộ Trường THCS Trần Phú",
        kind=Organisation.Kind.GRASSROOTS_CELL,
        category=Organisation.Category.PUBLIC_SERVICE,
    )
    cell = make_cell(organisation=school, name=school.name, is_organisation_itself=True)
    candidate = make_candidate(cell=cell, full_name="Lương Thị Hằng", stage=Stage.CANCELLED)
    for stage, day, number in [
        (Stage.CELL_RESOLUTION, date(2024, 1, 9), "4-NQ/CB"),
        (Stage.DECISION, date(2024, 1, 30), "40-QĐ/TU"),
    ]:
        StageRecord.objects.create(
            candidate=candidate,
            stage=stage,
            date=day,
            document_number=number,
            eligible_voters=12 if stage == Stage.CELL_RESOLUTION else None,
            votes_for=12 if stage == Stage.CELL_RESOLUTION else None,
        )
    assert (issuing_body(cell, date(2024, 1, 9)).upper) == "ĐẢNG BỘ THÀNH PHỐ PHỦ LÝ"
    client.force_login(committee_staff)
    decision = text_of(
        download(client, reverse("recruitment:candidate-document", args=[candidate.pk, "decision"]))
    )
    assert (
        "Xét đề nghị của Chi bộ Trường THCS Trần Phú (Nghị quyết số 4-NQ/CB ngày 09/01/2024),"
        in (decision)
    )
    assert "Đảng ủy" not in decision
    resolution = text_of(
        download(
            client,
            reverse("recruitment:candidate-document", args=[candidate.pk, "cell-resolution"]),
        )
    )
    assert "Chi bộ đề nghị Ban Thường vụ Thành ủy Phủ Lý xem xét" in resolution
    checklist = table_rows(
        download(
            client, reverse("recruitment:candidate-document", args=[candidate.pk, "checklist"])
        ),
        1,
    )
    assert checklist[9][2:] == ["8-KNĐ", "", "", "Không phải lập"]
    url = reverse("recruitment:candidate-document", args=[candidate.pk, "grassroots-resolution"])
    assert client.get(url).status_code == 404


def test_a_meeting_file_query_count_does_not_grow_with_its_decisions(
    client, committee_staff, admitted, make_candidate, django_assert_num_queries
):
    client.force_login(committee_staff)
    url = reverse("recruitment:meeting-docx", args=["2024-02-08"])
    # 1 session, 2 user, 3 staff profile, 4 the candidates decided that day with cell and
    # organisation, 5 their stage records, 6 the cell's organisation that day, 7 its parent
    # that day and 8 that committee (once per organisation), 9 the rule set in force
    # (probation), then one processing record per decision (two queries, LOGGED more on
    # PostgreSQL); 10-12 the session saved.
    with django_assert_num_queries(12 + 1 * (2 + LOGGED)):
        client.get(url)
    for number in (7, 8):
        other = make_candidate(cell=admitted.cell, stage=Stage.CANCELLED)
        StageRecord.objects.create(
            candidate=other,
            stage=Stage.DECISION,
            date=date(2024, 2, 8),
            document_number=f"{number}-QĐ/TU",
        )
    with django_assert_num_queries(12 + 3 * (2 + LOGGED)):
        client.get(url)
