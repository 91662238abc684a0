"""Dashboard figures: quota progress, forecast and the composition of admissions.

``dashboard(...)`` runs a fixed number of aggregate queries, whatever the number of
organisations, and returns plain data that the HTML page, the JSON and the workbook all
render, so the three can never disagree. The table of organisations renders its columns as
``columns.COLUMNS`` declares them.
"""

from .board import Dashboard, as_dict, dashboard, nobody_admitted
from .figures import PIPELINE_STAGES, Figure, Period, admission_date_field, year_fraction
from .organisations import OrganisationRow, OrganisationStatus, organisation_status

__all__ = [
    "PIPELINE_STAGES",
    "Dashboard",
    "Figure",
    "OrganisationRow",
    "OrganisationStatus",
    "Period",
    "admission_date_field",
    "as_dict",
    "dashboard",
    "nobody_admitted",
    "organisation_status",
    "year_fraction",
]
