"""Demo data: the Phủ Lý city Party committee as it stood on 26/03/2024.

``build_demo()`` writes a committee that reproduces the published figures exactly: 68
grassroots organisations, 339 cells under grassroots committees, 9,805 members aged 18 to
60, 484 admitted in the 2020–2025 term by 26/03/2024 against a target of 500, 201 admitted
in 2023 (146 of them Youth Union members, mostly teachers and doctors, more Catholics than
in 2022), the 2024 quota of 205 split over the 68 organisations, the aspiration of 200 and
the training target of 150, with candidates at every stage of the pipeline.

Everything is drawn from one ``random.Random`` with a fixed seed against a fixed snapshot
date, so two builds write the same people. ``scale`` repeats the grassroots organisations
and their people (codes suffixed per copy) under the one city committee, for benchmarks.
"""

from __future__ import annotations

import bisect
import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache
from itertools import accumulate

from django.contrib.auth import get_user_model
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.hashers import make_password
from django.db import transaction

from . import rules
from .choices import KINH, Gender, Occupation, PoliticalTheory, ProfessionalLevel, Religion
from .models import (
    PERSON_FIELDS,
    Candidate,
    Cell,
    Introducer,
    Member,
    MemberEvent,
    Organisation,
    Quota,
    StaffProfile,
    StageRecord,
    Term,
)
from .roles import Role, set_role
from .text import search_key

# --- The published figures and the snapshot they describe ----------------------------------

#: The day the figures describe; nothing here depends on today's date.
SNAPSHOT = date(2024, 3, 26)
DEFAULT_SEED = 2024
DEMO_PASSWORD = "PhuLy@2024"
BATCH_SIZE = 2000

CITY_CODE = "PL"
CITY_NAME = "Đảng bộ thành phố Phủ Lý"
TERM_NAME = "2020–2025"
TERM_START = date(2020, 8, 1)
TERM_END = date(2025, 7, 31)

# Per copy of the committee (``scale`` multiplies them all).
GRASSROOTS_ORGANISATIONS = 68
COMMITTEE_CELLS = 339
MEMBERS = 9805
TERM_TARGET = 500
#: Admission decisions per year inside the term, up to the snapshot: 484 in all.
ADMISSIONS_BY_YEAR = {2020: 38, 2021: 96, 2022: 102, 2023: 201, 2024: 47}
YOUTH_UNION_2023 = 146
#: Catholics among each year's admissions: 2023 had more than before.
CATHOLICS_BY_YEAR = {2020: 2, 2021: 3, 2022: 6, 2023: 14, 2024: 4}
#: 2023 admissions placed in schools (teachers) and in the health centre (health workers):
#: together more than half of the 201.
TEACHERS_2023 = 72
HEALTH_WORKERS_2023 = 36
QUOTA_2024 = 205
ASPIRATION_2024 = 200
TRAINING_TARGET_2024 = 150
#: Elite candidates who finished the awareness course in 2024 before the snapshot.
TRAINED_2024 = 62

_Stage = Candidate.Stage
#: Open candidates per stage; decision and ceremony come from the members admitted in 2024.
OPEN_CANDIDATES = {
    _Stage.SOURCE: 58,
    _Stage.TRAINED: 45,
    _Stage.APPLIED: 26,
    _Stage.VERIFIED: 19,
    _Stage.INTRODUCED: 15,
    _Stage.COMMENTED: 12,
    _Stage.CELL_RESOLUTION: 14,
    _Stage.GRASSROOTS_RESOLUTION: 10,
}
CLOSED_CANDIDATES = {_Stage.REJECTED: 7, _Stage.CANCELLED: 2}

#: Calendar days between a stage and the one before it (min, max).
_GAPS = {
    _Stage.TRAINED: (14, 60),
    _Stage.APPLIED: (7, 30),
    _Stage.VERIFIED: (20, 45),
    _Stage.INTRODUCED: (3, 14),
    _Stage.COMMENTED: (3, 14),
    _Stage.CELL_RESOLUTION: (5, 20),
    _Stage.GRASSROOTS_RESOLUTION: (5, 20),
    _Stage.DECISION: (10, 45),
    _Stage.CEREMONY: (10, 40),
    _Stage.REJECTED: (5, 30),
    _Stage.CANCELLED: (10, 60),
}
#: Closing days of the city's awareness courses (lớp bồi dưỡng nhận thức về Đảng).
_COURSE_DATES = (
    date(2022, 1, 14),
    date(2022, 3, 18),
    date(2022, 5, 20),
    date(2022, 7, 15),
    date(2022, 9, 16),
    date(2022, 11, 18),
    date(2023, 3, 17),
    date(2023, 5, 19),
    date(2023, 7, 14),
    date(2023, 9, 15),
    date(2023, 11, 17),
    date(2024, 1, 19),
    date(2024, 3, 8),
)
_COURSES_2024 = tuple(day for day in _COURSE_DATES if day.year == 2024)
_EARLIEST_DECISION = date(1982, 1, 1)
_PRE_TERM_END = TERM_START - timedelta(days=1)
#: A ceremony after this day means the member is still on probation on the snapshot.
_PROBATION_CUTOFF = rules.add_months(SNAPSHOT, -12)

# --- Places and people ----------------------------------------------------------------------

_PHU_LY = "thành phố Phủ Lý"
_HA_NAM = "tỉnh Hà Nam"

#: Wards of Phủ Lý: (name, residential cells, grassroots organisation active from).
_WARDS = (
    ("Hai Bà Trưng", 12, date(1997, 1, 1)),
    ("Lương Khánh Thiện", 11, date(1997, 1, 1)),
    ("Minh Khai", 10, date(1997, 1, 1)),
    ("Trần Hưng Đạo", 9, date(1997, 1, 1)),
    ("Quang Trung", 13, date(1997, 1, 1)),
    ("Lê Hồng Phong", 14, date(1997, 1, 1)),
    ("Thanh Châu", 12, date(2008, 6, 9)),
    ("Châu Sơn", 10, date(2013, 2, 1)),
    ("Liêm Chính", 11, date(2013, 2, 1)),
    ("Lam Hạ", 12, date(2013, 2, 1)),
    ("Thanh Tuyền", 9, date(2013, 2, 1)),
    ("Liêm Chung", 8, date(2020, 2, 1)),
    ("Liêm Tuyền", 8, date(2020, 2, 1)),
)
#: Communes of Phủ Lý: (name, villages, grassroots organisation active from).
_COMMUNES = (
    ("Đinh Xá", 10, date(2008, 6, 9)),
    ("Trịnh Xá", 8, date(2008, 6, 9)),
    ("Phù Vân", 10, date(2008, 6, 9)),
    ("Kim Bình", 9, date(2008, 6, 9)),
    ("Liêm Tiết", 11, date(2008, 6, 9)),
    ("Tiên Tân", 9, date(2008, 6, 9)),
    ("Tiên Hải", 7, date(2008, 6, 9)),
    ("Tiên Hiệp", 8, date(2008, 6, 9)),
)
_PHU_LY_UNITS = tuple(f"phường {name}" for name, _, _ in _WARDS) + tuple(
    f"xã {name}" for name, _, _ in _COMMUNES
)

