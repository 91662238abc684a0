"""Value lists shared by the member and candidate records.

The 54 ethnic groups are proper names (the official list of the General Statistics
Office), shown as they are in every language.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

KINH = "Kinh"

ETHNIC_GROUPS = [
    "Kinh",
    "Tày",
    "Thái",
    "Mường",
    "Khmer",
    "Hoa",
    "Nùng",
    "H'Mông",
    "Dao",
    "Gia Rai",
    "Ê Đê",
    "Ba Na",
    "Sán Chay",
    "Chăm",
    "Cơ Ho",
    "Xơ Đăng",
    "Sán Dìu",
    "Hrê",
    "Ra Glai",
    "Mnông",
    "Thổ",
    "Stiêng",
    "Khơ Mú",
    "Bru - Vân Kiều",
    "Cơ Tu",
    "Giáy",
    "Tà Ôi",
    "Mạ",
    "Giẻ - Triêng",
    "Co",
    "Chơ Ro",
    "Xinh Mun",
    "Hà Nhì",
    "Chu Ru",
    "Lào",
    "La Chí",
    "Kháng",
    "Phù Lá",
    "La Hủ",
    "La Ha",
    "Pà Thẻn",
    "Lự",
    "Ngái",
    "Chứt",
    "Lô Lô",
    "Mảng",
    "Cơ Lao",
    "Bố Y",
    "Cống",
    "Si La",
    "Pu Péo",
    "Rơ Măm",
    "Brâu",
    "Ơ Đu",
]

ETHNICITY_CHOICES = [(name, name) for name in ETHNIC_GROUPS]


class Gender(models.TextChoices):
    MALE = "male", _("Male")
    FEMALE = "female", _("Female")


class Religion(models.TextChoices):
    NONE = "none", _("None")
    CATHOLIC = "catholic", _("Catholic")
    BUDDHIST = "buddhist", _("Buddhist")
    PROTESTANT = "protestant", _("Protestant")
    CAO_DAI = "cao_dai", _("Cao Dai")
    HOA_HAO = "hoa_hao", _("Hoa Hao Buddhist")
    OTHER = "other", _("Other religion")


class Occupation(models.TextChoices):
    TEACHER = "teacher", _("Teacher")
    HEALTH_WORKER = "health_worker", _("Doctor or health worker")
    CIVIL_SERVANT = "civil_servant", _("Civil servant or public employee")
    WORKER = "worker", _("Worker")
    FARMER = "farmer", _("Farmer")
    ARMED_FORCES = "armed_forces", _("Armed forces")
    STUDENT = "student", _("Student")
    BUSINESS_OWNER = "business_owner", _("Business owner")
    ENTERPRISE_EMPLOYEE = "enterprise_employee", _("Enterprise employee")
    RETIRED = "retired", _("Retired")
    OTHER = "other", _("Other occupation")


class ProfessionalLevel(models.TextChoices):
    NONE = "none", _("No professional qualification")
    INTERMEDIATE = "intermediate", _("Intermediate (vocational)")
    COLLEGE = "college", _("College")
    UNIVERSITY = "university", _("University")
    MASTER = "master", _("Master")
    DOCTORATE = "doctorate", _("Doctorate")


class PoliticalTheory(models.TextChoices):
    NONE = "none", _("None")
    ELEMENTARY = "elementary", _("Elementary")
    INTERMEDIATE = "intermediate", _("Intermediate")
    ADVANCED = "advanced", _("Advanced")


#: The lowest grade that counts as lower-secondary graduation (tốt nghiệp THCS).
LOWER_SECONDARY_GRADE = 9
