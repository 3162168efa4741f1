"""A mail server setting read from the environment with a provider's host as its default
(`EMAIL_HOST = os.environ.get("EMAIL_HOST", "smtp.mailgun.org")`) names that provider as the literal does
(audit18 #03, the mail half): the framework's mail goes there. No default, or a local one, names none."""

from __future__ import annotations

import pytest

from scanner.inventory import FileResult

VIEWS = """
    from django.core.mail import send_mail

    def welcome(user):
        send_mail("Welcome", "Hello", "shop@example.com", [user.email])
    """


def flows(results: list[FileResult]) -> set[tuple[str, str]]:
    return {(f.category, f.service) for r in results for f in r.flows}


@pytest.mark.parametrize(("read", "provider"), [
    ('os.environ.get("EMAIL_HOST", "smtp.mailgun.org")', "mailgun"),
    ('os.getenv("EMAIL_HOST", default="smtp.sendgrid.net")', "sendgrid"),
    ('env("EMAIL_HOST", default="smtp.postmarkapp.com")', "postmark"),
])
def test_an_environment_reads_provider_default_names_the_provider(scan_project, read: str, provider: str) -> None:
    settings = f"import os\nfrom environ import Env\nenv = Env()\nEMAIL_HOST = {read}\n"
    assert flows(scan_project({"shop/settings.py": settings, "shop/views.py": VIEWS})) == {
        ("user.contact.email", provider)}


@pytest.mark.parametrize("read", ['os.environ.get("EMAIL_HOST")', 'os.getenv("EMAIL_HOST", "localhost")',
                                  'os.environ.get("EMAIL_HOST", MAIL_DEFAULT)'])
def test_no_default_or_a_local_one_stays_the_smtp_server(scan_project, read: str) -> None:
    settings = f"import os\nEMAIL_HOST = {read}\n"
    assert flows(scan_project({"shop/settings.py": settings, "shop/views.py": VIEWS})) == {
        ("user.contact.email", "smtp_server")}