#: Citizen-ID province codes with the province and a few of its districts and communes.
_PROVINCES: dict[str, tuple[str, tuple[tuple[str, tuple[str, ...]], ...]]] = {
    "035": (
        _HA_NAM,
        (
            (_PHU_LY, _PHU_LY_UNITS),
            ("thị xã Duy Tiên", ("phường Đồng Văn", "phường Hòa Mạc", "xã Mộc Bắc")),
            ("huyện Kim Bảng", ("thị trấn Quế", "xã Thụy Lôi", "xã Văn Xá", "xã Nhật Tân")),
            ("huyện Thanh Liêm", ("thị trấn Kiện Khê", "xã Thanh Hà", "xã Liêm Thuận")),
            ("huyện Bình Lục", ("thị trấn Bình Mỹ", "xã An Ninh", "xã Tràng An", "xã Đồn Xá")),
            ("huyện Lý Nhân", ("thị trấn Vĩnh Trụ", "xã Nhân Thịnh", "xã Chân Lý")),
        ),
    ),
    "036": (
        "tỉnh Nam Định",
        (
            ("huyện Ý Yên", ("xã Yên Bằng", "xã Yên Thọ")),
            ("huyện Vụ Bản", ("xã Liên Minh", "xã Tam Thanh")),
            ("huyện Mỹ Lộc", ("xã Mỹ Hà",)),
        ),
    ),
    "037": (
        "tỉnh Ninh Bình",
        (("huyện Gia Viễn", ("xã Gia Hòa", "xã Gia Vân")), ("huyện Nho Quan", ("xã Gia Lâm",))),
    ),
    "001": (
        "thành phố Hà Nội",
        (
            ("huyện Ứng Hòa", ("xã Đại Hùng", "xã Phù Lưu")),
            ("huyện Mỹ Đức", ("xã Hương Sơn",)),
            ("huyện Phú Xuyên", ("xã Chuyên Mỹ",)),
        ),
    ),
    "034": (
        "tỉnh Thái Bình",
        (("huyện Hưng Hà", ("xã Tân Lễ",)), ("huyện Vũ Thư", ("xã Hồng Lý",))),
    ),
    "017": (
        "tỉnh Hòa Bình",
        (("huyện Lạc Thủy", ("xã Phú Nghĩa", "xã An Bình")), ("huyện Kim Bôi", ("xã Nam Thượng",))),
    ),
    "020": (
        "tỉnh Lạng Sơn",
        (("huyện Cao Lộc", ("xã Hợp Thành",)), ("huyện Văn Lãng", ("xã Hoàng Việt",))),
    ),
    "014": (
        "tỉnh Sơn La",
        (("huyện Mai Sơn", ("xã Chiềng Mung",)), ("huyện Mộc Châu", ("xã Chiềng Sơn",))),
    ),
    "004": ("tỉnh Cao Bằng", (("huyện Hòa An", ("xã Đức Long",)),)),
    "008": ("tỉnh Tuyên Quang", (("huyện Yên Sơn", ("xã Trung Minh",)),)),
    "010": ("tỉnh Lào Cai", (("huyện Bắc Hà", ("xã Bản Phố",)),)),
    "026": ("tỉnh Vĩnh Phúc", (("huyện Tam Đảo", ("xã Đạo Trù",)),)),
}
#: Where Kinh members' citizen IDs were registered: mostly Hà Nam, some neighbours.
_KINH_PROVINCES = (("035", 84.0), ("036", 5.0), ("037", 4.0), ("001", 4.0), ("034", 3.0))
#: Ethnic minorities (about 1 in 80 people) and the province each comes from.
_MINORITY_SHARE = 0.0125
_MINORITIES = (
    ("Mường", "017", 45.0),
    ("Tày", "020", 15.0),
    ("Thái", "014", 14.0),
    ("Nùng", "004", 10.0),
    ("Dao", "008", 8.0),
    ("Sán Dìu", "026", 4.0),
    ("H'Mông", "010", 4.0),
)

_FAMILY_NAMES = (
    ("Nguyễn", 36.0),
    ("Trần", 11.0),
    ("Lê", 9.0),
    ("Phạm", 7.0),
    ("Hoàng", 4.0),
    ("Vũ", 4.0),
    ("Đặng", 2.0),
    ("Bùi", 2.5),
    ("Đỗ", 2.0),
    ("Ngô", 1.5),
    ("Đinh", 2.0),
    ("Dương", 1.0),
    ("Phan", 1.5),
    ("Trịnh", 1.2),
    ("Đoàn", 1.0),
    ("Lương", 0.8),
    ("Mai", 0.7),
    ("Hà", 0.8),
    ("Cao", 0.6),
    ("Tạ", 0.5),
    ("Lại", 0.5),
    ("Chu", 0.4),
    ("Lưu", 0.4),
    ("Nghiêm", 0.3),
    ("Tống", 0.3),
    ("Khúc", 0.2),
)
_MALE_MIDDLE = (
    "Đức", "Minh", "Quang", "Hữu", "Xuân", "Ngọc", "Thanh", "Mạnh", "Tiến", "Công", "Duy",
    "Trung", "Việt", "Hoàng", "Anh", "Đình", "Quốc", "Thế", "Bá", "Trọng",
)  # fmt: skip
_MALE_GIVEN = (
    "Hùng", "Dũng", "Cường", "Hải", "Long", "Nam", "Sơn", "Tuấn", "Thắng", "Trung", "Quân",
    "Hưng", "Huy", "Khánh", "Phong", "Thành", "Tùng", "Vinh", "Đạt", "Hiếu", "Kiên", "Lâm",
    "Lực", "Nghĩa", "Phúc", "Tài", "Thái", "Thịnh", "Toàn", "Tú", "Bình", "Chiến", "Giang",
    "Hậu", "Hòa", "Khải", "Lợi", "Tâm", "Thuận", "Tuyên", "Vượng", "Đông", "Bảo", "An",
    "Định", "Kha", "Lộc", "Quyết", "Sáng", "Tấn",
)  # fmt: skip
_FEMALE_MIDDLE = (
    "Thu", "Thanh", "Ngọc", "Phương", "Minh", "Thúy", "Hồng", "Kim", "Lan", "Mai", "Khánh",
    "Diệu", "Bích", "Quỳnh", "Hải", "Hoài", "Bảo", "Thùy",
)  # fmt: skip
_FEMALE_GIVEN = (
    "Hoa", "Hương", "Lan", "Linh", "Mai", "Ngọc", "Nhung", "Phương", "Thảo", "Trang", "Hà",
    "Hằng", "Hạnh", "Huyền", "Hiền", "Liên", "Loan", "Nga", "Nguyệt", "Oanh", "Quyên", "Thủy",
    "Thúy", "Tuyết", "Vân", "Yến", "Anh", "Dung", "Giang", "Huệ", "Lệ", "Lý", "My", "Nhàn",
    "Thơm", "Uyên", "Xuân", "Chi", "Duyên", "Ngân", "Nhi", "Trâm", "Vy", "Ánh", "Diệp",
    "Đào", "Gấm", "Lụa", "Thắm", "Hậu",
)  # fmt: skip

