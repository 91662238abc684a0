"""Filters of the administrator's lists that need a query of their own."""

from django.contrib import admin
from django.db.models import F, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from .models import Member
from .states import Role


class OtherOrganisationsMemberFilter(admin.SimpleListFilter):
    """The processing records in which grassroots staff reached a member of another
    organisation (a roster naming someone held elsewhere): what a membership oracle would
    leave behind."""

    title = _("member of another organisation")
    parameter_name = "other_organisation"

    def lookups(self, request, model_admin):
        return [("yes", _("reached by grassroots staff of another organisation"))]

    def queryset(self, request, queryset):
        if self.value() != "yes":
            return queryset
        member = Member.objects.filter(pk=OuterRef("subject_id"))
        return (
            queryset.filter(subject_type="member", user__staff_profile__role=Role.GRASSROOTS_STAFF)
            .annotate(
                member_organisation=Coalesce(
                    Subquery(member.values("cell__organisation_id")[:1]),
                    Value(0),
                    output_field=IntegerField(),
                ),
                member_parent=Coalesce(
                    Subquery(member.values("cell__organisation__parent_id")[:1]),
                    Value(0),
                    output_field=IntegerField(),
                ),
            )
            .exclude(user__staff_profile__organisation_id=F("member_organisation"))
            .exclude(user__staff_profile__organisation_id=F("member_parent"))
        )
