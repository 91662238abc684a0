from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.generic import RedirectView

from recruitment.views import accounts

# The admin's modules are loaded here, with the URLs, not when the apps start
# (``phuly_members.apps.AdminConfig``).
admin.autodiscover()

urlpatterns = [
    # Password reset only with a mail server, and throttled (recruitment.views.accounts).
    path("accounts/password_reset/", accounts.password_reset, name="password_reset"),
    path("accounts/password_reset/done/", accounts.password_reset_done, name="password_reset_done"),
    path(
        "accounts/reset/<uidb64>/<token>/",
        accounts.password_reset_confirm,
        name="password_reset_confirm",
    ),
    path("accounts/reset/done/", accounts.password_reset_complete, name="password_reset_complete"),
    path("accounts/", include("django.contrib.auth.urls")),
    # One log-in page for the whole site, the admin included.
    path(
        "admin/login/",
        login_not_required(RedirectView.as_view(pattern_name="login", query_string=True)),
    ),
    path("admin/", admin.site.urls),
    path("", include("recruitment.urls")),
]

handler400 = "recruitment.views.errors.bad_request"
handler403 = "recruitment.views.errors.permission_denied"
handler404 = "recruitment.views.errors.page_not_found"
handler500 = "recruitment.views.errors.server_error"