_O = Occupation
_P = ProfessionalLevel
_T = PoliticalTheory

_PROFESSIONAL_LEVELS: dict[str, tuple[tuple[str, float], ...]] = {
    _O.TEACHER: ((_P.INTERMEDIATE, 2), (_P.COLLEGE, 25), (_P.UNIVERSITY, 65), (_P.MASTER, 8)),
    _O.HEALTH_WORKER: (
        (_P.INTERMEDIATE, 20),
        (_P.COLLEGE, 25),
        (_P.UNIVERSITY, 45),
        (_P.MASTER, 8),
        (_P.DOCTORATE, 2),
    ),
    _O.CIVIL_SERVANT: (
        (_P.INTERMEDIATE, 5),
        (_P.COLLEGE, 10),
        (_P.UNIVERSITY, 70),
        (_P.MASTER, 15),
    ),
    _O.ARMED_FORCES: ((_P.INTERMEDIATE, 25), (_P.COLLEGE, 25), (_P.UNIVERSITY, 45), (_P.MASTER, 5)),
    _O.WORKER: ((_P.NONE, 50), (_P.INTERMEDIATE, 40), (_P.COLLEGE, 10)),
    _O.FARMER: ((_P.NONE, 85), (_P.INTERMEDIATE, 15)),
    _O.BUSINESS_OWNER: (
        (_P.NONE, 30),
        (_P.INTERMEDIATE, 20),
        (_P.COLLEGE, 15),
        (_P.UNIVERSITY, 35),
    ),
    _O.ENTERPRISE_EMPLOYEE: (
        (_P.NONE, 5),
        (_P.INTERMEDIATE, 25),
        (_P.COLLEGE, 25),
        (_P.UNIVERSITY, 45),
    ),
    _O.STUDENT: ((_P.NONE, 100),),
    _O.RETIRED: (
        (_P.NONE, 35),
        (_P.INTERMEDIATE, 25),
        (_P.COLLEGE, 10),
        (_P.UNIVERSITY, 28),
        (_P.MASTER, 2),
    ),
    _O.OTHER: ((_P.NONE, 50), (_P.INTERMEDIATE, 25), (_P.UNIVERSITY, 25)),
}
_THEORY_NEW_MEMBER = ((_T.NONE, 70), (_T.ELEMENTARY, 28), (_T.INTERMEDIATE, 2))
_THEORY: dict[str, tuple[tuple[str, float], ...]] = {
    _O.CIVIL_SERVANT: (
        (_T.NONE, 10),
        (_T.ELEMENTARY, 35),
        (_T.INTERMEDIATE, 45),
        (_T.ADVANCED, 10),
    ),
    _O.ARMED_FORCES: ((_T.NONE, 5), (_T.ELEMENTARY, 45), (_T.INTERMEDIATE, 45), (_T.ADVANCED, 5)),
    _O.TEACHER: ((_T.NONE, 30), (_T.ELEMENTARY, 60), (_T.INTERMEDIATE, 10)),
    _O.HEALTH_WORKER: ((_T.NONE, 45), (_T.ELEMENTARY, 45), (_T.INTERMEDIATE, 10)),
    _O.RETIRED: ((_T.NONE, 20), (_T.ELEMENTARY, 50), (_T.INTERMEDIATE, 25), (_T.ADVANCED, 5)),
}
_THEORY_OTHERS = ((_T.NONE, 55), (_T.ELEMENTARY, 40), (_T.INTERMEDIATE, 5))


@dataclass(frozen=True)
class _Profile:
    """What the members of one kind of cell are like."""

    female_share: float
    #: Age on the snapshot of members admitted before the term: (low, mode, high).
    age: tuple[int, int, int]
    occupations: tuple[tuple[str, float], ...]
    #: Nominal members of a cell of this kind (min, max).
    size: tuple[int, int]
    #: Older members may have retired.
    retires: bool = False
    #: How readily the cell admits new members and names candidates, relative to its size.
    admission_weight: float = 1.0


_PROFILES: dict[str, _Profile] = {
    "residential_ward": _Profile(
        0.46,
        (24, 56, 60),
        (
            (_O.WORKER, 2),
            (_O.BUSINESS_OWNER, 3),
            (_O.ENTERPRISE_EMPLOYEE, 3),
            (_O.CIVIL_SERVANT, 1.5),
            (_O.TEACHER, 0.6),
            (_O.HEALTH_WORKER, 0.3),
            (_O.STUDENT, 0.2),
            (_O.OTHER, 1.5),
        ),
        (20, 45),
        retires=True,
        admission_weight=0.7,
    ),
    "residential_commune": _Profile(
        0.45,
        (22, 52, 60),
        (
            (_O.FARMER, 5),
            (_O.WORKER, 2.5),
            (_O.BUSINESS_OWNER, 1),
            (_O.ENTERPRISE_EMPLOYEE, 1.5),
            (_O.STUDENT, 0.2),
            (_O.OTHER, 0.5),
        ),
        (18, 40),
        retires=True,
        admission_weight=0.7,
    ),
    "ward_office": _Profile(0.48, (25, 42, 60), ((_O.CIVIL_SERVANT, 1),), (8, 16), False, 0.8),
    "ward_military": _Profile(0.05, (22, 35, 55), ((_O.ARMED_FORCES, 1),), (4, 8), False, 1.2),
    "ward_police": _Profile(0.12, (23, 33, 55), ((_O.ARMED_FORCES, 1),), (6, 14), False, 1.2),
    "commune_school": _Profile(0.88, (24, 40, 58), ((_O.TEACHER, 1),), (6, 14), False, 1.4),
    "school": _Profile(0.82, (24, 42, 58), ((_O.TEACHER, 1),), (12, 28), False, 1.4),
    "hospital": _Profile(0.64, (24, 38, 60), ((_O.HEALTH_WORKER, 1),), (10, 26), False, 1.4),
    "hospital_admin": _Profile(0.55, (25, 42, 60), ((_O.CIVIL_SERVANT, 1),), (6, 12), False, 0.8),
    "party_agency": _Profile(0.46, (25, 44, 60), ((_O.CIVIL_SERVANT, 1),), (5, 12), False, 0.8),
    "government": _Profile(0.47, (25, 42, 60), ((_O.CIVIL_SERVANT, 1),), (6, 16), False, 0.9),
    "state_agency": _Profile(0.50, (25, 42, 60), ((_O.CIVIL_SERVANT, 1),), (6, 20), False, 0.9),
    "public_service": _Profile(0.50, (24, 40, 60), ((_O.CIVIL_SERVANT, 1),), (6, 18), False, 0.9),
    "military": _Profile(0.06, (21, 32, 55), ((_O.ARMED_FORCES, 1),), (8, 18), False, 1.5),
    "police": _Profile(0.16, (22, 33, 56), ((_O.ARMED_FORCES, 1),), (8, 20), False, 1.5),
    "state_enterprise": _Profile(
        0.40, (24, 42, 60), ((_O.ENTERPRISE_EMPLOYEE, 3), (_O.WORKER, 2)), (6, 20), False, 0.9
    ),
    "non_state_enterprise": _Profile(
        0.45,
        (23, 38, 60),
        ((_O.ENTERPRISE_EMPLOYEE, 3), (_O.WORKER, 3), (_O.BUSINESS_OWNER, 0.3)),
        (5, 16),
        False,
        1.0,
    ),
    "cooperative": _Profile(
        0.32, (30, 52, 60), ((_O.FARMER, 4), (_O.ENTERPRISE_EMPLOYEE, 1)), (5, 14), True, 0.6
    ),
}
_SCHOOL_PROFILES = ("school", "commune_school")
_RESIDENTIAL_PROFILES = ("residential_ward", "residential_commune")


