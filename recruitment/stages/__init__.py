"""The admission pipeline: the stage registry (``registry``), each stage's rule function and
effects (``checks``), its form fields (``fields``) and its timeline phrases (``details``)."""

from .checks import (
    IntroducerInput,
    StageInput,
    StageStep,
    cell_roll_on,
    eligible_cell_voters,
    exempt_attendance_problems,
    file_is_stale,
    forget_stale_file,
    member_on_record,
    stale_file_until,
)
from .details import record_details
from .registry import (
    BEFORE_DECISION,
    CLOSINGS,
    RECORDED_ON_PAGES,
    STAGES,
    DemoPaper,
    StageDeadline,
    StageSpec,
    following,
    spec_of,
)

__all__ = [
    "BEFORE_DECISION",
    "CLOSINGS",
    "RECORDED_ON_PAGES",
    "STAGES",
    "DemoPaper",
    "IntroducerInput",
    "StageDeadline",
    "StageInput",
    "StageSpec",
    "StageStep",
    "cell_roll_on",
    "eligible_cell_voters",
    "exempt_attendance_problems",
    "file_is_stale",
    "forget_stale_file",
    "member_on_record",
    "stale_file_until",
    "following",
    "record_details",
    "spec_of",
]
