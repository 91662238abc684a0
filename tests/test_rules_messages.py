"""Every refusal of the admission rules, word for word in Vietnamese, with its figures.

A clerk acts on these sentences: a wrong figure (votes needed, a due date, an age) or a
sentence that falls back to English is a bug, so each is written out here in full (issue 18:
the other tests check only that a problem is found)."""

from datetime import date
from types import SimpleNamespace

import pytest

from recruitment import rules
from tests.test_rules_edges import PARAMS

pytestmark = pytest.mark.usefixtures("vietnamese")


def test_citizen_id_messages():
    check = rules.citizen_id_problems
    assert check("03519000012", date_of_birth=date(1990, 1, 1), gender="female") == [
        "Số CCCD phải gồm đúng 12 chữ số."
    ]
    assert check("035091000123", date_of_birth=date(1990, 1, 1), gender="female") == [
        "Chữ số thứ 4 của số CCCD (0) không khớp với giới tính và thế kỷ sinh (phải là 1).",
        "Chữ số thứ 5 và 6 của số CCCD (91) không khớp với năm sinh 1990.",
    ]


def test_months_added_to_the_31st_end_on_the_last_day_of_a_shorter_month():
    assert rules.add_months(date(2024, 3, 31), 1) == date(2024, 4, 30)
    assert rules.add_months(date(2024, 3, 31), 11) == date(2025, 2, 28)
    assert rules.add_months(date(2023, 12, 31), 2) == date(2024, 2, 29)


def test_century_digits_of_later_centuries():
    # 6/7 for 2200-2299, 8/9 for 2300-2399; none known after that.
    digit = rules.expected_century_gender_digit
    assert digit(date(2200, 1, 1), "male") == "6"
    assert digit(date(2299, 1, 1), "female") == "7"
    assert digit(date(2300, 1, 1), "male") == "8"
    assert digit(date(2399, 1, 1), "female") == "9"
    assert digit(date(2400, 1, 1), "female") is None


def test_age_messages():
    check = rules.check_age
    assert check(
        date_of_birth=date(2006, 5, 17), on=date(2024, 3, 26), params=PARAMS, over_age_consent=False
    ) == [
        "Quy định về tuổi: vào ngày 26/03/2024, quần chúng ưu tú mới 17 tuổi 10 tháng, "
        "chưa đủ tuổi tối thiểu là 18 tuổi."
    ]
    assert check(
        date_of_birth=date(1964, 2, 20), on=date(2024, 3, 26), params=PARAMS, over_age_consent=False
    ) == [
        "Quy định về tuổi: vào ngày 26/03/2024, quần chúng ưu tú đã 60 tuổi 1 tháng, quá 60 "
        "tuổi; việc kết nạp phải có văn bản đồng ý của Ban Thường vụ Tỉnh ủy, nhưng văn bản "
        "này chưa được ghi nhận."
    ]


def test_certificate_expired_message():
    assert rules.check_certificate(
        certificate_date=date(2019, 3, 15), on=date(2024, 3, 16), params=PARAMS
    ) == [
        "Lớp bồi dưỡng nhận thức về Đảng: giấy chứng nhận cấp ngày 15/03/2019 có giá trị 60 "
        "tháng, đến hết ngày 15/03/2024; vào ngày 16/03/2024 giấy chứng nhận đã hết hạn."
    ]


def test_education_message():
    assert rules.check_education(general_education="6/10", exception=False) == [
        "Quy định về trình độ học vấn: trình độ giáo dục phổ thông 6/10 chưa đạt tốt nghiệp "
        "trung học cơ sở (7/10) và chưa ghi nhận trường hợp ngoại lệ."
    ]


def test_application_and_stage_order_messages():
    assert rules.check_application_dates(
        application_date=date(2024, 1, 11), history_date=date(2024, 1, 10)
    ) == [
        "Đơn xin vào Đảng: ngày làm đơn (11/01/2024) không được sau ngày khai lý lịch của "
        "người xin vào Đảng (10/01/2024)."
    ]
    assert rules.check_not_before(
        day=date(2024, 1, 9), previous_day=date(2024, 1, 10), previous_stage="Đơn"
    ) == ["Thứ tự các bước: ngày 09/01/2024 sớm hơn ngày của bước trước (Đơn, ngày 10/01/2024)."]
    assert rules.check_not_before(day=date(2024, 1, 9), previous_day=None, previous_stage="") == []


def test_vote_messages():
    check = rules.check_vote
    assert check(votes_for=8, votes_against=2, eligible=9, params=PARAMS, body="chi bộ") == [
        "Biểu quyết: tổng số phiếu là 10 nhưng chỉ có 9 người có quyền biểu quyết."
    ]
    # Votes against not recorded: the votes for alone are counted.
    assert check(votes_for=10, votes_against=None, eligible=9, params=PARAMS, body="chi bộ") == [
        "Biểu quyết: tổng số phiếu là 10 nhưng chỉ có 9 người có quyền biểu quyết."
    ]
    assert check(votes_for=9, votes_against=None, eligible=9, params=PARAMS, body="chi bộ") == []
    # One member entitled, one vote for: passes.
    assert check(votes_for=1, votes_against=0, eligible=1, params=PARAMS, body="chi bộ") == []
    assert rules.vote_passes(votes_for=1, eligible=1, params=PARAMS)


