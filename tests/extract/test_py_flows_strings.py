"""Strings written side by side (implicit concatenation): one formatted piece makes the whole a computed value."""

from __future__ import annotations

import pytest

from scanner.inventory import FileResult


def flows(result: FileResult) -> set[tuple[str, str, int]]:
    return {(f.category, f.service, f.location.line) for f in result.flows}


CASES = [
    pytest.param(
        """
        from django.conf import settings
        from twilio.rest import Client

        def sms_login_link(token):
            client = Client(settings.TWILIO_ACCOUNT_SID, settings.TWILIO_AUTH_TOKEN)
            client.messages.create(
                body=(f"Your code is {token.token}\\n\\n" f"Go to the site."),
                from_=settings.TWILIO_NUMBER,
                to=str(token.phone_number),
            )
        """,
        {("user.authorization.credentials", "twilio", 7), ("user.contact.phone_number", "twilio", 7)},
        id="a-formatted-piece-among-literals-carries-its-data",
    ),
    pytest.param(
        """
        from django.conf import settings
        from twilio.rest import Client

        def remind(phone):
            client = Client(settings.TWILIO_ACCOUNT_SID, settings.TWILIO_AUTH_TOKEN)
            client.messages.create(body=("Your order " "has shipped."), to=phone)
        """,
        {("user.contact.phone_number", "twilio", 7)},
        id="literals-side-by-side-are-fixed-text",
    ),
    pytest.param(
        """
        import requests

        BASE = "https://api.mixpanel.com"

        def track(user):
            requests.post(f"{BASE}" "/track", json={"email": user.email})
        """,
        {("user.contact.email", "mixpanel", 7)},
        id="a-url-written-in-pieces",
    ),
]


NOTICES = [
    pytest.param(
        """
        from django.core.mail import send_mail

        def approval_request(user):
            send_mail("New account", f"{user.email} signed up", "noreply@example.com", ["ops@example.com"])
        """,
        {("user.contact.email", "smtp_server", 5)},
        id="a-notice-naming-an-address-is-that-address",
    ),
    pytest.param(
        """
        from django.conf import settings
        from twilio.rest import Client

        def greet(user, phone):
            client = Client(settings.TWILIO_ACCOUNT_SID, settings.TWILIO_AUTH_TOKEN)
            client.messages.create(body=f"Hi {user.first_name}, your table is ready", to=phone)
        """,
        # the app's words around the name: the name is sent, no text the person wrote (issue 3, task 5)
        {("user.name.first", "twilio", 7), ("user.contact.phone_number", "twilio", 7)},
        id="a-message-the-app-writes-about-the-person-is-the-data-in-it",
    ),
]


@pytest.mark.parametrize(("source", "expected"), NOTICES)
def test_a_sign_in_or_notice_message_is_the_data_it_carries(scan_snippet, source: str, expected: set) -> None:
    assert flows(scan_snippet(source)) == expected


@pytest.mark.parametrize(("source", "expected"), CASES)
def test_strings_side_by_side(scan_snippet, source: str, expected: set) -> None:
    assert flows(scan_snippet(source)) == expected
