"""The admin's common ground: every model scoped to what the signed-in user may see, no
citizen-ID lookups in URLs, personal records opened logged, the pipeline's rows read-only,
and members and candidates changed only through the staff pages' services."""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db.models.constants import LOOKUP_SEP
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from . import services
from .processing import Action, record, record_list


class ScopedAdmin(admin.ModelAdmin):
    """Rows and foreign-key choices limited to the user's organisation, through the model's
    own ``visible_to`` (the one the staff pages use)."""

    def get_queryset(self, request):
        return super().get_queryset(request).visible_to(request.user)

    def lookup_allowed(self, lookup, value, request=None):
        """No filtering on a citizen ID from the URL (``?citizen_id=...``, or through a
        relation): it would put the number in browser history and the server's logs."""
        if "citizen_id" in lookup.split(LOOKUP_SEP):
            return False
        return super().lookup_allowed(lookup, value, request)

    def _get_obj_does_not_exist_redirect(self, request, opts, object_id):
        """An object outside the user's organisation (or none at all) is a plain 404, as on
        the staff pages, rather than a redirect with a message."""
        raise Http404

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        related = db_field.related_model
        if hasattr(related.objects, "visible_to"):
            kwargs["queryset"] = related.objects.visible_to(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        related = db_field.related_model
        if hasattr(related.objects, "visible_to"):
            kwargs["queryset"] = related.objects.visible_to(request.user)
        return super().formfield_for_manytomany(db_field, request, **kwargs)


class LoggedViewMixin:
    """Opening a person's record or a list of them in the admin is a processing, logged as
    the pages do (a list with its search and the number of rows shown)."""

    def changelist_view(self, request, extra_context=None):
        response = super().changelist_view(request, extra_context)
        changelist = getattr(response, "context_data", {}).get("cl")
        if changelist is not None:
            record_list(
                request.user,
                _("%(list)s (administration)") % {"list": self.model._meta.verbose_name_plural},
                search=changelist.query,
                count=len(changelist.result_list),
            )
        return response

    def change_view(self, request, object_id, form_url="", extra_context=None):
        response = super().change_view(request, object_id, form_url, extra_context)
        if request.method == "GET" and response.status_code == 200:
            obj = self.get_object(request, object_id)
            if obj is not None:
                record(request.user, Action.VIEW, obj, _("Opened in the administration"))
        return response


class ReadOnlyMixin:
    """Rows written by the services (stage records, events, introducers): the admin shows,
    never adds, edits or deletes, them, so that no rule of the pipeline can be side-stepped
    here."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class VersionedAdminForm(forms.ModelForm):
    """The version of the record the page was opened at (the optimistic lock)."""

    seen_version = forms.IntegerField(widget=forms.HiddenInput)


class ThroughServiceMixin:
    """Members and candidates in the admin. Staff edit them on the staff pages; here they
    only read them. The administrator may correct the same fields as the staff edit form,
    and the save goes through the same service (``update``): the same checks and rules, and
    the version the page was opened at, so that nobody's changes are lost. No adding (members
    come from the pipeline or an import, candidates from the staff page); status and the
    admission dates only change through the pipeline's services."""

    #: The service that saves a correction, and the fields it takes (the staff form's).
    update = None
    editable: list[str] = []
    form = VersionedAdminForm

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser

    def get_readonly_fields(self, request, obj=None):
        shown = [
            name for fieldset in self.get_fieldsets(request, obj) for name in fieldset[1]["fields"]
        ]
        return [name for name in shown if name not in self.editable and name != "seen_version"]

    def get_form(self, request, obj=None, change=False, **kwargs):
        base = super().get_form(request, obj, change, **kwargs)
        update, editable = type(self).update, self.editable

        class ThroughServiceForm(base):
            def __init__(self, *args, **kwargs):
                super().__init__(*args, **kwargs)
                self.fields["seen_version"].initial = self.instance.version

            def _post_clean(self):
                """Once the form and the record are valid, saves through the service: its
                refusal is the form's error, and the admin's transaction holds the save
                until the page is done."""
                super()._post_clean()
                if self.errors or self.instance.pk is None:
                    return
                current = type(self.instance).objects.get(pk=self.instance.pk)
                changes = {name: self.cleaned_data[name] for name in editable}
                try:
                    saved = update(
                        user=request.user,
                        expected_version=self.cleaned_data["seen_version"],
                        **{current._meta.model_name: current},
                        **changes,
                    )
                except services.StaleEdit as error:
                    self.add_error(None, str(error))
                except ValidationError as error:
                    for field, problems in error.message_dict.items():
                        self.add_error(field if field in self.fields else None, problems)
                else:
                    self.instance.version = saved.version

        return ThroughServiceForm

    def save_model(self, request, obj, form, change):
        """Saved by the service, in the form's ``_post_clean``."""

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if self.has_change_permission(request, obj):
            return [*fieldsets, (None, {"fields": ["seen_version"], "classes": ["hidden"]})]
        return fieldsets