def introducer(name, known_since=date(2020, 1, 1), **kw):
    kw.setdefault("is_official", True)
    kw.setdefault("is_candidate", False)
    return rules.IntroducerFacts(name=name, known_since=known_since, **kw)


def introduction(*introducers, kind="two_members", **kw):
    kw.setdefault("youth_union_member", False)
    kw.setdefault("date_of_birth", date(1990, 5, 17))
    return rules.check_introduction(
        kind=kind, introducers=list(introducers), on=date(2024, 3, 26), params=PARAMS, **kw
    )


def test_introduction_messages():
    assert introduction(introducer("A")) == [
        "Giới thiệu: hình thức giới thiệu này cần 2 đảng viên giới thiệu, nhưng đã nhập 1."
    ]
    assert introduction(introducer("A"), kind="youth_union", youth_union_member=False) == [
        "Giới thiệu: Ban Chấp hành Đoàn cơ sở chỉ được giới thiệu người là đoàn viên Đoàn TNCS "
        "Hồ Chí Minh."
    ]
    assert introduction(
        introducer("A"), kind="youth_union", youth_union_member=True, date_of_birth=date(1990, 1, 1)
    ) == [
        "Giới thiệu: quần chúng ưu tú đã 34 tuổi, quá tuổi thanh niên (30 tuổi); cần do hai "
        "đảng viên chính thức hoặc Ban Chấp hành Công đoàn cơ sở và một đảng viên chính thức "
        "giới thiệu."
    ]
    # Every introducer is checked, the candidate's own entry first.
    assert introduction(
        introducer("A", is_candidate=True), introducer("Lê Thị Mai", is_official=False)
    ) == [
        "Giới thiệu: quần chúng ưu tú không được tự giới thiệu mình.",
        "Giới thiệu: Lê Thị Mai không phải là đảng viên chính thức.",
    ]
    assert introduction(introducer("Trần Văn Hùng", date(2023, 6, 1)), introducer("B")) == [
        "Giới thiệu: Trần Văn Hùng cùng công tác, học tập với quần chúng ưu tú từ ngày "
        "01/06/2023, đến ngày 26/03/2024 chưa đủ 12 tháng."
    ]


def deadline(day, *, extended):
    # 60 working days from 31/01/2024 end on 06/05/2024, 90 on 17/06/2024 (Tết 08-14/02,
    # 18/04, 29/04-01/05 off; Saturday 04/05 worked).
    return rules.check_deadline(
        start=date(2024, 1, 31),
        day=day,
        workdays=60,
        extension=30,
        extended=extended,
        what="Quyết định kết nạp",
    )


def test_deadline_messages():
    assert deadline(date(2024, 5, 7), extended=False) == [
        "Thời hạn: Quyết định kết nạp ngày 07/05/2024 đã quá 60 ngày làm việc kể từ ngày "
        "31/01/2024 (hạn là ngày 06/05/2024); cần ghi nhận việc gia hạn (tối đa thêm 30 ngày "
        "làm việc)."
    ]
    # On the last day of the extension, not recorded: still "record the extension".
    assert deadline(date(2024, 6, 17), extended=False) == [
        "Thời hạn: Quyết định kết nạp ngày 17/06/2024 đã quá 60 ngày làm việc kể từ ngày "
        "31/01/2024 (hạn là ngày 06/05/2024); cần ghi nhận việc gia hạn (tối đa thêm 30 ngày "
        "làm việc)."
    ]
    assert deadline(date(2024, 6, 18), extended=True) == [
        "Thời hạn: Quyết định kết nạp ngày 18/06/2024 đã quá thời hạn chậm nhất cho phép là "
        "ngày 17/06/2024 (90 ngày làm việc kể từ ngày 31/01/2024)."
    ]


#: A cell needs 3 official members; a grassroots committee 30 members (the rules' figures).
SIZES = SimpleNamespace(min_official_members_for_cell=3, grassroots_committee_min_members=30)


def test_size_messages():
    assert rules.check_cell_size(official=2, params=SIZES) == [
        "Quy mô: chi bộ phải có ít nhất 3 đảng viên chính thức; hiện có 2."
    ]
    assert rules.check_cell_size(official=3, params=SIZES) == []
    assert rules.check_organisation_size(is_committee=True, members=29, params=SIZES) == [
        "Quy mô: đảng bộ cơ sở phải có ít nhất 30 đảng viên; hiện có 29."
    ]
    assert rules.check_organisation_size(is_committee=False, members=30, params=SIZES) == [
        "Quy mô: chi bộ cơ sở có 30 đảng viên (từ 30 trở lên) cần được nâng lên thành đảng bộ "
        "cơ sở."
    ]
    assert rules.check_organisation_size(is_committee=True, members=30, params=SIZES) == []
    assert rules.check_organisation_size(is_committee=False, members=29, params=SIZES) == []


def test_receipt_message():
    assert rules.check_receipt(
        signed=date(2024, 3, 15), received=date(2024, 3, 14), what="Quyết định kết nạp"
    ) == [
        "Ngày nhận: Quyết định kết nạp ký ngày 15/03/2024 không thể được nhận trước đó, vào "
        "ngày 14/03/2024."
    ]
    assert rules.check_receipt(signed=date(2024, 3, 15), received=date(2024, 3, 15), what="x") == []
    assert rules.check_receipt(signed=date(2024, 3, 15), received=None, what="x") == []
