from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.generic import RedirectView

# The admin's modules are loaded here, with the URLs, not when the apps start
# (``phuly_members.apps.AdminConfig``).
admin.autodiscover()

urlpatterns = [
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
