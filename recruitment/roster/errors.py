"""The error a roster file that cannot be read raises."""


class RosterFileError(Exception):
    """The file cannot be read as a roster; the message says why, for the clerk."""
