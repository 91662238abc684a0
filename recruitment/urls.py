from django.urls import path

from . import views, views_import

app_name = "recruitment"

urlpatterns = [
    path("", views.home, name="home"),
    path("candidates/", views.candidate_list, name="candidate-list"),
    path("candidates/board/", views.candidate_board, name="candidate-board"),
    path("candidates/new/", views.candidate_create, name="candidate-create"),
    path("candidates/<int:pk>/", views.candidate_detail, name="candidate-detail"),
    path("candidates/<int:pk>/edit/", views.candidate_edit, name="candidate-edit"),
    path("candidates/<int:pk>/close/", views.candidate_reject, name="candidate-reject"),
    path("candidates/<int:pk>/stage/<str:stage>/", views.candidate_stage, name="candidate-stage"),
    path("members/", views.member_list, name="member-list"),
    path("members/<int:pk>/", views.member_detail, name="member-detail"),
    path("members/<int:pk>/edit/", views.member_edit, name="member-edit"),
    path("members/<int:pk>/recognise/", views.member_recognise, name="member-recognise"),
    path("members/<int:pk>/event/<str:kind>/", views.member_event, name="member-event"),
    path("deadlines/", views.deadline_list, name="deadlines"),
    path("people/<str:kind>/<int:pk>/data.json", views.person_data, name="person-data"),
    path("dashboard/", views.dashboard_page, name="dashboard"),
    path("dashboard/<int:pk>/", views.dashboard_page, name="dashboard-organisation"),
    path("dashboard.json", views.dashboard_json, name="dashboard-json"),
    path("dashboard.xlsx", views.dashboard_xlsx, name="dashboard-xlsx"),
    path("quotas/", views.quota_edit, name="quotas"),
    path("imports/", views_import.roster_import, name="roster-import"),
    path("imports/history/", views_import.roster_history, name="roster-history"),
    path("imports/template.xlsx", views_import.roster_template, name="roster-template"),
    path("imports/export/", views_import.roster_export_choice, name="roster-export-choice"),
    path("imports/<int:pk>/", views_import.roster_batch, name="roster-batch"),
    path("imports/upload/<slug:token>/", views_import.roster_preview, name="roster-preview"),
    path(
        "imports/upload/<slug:token>/cancel/",
        views_import.roster_cancel,
        name="roster-cancel",
    ),
    path(
        "imports/upload/<slug:token>/rejected.xlsx",
        views_import.roster_rejected,
        name="roster-rejected",
    ),
    path(
        "organisations/<int:pk>/roster.xlsx",
        views_import.roster_export,
        name="roster-export",
    ),
]
