"""The demo's data tables: the published Phủ Lý figures, the stages' timing, places, names,
what each kind of cell is like, and the grassroots organisations' names.

Pure data, no logic: ``specs`` turns the organisation tables into the 68 organisations, and
the builder (``plans``, ``people``, ``pipeline``, ``builder``) draws the people from the rest.
"""

from __future__ import annotations

from datetime import date

from ..choices import Occupation, PoliticalTheory, ProfessionalLevel
from ..models import Candidate, Organisation
from .records import CellSpec, Committee, GrassrootsCells, Locality, Minority, Profile, Province

# --- The build ------------------------------------------------------------------------------

DEFAULT_SEED = 2024
DEMO_PASSWORD = "PhuLy@2024"
BATCH_SIZE = 2000

# --- The published figures and the snapshot they describe -----------------------------------

#: The day the figures describe; nothing here depends on today's date.
SNAPSHOT = date(2024, 3, 26)

CITY_CODE = "PL"
CITY_NAME = "Đảng bộ thành phố Phủ Lý"
CITY_ACTIVE_FROM = date(2008, 6, 9)
#: What titles and documents say of the city committee (Organisation fields of a committee).
CITY_DETAILS = {
    "level": "city",
    "committee_name": "Thành ủy Phủ Lý",
    "superior_name": "Đảng bộ tỉnh Hà Nam",
    "place_name": "Phủ Lý",
    "standing_board_name": "Ban Thường vụ Thành ủy Phủ Lý",
    "organisation_board_name": "Ban Tổ chức Thành ủy Phủ Lý",
}
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