# --- The organisations ----------------------------------------------------------------------

_Category = Organisation.Category


@dataclass(frozen=True)
class _OrgSpec:
    """A grassroots organisation: a committee with its cells, or a grassroots cell."""

    name: str
    category: str
    active_from: date
    #: (cell name, profile, residence of its members or "") for a committee; empty for a cell.
    cells: tuple[tuple[str, str, str], ...] = ()
    #: The profile of a grassroots cell's one cell.
    profile: str = ""

    @property
    def is_committee(self) -> bool:
        return bool(self.cells)


def _cell_org(name: str, category: str, profile: str, active_from: date) -> _OrgSpec:
    return _OrgSpec(name, category, active_from, profile=profile)


def _committee(
    name: str, category: str, profile: str, cells: tuple[str, ...], active_from: date
) -> _OrgSpec:
    return _OrgSpec(name, category, active_from, cells=tuple((c, profile, "") for c in cells))


def _ward_specs() -> list[_OrgSpec]:
    specs = []
    for name, count, active_from in _WARDS:
        unit = f"phường {name}"
        cells = [
            (f"Chi bộ tổ dân phố số {n}", "residential_ward", f"tổ dân phố số {n}, {unit}")
            for n in range(1, count + 1)
        ]
        cells += [
            ("Chi bộ Cơ quan phường", "ward_office", ""),
            ("Chi bộ Quân sự phường", "ward_military", ""),
            ("Chi bộ Công an phường", "ward_police", ""),
        ]
        specs.append(_OrgSpec(f"Đảng bộ {unit}", _Category.WARD_COMMUNE, active_from, tuple(cells)))
    for name, count, active_from in _COMMUNES:
        unit = f"xã {name}"
        cells = [
            (f"Chi bộ thôn {n}", "residential_commune", f"thôn {n}, {unit}")
            for n in range(1, count + 1)
        ]
        cells += [
            ("Chi bộ Cơ quan xã", "ward_office", ""),
            ("Chi bộ Quân sự xã", "ward_military", ""),
            ("Chi bộ Công an xã", "ward_police", ""),
            (f"Chi bộ Trường Mầm non {name}", "commune_school", ""),
            (f"Chi bộ Trường Tiểu học {name}", "commune_school", ""),
        ]
        specs.append(_OrgSpec(f"Đảng bộ {unit}", _Category.WARD_COMMUNE, active_from, tuple(cells)))
    return specs


_CITY_AGENCIES_FROM = date(2008, 9, 1)
_SCHOOLS = (
    *(
        f"Chi bộ Trường THCS {name}"
        for name in (
            "Trần Phú",
            "Lê Hồng Phong",
            "Lương Khánh Thiện",
            "Minh Khai",
            "Châu Sơn",
            "Liêm Chính",
            "Lam Hạ",
            "Thanh Châu",
        )
    ),
    *(
        f"Chi bộ Trường Tiểu học {name}"
        for name in (
            "Lê Văn Tám",
            "Quang Trung",
            "Lam Hạ",
            "Minh Khai",
            "Lương Khánh Thiện",
            "Liêm Chính",
        )
    ),
    *(
        f"Chi bộ Trường Mầm non {name}"
        for name in ("Hoa Sen", "Hoa Hồng", "Hoa Mai", "Lam Hạ", "Lê Hồng Phong", "Châu Sơn")
    ),
)


