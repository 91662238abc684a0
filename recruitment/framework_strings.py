"""Strings of Django and its admin that users of this software see but that Django's own
Vietnamese catalogue does not translate yet. Listing them here brings them into our
catalogue (locale/vi), which takes precedence over Django's. Nothing imports this module."""

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
    gettext_noop("“%(value)s” value must be an integer."),
    gettext_noop("“%(pk)s” is not a valid value."),
    gettext_noop("That page number is not an integer"),
    gettext_noop("That page number is less than 1"),
    gettext_noop("That page contains no results"),
    gettext_noop("Forbidden"),
    gettext_noop("CSRF verification failed. Request aborted."),
    gettext_noop("More information is available with DEBUG=True."),
    gettext_noop("After you’ve created a user, you’ll be able to edit more user options."),
]
