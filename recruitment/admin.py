"""The Django admin: every model, scoped to what the signed-in user may see."""

from django.contrib import admin
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from . import services
from .admin_base import LoggedViewMixin, ReadOnlyMixin, ScopedAdmin, ThroughServiceMixin
from .admin_filters import OtherOrganisationsMemberFilter
from .committee import site_header
from .models import (
    PERSON_FIELDS,
    Candidate,
    Cell,
    ImportBatch,
    Introducer,
    Member,
    MemberEvent,
    Organisation,
    OrganisationEvent,
    ProcessingRecord,
    Quota,
    RosterWord,
    RuleSet,
    StaffProfile,
    StageRecord,
    Term,
    WorkdayOverride,
)
from .roles import set_role
from .roster.admin_import import RosterImportAdminMixin
from .text import mask_citizen_id, search_key

admin.site.site_header = lazy(site_header, str)()
admin.site.site_title = _("Party member development")
admin.site.index_title = _("Administration")


class PersonSearchMixin:
    """Search by name with or without diacritics. Not by citizen ID: the admin's search goes
    in the URL (?q=), and a citizen ID must not (browser history, server logs); the staff
    lists search by citizen ID with the text kept in the session."""

    search_fields = ["name_key"]
    search_help_text = _("Name (diacritics optional)")

    def get_search_results(self, request, queryset, search_term):
        return super().get_search_results(request, queryset, search_key(search_term))

    @admin.display(description=_("citizen ID"), ordering="citizen_id")
    def masked_citizen_id(self, obj) -> str:
        return mask_citizen_id(obj.citizen_id)


class DecisionYearFilter(admin.SimpleListFilter):
    title = _("year of admission")
    parameter_name = "year"

    def lookups(self, request, model_admin):
        years = model_admin.get_queryset(request).dates("decision_date", "year", order="DESC")
        return [(str(day.year), str(day.year)) for day in years]

    def queryset(self, request, queryset):
        if self.value() and self.value().isdigit():
            return queryset.filter(decision_date__year=int(self.value()))
        return queryset


class StageYearFilter(admin.SimpleListFilter):
    title = _("year of stage")
    parameter_name = "year"

    def lookups(self, request, model_admin):
        years = StageRecord.objects.filter(candidate__in=model_admin.get_queryset(request)).dates(
            "date", "year", order="DESC"
        )
        return [(str(day.year), str(day.year)) for day in years]

    def queryset(self, request, queryset):
        if self.value() and self.value().isdigit():
            return queryset.filter(stage_records__date__year=int(self.value())).distinct()
        return queryset


@admin.register(Organisation)
class OrganisationAdmin(ScopedAdmin):
    ordering = ["sort_key"]
    list_display = ["code", "name", "kind", "category", "parent", "active_from", "active_to"]
    list_filter = ["kind", "category"]
    list_select_related = ["parent"]
    search_fields = ["name", "code"]
    autocomplete_fields = ["parent"]

    def get_readonly_fields(self, request, obj=None):
        """Renaming, moving and ending an organisation are events with a document, made on
        the structure page (``reorganisation``), not edits here."""
        if obj is None:
            return []
        return ["name", "kind", "parent", "active_from", "active_to"]

    def get_queryset(self, request):
        return Organisation.objects.visible_to(request.user).select_related("parent")


@admin.register(Cell)
class CellAdmin(ScopedAdmin):
    list_display = ["name", "organisation", "is_organisation_itself", "active_from", "active_to"]
    list_filter = [
        "organisation__kind",
        "is_organisation_itself",
        ("organisation", admin.RelatedOnlyFieldListFilter),
    ]
    list_select_related = ["organisation"]
    search_fields = ["name", "organisation__name", "organisation__code"]
    autocomplete_fields = ["organisation"]


@admin.register(OrganisationEvent)
class OrganisationEventAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ["effective_date", "kind", "organisation", "target", "document_number"]
    list_filter = ["kind"]
    list_select_related = ["organisation", "target"]
    search_fields = ["document_number", "organisation__name", "target__name"]

    def has_delete_permission(self, request, obj=None):
        return False


class MemberEventInline(ReadOnlyMixin, admin.TabularInline):
    model = MemberEvent
    extra = 0
    fields = ["kind", "date", "document_number", "vote_date", "votes_for", "notes", "recorded_by"]
    readonly_fields = fields


