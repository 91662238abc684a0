"""The documents of an admission file, filled from the data (forms of Phụ lục 2, Hướng dẫn
12-HD/BTCTW; layout of Hướng dẫn 36-HD/VPTW): the cell resolution (6-KNĐ), the grassroots
committee resolution (8-KNĐ), the admission decision (9-KNĐ), the recognition decision, the
member record (Phiếu đảng viên, 2-HSĐV) and the candidate's file checklist.

The forms exist in Vietnamese only: their statutory wording is written here as it is, not
translated. Numbers, dates and votes come from the stage records (and the recognition
event); who signs from the record, the signing body and the place from ``heading``. A
document whose record is missing is ``None``. No query here beyond ``heading``'s: callers
pass the candidate with ``cell__organisation`` and its stage records.
"""

from __future__ import annotations

from datetime import date
from functools import cached_property

from django.utils import translation

from ..models import Candidate, Member, MemberEvent, Organisation, StageRecord
from ..states import IntroductionKind, Stage
from .heading import (
    Heading,
    cell_name,
    committee_of,
    executive_of,
    issuing_body,
    place_and_date,
)
from .layout import Paper

CHARTER = "Căn cứ Điều lệ Đảng Cộng sản Việt Nam;"
REGULATIONS = "Căn cứ Quy định, Hướng dẫn của Ban Chấp hành Trung ương về thi hành Điều lệ Đảng;"
MISSING = "Còn thiếu"
PRESENT = "Đã có"
NOT_NEEDED = "Không phải lập"


