"""The states and kinds of the records, one TextChoices each, at module level.

The models expose them under their old nested names too (``Member.Status`` is
``MemberStatus``); code outside the models imports them from here, which imports nothing of
the app, so any module may read a state without importing the models.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganisationKind(models.TextChoices):
    """The kinds of Party organisation."""

    COMMITTEE = "committee", _("Party committee above the grassroots")
    GRASSROOTS_COMMITTEE = "grassroots_committee", _("Grassroots Party committee")
    GRASSROOTS_CELL = "grassroots_cell", _("Grassroots Party cell")
    SUB_COMMITTEE = "sub_committee", _("Sub-committee")


class CommitteeLevel(models.TextChoices):
    """The level of a Party committee above the grassroots (since 01/07/2025 there are two:
    the province, and the communes and wards directly under it)."""

    PROVINCE = "province", _("Province")
    CITY = "city", _("City (before 01/07/2025)")
    DISTRICT = "district", _("District (before 01/07/2025)")
    WARD = "ward", _("Ward")
    COMMUNE = "commune", _("Commune")


class OrganisationEventKind(models.TextChoices):
    """What a reorganisation does to the tree, from its effective date."""

    RENAME = "rename", _("Renamed")
    MOVE = "move", _("Moved under another organisation")
    MERGE = "merge", _("Merged")
    SPLIT = "split", _("Split")
    DISSOLVE = "dissolve", _("Dissolved")
    CELL_MOVED = "cell_moved", _("Cell moved to another organisation")


class OrganisationCategory(models.TextChoices):
    """The grassroots categories of the reports."""

    WARD_COMMUNE = "ward_commune", _("Ward, commune or town")
    PARTY_MASS_AGENCY = "party_mass_agency", _("Party and mass organisation agency")
    STATE_AGENCY = "state_agency", _("State agency")
    PUBLIC_SERVICE = "public_service", _("Public service unit")
    ARMED_FORCES = "armed_forces", _("Armed forces")
    STATE_ENTERPRISE = "state_enterprise", _("State enterprise")
    NON_STATE_ENTERPRISE = "non_state_enterprise", _("Non-state enterprise")
    COOPERATIVE = "cooperative", _("Cooperative")
    OTHER = "other", _("Other")


class MemberStatus(models.TextChoices):
    """A member's standing."""

    PROBATIONARY = "probationary", _("Probationary")
    OFFICIAL = "official", _("Official")
    TRANSFERRED_OUT = "transferred_out", _("Transferred out")
    DECEASED = "deceased", _("Deceased")
    STRUCK_OFF = "struck_off", _("Struck off")
    EXPELLED = "expelled", _("Expelled")
    RESIGNED = "resigned", _("Resigned")


class Stage(models.TextChoices):
    """The stages of the admission pipeline, and the two that end it early."""

    SOURCE = "source", _("Source")
    TRAINED = "trained", _("Awareness course")
    APPLIED = "applied", _("Application")
    VERIFIED = "verified", _("Background check")
    INTRODUCED = "introduced", _("Introduction")
    COMMENTED = "commented", _("Comments")
    CELL_RESOLUTION = "cell_resolution", _("Cell resolution")
    GRASSROOTS_RESOLUTION = "grassroots_resolution", _("Grassroots committee resolution")
    DECISION = "decision", _("Admission decision")
    CEREMONY = "ceremony", _("Admission ceremony")
    REJECTED = "rejected", _("Rejected")
    CANCELLED = "cancelled", _("Decision cancelled")


class IntroductionKind(models.TextChoices):
    """Who introduces a candidate."""

    TWO_MEMBERS = "two_members", _("Two official members")
    YOUTH_UNION = "youth_union", _("Youth Union committee and one official member")
    TRADE_UNION = "trade_union", _("Trade union committee and one official member")


class MemberEventKind(models.TextChoices):
    """What happens to a member after admission."""

    RECOGNISED = "recognised", _("Recognised as official member")
    TRANSFERRED_OUT = "transferred_out", _("Transferred out")
    DECEASED = "deceased", _("Deceased")
    STRUCK_OFF = "struck_off", _("Struck off")
    EXPELLED = "expelled", _("Expelled")
    RESIGNED = "resigned", _("Resigned")


class LeavingReason(models.TextChoices):
    """Why a member left the Party (Quy định 24-QĐ/TW: some reasons bar re-admission)."""

    OTHER = "other", _("Other reason")
    CORRUPTION = "corruption", _("Expelled for corruption")
    FACTIONALISM = "factionalism", _("Expelled for factionalism")
    REACTIONARY = "reactionary", _("Expelled for joining a reactionary organisation")


class QuotaKind(models.TextChoices):
    """What a quota counts."""

    ADMISSIONS = "admissions", _("New members admitted")
    TRAINING = "training", _("Elite candidates trained")


class QuotaBasis(models.TextChoices):
    """Whose target a quota is."""

    ASSIGNED = "assigned", _("Assigned quota")
    ASPIRATION = "aspiration", _("Own aspiration")


class ImportStatus(models.TextChoices):
    """The outcome of a roster import."""

    APPLIED = "applied", _("Applied")
    REFUSED = "refused", _("Refused")


class Role(models.TextChoices):
    """The roles of the software's users."""

    ADMINISTRATOR = "administrator", _("Administrator")
    COMMITTEE_STAFF = "committee_staff", _("Committee staff")
    BOARD_HEAD = "board_head", _("Organisation Board head")
    GRASSROOTS_STAFF = "grassroots_staff", _("Grassroots staff")


class ProcessingAction(models.TextChoices):
    """What was done with personal data."""

    VIEW = "view", _("Viewed")
    EXPORT = "export", _("Exported")
    IMPORT = "import", _("Imported")
    CHANGE = "change", _("Changed")


class DeadlineStatus(models.TextChoices):
    """Where a deadline stands on a given day."""

    OVERDUE = "overdue", _("overdue")
    EXTENSION = "extension", _("in the extension period")
    SOON = "soon", _("due soon")
    LATER = "later", _("later")


class RowAction(models.TextChoices):
    """What importing a roster row does to the member it names."""

    NEW = "new", _("new")
    UPDATED = "updated", _("updated")
    UNCHANGED = "unchanged", _("unchanged")
    REJECTED = "rejected", _("rejected")


#: Grassroots organisations: a committee with cells under it, or a cell that is itself one.
GRASSROOTS_KINDS = (OrganisationKind.GRASSROOTS_COMMITTEE, OrganisationKind.GRASSROOTS_CELL)
#: The statuses of a current member.
ACTIVE_STATUSES = (MemberStatus.PROBATIONARY, MemberStatus.OFFICIAL)
#: The events by which a member leaves the Party (re-admission counts its wait from them).
LEAVING_KINDS = (MemberEventKind.STRUCK_OFF, MemberEventKind.EXPELLED, MemberEventKind.RESIGNED)
#: The reasons for leaving that bar re-admission for ever.
READMISSION_EXCLUDED = (
    LeavingReason.CORRUPTION,
    LeavingReason.FACTIONALISM,
    LeavingReason.REACTIONARY,
)
#: The outcomes that end a candidacy before the ceremony.
CLOSED_STAGES = (Stage.REJECTED, Stage.CANCELLED)
#: The pipeline in order (the closing outcomes aside).
PIPELINE = tuple(stage for stage in Stage if stage not in CLOSED_STAGES)