@admin.register(Member)
class MemberAdmin(
    LoggedViewMixin, ThroughServiceMixin, RosterImportAdminMixin, PersonSearchMixin, ScopedAdmin
):
    update = staticmethod(services.member_update)
    editable = ["cell", *PERSON_FIELDS, "exempt_from_activity", "party_card_number"]
    list_display = [
        "full_name",
        "masked_citizen_id",
        "gender",
        "date_of_birth",
        "cell",
        "organisation_name",
        "status",
        "decision_date",
        "ceremony_date",
        "official_date",
    ]
    list_filter = [
        "status",
        DecisionYearFilter,
        "gender",
        "youth_union_member",
        "religion",
        "occupation",
        ("cell__organisation", admin.RelatedOnlyFieldListFilter),
        ("cell", admin.RelatedOnlyFieldListFilter),
    ]
    list_select_related = ["cell__organisation"]
    autocomplete_fields = ["cell"]
    date_hierarchy = "decision_date"
    inlines = [MemberEventInline]
    fieldsets = [
        (
            _("Personal details"),
            {"fields": PERSON_FIELDS},
        ),
        (
            _("Party membership"),
            {
                "fields": [
                    "cell",
                    "status",
                    "exempt_from_activity",
                    "decision_date",
                    "ceremony_date",
                    "official_date",
                    "party_card_number",
                    "days_outside_party",
                    "earlier_decision_date",
                ]
            },
        ),
    ]

    @admin.display(description=_("organisation"), ordering="cell__organisation__name")
    def organisation_name(self, member):
        return member.cell.organisation.name


class StageRecordInline(ReadOnlyMixin, admin.StackedInline):
    model = StageRecord
    extra = 0
    fields = [
        ("stage", "date"),
        ("document_number", "document_date", "signed_by"),
        ("votes_for", "votes_against", "eligible_voters"),
        ("personal_history_date", "verification_passed"),
        ("voters_excluded", "over_age_consent", "education_exception", "deadline_extended"),
        ("approval_number", "approval_date"),
        "introduction_kind",
        "notes",
    ]
    readonly_fields = [
        "stage",
        "date",
        "document_number",
        "document_date",
        "signed_by",
        "votes_for",
        "votes_against",
        "eligible_voters",
        "personal_history_date",
        "verification_passed",
        "voters_excluded",
        "over_age_consent",
        "education_exception",
        "deadline_extended",
        "approval_number",
        "approval_date",
        "introduction_kind",
        "notes",
    ]


@admin.register(Candidate)
class CandidateAdmin(LoggedViewMixin, ThroughServiceMixin, PersonSearchMixin, ScopedAdmin):
    update = staticmethod(services.candidate_update)
    editable = ["cell", "helper", *PERSON_FIELDS]
    list_display = [
        "full_name",
        "masked_citizen_id",
        "gender",
        "date_of_birth",
        "cell",
        "organisation_name",
        "stage",
        "helper",
        "member",
    ]
    list_filter = [
        "stage",
        StageYearFilter,
        "gender",
        "youth_union_member",
        ("cell__organisation", admin.RelatedOnlyFieldListFilter),
        ("cell", admin.RelatedOnlyFieldListFilter),
    ]
    list_select_related = ["cell__organisation", "helper", "member"]
    autocomplete_fields = ["cell", "helper"]
    inlines = [StageRecordInline]
    fieldsets = [
        (_("Personal details"), {"fields": PERSON_FIELDS}),
        (_("Admission"), {"fields": ["cell", "helper", "stage", "member"]}),
    ]

    @admin.display(description=_("organisation"), ordering="cell__organisation__name")
    def organisation_name(self, candidate):
        return candidate.cell.organisation.name


class IntroducerInline(ReadOnlyMixin, admin.TabularInline):
    model = Introducer
    extra = 0
    fields = ["member", "known_since"]
    readonly_fields = fields


@admin.register(Introducer)
class IntroducerAdmin(ReadOnlyMixin, ScopedAdmin):
    list_display = ["record", "member", "known_since"]
    list_select_related = ["record__candidate", "member"]
    search_fields = ["member__name_key", "record__candidate__name_key"]
    autocomplete_fields = ["record", "member"]

    def get_search_results(self, request, queryset, search_term):
        return super().get_search_results(request, queryset, search_key(search_term))


