"""Log-in throttling (django-axes): per account and per address, a message that tells
nothing about whether the account exists, and the client address taken from the proxy."""

import re

import pytest
from django.test import RequestFactory
from django.urls import reverse

from recruitment.security import client_ip

PASSWORD = "Mat-khau-2024!"


def attempt(client, username, password="sai-mat-khau", address="10.0.0.1"):
    return client.post(
        reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=address
    )


def text_of(response) -> str:
    """The page's visible text, without the CSRF token."""
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", response.content.decode())
    return re.sub(r"<[^>]+>", " ", html)


def test_an_account_is_locked_at_the_fifth_failure_from_any_addresses(client, committee_staff):
    for n in range(4):
        assert attempt(client, committee_staff.username, address=f"10.0.0.{n}").status_code == 200
    assert attempt(client, committee_staff.username, address="10.0.0.4").status_code == 429
    # The right password, from an address not seen before: still refused while locked.
    response = attempt(client, committee_staff.username, PASSWORD, address="10.9.9.9")
    assert response.status_code == 429
    assert "Đăng nhập sai quá nhiều lần" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_an_address_is_locked_at_the_fifth_failure_on_any_accounts(client, make_user):
    other = make_user(username="canbo2")
    for n in range(5):
        attempt(client, f"nguoi-{n}", address="10.0.0.7")
    assert attempt(client, other.username, PASSWORD, address="10.0.0.7").status_code == 429
    # The same account from another address logs in.
    response = attempt(client, other.username, PASSWORD, address="10.0.0.8")
    assert response.status_code == 302 and client.session["_auth_user_id"] == str(other.pk)


def test_the_answers_do_not_tell_whether_an_account_exists(client, committee_staff):
    real = attempt(client, committee_staff.username, address="10.1.0.1")
    made_up = attempt(client, "khong-co-ai", address="10.1.0.2")
    assert text_of(real).replace(committee_staff.username, "X") == text_of(made_up).replace(
        "khong-co-ai", "X"
    )
    for n in range(5):
        attempt(client, committee_staff.username, address=f"10.2.0.{n}")
        attempt(client, "khong-co-ai", address=f"10.3.0.{n}")
    locked_real = attempt(client, committee_staff.username, address="10.4.0.1")
    locked_made_up = attempt(client, "khong-co-ai", address="10.4.0.2")
    assert locked_real.status_code == locked_made_up.status_code == 429
    assert text_of(locked_real) == text_of(locked_made_up)


def test_a_successful_log_in_resets_the_count(client, committee_staff):
    for _ in range(4):
        attempt(client, committee_staff.username)
    assert attempt(client, committee_staff.username, PASSWORD).status_code == 302
    client.logout()
    for _ in range(4):
        attempt(client, committee_staff.username)
    assert attempt(client, committee_staff.username, PASSWORD).status_code == 302


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        (0, "1.2.3.4", "192.168.1.10"),  # reached directly: the header is the client's word
        (1, "1.2.3.4", "1.2.3.4"),
        (1, "6.6.6.6, 1.2.3.4", "1.2.3.4"),  # a forged first entry is ignored
        (2, "6.6.6.6, 1.2.3.4, 10.0.0.2", "1.2.3.4"),
    ],
)
def test_client_address_behind_the_proxy(settings, proxies, forwarded, expected):
    settings.TRUSTED_PROXY_COUNT = proxies
    request = RequestFactory().get("/", REMOTE_ADDR="192.168.1.10", HTTP_X_FORWARDED_FOR=forwarded)
    assert client_ip(request) == expected


def test_a_session_ends_after_inactivity(client, committee_staff, settings):
    from datetime import timedelta

    from django.contrib.sessions.models import Session
    from django.utils import timezone

    assert attempt(client, committee_staff.username, PASSWORD).status_code == 302
    home = reverse("recruitment:home")
    assert client.get(home).status_code == 200
    session = Session.objects.get(session_key=client.cookies["sessionid"].value)
    # Each request pushes the expiry SESSION_COOKIE_AGE ahead of now ...
    remaining = session.expire_date - timezone.now()
    assert timedelta(seconds=settings.SESSION_COOKIE_AGE - 60) < remaining
    # ... so after that long without a request, the session is over.
    Session.objects.filter(pk=session.pk).update(expire_date=timezone.now() - timedelta(seconds=1))
    response = client.get(home)
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