# --- The candidates' stages -----------------------------------------------------------------

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
GAPS = {
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
COURSE_DATES = (
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
EARLIEST_DECISION = date(1982, 1, 1)

# --- Places and people ----------------------------------------------------------------------

PHU_LY = "thành phố Phủ Lý"
HA_NAM = "tỉnh Hà Nam"

#: The wards of Phủ Lý.
WARDS = (
    Locality(name="Hai Bà Trưng", residential_cells=12, active_from=date(1997, 1, 1)),
    Locality(name="Lương Khánh Thiện", residential_cells=11, active_from=date(1997, 1, 1)),
    Locality(name="Minh Khai", residential_cells=10, active_from=date(1997, 1, 1)),
    Locality(name="Trần Hưng Đạo", residential_cells=9, active_from=date(1997, 1, 1)),
    Locality(name="Quang Trung", residential_cells=13, active_from=date(1997, 1, 1)),
    Locality(name="Lê Hồng Phong", residential_cells=14, active_from=date(1997, 1, 1)),
    Locality(name="Thanh Châu", residential_cells=12, active_from=date(2008, 6, 9)),
    Locality(name="Châu Sơn", residential_cells=10, active_from=date(2013, 2, 1)),
    Locality(name="Liêm Chính", residential_cells=11, active_from=date(2013, 2, 1)),
    Locality(name="Lam Hạ", residential_cells=12, active_from=date(2013, 2, 1)),
    Locality(name="Thanh Tuyền", residential_cells=9, active_from=date(2013, 2, 1)),
    Locality(name="Liêm Chung", residential_cells=8, active_from=date(2020, 2, 1)),
    Locality(name="Liêm Tuyền", residential_cells=8, active_from=date(2020, 2, 1)),
)
#: The communes of Phủ Lý (their residential cells are villages).
COMMUNES = (
    Locality(name="Đinh Xá", residential_cells=10, active_from=date(2008, 6, 9)),
    Locality(name="Trịnh Xá", residential_cells=8, active_from=date(2008, 6, 9)),
    Locality(name="Phù Vân", residential_cells=10, active_from=date(2008, 6, 9)),
    Locality(name="Kim Bình", residential_cells=9, active_from=date(2008, 6, 9)),
    Locality(name="Liêm Tiết", residential_cells=11, active_from=date(2008, 6, 9)),
    Locality(name="Tiên Tân", residential_cells=9, active_from=date(2008, 6, 9)),
    Locality(name="Tiên Hải", residential_cells=7, active_from=date(2008, 6, 9)),
    Locality(name="Tiên Hiệp", residential_cells=8, active_from=date(2008, 6, 9)),
)
PHU_LY_UNITS = tuple(f"phường {ward.name}" for ward in WARDS) + tuple(
    f"xã {commune.name}" for commune in COMMUNES
)

#: Provinces by citizen-ID code, each with a few of its districts and their communes.
PROVINCES = {
    "035": Province(
        name=HA_NAM,
        districts=(
            (PHU_LY, PHU_LY_UNITS),
            ("thị xã Duy Tiên", ("phường Đồng Văn", "phường Hòa Mạc", "xã Mộc Bắc")),
            ("huyện Kim Bảng", ("thị trấn Quế", "xã Thụy Lôi", "xã Văn Xá", "xã Nhật Tân")),
            ("huyện Thanh Liêm", ("thị trấn Kiện Khê", "xã Thanh Hà", "xã Liêm Thuận")),
            ("huyện Bình Lục", ("thị trấn Bình Mỹ", "xã An Ninh", "xã Tràng An", "xã Đồn Xá")),
            ("huyện Lý Nhân", ("thị trấn Vĩnh Trụ", "xã Nhân Thịnh", "xã Chân Lý")),
        ),
    ),
    "036": Province(
        name="tỉnh Nam Định",
        districts=(
            ("huyện Ý Yên", ("xã Yên Bằng", "xã Yên Thọ")),
            ("huyện Vụ Bản", ("xã Liên Minh", "xã Tam Thanh")),
            ("huyện Mỹ Lộc", ("xã Mỹ Hà",)),
        ),
    ),
    "037": Province(
        name="tỉnh Ninh Bình",
        districts=(
            ("huyện Gia Viễn", ("xã Gia Hòa", "xã Gia Vân")),
            ("huyện Nho Quan", ("xã Gia Lâm",)),
        ),
    ),
    "001": Province(
        name="thành phố Hà Nội",
        districts=(
            ("huyện Ứng Hòa", ("xã Đại Hùng", "xã Phù Lưu")),
            ("huyện Mỹ Đức", ("xã Hương Sơn",)),
            ("huyện Phú Xuyên", ("xã Chuyên Mỹ",)),
        ),
    ),
    "034": Province(
        name="tỉnh Thái Bình",
        districts=(("huyện Hưng Hà", ("xã Tân Lễ",)), ("huyện Vũ Thư", ("xã Hồng Lý",))),
    ),
    "017": Province(
        name="tỉnh Hòa Bình",
        districts=(
            ("huyện Lạc Thủy", ("xã Phú Nghĩa", "xã An Bình")),
            ("huyện Kim Bôi", ("xã Nam Thượng",)),
        ),
    ),
    "020": Province(
        name="tỉnh Lạng Sơn",
        districts=(("huyện Cao Lộc", ("xã Hợp Thành",)), ("huyện Văn Lãng", ("xã Hoàng Việt",))),
    ),
    "014": Province(
        name="tỉnh Sơn La",
        districts=(("huyện Mai Sơn", ("xã Chiềng Mung",)), ("huyện Mộc Châu", ("xã Chiềng Sơn",))),
    ),
    "004": Province(name="tỉnh Cao Bằng", districts=(("huyện Hòa An", ("xã Đức Long",)),)),
    "008": Province(name="tỉnh Tuyên Quang", districts=(("huyện Yên Sơn", ("xã Trung Minh",)),)),
    "010": Province(name="tỉnh Lào Cai", districts=(("huyện Bắc Hà", ("xã Bản Phố",)),)),
    "026": Province(name="tỉnh Vĩnh Phúc", districts=(("huyện Tam Đảo", ("xã Đạo Trù",)),)),
}
#: Where Kinh members' citizen IDs were registered: mostly Hà Nam, some neighbours.
KINH_PROVINCES = (("035", 84.0), ("036", 5.0), ("037", 4.0), ("001", 4.0), ("034", 3.0))
#: Ethnic minorities (about 1 in 80 people) and the province each comes from.
MINORITY_SHARE = 0.0125
MINORITIES = (
    Minority(ethnicity="Mường", province="017", weight=45.0),
    Minority(ethnicity="Tày", province="020", weight=15.0),
    Minority(ethnicity="Thái", province="014", weight=14.0),
    Minority(ethnicity="Nùng", province="004", weight=10.0),
    Minority(ethnicity="Dao", province="008", weight=8.0),
    Minority(ethnicity="Sán Dìu", province="026", weight=4.0),
    Minority(ethnicity="H'Mông", province="010", weight=4.0),
)

FAMILY_NAMES = (
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
MALE_MIDDLE = (
    "Đức", "Minh", "Quang", "Hữu", "Xuân", "Ngọc", "Thanh", "Mạnh", "Tiến", "Công", "Duy",
    "Trung", "Việt", "Hoàng", "Anh", "Đình", "Quốc", "Thế", "Bá", "Trọng",
)  # fmt: skip
MALE_GIVEN = (
    "Hùng", "Dũng", "Cường", "Hải", "Long", "Nam", "Sơn", "Tuấn", "Thắng", "Trung", "Quân",
    "Hưng", "Huy", "Khánh", "Phong", "Thành", "Tùng", "Vinh", "Đạt", "Hiếu", "Kiên", "Lâm",
    "Lực", "Nghĩa", "Phúc", "Tài", "Thái", "Thịnh", "Toàn", "Tú", "Bình", "Chiến", "Giang",
    "Hậu", "Hòa", "Khải", "Lợi", "Tâm", "Thuận", "Tuyên", "Vượng", "Đông", "Bảo", "An",
    "Định", "Kha", "Lộc", "Quyết", "Sáng", "Tấn",
)  # fmt: skip
FEMALE_MIDDLE = (
    "Thu", "Thanh", "Ngọc", "Phương", "Minh", "Thúy", "Hồng", "Kim", "Lan", "Mai", "Khánh",
    "Diệu", "Bích", "Quỳnh", "Hải", "Hoài", "Bảo", "Thùy",
)  # fmt: skip
FEMALE_GIVEN = (
    "Hoa", "Hương", "Lan", "Linh", "Mai", "Ngọc", "Nhung", "Phương", "Thảo", "Trang", "Hà",
    "Hằng", "Hạnh", "Huyền", "Hiền", "Liên", "Loan", "Nga", "Nguyệt", "Oanh", "Quyên", "Thủy",
    "Thúy", "Tuyết", "Vân", "Yến", "Anh", "Dung", "Giang", "Huệ", "Lệ", "Lý", "My", "Nhàn",
    "Thơm", "Uyên", "Xuân", "Chi", "Duyên", "Ngân", "Nhi", "Trâm", "Vy", "Ánh", "Diệp",
    "Đào", "Gấm", "Lụa", "Thắm", "Hậu",
)  # fmt: skip

_O = Occupation
_P = ProfessionalLevel
_T = PoliticalTheory

PROFESSIONAL_LEVELS: dict[str, tuple[tuple[str, float], ...]] = {
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
THEORY_NEW_MEMBER = ((_T.NONE, 70), (_T.ELEMENTARY, 28), (_T.INTERMEDIATE, 2))
THEORY: dict[str, tuple[tuple[str, float], ...]] = {
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
THEORY_OTHERS = ((_T.NONE, 55), (_T.ELEMENTARY, 40), (_T.INTERMEDIATE, 5))

#: What the members of each kind of cell are like, by the cell's profile.
PROFILES: dict[str, Profile] = {
    "residential_ward": Profile(
        female_share=0.46,
        age=(24, 56, 60),
        occupations=(
            (_O.WORKER, 2),
            (_O.BUSINESS_OWNER, 3),
            (_O.ENTERPRISE_EMPLOYEE, 3),
            (_O.CIVIL_SERVANT, 1.5),
            (_O.TEACHER, 0.6),
            (_O.HEALTH_WORKER, 0.3),
            (_O.STUDENT, 0.2),
            (_O.OTHER, 1.5),
        ),
        size=(20, 45),
        retires=True,
        admission_weight=0.7,
    ),
    "residential_commune": Profile(
        female_share=0.45,
        age=(22, 52, 60),
        occupations=(
            (_O.FARMER, 5),
            (_O.WORKER, 2.5),
            (_O.BUSINESS_OWNER, 1),
            (_O.ENTERPRISE_EMPLOYEE, 1.5),
            (_O.STUDENT, 0.2),
            (_O.OTHER, 0.5),
        ),
        size=(18, 40),
        retires=True,
        admission_weight=0.7,
    ),
    "ward_office": Profile(
        female_share=0.48,
        age=(25, 42, 60),
        occupations=((_O.CIVIL_SERVANT, 1),),
        size=(8, 16),
        admission_weight=0.8,
    ),
    "ward_military": Profile(
        female_share=0.05,
        age=(22, 35, 55),
        occupations=((_O.ARMED_FORCES, 1),),
        size=(4, 8),
        admission_weight=1.2,
    ),
    "ward_police": Profile(
        female_share=0.12,
        age=(23, 33, 55),
        occupations=((_O.ARMED_FORCES, 1),),
        size=(6, 14),
        admission_weight=1.2,
    ),
    "commune_school": Profile(
        female_share=0.88,
        age=(24, 40, 58),
        occupations=((_O.TEACHER, 1),),
        size=(6, 14),
        admission_weight=1.4,
    ),
    "school": Profile(
        female_share=0.82,
        age=(24, 42, 58),
        occupations=((_O.TEACHER, 1),),
        size=(12, 28),
        admission_weight=1.4,
    ),
    "hospital": Profile(
        female_share=0.64,
        age=(24, 38, 60),
        occupations=((_O.HEALTH_WORKER, 1),),
        size=(10, 26),
        admission_weight=1.4,
    ),
    "hospital_admin": Profile(
        female_share=0.55,
        age=(25, 42, 60),
        occupations=((_O.CIVIL_SERVANT, 1),),
        size=(6, 12),
        admission_weight=0.8,
    ),
    "party_agency": Profile(
        female_share=0.46,
        age=(25, 44, 60),
        occupations=((_O.CIVIL_SERVANT, 1),),
        size=(5, 12),
        admission_weight=0.8,
    ),
    "government": Profile(
        female_share=0.47,
        age=(25, 42, 60),
        occupations=((_O.CIVIL_SERVANT, 1),),
        size=(6, 16),
        admission_weight=0.9,
    ),
    "state_agency": Profile(
        female_share=0.50,
        age=(25, 42, 60),
        occupations=((_O.CIVIL_SERVANT, 1),),
        size=(6, 20),
        admission_weight=0.9,
    ),
    "public_service": Profile(
        female_share=0.50,
        age=(24, 40, 60),
        occupations=((_O.CIVIL_SERVANT, 1),),
        size=(6, 18),
        admission_weight=0.9,
    ),
    "military": Profile(
        female_share=0.06,
        age=(21, 32, 55),
        occupations=((_O.ARMED_FORCES, 1),),
        size=(8, 18),
        admission_weight=1.5,
    ),
    "police": Profile(
        female_share=0.16,
        age=(22, 33, 56),
        occupations=((_O.ARMED_FORCES, 1),),
        size=(8, 20),
        admission_weight=1.5,
    ),
    "state_enterprise": Profile(
        female_share=0.40,
        age=(24, 42, 60),
        occupations=((_O.ENTERPRISE_EMPLOYEE, 3), (_O.WORKER, 2)),
        size=(6, 20),
        admission_weight=0.9,
    ),
    "non_state_enterprise": Profile(
        female_share=0.45,
        age=(23, 38, 60),
        occupations=((_O.ENTERPRISE_EMPLOYEE, 3), (_O.WORKER, 3), (_O.BUSINESS_OWNER, 0.3)),
        size=(5, 16),
        admission_weight=1.0,
    ),
    "cooperative": Profile(
        female_share=0.32,
        age=(30, 52, 60),
        occupations=((_O.FARMER, 4), (_O.ENTERPRISE_EMPLOYEE, 1)),
        size=(5, 14),
        retires=True,
        admission_weight=0.6,
    ),
}
#: The profiles of school cells, where most of 2023's teachers were admitted.
SCHOOL_PROFILES = ("school", "commune_school")


# --- The grassroots organisations -----------------------------------------------------------
# The wards' and communes' committees come from WARDS and COMMUNES; the others follow in this
# order (their codes run on from the communes').

_Category = Organisation.Category
#: The day the city's agencies, public service units and armed forces got their organisations.
CITY_AGENCIES_FROM = date(2008, 9, 1)

PARTY_AGENCIES = Committee(
    name="Đảng bộ Cơ quan Đảng – Đoàn thể thành phố",
    category=_Category.PARTY_MASS_AGENCY,
    profile="party_agency",
    cells=(
        "Chi bộ Văn phòng Thành ủy",
        "Chi bộ Ban Tổ chức Thành ủy",
        "Chi bộ Ban Tuyên giáo Thành ủy",
        "Chi bộ Ủy ban Kiểm tra Thành ủy",
        "Chi bộ Ban Dân vận Thành ủy",
        "Chi bộ Thành đoàn",
        "Chi bộ Hội Liên hiệp Phụ nữ thành phố",
        "Chi bộ Hội Nông dân – Hội Cựu chiến binh thành phố",
    ),
    active_from=CITY_AGENCIES_FROM,
)
PARTY_AGENCY_CELLS = GrassrootsCells(
    names=("Chi bộ Ủy ban MTTQ Việt Nam thành phố", "Chi bộ Trung tâm Chính trị thành phố"),
    category=_Category.PARTY_MASS_AGENCY,
    profile="party_agency",
    active_from=CITY_AGENCIES_FROM,
)
GOVERNMENT = Committee(
    name="Đảng bộ Cơ quan Chính quyền thành phố",
    category=_Category.STATE_AGENCY,
    profile="government",
    cells=(
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
    active_from=CITY_AGENCIES_FROM,
)
STATE_AGENCIES = GrassrootsCells(
    names=(
        "Chi bộ Chi cục Thuế khu vực Phủ Lý – Kim Bảng",
        "Chi bộ Kho bạc Nhà nước Phủ Lý",
        "Chi bộ Tòa án nhân dân thành phố",
        "Chi bộ Viện Kiểm sát nhân dân thành phố",
        "Chi bộ Chi cục Thi hành án dân sự thành phố",
        "Chi bộ Bảo hiểm xã hội thành phố",
        "Chi bộ Chi cục Thống kê thành phố",
        "Chi bộ Đội Quản lý thị trường số 1",
    ),
    category=_Category.STATE_AGENCY,
    profile="state_agency",
    active_from=CITY_AGENCIES_FROM,
)
#: The health centre: its departments' cells, then its administration's.
HEALTH_CENTRE = Committee(
    name="Đảng bộ Trung tâm Y tế thành phố Phủ Lý",
    category=_Category.PUBLIC_SERVICE,
    profile="hospital",
    cells=(
        "Chi bộ Khoa Nội",
        "Chi bộ Khoa Ngoại – Sản",
        "Chi bộ Khoa Nhi",
        "Chi bộ Khoa Khám bệnh",
        "Chi bộ Khoa Hồi sức cấp cứu",
        "Chi bộ Khoa Kiểm soát bệnh tật và HIV/AIDS",
        "Chi bộ Khoa Dược – Cận lâm sàng",
        "Chi bộ Khoa Y học cổ truyền – Phục hồi chức năng",
        "Chi bộ Y tế cơ sở",
    ),
    active_from=CITY_AGENCIES_FROM,
)
HEALTH_CENTRE_ADMINISTRATION = CellSpec(
    name="Chi bộ Phòng Hành chính – Tổng hợp", profile="hospital_admin"
)
PUBLIC_SERVICE_UNITS = GrassrootsCells(
    names=(
        "Chi bộ Trung tâm Văn hóa – Thông tin – Thể thao thành phố",
        "Chi bộ Ban Quản lý dự án đầu tư xây dựng thành phố",
        "Chi bộ Trung tâm Phát triển quỹ đất thành phố",
    ),
    category=_Category.PUBLIC_SERVICE,
    profile="public_service",
    active_from=CITY_AGENCIES_FROM,
)
SCHOOLS = GrassrootsCells(
    names=(
        "Chi bộ Trường THCS Trần Phú",
        "Chi bộ Trường THCS Lê Hồng Phong",
        "Chi bộ Trường THCS Lương Khánh Thiện",
        "Chi bộ Trường THCS Minh Khai",
        "Chi bộ Trường THCS Châu Sơn",
        "Chi bộ Trường THCS Liêm Chính",
        "Chi bộ Trường THCS Lam Hạ",
        "Chi bộ Trường THCS Thanh Châu",
        "Chi bộ Trường Tiểu học Lê Văn Tám",
        "Chi bộ Trường Tiểu học Quang Trung",
        "Chi bộ Trường Tiểu học Lam Hạ",
        "Chi bộ Trường Tiểu học Minh Khai",
        "Chi bộ Trường Tiểu học Lương Khánh Thiện",
        "Chi bộ Trường Tiểu học Liêm Chính",
        "Chi bộ Trường Mầm non Hoa Sen",
        "Chi bộ Trường Mầm non Hoa Hồng",
        "Chi bộ Trường Mầm non Hoa Mai",
        "Chi bộ Trường Mầm non Lam Hạ",
        "Chi bộ Trường Mầm non Lê Hồng Phong",
        "Chi bộ Trường Mầm non Châu Sơn",
    ),
    category=_Category.PUBLIC_SERVICE,
    profile="school",
    active_from=CITY_AGENCIES_FROM,
)
MILITARY = Committee(
    name="Đảng bộ Quân sự thành phố",
    category=_Category.ARMED_FORCES,
    profile="military",
    cells=(
        "Chi bộ Ban Chỉ huy",
        "Chi bộ Cơ quan Tham mưu",
        "Chi bộ Chính trị – Hậu cần – Kỹ thuật",
        "Chi bộ Trung đội Dân quân thường trực",
        "Chi bộ Trung đội Bảo vệ",
    ),
    active_from=CITY_AGENCIES_FROM,
)
POLICE = Committee(
    name="Đảng bộ Công an thành phố",
    category=_Category.ARMED_FORCES,
    profile="police",
    cells=(
        "Chi bộ Đội Tham mưu – Tổng hợp",
        "Chi bộ Đội Cảnh sát hình sự",
        "Chi bộ Đội Cảnh sát điều tra tội phạm về ma túy",
        "Chi bộ Đội Cảnh sát kinh tế",
        "Chi bộ Đội Cảnh sát giao thông – Trật tự",
        "Chi bộ Đội Cảnh sát quản lý hành chính về trật tự xã hội",
        "Chi bộ Đội An ninh",
        "Chi bộ Đội Cảnh sát thi hành án hình sự và hỗ trợ tư pháp",
        "Chi bộ Đội Cảnh sát phòng cháy chữa cháy và cứu nạn cứu hộ",
        "Chi bộ Đội Điều tra tổng hợp",
        "Chi bộ Nhà tạm giữ",
        "Chi bộ Đội Xây dựng phong trào bảo vệ an ninh Tổ quốc",
    ),
    active_from=CITY_AGENCIES_FROM,
)
STATE_ENTERPRISES = GrassrootsCells(
    names=(
        "Chi bộ Điện lực Phủ Lý",
        "Chi bộ Bưu điện thành phố Phủ Lý",
        "Chi bộ Ngân hàng Nông nghiệp và Phát triển nông thôn chi nhánh Phủ Lý",
    ),
    category=_Category.STATE_ENTERPRISE,
    profile="state_enterprise",
    active_from=date(2010, 1, 1),
)
NON_STATE_ENTERPRISES = GrassrootsCells(
    names=(
        "Chi bộ Công ty Cổ phần Môi trường và Công trình đô thị Phủ Lý",
        "Chi bộ Công ty Cổ phần Xây dựng và Thương mại Phủ Lý",
        "Chi bộ Công ty TNHH May xuất khẩu Phủ Lý",
    ),
    category=_Category.NON_STATE_ENTERPRISE,
    profile="non_state_enterprise",
    active_from=date(2012, 5, 1),
)
COOPERATIVES = GrassrootsCells(
    names=(
        "Chi bộ HTX Dịch vụ nông nghiệp Liêm Tiết",
        "Chi bộ HTX Dịch vụ nông nghiệp Tiên Tân",
        "Chi bộ HTX Dịch vụ nông nghiệp Phù Vân",
    ),
    category=_Category.COOPERATIVE,
    profile="cooperative",
    active_from=date(2009, 3, 1),
)
#: The grassroots organisations whose staff have demo users.
DEMO_WARD = "Đảng bộ phường Hai Bà Trưng"
DEMO_SCHOOL = "Chi bộ Trường THCS Trần Phú"