def _other_specs() -> list[_OrgSpec]:
    since = _CITY_AGENCIES_FROM
    hospital = _OrgSpec(
        "Đảng bộ Trung tâm Y tế thành phố Phủ Lý",
        _Category.PUBLIC_SERVICE,
        since,
        cells=(
            *(
                (f"Chi bộ {name}", "hospital", "")
                for name in (
                    "Khoa Nội",
                    "Khoa Ngoại – Sản",
                    "Khoa Nhi",
                    "Khoa Khám bệnh",
                    "Khoa Hồi sức cấp cứu",
                    "Khoa Kiểm soát bệnh tật và HIV/AIDS",
                    "Khoa Dược – Cận lâm sàng",
                    "Khoa Y học cổ truyền – Phục hồi chức năng",
                    "Y tế cơ sở",
                )
            ),
            ("Chi bộ Phòng Hành chính – Tổng hợp", "hospital_admin", ""),
        ),
    )
    return [
        _committee(
            "Đảng bộ Cơ quan Đảng – Đoàn thể thành phố",
            _Category.PARTY_MASS_AGENCY,
            "party_agency",
            (
                "Chi bộ Văn phòng Thành ủy",
                "Chi bộ Ban Tổ chức Thành ủy",
                "Chi bộ Ban Tuyên giáo Thành ủy",
                "Chi bộ Ủy ban Kiểm tra Thành ủy",
                "Chi bộ Ban Dân vận Thành ủy",
                "Chi bộ Thành đoàn",
                "Chi bộ Hội Liên hiệp Phụ nữ thành phố",
                "Chi bộ Hội Nông dân – Hội Cựu chiến binh thành phố",
            ),
            since,
        ),
        _cell_org(
            "Chi bộ Ủy ban MTTQ Việt Nam thành phố",
            _Category.PARTY_MASS_AGENCY,
            "party_agency",
            since,
        ),
        _cell_org(
            "Chi bộ Trung tâm Chính trị thành phố",
            _Category.PARTY_MASS_AGENCY,
            "party_agency",
            since,
        ),
        _committee(
            "Đảng bộ Cơ quan Chính quyền thành phố",
            _Category.STATE_AGENCY,
            "government",
            (
                "Chi bộ Văn phòng HĐND và UBND",
                "Chi bộ Phòng Nội vụ",
                "Chi bộ Phòng Tài chính – Kế hoạch",
                "Chi bộ Phòng Quản lý đô thị",
                "Chi bộ Phòng Tài nguyên và Môi trường",
                "Chi bộ Phòng Kinh tế",
                "Chi bộ Phòng Giáo dục và Đào tạo",
                "Chi bộ Phòng Văn hóa và Thông tin",
                "Chi bộ Phòng Lao động – Thương binh và Xã hội",
                "Chi bộ Phòng Tư pháp",
                "Chi bộ Thanh tra thành phố",
                "Chi bộ Phòng Y tế",
                "Chi bộ Đội Kiểm tra trật tự đô thị",
                "Chi bộ Trung tâm Phục vụ hành chính công",
            ),
            since,
        ),
        *(
            _cell_org(name, _Category.STATE_AGENCY, "state_agency", since)
            for name in (
                "Chi bộ Chi cục Thuế khu vực Phủ Lý – Kim Bảng",
                "Chi bộ Kho bạc Nhà nước Phủ Lý",
                "Chi bộ Tòa án nhân dân thành phố",
                "Chi bộ Viện Kiểm sát nhân dân thành phố",
                "Chi bộ Chi cục Thi hành án dân sự thành phố",
                "Chi bộ Bảo hiểm xã hội thành phố",
                "Chi bộ Chi cục Thống kê thành phố",
                "Chi bộ Đội Quản lý thị trường số 1",
            )
        ),
        hospital,
        *(
            _cell_org(name, _Category.PUBLIC_SERVICE, "public_service", since)
            for name in (
                "Chi bộ Trung tâm Văn hóa – Thông tin – Thể thao thành phố",
                "Chi bộ Ban Quản lý dự án đầu tư xây dựng thành phố",
                "Chi bộ Trung tâm Phát triển quỹ đất thành phố",
            )
        ),
        *(_cell_org(name, _Category.PUBLIC_SERVICE, "school", since) for name in _SCHOOLS),
        _committee(
            "Đảng bộ Quân sự thành phố",
            _Category.ARMED_FORCES,
            "military",
            (
                "Chi bộ Ban Chỉ huy",
                "Chi bộ Cơ quan Tham mưu",
                "Chi bộ Chính trị – Hậu cần – Kỹ thuật",
                "Chi bộ Trung đội Dân quân thường trực",
                "Chi bộ Trung đội Bảo vệ",
            ),
            since,
        ),
        _committee(
            "Đảng bộ Công an thành phố",
            _Category.ARMED_FORCES,
            "police",
            tuple(
                f"Chi bộ {name}"
                for name in (
                    "Đội Tham mưu – Tổng hợp",
                    "Đội Cảnh sát hình sự",
                    "Đội Cảnh sát điều tra tội phạm về ma túy",
                    "Đội Cảnh sát kinh tế",
                    "Đội Cảnh sát giao thông – Trật tự",
                    "Đội Cảnh sát quản lý hành chính về trật tự xã hội",
                    "Đội An ninh",
                    "Đội Cảnh sát thi hành án hình sự và hỗ trợ tư pháp",
                    "Đội Cảnh sát phòng cháy chữa cháy và cứu nạn cứu hộ",
                    "Đội Điều tra tổng hợp",
                    "Nhà tạm giữ",
                    "Đội Xây dựng phong trào bảo vệ an ninh Tổ quốc",
                )
            ),
            since,
        ),
        *(
            _cell_org(name, _Category.STATE_ENTERPRISE, "state_enterprise", date(2010, 1, 1))
            for name in (
                "Chi bộ Điện lực Phủ Lý",
                "Chi bộ Bưu điện thành phố Phủ Lý",
                "Chi bộ Ngân hàng Nông nghiệp và Phát triển nông thôn chi nhánh Phủ Lý",
            )
        ),
        *(
            _cell_org(
                name, _Category.NON_STATE_ENTERPRISE, "non_state_enterprise", date(2012, 5, 1)
            )
            for name in (
                "Chi bộ Công ty Cổ phần Môi trường và Công trình đô thị Phủ Lý",
                "Chi bộ Công ty Cổ phần Xây dựng và Thương mại Phủ Lý",
                "Chi bộ Công ty TNHH May xuất khẩu Phủ Lý",
            )
        ),
        *(
            _cell_org(name, _Category.COOPERATIVE, "cooperative", date(2009, 3, 1))
            for name in (
                "Chi bộ HTX Dịch vụ nông nghiệp Liêm Tiết",
                "Chi bộ HTX Dịch vụ nông nghiệp Tiên Tân",
                "Chi bộ HTX Dịch vụ nông nghiệp Phù Vân",
            )
        ),
    ]


#: The 68 grassroots organisations, coded CS01..CS68 in this order.
ORGANISATION_SPECS: tuple[_OrgSpec, ...] = (*_ward_specs(), *_other_specs())
_CODES = {spec.name: f"CS{index:02d}" for index, spec in enumerate(ORGANISATION_SPECS, 1)}
_POLITICAL_SCHOOL = "Chi bộ Trung tâm Chính trị thành phố"
_CITY_OFFICE = "Đảng bộ Cơ quan Đảng – Đoàn thể thành phố"
_DEMO_WARD = "Đảng bộ phường Hai Bà Trưng"
_DEMO_SCHOOL = "Chi bộ Trường THCS Trần Phú"

#: The demo users: (username, role, the grassroots organisation of grassroots staff).
DEMO_USERS: tuple[tuple[str, str, str], ...] = (
    ("admin", Role.ADMINISTRATOR, ""),
    ("canbo", Role.COMMITTEE_STAFF, ""),
    ("truongban", Role.BOARD_HEAD, ""),
    (f"coso.{_CODES[_DEMO_WARD].lower()}", Role.GRASSROOTS_STAFF, _DEMO_WARD),
    (f"coso.{_CODES[_DEMO_SCHOOL].lower()}", Role.GRASSROOTS_STAFF, _DEMO_SCHOOL),
)
DEMO_USERNAMES = tuple(username for username, _, _ in DEMO_USERS)


def _check_specs() -> None:
    """The organisation table matches the published counts (a programming error otherwise)."""
    committee_cells = sum(len(spec.cells) for spec in ORGANISATION_SPECS)
    if len(ORGANISATION_SPECS) != GRASSROOTS_ORGANISATIONS or committee_cells != COMMITTEE_CELLS:
        raise AssertionError(
            f"{len(ORGANISATION_SPECS)} organisations and {committee_cells} committee cells"
        )


_check_specs()


# --- Results --------------------------------------------------------------------------------


@dataclass(frozen=True)
class DemoLogin:
    """A demo user's log-in as printed by the seed command."""

    username: str
    role: str
    organisation: str
    password: str


@dataclass(frozen=True)
class DemoSummary:
    """What ``build_demo`` wrote."""

    scale: int
    seed: int
    grassroots_organisations: int
    committee_cells: int
    members: int
    admitted_in_term: int
    candidates: int
    stage_records: int
    quotas: int
    logins: tuple[DemoLogin, ...]


# --- Planning -------------------------------------------------------------------------------


@dataclass
class _Admission:
    """A member admitted inside the term, before the person is drawn."""

    year: int
    youth_union: bool | None = None
    catholic: bool = False


@dataclass(eq=False)
class _CellPlan:
    name: str
    profile: str
    place: str
    own: bool
    size: int = 0
    capacity: int = 0
    admissions: list[_Admission] = field(default_factory=list)
    obj: Cell | None = None
    #: Official members admitted before the term: helpers, introducers, secretaries.
    seniors: list[Member] = field(default_factory=list)
    #: Sorted official dates of every official member (for the eligible voters on a day).
    official_dates: list[date] = field(default_factory=list)


@dataclass(eq=False)
class _OrgPlan:
    spec: _OrgSpec
    code: str
    name: str
    cells: list[_CellPlan]
    obj: Organisation | None = None
    secretary: str = ""

    @property
    def members(self) -> int:
        return sum(cell.size for cell in self.cells)


