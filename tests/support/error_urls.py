"""The site's URLs plus one page that fails, to see the 500 page."""

from django.urls import path

from phuly_members.urls import urlpatterns as site


def broken(request):
    raise RuntimeError("a bug in a view")


urlpatterns = [path("broken/", broken), *site]

handler500 = "recruitment.views.errors.server_error"
