"""Django's mail to the SMTP host the settings name (`EMAIL_HOST = "smtp.sendgrid.net"`) goes to that provider, not
to a server from configuration (audit16 #19, the settings form; py_services defers the setting, the project pass
renames the framework's mail uses and flows)."""

from __future__ import annotations

from scanner.inventory import FileResult

VIEWS = """
    from django.core.mail import send_mail

    def welcome(user):
        send_mail("Welcome", f"Hello {user.first_name}", "shop@example.com", [user.email])
    """


def seen(results: list[FileResult]) -> tuple[set[tuple[str, str]], set[tuple[str, str, int]]]:
    return ({(u.service, r.path) for r in results for u in r.services},
            {(f.category, f.service, f.location.line) for r in results for f in r.flows})


def test_the_framework_mail_goes_to_the_provider_the_smtp_host_names(scan_project) -> None:
    settings = 'EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"\nEMAIL_HOST = "smtp.sendgrid.net"\n'
    uses, flows = seen(scan_project({"shop/settings.py": settings, "shop/views.py": VIEWS}))
    assert uses == {("sendgrid", "shop/settings.py"), ("sendgrid", "shop/views.py")}
    assert flows == {("user.contact.email", "sendgrid", 5), ("user.name.first", "sendgrid", 5)}


def test_an_smtp_host_from_configuration_stays_a_configured_server(scan_project) -> None:
    settings = 'import os\nEMAIL_HOST = os.environ["EMAIL_HOST"]\n'
    uses, flows = seen(scan_project({"shop/settings.py": settings, "shop/views.py": VIEWS}))
    assert flows == {("user.contact.email", "smtp_server", 5), ("user.name.first", "smtp_server", 5)}
    assert "sendgrid" not in {service for service, _ in uses}
