"""Strings of Django, its admin and django-import-export that users of this software see but
that their own Vietnamese catalogues do not translate (django-import-export has none).
Listing them here brings them into our catalogue (locale/vi), which takes precedence over
theirs. Nothing imports this module."""

from django.utils.translation import gettext_noop

FRAMEWORK_STRINGS = [
    gettext_noop("- Select an option -"),
    gettext_noop("Run"),
    gettext_noop("Show counts"),
    gettext_noop("Hide counts"),
    gettext_noop("Filter by %(field_name)s"),
    gettext_noop("Select this object for an action - {}"),
    gettext_noop("Error:"),
    gettext_noop("Toggle navigation"),
    gettext_noop("Filter navigation items"),
    gettext_noop("Enter a complete value."),
    # Django's own Vietnamese for these reads badly ("Nhập một số tổng thể.", "… 0 .").
    gettext_noop("Enter a whole number."),
    gettext_noop("Ensure this value is greater than or equal to %(limit_value)s."),
    gettext_noop("Ensure this value is less than or equal to %(limit_value)s."),
    gettext_noop("“%(value)s” value must be an integer."),
    gettext_noop("“%(pk)s” is not a valid value."),
    gettext_noop("That page number is not an integer"),
    gettext_noop("That page number is less than 1"),
    gettext_noop("That page contains no results"),
    gettext_noop("Forbidden"),
    gettext_noop("CSRF verification failed. Request aborted."),
    gettext_noop("More information is available with DEBUG=True."),
    gettext_noop("After you’ve created a user, you’ll be able to edit more user options."),
    # django-import-export's admin import.
    gettext_noop("Import"),
    gettext_noop("Resource"),
    gettext_noop("Format"),
    gettext_noop("File to import"),
    gettext_noop("Submit"),
    gettext_noop("Confirm import"),
    gettext_noop(
        "Below is a preview of data to be imported. If you are satisfied with the results, "
        "click 'Confirm import'"
    ),
    gettext_noop("This importer will import the following fields: "),
    gettext_noop("Preview"),
    gettext_noop("New"),
    gettext_noop("Skipped"),
    gettext_noop("Update"),
    gettext_noop("Delete"),
    gettext_noop("Import finished: {} new, {} updated, {} deleted and {} skipped {}."),
]