@admin.register(StageRecord)
class StageRecordAdmin(ReadOnlyMixin, ScopedAdmin):
    list_display = ["candidate", "stage", "date", "document_number", "signed_by", "recorded_by"]
    list_filter = [
        "stage",
        ("candidate__cell__organisation", admin.RelatedOnlyFieldListFilter),
        ("candidate__cell", admin.RelatedOnlyFieldListFilter),
    ]
    list_select_related = ["candidate", "recorded_by"]
    search_fields = ["candidate__name_key", "document_number"]
    autocomplete_fields = ["candidate"]
    date_hierarchy = "date"
    inlines = [IntroducerInline]

    def get_search_results(self, request, queryset, search_term):
        return super().get_search_results(request, queryset, search_key(search_term))


@admin.register(MemberEvent)
class MemberEventAdmin(ReadOnlyMixin, ScopedAdmin):
    list_display = ["member", "kind", "date", "document_number", "recorded_by"]
    list_filter = [
        "kind",
        ("member__cell__organisation", admin.RelatedOnlyFieldListFilter),
        ("member__cell", admin.RelatedOnlyFieldListFilter),
    ]
    list_select_related = ["member", "recorded_by"]
    search_fields = ["member__name_key", "document_number"]
    autocomplete_fields = ["member"]
    date_hierarchy = "date"

    def get_search_results(self, request, queryset, search_term):
        return super().get_search_results(request, queryset, search_key(search_term))


@admin.register(Term)
class TermAdmin(admin.ModelAdmin):
    list_display = ["name", "start_date", "end_date"]
    search_fields = ["name"]


@admin.register(Quota)
class QuotaAdmin(ScopedAdmin):
    list_display = ["organisation", "kind", "basis", "year", "term", "target"]
    list_filter = [
        "kind",
        "basis",
        "year",
        "term",
        ("organisation", admin.RelatedOnlyFieldListFilter),
    ]
    list_select_related = ["organisation", "term"]
    search_fields = ["organisation__name", "organisation__code"]
    autocomplete_fields = ["organisation"]

    def get_queryset(self, request):
        return Quota.objects.visible_to(request.user).select_related("organisation", "term")


@admin.register(WorkdayOverride)
class WorkdayOverrideAdmin(admin.ModelAdmin):
    list_display = ["date", "kind", "document", "notes"]
    list_filter = ["kind"]
    search_fields = ["document", "notes"]
    date_hierarchy = "date"


@admin.register(RuleSet)
class RuleSetAdmin(admin.ModelAdmin):
    list_display = [
        "effective_from",
        "reference",
        "min_age_years",
        "max_age_years",
        "certificate_valid_months",
        "decision_deadline_workdays",
        "probation_months",
    ]
    search_fields = ["reference"]


@admin.register(StaffProfile)
class StaffProfileAdmin(admin.ModelAdmin):
    list_display = ["user", "role", "organisation"]
    list_filter = ["role", ("organisation", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["user", "organisation"]
    search_fields = ["user__username", "user__first_name", "user__last_name"]
    autocomplete_fields = ["user", "organisation"]

    def save_model(self, request, obj, form, change):
        # The role decides staff access and superuser status: set it through the one service.
        super().save_model(request, obj, form, change)
        set_role(user=obj.user, role=obj.role, organisation=obj.organisation)


@admin.register(ImportBatch)
class ImportBatchAdmin(ReadOnlyMixin, ScopedAdmin):
    list_display = [
        "imported_at",
        "organisation",
        "file_name",
        "imported_by",
        "status",
        "created",
        "updated",
        "unchanged",
        "rejected",
    ]
    list_filter = ["status", ("organisation", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["organisation", "imported_by"]
    search_fields = ["file_name", "sha256", "organisation__name", "organisation__code"]
    date_hierarchy = "imported_at"


@admin.register(RosterWord)
class RosterWordAdmin(admin.ModelAdmin):
    """The words rosters use beyond those the software knows, read by every import."""

    list_display = ["column", "written", "value"]
    list_filter = ["column"]
    search_fields = ["written", "value"]


@admin.register(ProcessingRecord)
class ProcessingRecordAdmin(admin.ModelAdmin):
    """The processing log, for the administrator only: read, never changed."""

    list_display = ["at", "actor", "action", "subject_type", "subject_id", "description", "count"]
    list_filter = ["action", "subject_type", OtherOrganisationsMemberFilter]
    search_fields = ["description", "actor"]
    date_hierarchy = "at"

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
