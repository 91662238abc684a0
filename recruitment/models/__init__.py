"""The data model: organisations, cells, members, candidates, quotas and rule sets.

One module per topic; everything is importable from ``recruitment.models``.
"""

from .calendar import WorkdayOverride
from .common import acting_user, citizen_id_validator, general_education_validator
from .organisations import Cell, CellPlacement, Organisation, OrganisationEvent, Succession
from .people import PERSON_FIELDS, Member, MemberEvent, Person, person_constraints
from .pipeline import Candidate, Introducer, StageRecord
from .quotas import Quota, RuleSet, Term
from .records import DataChange, ImportBatch, PasswordResetRequest, ProcessingRecord, StaffProfile
from .vocabulary import RosterWord

__all__ = [
    "PERSON_FIELDS",
    "Candidate",
    "Cell",
    "CellPlacement",
    "DataChange",
    "ImportBatch",
    "Introducer",
    "Member",
    "MemberEvent",
    "Organisation",
    "OrganisationEvent",
    "PasswordResetRequest",
    "Person",
    "ProcessingRecord",
    "Quota",
    "RosterWord",
    "RuleSet",
    "StaffProfile",
    "StageRecord",
    "Succession",
    "Term",
    "WorkdayOverride",
    "acting_user",
    "citizen_id_validator",
    "general_education_validator",
    "person_constraints",
]
