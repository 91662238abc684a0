from django.urls import path

from .views import (
    calendar,
    candidates,
    dashboard,
    deadlines,
    home,
    imports,
    members,
    organisations,
    quotas,
    structure,
    terms,
)

app_name = "recruitment"

urlpatterns = [
    path("", home.home, name="home"),
    path("candidates/", candidates.candidate_list, name="candidate-list"),
    path("candidates/board/", candidates.candidate_board, name="candidate-board"),
    path("candidates/new/", candidates.candidate_create, name="candidate-create"),
    path("candidates/<int:pk>/", candidates.candidate_detail, name="candidate-detail"),
    path("candidates/<int:pk>/edit/", candidates.candidate_edit, name="candidate-edit"),
    path("candidates/<int:pk>/close/", candidates.candidate_reject, name="candidate-reject"),
    path(
        "candidates/<int:pk>/stage/<str:stage>/", candidates.candidate_stage, name="candidate-stage"
    ),
    path("members/", members.member_list, name="member-list"),
    path("members/<int:pk>/", members.member_detail, name="member-detail"),
    path("members/choices.json", members.member_choices, name="member-choices"),
    path("members/<int:pk>/edit/", members.member_edit, name="member-edit"),
    path("members/<int:pk>/recognise/", members.member_recognise, name="member-recognise"),
    path("members/<int:pk>/event/<str:kind>/", members.member_event, name="member-event"),
    path("deadlines/", deadlines.deadline_list, name="deadlines"),
    path("calendar/", calendar.workday_calendar, name="workday-calendar"),
    path("organisations/", organisations.organisation_sizes, name="organisation-sizes"),
    path("organisations/structure/", structure.structure_page, name="structure"),
    path(
        "organisations/events/<str:kind>/",
        structure.organisation_event,
        name="organisation-event",
    ),
    path("people/<str:kind>/<int:pk>/data.json", members.person_data, name="person-data"),
    path("dashboard/", dashboard.dashboard_page, name="dashboard"),
    path("dashboard/<int:pk>/", dashboard.dashboard_page, name="dashboard-organisation"),
    path("dashboard.json", dashboard.dashboard_json, name="dashboard-json"),
    path("dashboard.xlsx", dashboard.dashboard_xlsx, name="dashboard-xlsx"),
    path("quotas/", quotas.quota_edit, name="quotas"),
    path("terms/", terms.term_page, name="terms"),
    path("imports/", imports.roster_import, name="roster-import"),
    path("imports/history/", imports.roster_history, name="roster-history"),
    path("imports/template.xlsx", imports.roster_template, name="roster-template"),
    path("imports/export/", imports.roster_export_choice, name="roster-export-choice"),
    path("imports/<int:pk>/", imports.roster_batch, name="roster-batch"),
    path("imports/upload/<slug:token>/", imports.roster_preview, name="roster-preview"),
    path(
        "imports/upload/<slug:token>/cancel/",
        imports.roster_cancel,
        name="roster-cancel",
    ),
    path(
        "imports/upload/<slug:token>/rejected.xlsx",
        imports.roster_rejected,
        name="roster-rejected",
    ),
    path(
        "imports/upload/<slug:token>/reconciliation.xlsx",
        imports.roster_reconciliation,
        name="roster-reconciliation",
    ),
    path(
        "organisations/<int:pk>/roster.xlsx",
        imports.roster_export,
        name="roster-export",
    ),
]
