"""CSRF on every URL, generated from the URL configuration so that a new URL cannot escape;
filter and sort parameters accept only known fields."""

import re

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

PARAMETER = re.compile(r"<(?:(?P<converter>\w+):)?(?P<name>\w+)>")
SAMPLE = {"int": "1", "str": "x", "slug": "a" * 32, "path": "x"}


def all_paths(patterns=None, prefix=""):
    """Every URL of the site, its parameters filled with sample values."""
    for pattern in patterns if patterns is not None else get_resolver().url_patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from all_paths(pattern.url_patterns, route)
        elif isinstance(pattern, URLPattern):
            if route.startswith("^") or "(?P" in route:  # a regular expression (admin)
                route = re.sub(r"\(\?P<\w+>[^)]*\)", "1", route).strip("^$").replace("\\", "")
            yield "/" + PARAMETER.sub(
                lambda match: SAMPLE.get(match.group("converter") or "str", "x"), route
            )


def test_the_url_list_is_complete():
    paths = set(all_paths())
    assert "/imports/upload/" + "a" * 32 + "/" in paths
    assert "/admin/recruitment/member/import/" in paths
    assert len(paths) > 100


@pytest.mark.django_db
def test_every_url_refuses_a_post_without_csrf_token(admin_user):
    client = Client(enforce_csrf_checks=True)
    client.force_login(admin_user)
    answered = {path: client.post(path, {"x": "1"}).status_code for path in all_paths()}
    assert {path: code for path, code in answered.items() if code != 403} == {}


@pytest.mark.django_db
def test_the_log_in_form_needs_its_token_too():
    client = Client(enforce_csrf_checks=True)
    assert client.post(reverse("login"), {"username": "a", "password": "b"}).status_code == 403


def test_unknown_sort_and_filter_values_are_ignored(client, committee_staff, make_member):
    make_member(full_name="Lê Văn An")
    client.force_login(committee_staff)
    for sort in ("password", "__class__", "-id;DROP TABLE", "quota"):
        response = client.get(reverse("recruitment:dashboard"), {"year": 2024, "sort": sort})
        assert response.status_code == 200
        assert response.context["sort"] in {"quota", "status"}
    response = client.get(
        reverse("recruitment:member-list"),
        {"status": "x' OR 1=1", "organisation": "abc", "year": "1e9", "q": "Lê"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors  # refused, not run as a query
    response = client.get(reverse("admin:recruitment_member_changelist"), {"o": "99.x"})
    assert response.status_code == 200
