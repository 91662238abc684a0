"""Password reset: off (a clear 404 page) without a mail server; with one, throttled per
address and per e-mail address, with the same answer whether the account exists or not."""

import pytest
from django.core import mail
from django.urls import reverse

from recruitment.models import PasswordResetRequest

PAGES = [
    reverse("password_reset"),
    reverse("password_reset_done"),
    reverse("password_reset_confirm", args=["MQ", "set-password"]),
    reverse("password_reset_complete"),
]


@pytest.fixture
def mail_server(settings):
    settings.PASSWORD_RESET_BY_EMAIL = True
    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}


def ask(client, email, address="10.0.0.1"):
    return client.post(reverse("password_reset"), {"email": email}, REMOTE_ADDR=address)


@pytest.mark.django_db
@pytest.mark.parametrize("url", PAGES)
def test_without_a_mail_server_the_reset_pages_are_off(client, settings, url, vietnamese):
    settings.PASSWORD_RESET_BY_EMAIL = False
    response = client.get(url)
    assert response.status_code == 404
    assert "Không đặt lại được mật khẩu qua thư điện tử" in response.content.decode()


@pytest.mark.django_db
def test_without_a_mail_server_nothing_is_sent(client, settings, committee_staff):
    settings.PASSWORD_RESET_BY_EMAIL = False
    committee_staff.email = "canbo@phuly.example.vn"
    committee_staff.save()
    assert ask(client, "canbo@phuly.example.vn").status_code == 404
    assert len(mail.outbox) == 0


def test_with_a_mail_server_a_reset_message_is_sent(client, mail_server, committee_staff):
    committee_staff.email = "canbo@phuly.example.vn"
    committee_staff.save()
    assert client.get(reverse("password_reset")).status_code == 200
    assert ask(client, "canbo@phuly.example.vn").status_code == 302
    assert len(mail.outbox) == 1


def test_three_requests_an_hour_for_one_email_address(client, mail_server, committee_staff):
    committee_staff.email = "canbo@phuly.example.vn"
    committee_staff.save()
    for n in range(3):
        assert ask(client, "canbo@phuly.example.vn", address=f"10.0.1.{n}").status_code == 302
    # From yet another address, in other letter case: still the same mailbox.
    response = ask(client, "CanBo@phuly.example.vn", address="10.0.1.9")
    assert response.status_code == 429
    assert len(mail.outbox) == 3


def test_five_requests_an_hour_from_one_address(client, db, mail_server, vietnamese):
    for n in range(5):
        assert ask(client, f"nguoi{n}@example.vn", address="10.0.2.1").status_code == 302
    response = ask(client, "nguoi9@example.vn", address="10.0.2.1")
    assert response.status_code == 429
    assert "Yêu cầu đặt lại mật khẩu quá nhiều lần" in response.content.decode()
    assert ask(client, "nguoi9@example.vn", address="10.0.2.2").status_code == 302


def test_the_throttle_keeps_no_email_address(client, db, mail_server):
    ask(client, "canbo@phuly.example.vn")
    stored = PasswordResetRequest.objects.get()
    assert "canbo" not in stored.account_key and len(stored.account_key) == 64
