"""Error pages in Vietnamese, in the site's layout with its menu, with the reason where it is
safe to give; under DEBUG (``make run``) the same pages, Django's only when asked for."""

import pytest
from django.test import Client
from django.urls import reverse

from recruitment.roles import Role
from tests.pipeline import new_candidate

MENU = 'id="nav-dashboard"'


@pytest.fixture
def clerk_and_other_candidate(
    make_user, make_organisation, make_cell, make_member, committee_staff
):
    own = make_organisation(name="Đảng bộ phường A")
    clerk = make_user(Role.GRASSROOTS_STAFF, organisation=own)
    cell = make_cell(name="Chi bộ B")
    helper = make_member(cell=cell)
    candidate = new_candidate(cell, helper, committee_staff)
    return clerk, candidate


@pytest.fixture(params=[False, True], ids=["production", "make-run"])
def debug(request, settings):
    settings.DEBUG = request.param
    return request.param


def test_another_organisations_record_is_a_vietnamese_404_with_the_menu(
    client, debug, clerk_and_other_candidate
):
    clerk, candidate = clerk_and_other_candidate
    client.force_login(clerk)
    response = client.get(candidate.get_absolute_url())
    assert response.status_code == 404
    page = response.content.decode()
    assert "Không tìm thấy trang" in page
    assert MENU in page and 'id="error-page"' in page
    assert "URLconf" not in page and "Page not found" not in page
    # The record's name is not given away.
    assert candidate.full_name not in page


def test_an_unknown_address_is_the_same_404(client, debug, committee_staff):
    client.force_login(committee_staff)
    response = client.get("/khong-co-trang-nay/")
    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.content.decode()
    assert "URLconf" not in response.content.decode()


def test_a_refusal_gives_its_reason_in_vietnamese(client, debug, clerk_and_other_candidate):
    clerk, _ = clerk_and_other_candidate
    client.force_login(clerk)
    response = client.get(reverse("recruitment:quotas"))
    assert response.status_code == 403
    page = response.content.decode()
    assert "Vai trò của bạn không được giao chỉ tiêu." in page
    assert "Bạn không thể mở trang này" in page and MENU in page


def test_the_developer_pages_only_when_asked_for(client, settings, committee_staff):
    settings.DEBUG = True
    settings.DEBUG_ERROR_PAGES = True
    client.force_login(committee_staff)
    assert "URLconf" in client.get("/khong-co-trang-nay/").content.decode()


def test_a_refused_csrf_token_is_a_vietnamese_page(committee_staff):
    client = Client(enforce_csrf_checks=True)
    client.force_login(committee_staff)
    response = client.post(reverse("recruitment:candidate-list"), {"q": "Huế"})
    assert response.status_code == 403
    page = response.content.decode()
    assert "Biểu mẫu đã hết hạn" in page and MENU in page


@pytest.mark.urls("tests.support.error_urls")
def test_a_failing_page_is_a_vietnamese_500(debug, committee_staff):
    client = Client(raise_request_exception=False)
    client.force_login(committee_staff)
    response = client.get("/broken/")
    assert response.status_code == 500
    page = response.content.decode()
    assert "Đã có lỗi xảy ra" in page
    assert "a bug in a view" not in page and "Traceback" not in page
