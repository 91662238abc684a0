"""Log-in throttling (django-axes): per account at one address and per address, a message that tells
nothing about whether the account exists, and the client address taken from the proxy."""

import re

import pytest
from django.db.models import F
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


def test_five_failures_lock_the_account_at_that_address_only(client, committee_staff):
    for _ in range(4):
        assert attempt(client, committee_staff.username, address="10.0.0.1").status_code == 200
    assert attempt(client, committee_staff.username, address="10.0.0.1").status_code == 429
    # The right password from the guesser's address: still refused while locked.
    response = attempt(client, committee_staff.username, PASSWORD, address="10.0.0.1")
    assert response.status_code == 429
    assert "Đăng nhập sai quá nhiều lần" in response.content.decode()
    assert "_auth_user_id" not in client.session
    # The owner, from their own desk, logs in: the guesser did not lock them out.
    response = attempt(client, committee_staff.username, PASSWORD, address="10.9.9.9")
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(committee_staff.pk)


def test_the_administrator_is_not_locked_out_by_guesses_from_elsewhere(client, admin_user):
    for _ in range(10):
        attempt(client, admin_user.username, address="203.0.113.5")
    assert (
        attempt(client, admin_user.username, "password", address="203.0.113.5").status_code == 429
    )
    response = attempt(client, admin_user.username, "password", address="10.0.0.2")
    assert response.status_code == 302


def test_an_address_is_locked_at_the_twentieth_failure_on_any_accounts(client, make_user):
    other = make_user(username="canbo2")
    for n in range(19):
        assert attempt(client, f"nguoi-{n}", address="10.0.0.7").status_code == 200
    assert attempt(client, "nguoi-19", address="10.0.0.7").status_code == 429
    # Any account, the right password: refused from that address ...
    assert attempt(client, other.username, PASSWORD, address="10.0.0.7").status_code == 429
    # ... and the same account from another address logs in.
    response = attempt(client, other.username, PASSWORD, address="10.0.0.8")
    assert response.status_code == 302 and client.session["_auth_user_id"] == str(other.pk)


def test_logging_in_to_ones_own_account_does_not_clear_the_guesses(client, make_user):
    """A guesser with an account of their own cannot wipe the address's count by logging in
    between guesses."""
    make_user(username="ke-doan")
    for round_ in range(5):
        for n in range(4):
            attempt(client, f"nan-nhan-{round_}-{n}", address="10.0.0.9")
        if round_ < 4:
            assert attempt(client, "ke-doan", PASSWORD, address="10.0.0.9").status_code == 302
            client.logout()
    # 20 failures from the address, in spite of four successful log-ins between them.
    assert attempt(client, "ke-doan", PASSWORD, address="10.0.0.9").status_code == 429


def test_the_administrator_unlocks_an_account(client, admin_user, committee_staff):
    from axes.models import AccessAttempt

    for _ in range(5):
        attempt(client, committee_staff.username, address="10.0.0.3")
    assert (
        attempt(client, committee_staff.username, PASSWORD, address="10.0.0.3").status_code == 429
    )
    client.force_login(admin_user)
    lock = AccessAttempt.objects.get(username=committee_staff.username)
    changelist = reverse("admin:axes_accessattempt_changelist")
    assert client.get(changelist).status_code == 200
    response = client.post(
        changelist,
        {"action": "delete_selected", "_selected_action": [lock.pk], "post": "yes"},
        REMOTE_ADDR="10.0.0.99",
    )
    assert response.status_code == 302
    client.logout()
    assert (
        attempt(client, committee_staff.username, PASSWORD, address="10.0.0.3").status_code == 302
    )


def test_only_the_administrator_sees_the_lock_outs(client, committee_staff):
    client.force_login(committee_staff)
    assert client.get(reverse("admin:axes_accessattempt_changelist")).status_code == 403


def test_the_answers_do_not_tell_whether_an_account_exists(client, committee_staff):
    real = attempt(client, committee_staff.username, address="10.1.0.1")
    made_up = attempt(client, "khong-co-ai", address="10.1.0.2")
    assert text_of(real).replace(committee_staff.username, "X") == text_of(made_up).replace(
        "khong-co-ai", "X"
    )
    for _ in range(5):
        attempt(client, committee_staff.username, address="10.2.0.1")
        attempt(client, "khong-co-ai", address="10.3.0.1")
    locked_real = attempt(client, committee_staff.username, address="10.2.0.1")
    locked_made_up = attempt(client, "khong-co-ai", address="10.3.0.1")
    assert locked_real.status_code == locked_made_up.status_code == 429
    assert text_of(locked_real) == text_of(locked_made_up)


def test_passwords_are_kept_with_argon2id_and_older_ones_rehashed_at_log_in(
    client, committee_staff, settings
):
    """Production's hashers (the tests' own fixture hashes fast): a new password is kept
    as Argon2id; one kept with PBKDF2 before still logs in and is rehashed with Argon2id."""
    from django.contrib.auth.hashers import make_password

    from phuly_members import settings as production

    settings.PASSWORD_HASHERS = production.PASSWORD_HASHERS
    assert make_password(PASSWORD).startswith("argon2$argon2id$v=19$m=102400,t=2,p=8$")
    committee_staff.password = make_password(PASSWORD, hasher="pbkdf2_sha256")
    committee_staff.save(update_fields=["password"])
    assert attempt(client, committee_staff.username, PASSWORD).status_code == 302
    committee_staff.refresh_from_db()
    assert committee_staff.password.startswith("argon2$argon2id$")


def test_a_used_session_is_pushed_ahead_at_most_once_a_minute(client, committee_staff, settings):
    from datetime import timedelta

    from django.contrib.sessions.backends.db import SessionStore
    from django.contrib.sessions.models import Session

    settings.SESSION_ACTIVITY_SECONDS = 60  # production's (the tests' fixture says 0)
    assert attempt(client, committee_staff.username, PASSWORD).status_code == 302
    home = reverse("recruitment:home")
    key = client.cookies["sessionid"].value
    Session.objects.filter(pk=key).update(expire_date=F("expire_date") - timedelta(hours=1))
    before = Session.objects.get(pk=key).expire_date
    assert client.get(home).status_code == 200
    assert Session.objects.get(pk=key).expire_date == before  # used within the minute
    store = SessionStore(session_key=key)
    store["_active_at"] -= 60  # its last push a minute ago
    store.save()
    Session.objects.filter(pk=key).update(expire_date=F("expire_date") - timedelta(hours=1))
    pushed = Session.objects.get(pk=key).expire_date
    assert client.get(home).status_code == 200
    assert Session.objects.get(pk=key).expire_date > pushed + timedelta(minutes=59)


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