def _apportion(total: int, weights: list[float]) -> list[int]:
    """Split ``total`` in proportion to ``weights`` by the largest-remainder method."""
    whole = sum(weights)
    shares = [total * weight / whole for weight in weights]
    result = [int(share) for share in shares]
    by_remainder = sorted(range(len(weights)), key=lambda i: (-(shares[i] - result[i]), i))
    for i in by_remainder[: total - sum(result)]:
        result[i] += 1
    return result


def quota_shares(total: int, sizes: list[int]) -> list[int]:
    """Split a quota over organisations by member count, each getting at least 1.

    Organisations whose share would be below one get one; the rest of the quota is split
    over the others in proportion to their members by the largest-remainder method.
    """
    if total < len(sizes):
        raise ValueError("A quota smaller than the number of organisations cannot give each one.")
    floored: set[int] = set()
    while True:
        rest = [i for i in range(len(sizes)) if i not in floored]
        remaining = total - len(floored)
        weight = sum(sizes[i] for i in rest) or 1
        small = {i for i in rest if remaining * sizes[i] / weight < 1}
        if not small:
            break
        floored |= small
    result = [1] * len(sizes)
    for i, share in zip(rest, _apportion(remaining, [sizes[i] for i in rest]), strict=True):
        result[i] = share
    return result


def _cell_weight(cell: _CellPlan) -> float:
    """How likely a cell is to admit a member or name a candidate."""
    return cell.size * _PROFILES[cell.profile].admission_weight


def _executive_size(members: int) -> int:
    """Members of a grassroots Party executive committee (đảng ủy), by organisation size."""
    if members < 60:
        return 5
    if members < 150:
        return 7
    if members < 350:
        return 9
    return 11


# --- The builder ----------------------------------------------------------------------------