def day(value: date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else "…"


def percent(part: int | None, whole: int | None) -> str:
    """ "77,8%": one decimal, with the Vietnamese decimal comma."""
    if not whole or part is None:
        return "…"
    return f"{100 * part / whole:.1f}".replace(".", ",") + "%"


def document_date(record: StageRecord) -> date:
    return record.document_date or record.date


def records_of(candidate: Candidate) -> dict[str, StageRecord]:
    """The candidate's stage records by stage (reads ``stage_records``: prefetch it)."""
    return {record.stage: record for record in candidate.stage_records.all()}


def person_line(person, *, with_occupation: bool = True) -> str:
    """ "Nguyễn Văn A, sinh ngày 01/02/1990; quê quán: …; nơi thường trú: …; nghề nghiệp: …"."""
    with translation.override("vi"):
        occupation = str(person.get_occupation_display())
    parts = [
        f"{person.full_name}, sinh ngày {day(person.date_of_birth)}",
        f"quê quán: {person.hometown or '…'}",
        f"nơi thường trú: {person.residence or '…'}",
    ]
    if with_occupation:
        parts.append(f"nghề nghiệp: {occupation}")
    return "; ".join(parts)


def reference(label: str, record: StageRecord | None) -> str:
    """ "Nghị quyết số 12-NQ/CB ngày 05/03/2024"."""
    if record is None:
        return f"{label} số … ngày …"
    return f"{label} số {record.document_number or '…'} ngày {day(document_date(record))}"


def own_cell(candidate: Candidate) -> bool:
    return candidate.cell.is_organisation_itself


def proposer(candidate: Candidate) -> Organisation:
    return candidate.cell.organisation


class Headings:
    """The headings a person's documents may need, each looked up when first used (a
    meeting's file reuses the committee's and needs no other)."""

    def __init__(self, person, on: date, committee: Heading | None = None):
        self.cell_of = person.cell
        self.on = on
        if committee is not None:
            self.__dict__["committee"] = committee

    @classmethod
    def of(cls, person, on: date, committee: Heading | None = None) -> Headings:
        return cls(person, on, committee)

    @cached_property
    def committee(self) -> Heading:
        return committee_of(self.cell_of, self.on)

    @cached_property
    def organisation(self) -> Heading:
        return issuing_body(self.cell_of.organisation, self.on)

    @cached_property
    def cell(self) -> Heading:
        return issuing_body(self.cell_of, self.on)


def cell_resolution(candidate: Candidate, records: dict, headings: Headings) -> Paper | None:
    """Nghị quyết của chi bộ đề nghị kết nạp đảng viên (6-KNĐ)."""
    record = records.get(Stage.CELL_RESOLUTION)
    if record is None:
        return None
    trained = records.get(Stage.TRAINED)
    counted = record.eligible_voters or 0
    total = counted + record.voters_excluded
    above = (
        headings.committee.standing_board
        if own_cell(candidate)
        else executive_of(proposer(candidate))
    )
    return Paper(
        heading=headings.cell,
        number=record.document_number,
        dated=place_and_date(headings.cell, document_date(record)),
        title="NGHỊ QUYẾT",
        subtitle="đề nghị kết nạp đảng viên",
        body=[
            f"Ngày {day(record.date)}, {cell_name(candidate.cell)} họp xét đề nghị kết nạp "
            f"quần chúng {candidate.full_name} vào Đảng Cộng sản Việt Nam.",
            f"Tổng số đảng viên chính thức của chi bộ: {total} đồng chí; trừ "
            f"{record.voters_excluded} đồng chí chuyển sinh hoạt tạm thời hoặc đình chỉ sinh "
            f"hoạt, số đảng viên chính thức được tính để biểu quyết: {counted} đồng chí.",
            f"Quần chúng {person_line(candidate)}; đã học lớp bồi dưỡng nhận thức về Đảng "
            f"({reference('Giấy chứng nhận', trained)}).",
            f"Kết quả biểu quyết: {record.votes_for} đồng chí tán thành kết nạp "
            f"(đạt {percent(record.votes_for, counted)} so với tổng số đảng viên chính thức "
            f"được tính), {record.votes_against or 0} đồng chí không tán thành.",
            f"Chi bộ đề nghị {above} xem xét, kết nạp quần chúng {candidate.full_name} vào "
            "Đảng Cộng sản Việt Nam.",
        ],
        on_behalf="T/M CHI BỘ",
        signer=record.signed_by,
        recipients=[above, "Chi bộ"],
    )


def grassroots_resolution(candidate: Candidate, records: dict, headings: Headings) -> Paper | None:
    """Nghị quyết của đảng ủy cơ sở xét, đề nghị kết nạp đảng viên (8-KNĐ)."""
    record = records.get(Stage.GRASSROOTS_RESOLUTION)
    if record is None:
        return None
    executive = executive_of(proposer(candidate))
    counted = record.eligible_voters
    return Paper(
        heading=headings.organisation,
        number=record.document_number,
        dated=place_and_date(headings.organisation, document_date(record)),
        title="NGHỊ QUYẾT",
        subtitle="xét, đề nghị kết nạp đảng viên",
        body=[
            f"Ngày {day(record.date)}, {executive} họp xét đề nghị của "
            f"{cell_name(candidate.cell)} "
            f"({reference('Nghị quyết', records.get(Stage.CELL_RESOLUTION))}) về việc kết nạp "
            f"quần chúng {person_line(candidate)} vào Đảng Cộng sản Việt Nam.",
            f"Tổng số cấp ủy viên: {counted} đồng chí; số tán thành kết nạp: "
            f"{record.votes_for} đồng chí (đạt {percent(record.votes_for, counted)}); "
            f"không tán thành: {record.votes_against or 0} đồng chí.",
            f"{executive} đề nghị {headings.committee.standing_board} xem xét, quyết định kết "
            f"nạp quần chúng {candidate.full_name} vào Đảng Cộng sản Việt Nam.",
        ],
        on_behalf="T/M ĐẢNG ỦY",
        signer=record.signed_by,
        recipients=[
            headings.committee.standing_board,
            f"Ban Tổ chức {headings.committee.committee}",
            cell_name(candidate.cell),
        ],
    )


def admission_decision(
    candidate: Candidate, records: dict, headings: Headings, probation_months: int
) -> Paper | None:
    """Quyết định kết nạp đảng viên (9-KNĐ) of the committee's standing board."""
    record = records.get(Stage.DECISION)
    if record is None:
        return None
    committee = headings.committee
    cell_vote = reference("Nghị quyết", records.get(Stage.CELL_RESOLUTION))
    grounds = [f"{cell_name(candidate.cell)} ({cell_vote})"]
    if not own_cell(candidate):
        executive = executive_of(proposer(candidate))
        grounds.insert(
            0,
            f"{executive} ({reference('Nghị quyết', records.get(Stage.GRASSROOTS_RESOLUTION))})",
        )
    responsible = ", ".join(
        [
            *([] if own_cell(candidate) else [executive_of(proposer(candidate))]),
            cell_name(candidate.cell),
        ]
    )
    return Paper(
        heading=committee,
        number=record.document_number,
        dated=place_and_date(committee, record.date),
        title="QUYẾT ĐỊNH",
        subtitle="kết nạp đảng viên",
        body=[
            CHARTER,
            REGULATIONS,
            f"Xét đề nghị của {' và của '.join(grounds)},",
            f"{committee.standing_board.upper()} QUYẾT ĐỊNH",
            f"Điều 1. Kết nạp quần chúng {person_line(candidate)}, vào Đảng Cộng sản Việt Nam. "
            f"Thời gian dự bị {probation_months} tháng, kể từ ngày chi bộ tổ chức lễ kết nạp.",
            f"Điều 2. {responsible} và đồng chí {candidate.full_name} chịu trách nhiệm thi hành "
            "Quyết định này.",
        ],
        on_behalf="T/M BAN THƯỜNG VỤ",
        signer=record.signed_by,
        recipients=["Như Điều 2", f"Ban Tổ chức {committee.committee}"],
    )


def recognition_decision(member: Member, event: MemberEvent, headings: Headings) -> Paper:
    """Quyết định công nhận đảng viên chính thức of the committee's standing board."""
    committee = headings.committee
    cell = member.cell
    proposers = cell_name(cell)
    if not cell.is_organisation_itself:
        proposers = f"{executive_of(cell.organisation)} và của {proposers}"
    return Paper(
        heading=committee,
        number=event.document_number,
        dated=place_and_date(committee, event.date),
        title="QUYẾT ĐỊNH",
        subtitle="công nhận đảng viên chính thức",
        body=[
            CHARTER,
            REGULATIONS,
            f"Xét đề nghị của {proposers} (chi bộ biểu quyết ngày {day(event.vote_date)}: "
            f"{event.votes_for}/{event.eligible_voters} đảng viên chính thức tán thành, đạt "
            f"{percent(event.votes_for, event.eligible_voters)}),",
            f"{committee.standing_board.upper()} QUYẾT ĐỊNH",
            f"Điều 1. Công nhận đồng chí {person_line(member, with_occupation=False)}; kết nạp "
            f"vào Đảng ngày {day(member.decision_date)}, lễ kết nạp ngày "
            f"{day(member.ceremony_date)}; là đảng viên chính thức kể từ ngày "
            f"{day(member.official_date)}.",
            f"Điều 2. {cell_name(cell)} và đồng chí {member.full_name} chịu trách nhiệm thi "
            "hành Quyết định này.",
        ],
        on_behalf="T/M BAN THƯỜNG VỤ",
        signer=event.signed_by,
        recipients=["Như Điều 2", f"Ban Tổ chức {committee.committee}"],
    )


def member_record(member: Member, headings: Headings) -> Paper:
    """Phiếu đảng viên (2-HSĐV, simplified), filled from the member."""
    with translation.override("vi"):
        rows = [
            ["Mục", "Nội dung"],
            ["Họ và tên", member.full_name],
            ["Giới tính", str(member.get_gender_display())],
            ["Ngày sinh", day(member.date_of_birth)],
            ["Số CCCD", member.citizen_id],
            ["Dân tộc", member.ethnicity],
            ["Tôn giáo", str(member.get_religion_display())],
            ["Quê quán", member.hometown],
            ["Nơi thường trú", member.residence],
            ["Nghề nghiệp", str(member.get_occupation_display())],
            ["Giáo dục phổ thông", member.general_education],
            ["Chuyên môn", str(member.get_professional_level_display())],
            ["Lý luận chính trị", str(member.get_political_theory_display())],
            ["Đoàn viên khi vào Đảng", "Có" if member.youth_union_member else "Không"],
            ["Ngày vào Đảng", day(member.decision_date)],
            ["Ngày tổ chức lễ kết nạp", day(member.ceremony_date)],
            ["Ngày chính thức", day(member.official_date)],
            ["Số thẻ đảng viên", member.party_card_number or "…"],
            ["Chi bộ", cell_name(member.cell)],
            ["Đảng bộ", member.cell.organisation.name],
            ["Trạng thái", member.status_label()],
        ]
    return Paper(
        heading=headings.cell,
        number=None,
        dated=place_and_date(headings.cell, None),
        title="PHIẾU ĐẢNG VIÊN",
        subtitle="(Mẫu 2-HSĐV)",
        table=rows,
        widths=(60, 105),
        signer_title="NGƯỜI KHAI",
        signer=member.full_name,
    )


#: The documents of an admission file in order: label, form, the stage that records it, and
#: which of the record's number and date it is.
FILE = [
    ("Giấy chứng nhận học lớp bồi dưỡng nhận thức về Đảng", "", Stage.TRAINED, "document"),
    ("Đơn xin vào Đảng", "1-KNĐ", Stage.APPLIED, "date"),
    ("Lý lịch của người xin vào Đảng", "2-KNĐ", Stage.APPLIED, "history"),
    ("Kết quả thẩm tra lý lịch", "", Stage.VERIFIED, "document"),
    ("Giấy giới thiệu người vào Đảng", "3-KNĐ", Stage.INTRODUCED, "date"),
    (
        "Nghị quyết giới thiệu của Đoàn TNCS Hồ Chí Minh / Công đoàn",
        "4-KNĐ",
        Stage.INTRODUCED,
        "union",
    ),
    (
        "Tổng hợp ý kiến nhận xét của đoàn thể và chi ủy nơi cư trú",
        "5-KNĐ",
        Stage.COMMENTED,
        "date",
    ),
    ("Nghị quyết của chi bộ đề nghị kết nạp", "6-KNĐ", Stage.CELL_RESOLUTION, "document"),
    ("Nghị quyết của đảng ủy cơ sở", "8-KNĐ", Stage.GRASSROOTS_RESOLUTION, "document"),
    ("Quyết định kết nạp đảng viên", "9-KNĐ", Stage.DECISION, "document"),
]


def _file_row(record: StageRecord | None, how: str) -> tuple[str, str, str]:
    """(number, date, status) of one document of the file."""
    if (
        how == "union"
        and record is not None
        and record.introduction_kind == IntroductionKind.TWO_MEMBERS
    ):
        return "", "", NOT_NEEDED
    if record is None:
        return "", "", MISSING
    if how == "history":
        when = record.personal_history_date
        return "", day(when) if when else "", PRESENT if when else MISSING
    if how in ("document", "union"):
        return record.document_number, day(document_date(record)), PRESENT
    return "", day(record.date), PRESENT


def file_checklist(candidate: Candidate, records: dict, headings: Headings, on: date) -> Paper:
    """Danh mục hồ sơ kết nạp: each document of the file with its number and date, or
    missing."""
    rows = [["STT", "Tài liệu", "Mẫu", "Số", "Ngày", "Tình trạng"]]
    for index, (label, form, stage, how) in enumerate(FILE, start=1):
        if stage == Stage.GRASSROOTS_RESOLUTION and own_cell(candidate):
            rows.append([str(index), label, form, "", "", NOT_NEEDED])
            continue
        number, when, status = _file_row(records.get(stage), how)
        rows.append([str(index), label, form, number, when, status])
    return Paper(
        heading=headings.cell,
        number=None,
        dated=place_and_date(headings.cell, on),
        title="DANH MỤC HỒ SƠ KẾT NẠP ĐẢNG VIÊN",
        subtitle=f"của quần chúng {candidate.full_name}, sinh ngày {day(candidate.date_of_birth)}",
        table=rows,
        widths=(10, 58, 17, 30, 24, 26),
        on_behalf="T/M CHI BỘ",
    )
