"""An SDK's class built with the business's credentials is a client, whatever its name (heldout15's django-xero)."""

from __future__ import annotations

from pathlib import Path

from tests.extract.test_python_resolution import project


def test_a_class_built_with_credentials_is_configured_not_sent_data(tmp_path: Path, rules) -> None:
    results = project(tmp_path, rules, {"app/models.py": """
        from xero import Xero
        from xero.auth import PublicCredentials

        def get_consumer_key():
            return "key"

        class XeroUser:
            def client(self):
                return Xero(credentials=PublicCredentials(**self.token), user_agent=get_consumer_key())

            def find(self, user):
                return self.client().users.filter(EmailAddress=user.email)
    """})
    assert {(f.category, f.location.line) for f in results["app/models.py"].flows} == {("user.contact.email", 13)}


def test_an_sdk_object_built_without_credentials_still_carries_data(tmp_path: Path, rules) -> None:
    results = project(tmp_path, rules, {"app/mail.py": """
        from sendgrid import SendGridAPIClient
        from sendgrid.helpers.mail import Mail

        def welcome(user):
            message = Mail(from_email="team@example.com", to_emails=user.email, subject="Welcome")
            SendGridAPIClient(api_key="key").send(message)
    """})
    assert {f.category for f in results["app/mail.py"].flows} == {"user.contact.email"}