class _Builder:
    """Draws and writes the demo committee; one instance per build."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.citizen_ids: set[str] = set()
        self.card_serial = 0
        self.doc_numbers: set[tuple[str, int, int]] = set()
        self.last_numbers: dict[tuple[str, int], int] = {}
        #: Demo users by username, and grassroots staff also by their organisation's code.
        self.users: dict[str, AbstractBaseUser] = {}
        self.stage_records = 0
        self.candidates = 0
        #: Who signs admission decisions and course certificates (drawn in ``build``).
        self.deputy_secretary = ""
        self.political_school_director = ""

    # -- small draws --

    def _weighted(self, options: tuple[tuple[str, float], ...]) -> str:
        values, cumulative = _cumulative(options)
        return self.rng.choices(values, cum_weights=cumulative)[0]

    def _date_between(self, start: date, end: date) -> date:
        return start + timedelta(days=self.rng.randint(0, (end - start).days))

    def _gap(self, stage: str) -> timedelta:
        return timedelta(days=self.rng.randint(*_GAPS[stage]))

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
            given = rng.choice(_FEMALE_GIVEN)
            middle = "Thị" if rng.random() < thi_share else rng.choice(_FEMALE_MIDDLE)
            if middle == "Thị" and rng.random() < 0.08:
                middle = f"Thị {rng.choice(_FEMALE_MIDDLE)}"
        else:
            van_share = 0.6 if birth_year < 1975 else 0.4 if birth_year < 1990 else 0.2
            given = rng.choice(_MALE_GIVEN)
            middle = "Văn" if rng.random() < van_share else rng.choice(_MALE_MIDDLE)
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
        province_name, districts = _PROVINCES[province]
        if province == "035" and self.rng.random() < 0.45:
            district, units = districts[0]
        else:
            district, units = self.rng.choice(districts)
        return f"{self.rng.choice(units)}, {district}, {province_name}"

    def _residence(self, cell: _CellPlan) -> str:
        rng = self.rng
        if cell.place:
            return f"{cell.place}, {_PHU_LY}, {_HA_NAM}"
        if rng.random() < 0.85:
            unit = rng.choice(_PHU_LY_UNITS)
            street = (
                f"tổ dân phố số {rng.randint(1, 14)}"
                if unit.startswith("phường")
                else (f"thôn {rng.randint(1, 11)}")
            )
            return f"{street}, {unit}, {_PHU_LY}, {_HA_NAM}"
        district, units = rng.choice(_PROVINCES["035"][1][1:])
        return f"{rng.choice(units)}, {district}, {_HA_NAM}"

    def _occupation(self, profile: _Profile, gender: str, age: int, admitted: bool) -> str:
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
        profile: _Profile,
        cell: _CellPlan,
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
        if rng.random() < _MINORITY_SHARE:
            ethnicity, origin, _ = rng.choices(_MINORITIES, [w for _, _, w in _MINORITIES])[0]
            province = origin if rng.random() < 0.6 else "035"
        else:
            ethnicity = KINH
            origin = province = self._weighted(_KINH_PROVINCES)
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
            0.35 if occupation in (_O.FARMER, _O.WORKER, _O.RETIRED, _O.OTHER) else 0.1
        ):
            education = "10/10"
        elif occupation == _O.FARMER and rng.random() < 0.05:
            education = "9/12"
        theory = _THEORY_NEW_MEMBER if admitted else _THEORY.get(occupation, _THEORY_OTHERS)
        full_name = self.full_name(gender, date_of_birth.year)
        return {
            "full_name": full_name,
            "name_key": search_key(full_name),
            "gender": gender,
            "date_of_birth": date_of_birth,
            "citizen_id": self._citizen_id(province, date_of_birth, gender),
            "ethnicity": ethnicity,
            "religion": religion,
            "hometown": self._locality(origin),
            "residence": self._residence(cell),
            "occupation": occupation,
            "general_education": education,
            "professional_level": self._weighted(_PROFESSIONAL_LEVELS[occupation]),
            "political_theory": self._weighted(theory),
        }

    def _document(self, issuer: str, day: date, per_day: float, suffix: str) -> str:
        """A document number that grows through the year, unique per issuer and year."""
        key = (issuer, day.year)
        number = int(day.timetuple().tm_yday * per_day) + self.rng.randint(1, 3)
        if (*key, number) in self.doc_numbers:
            number = self.last_numbers[key] + 1
        self.doc_numbers.add((*key, number))
        self.last_numbers[key] = max(self.last_numbers.get(key, 0), number)
        return f"{number}-{suffix}"

    # -- planning --

    def plan_copy(self, copy: int) -> list[_OrgPlan]:
        """Organisations, cells, cell sizes and the term's admissions of one copy."""
        rng = self.rng
        orgs = []
        for spec in ORGANISATION_SPECS:
            code = _CODES[spec.name] if copy == 1 else f"{_CODES[spec.name]}-{copy}"
            name = spec.name if copy == 1 else f"{spec.name} ({copy})"
            if spec.is_committee:
                cells = [_CellPlan(n, profile, place, False) for n, profile, place in spec.cells]
            else:
                cells = [_CellPlan(name, spec.profile, "", True)]
            orgs.append(_OrgPlan(spec, code, name, cells))

        own_cells = [org.cells[0] for org in orgs if not org.spec.is_committee]
        committee_cells = [cell for org in orgs if org.spec.is_committee for cell in org.cells]
        for cell in own_cells:
            low, high = _PROFILES[cell.profile].size
            cell.size = min(rng.randint(low, high), 29)
        nominal = [rng.randint(*_PROFILES[cell.profile].size) for cell in committee_cells]
        floor = 6
        remaining = MEMBERS - sum(cell.size for cell in own_cells) - floor * len(committee_cells)
        for cell, share in zip(committee_cells, _apportion(remaining, nominal), strict=True):
            cell.size = floor + share
        all_cells = own_cells + committee_cells
        for cell in all_cells:
            # Keep at least three members admitted before the term (all official) per cell.
            cell.capacity = cell.size - 3
        self._plan_admissions(all_cells)
        return orgs

    def _allocate(self, cells: list[_CellPlan], admissions: list[_Admission]) -> None:
        """Place admissions in cells in proportion to size, within each cell's capacity."""
        if len(admissions) > sum(cell.capacity for cell in cells):
            raise AssertionError("The cells cannot take that many admissions.")
        cumulative = list(accumulate(_cell_weight(cell) for cell in cells))
        for admission in admissions:
            while True:
                cell = self.rng.choices(cells, cum_weights=cumulative)[0]
                if cell.capacity > 0:
                    break
            cell.capacity -= 1
            cell.admissions.append(admission)

    def _plan_admissions(self, cells: list[_CellPlan]) -> None:
        rng = self.rng
        by_year = {
            year: [_Admission(year) for _ in range(n)] for year, n in ADMISSIONS_BY_YEAR.items()
        }
        for year, admissions in by_year.items():
            for admission in rng.sample(admissions, CATHOLICS_BY_YEAR[year]):
                admission.catholic = True
        year_2023 = by_year[2023]
        for index in rng.sample(range(len(year_2023)), YOUTH_UNION_2023):
            year_2023[index].youth_union = True
        for admission in year_2023:
            if admission.youth_union is None:
                admission.youth_union = False
        schools = [cell for cell in cells if cell.profile in _SCHOOL_PROFILES]
        hospital = [cell for cell in cells if cell.profile == "hospital"]
        others = [cell for cell in cells if cell.profile not in (*_SCHOOL_PROFILES, "hospital")]
        rng.shuffle(year_2023)
        self._allocate(schools, year_2023[:TEACHERS_2023])
        self._allocate(hospital, year_2023[TEACHERS_2023 : TEACHERS_2023 + HEALTH_WORKERS_2023])
        self._allocate(others, year_2023[TEACHERS_2023 + HEALTH_WORKERS_2023 :])
        for year, admissions in by_year.items():
            if year != 2023:
                self._allocate(cells, admissions)

    # -- members --

    def _admitted_member(self, cell: _CellPlan, admission: _Admission) -> Member:
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
            _PROFILES[cell.profile], cell, date_of_birth=born, admitted=True, religion=religion
        )
        return self._member(cell, details, decision=decision, youth_union=youth)

    def _senior_member(self, cell: _CellPlan) -> Member:
        """A member admitted before the term: official for years."""
        rng = self.rng
        profile = _PROFILES[cell.profile]
        low, mode, high = profile.age
        age = min(max(round(rng.triangular(low, high, mode)), 23), 60)
        born = rules.add_months(SNAPSHOT, -12 * age) - timedelta(days=rng.randint(1, 360))
        earliest = max(_EARLIEST_DECISION, rules.add_months(born, 12 * 18))
        join_age = rng.triangular(18, 45, 25)
        decision = born + timedelta(days=round(join_age * 365.25))
        if not earliest <= decision <= _PRE_TERM_END:
            decision = self._date_between(earliest, _PRE_TERM_END)
        decision = self._working_day(decision, earliest, _PRE_TERM_END)
        youth = rules.age_in_years(born, decision) <= 30 and rng.random() < 0.8
        details = self.person(profile, cell, date_of_birth=born, admitted=False)
        return self._member(cell, details, decision=decision, youth_union=youth)

    def _member(
        self, cell: _CellPlan, details: dict[str, object], *, decision: date, youth_union: bool
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

    def create_members(self, orgs: list[_OrgPlan]) -> list[Member]:
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

    # -- candidates --

    def _path(self, final: str, own: bool) -> list[str]:
        stages = list(Candidate.PIPELINE[: Candidate.PIPELINE.index(final) + 1])
        if own and _Stage.GRASSROOTS_RESOLUTION in stages:
            stages.remove(_Stage.GRASSROOTS_RESOLUTION)
        return stages

    def _snap_training(self, dates: dict[str, date]) -> None:
        """Move the course to the last one closing by the computed day and before 2024."""
        if _Stage.TRAINED not in dates:
            return
        limit = min(dates[_Stage.TRAINED], date(2023, 12, 31))
        course = _COURSE_DATES[bisect.bisect_right(_COURSE_DATES, limit) - 1]
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
        room = timedelta(days=sum(_GAPS[stage][1] for stage in path[1:]))
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

    def _stage_record(
        self,
        candidate: Candidate,
        stage: str,
        day: date,
        org: _OrgPlan,
        cell: _CellPlan,
        helper: Member,
        stages: dict[str, date],
    ) -> tuple[StageRecord, list[Member]]:
        """The record of one stage and, for an introduction, the introducing members."""
        record = StageRecord(candidate=candidate, stage=stage, date=day)
        introducers: list[Member] = []
        secretary = cell.seniors[0].full_name
        number = ""
        if stage == _Stage.SOURCE:
            record.signed_by = secretary
            record.notes = f"Chi bộ phân công đồng chí {helper.full_name} giúp đỡ quần chúng."
        elif stage == _Stage.TRAINED:
            number = self._document("TTCT", day, 0.9, "GCN/TTCT")
            record.signed_by = self.political_school_director
            record.notes = "Hoàn thành lớp bồi dưỡng nhận thức về Đảng."
        elif stage == _Stage.APPLIED:
            record.notes = "Đơn xin vào Đảng và Lý lịch của người xin vào Đảng."
        elif stage == _Stage.VERIFIED:
            issuer, suffix = (org.code, "BC/CB") if cell.own else (org.code, "BC/ĐU")
            number = self._document(issuer, day, 0.1, suffix)
            record.signed_by = secretary if cell.own else org.secretary
            record.notes = "Đã thẩm tra, xác minh lý lịch người xin vào Đảng và gia đình."
        elif stage == _Stage.INTRODUCED:
            introducers = self._introduction(record, candidate, org, cell, helper, day)
        elif stage == _Stage.COMMENTED:
            record.notes = "Nhận xét của tổ chức đoàn thể nơi làm việc và chi ủy nơi cư trú."
        elif stage == _Stage.CELL_RESOLUTION:
            number = self._document(f"{org.code}/{cell.name}", day, 0.1, "NQ/CB")
            record.signed_by = secretary
            self._votes(record, self._eligible(cell, day), passed=True)
        elif stage == _Stage.GRASSROOTS_RESOLUTION:
            number = self._document(org.code, day, 0.2, "NQ/ĐU")
            record.signed_by = org.secretary
            self._votes(record, _executive_size(org.members), passed=True)
        elif stage == _Stage.DECISION:
            number = self._document("TU", day, 3.0, "QĐ/TU")
            record.signed_by = self.deputy_secretary
        elif stage == _Stage.CEREMONY:
            record.signed_by = secretary
            record.notes = "Lễ kết nạp tổ chức tại hội nghị chi bộ."
        elif stage == _Stage.REJECTED:
            record.signed_by = secretary
            if _Stage.COMMENTED in stages:
                record.notes = "Hội nghị chi bộ biểu quyết không đạt hai phần ba."
                self._votes(record, self._eligible(cell, day), passed=False)
            else:
                record.notes = (
                    "Kết quả thẩm tra lý lịch chưa rõ; chi bộ dừng xem xét, bồi dưỡng thêm."
                )
        elif stage == _Stage.CANCELLED:
            number = self._document("TU", day, 3.0, "QĐ/TU")
            record.signed_by = self.deputy_secretary
            record.notes = "Hủy quyết định kết nạp: lý lịch khai không trung thực."
        if number:
            record.document_number = number
            record.document_date = day
        return record, introducers

    def _introduction(
        self,
        record: StageRecord,
        candidate: Candidate,
        org: _OrgPlan,
        cell: _CellPlan,
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

    def _eligible(self, cell: _CellPlan, day: date) -> int:
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

    def create_candidates(self, orgs: list[_OrgPlan], admitted_2024: list[Member]) -> None:
        """The candidates of one copy with their stage records and introducers."""
        rng = self.rng
        cell_org = {cell.obj.pk: (org, cell) for org in orgs for cell in org.cells}
        all_cells = [cell for org in orgs for cell in org.cells]
        committee_cells = [cell for cell in all_cells if not cell.own]
        all_weights = list(accumulate(_cell_weight(cell) for cell in all_cells))
        committee_weights = list(accumulate(_cell_weight(cell) for cell in committee_cells))
        plans: list[tuple[Candidate, _OrgPlan, _CellPlan, dict[str, date]]] = []

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
                plans.append((candidate, org, cell, dates))
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
                **{name: getattr(member, name) for name in PERSON_FIELDS},
            )
            plans.append((candidate, org, cell, dates))

        for candidate, _, cell, _ in plans:
            candidate.helper = rng.choice(cell.seniors)
        Candidate.objects.bulk_create([p[0] for p in plans], batch_size=BATCH_SIZE)
        records = []
        introductions = []
        for candidate, org, cell, dates in plans:
            recorder = self.users.get(org.code) or self.users["canbo"]
            for stage, day in sorted(dates.items(), key=lambda item: item[1]):
                record, introducers = self._stage_record(
                    candidate, stage, day, org, cell, candidate.helper, dates
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

    def _new_candidate(self, cell: _CellPlan, stage: str, dates: dict[str, date]) -> Candidate:
        rng = self.rng
        profile = _PROFILES[cell.profile]
        first = min(dates.values())
        age = round(rng.triangular(19, 45, 26))
        born = rules.add_months(SNAPSHOT, -12 * age) - timedelta(days=rng.randint(1, 360))
        if rules.age_in_years(born, first) < 18:
            born = rules.add_months(first, -12 * 18) - timedelta(days=rng.randint(1, 200))
        details = self.person(profile, cell, date_of_birth=born, admitted=True)
        youth = rules.age_in_years(born, first) <= 30 and rng.random() < 0.85
        return Candidate(cell=cell.obj, stage=stage, youth_union_member=youth, **details)

    # -- the whole build --

    def create_organisations(self, city: Organisation, copies: list[list[_OrgPlan]]) -> None:
        orgs = [org for copy in copies for org in copy]
        for org in orgs:
            kind = (
                Organisation.Kind.GRASSROOTS_COMMITTEE
                if org.spec.is_committee
                else Organisation.Kind.GRASSROOTS_CELL
            )
            org.obj = Organisation(
                name=org.name,
                code=org.code,
                kind=kind,
                category=org.spec.category,
                parent=city,
                active_from=org.spec.active_from,
            )
        Organisation.objects.bulk_create([org.obj for org in orgs], batch_size=BATCH_SIZE)
        cells = []
        for org in orgs:
            for cell in org.cells:
                cell.obj = Cell(
                    organisation=org.obj,
                    name=cell.name,
                    is_organisation_itself=cell.own,
                    active_from=org.spec.active_from,
                )
                cells.append(cell.obj)
        Cell.objects.bulk_create(cells, batch_size=BATCH_SIZE)

    def create_users(self, first_copy: list[_OrgPlan]) -> tuple[DemoLogin, ...]:
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
            logins.append(DemoLogin(username, label, org.name if org else "", password))
        return tuple(logins)

    def create_quotas(self, term: Term, orgs: list[_OrgPlan], scale: int) -> int:
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

    def build(self, scale: int, seed: int) -> DemoSummary:
        rng = self.rng
        city = Organisation.objects.create(
            name=CITY_NAME,
            code=CITY_CODE,
            kind=Organisation.Kind.CITY_COMMITTEE,
            active_from=date(2008, 6, 9),
        )
        term = Term.objects.create(name=TERM_NAME, start_date=TERM_START, end_date=TERM_END)
        self.deputy_secretary = self.full_name(Gender.MALE, rng.randint(1966, 1972))
        self.political_school_director = self.full_name(Gender.FEMALE, rng.randint(1968, 1975))
        copies = [self.plan_copy(copy) for copy in range(1, scale + 1)]
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


_NAME_WEIGHTS = ([name for name, _ in _FAMILY_NAMES], [weight for _, weight in _FAMILY_NAMES])


@cache
def _cumulative(options: tuple[tuple[str, float], ...]) -> tuple[list[str], list[float]]:
    """The values and cumulative weights of a weighted list (computed once per list)."""
    return [value for value, _ in options], list(accumulate(weight for _, weight in options))


@cache
def _demo_password_hash() -> str:
    """The demo password hashed once per process (hashing is deliberately slow)."""
    return make_password(DEMO_PASSWORD)


# --- Entry points ---------------------------------------------------------------------------


def build_demo(*, scale: int = 1, seed: int = DEFAULT_SEED) -> DemoSummary:
    """Write the demo committee into an empty database (one transaction).

    At ``scale=1`` the published Phủ Lý figures hold exactly; ``scale=N`` writes N copies of
    the grassroots organisations and their people under one city committee, with every
    figure and quota multiplied by N.
    """
    if scale < 1:
        raise ValueError("The scale is a whole number from 1 up.")
    with transaction.atomic():
        return _Builder(seed).build(scale, seed)


def delete_demo_data() -> None:
    """Delete every organisation with its cells, people, quotas and terms, and the demo users.

    Rule sets and other users stay; other users' grassroots-staff profiles go with the
    organisations they pointed to. Runs several queries in one transaction.
    """
    with transaction.atomic():
        Introducer.objects.all().delete()
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
        logins.append(DemoLogin(username, role, organisation, DEMO_PASSWORD))
    return logins
