"""The admin's import of members: django-import-export's import pages (upload, preview,
confirm) over the roster service, through ``resource.RosterResource`` and the roster formats,
with the organisation the rows go into and the fingerprint of what the preview showed.
``admin.MemberAdmin`` has it.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from import_export.admin import ImportMixin
from import_export.forms import ConfirmImportForm, ImportForm

from .. import processing
from ..models import Organisation
from .read import RosterFileError
from .resource import ROSTER_FORMATS, RosterResource
from .service import importable_organisations
from .uploads import RosterUploadStorage, forget, session_uploads


class RosterImportForm(ImportForm):
    """django-import-export's import form, with the organisation the rows go into."""

    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.none()
    )
    #: What the preview showed (``RosterResource.import_data`` sets it), for the confirmation.
    fingerprint = ""

    def __init__(self, formats, resources, *, user=None, **kwargs):
        super().__init__(formats, resources, **kwargs)
        self.fields["organisation"].queryset = importable_organisations(user)


class RosterConfirmImportForm(ConfirmImportForm):
    """The confirmation carries the organisation and what the preview showed, so that the
    import stops if the members changed in between."""

    organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.none(), widget=forms.HiddenInput
    )
    fingerprint = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = importable_organisations(user)


class RosterImportAdminMixin(ImportMixin):
    """The admin import of members, on the same service and upload storage as the import
    page: a rejected row blocks the confirmation, and nothing is half-written. Each upload is
    listed in the session that made it (``uploads.session_uploads``): only that session can
    confirm it, into the organisation it was previewed for, and its file goes at log-out."""

    resource_classes = [RosterResource]
    import_formats = ROSTER_FORMATS
    import_form_class = RosterImportForm
    confirm_form_class = RosterConfirmImportForm
    tmp_storage_class = RosterUploadStorage
    import_template_name = "admin/recruitment/member/import.html"
    skip_admin_log = True

    def has_import_permission(self, request):
        return importable_organisations(request.user).exists()

    def get_import_form_kwargs(self, request):
        return {**super().get_import_form_kwargs(request), "user": request.user}

    def get_confirm_form_kwargs(self, request, import_form=None):
        return {**super().get_confirm_form_kwargs(request, import_form), "user": request.user}

    def get_confirm_form_initial(self, request, import_form):
        initial = super().get_confirm_form_initial(request, import_form)
        if import_form is not None:
            initial["organisation"] = import_form.cleaned_data["organisation"].pk
            initial["fingerprint"] = import_form.fingerprint
        return initial

    def get_import_resource_kwargs(self, request, **kwargs):
        form = kwargs.get("form")
        organisation = getattr(form, "cleaned_data", {}).get("organisation")
        if isinstance(form, RosterImportForm):
            self._keep_for_session(request, form, organisation)
        return {"organisation": organisation}

    @staticmethod
    def _keep_for_session(request, form, organisation) -> None:
        """The upload just written (its preview follows) is this session's, logged as a
        preview of personal data."""
        upload = getattr(form, "cleaned_data", {}).get("import_file")
        name = getattr(upload, "tmp_storage_name", None)
        if name is None or organisation is None or name in session_uploads(request):
            return
        session_uploads(request)[name] = {
            "file_name": upload.name[:255],
            "organisation": organisation.pk,
        }
        request.session.modified = True
        processing.record(
            request.user,
            processing.Action.VIEW,
            organisation,
            _("Roster import preview (administration): %(file)s") % {"file": upload.name},
        )

    def get_import_data_kwargs(self, **kwargs):
        form = kwargs.pop("form", None)
        kwargs.pop("request", None)
        if isinstance(form, RosterConfirmImportForm):
            kwargs["expected"] = form.cleaned_data["fingerprint"]
        elif form is not None:
            kwargs["preview_form"] = form
        return kwargs

    def add_data_read_fail_error_to_form(self, form, e):
        # The file could not be read: nothing to confirm, it goes now.
        name = getattr(form.cleaned_data.get("import_file"), "tmp_storage_name", None)
        if name is not None:
            RosterUploadStorage(name=name).remove()
        if isinstance(e, RosterFileError):
            form.add_error("import_file", str(e))
        else:
            super().add_data_read_fail_error_to_form(form, e)

    def process_import(self, request, **kwargs):
        """Confirms only an upload this session previewed, into the organisation it was
        previewed for; anyone else's upload is left alone (neither read nor deleted)."""
        if not self.has_import_permission(request):
            raise PermissionDenied
        name = request.POST.get("import_file_name", "")
        entry = session_uploads(request).get(name)
        if entry is None or str(entry["organisation"]) != request.POST.get("organisation"):
            self.message_user(
                request,
                _("This upload is not one you previewed in this session; upload the file again."),
                messages.ERROR,
            )
            return HttpResponseRedirect(reverse("admin:recruitment_member_import"))
        try:
            return super().process_import(request, **kwargs)
        except RosterFileError as error:
            self.message_user(request, str(error), messages.ERROR)
            return HttpResponseRedirect(reverse("admin:recruitment_member_import"))
        finally:
            forget(request, name)

    def process_result(self, result, request):
        """Success only for what was written; otherwise say why, and nothing was."""
        if result.has_errors() or result.has_validation_errors() or result.batch is None:
            for error in result.base_errors:
                self.message_user(request, str(error.error), messages.ERROR)
            self.message_user(request, _("Nothing was imported."), messages.ERROR)
            return HttpResponseRedirect(reverse("admin:recruitment_member_import"))
        return super().process_result(result, request)
