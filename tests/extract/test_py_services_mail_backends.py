"""A vendor's e-mail backend is that vendor (heldout16's smtp2go-django): the vendor's SDK import names it, and an
smtplib exception caught beside it is no SMTP server; smtplib's client classes still are. smtp_to_provider, the one
renaming of SMTP mail to the provider that runs the server (a literal host in the file, the settings' EMAIL_HOST)."""

from __future__ import annotations

from scanner.extract.py_services import smtp_to_provider
from scanner.inventory import FileResult, Flow, Location, ServiceUse


def services(result: FileResult) -> set[str]:
    return {u.service for u in result.services}


def test_a_vendor_sdk_backend_is_the_vendor_not_an_smtp_server(scan_snippet) -> None:
    result = scan_snippet(
        """
        from smtplib import SMTPException

        from django.core.mail.backends.base import BaseEmailBackend
        from smtp2go.core import Smtp2goClient

        class Backend(BaseEmailBackend):
            def send_messages(self, messages):
                client = Smtp2goClient()
                for m in messages:
                    try:
                        client.send(sender=m.from_email, recipients=m.to, subject=m.subject, text=m.body)
                    except SMTPException:
                        pass
        """
    )
    assert "smtp2go" in services(result)
    assert "smtp_server" not in services(result)


def test_an_smtplib_exception_alone_is_no_smtp_server_but_its_clients_are(scan_snippet) -> None:
    caught = scan_snippet(
        """
        from smtplib import SMTPException

        def deliver(api, message):
            try:
                api.post(message)
            except SMTPException:
                return 0
        """
    )
    plain = scan_snippet(
        """
        import smtplib

        def notify(user, body):
            with smtplib.SMTP("localhost") as s:
                s.sendmail("noreply@x.io", [user.email], body)
        """
    )
    imported = scan_snippet("from smtplib import SMTP_SSL\n")
    assert "smtp_server" not in services(caught)
    assert "smtp_server" in services(plain)
    assert "smtp_server" in services(imported)


def test_smtp_to_provider_renames_only_the_smtp_servers_uses_and_flows_at_its_lines() -> None:
    here, there = Location("m.py", 5), Location("m.py", 9)
    result = FileResult("m.py", services=[ServiceUse("smtp_server", "call", "s.send()", here, "high"),
                                          ServiceUse("smtp_server", "import", "import smtplib", there, "high"),
                                          ServiceUse("stripe", "call", "stripe.x()", here, "high")],
                        flows=[Flow("user.contact.email", "smtp_server", here, ("user.email", "s.send"), "s.send()"),
                               Flow("user.contact.email", "smtp_server", there, ("user.email",), "x")])
    smtp_to_provider(result, {5: "sendgrid"})
    assert [(u.service, u.location.line) for u in result.services] == [("sendgrid", 5), ("smtp_server", 9),
                                                                       ("stripe", 5)]
    assert [(f.service, f.location.line) for f in result.flows] == [("sendgrid", 5), ("smtp_server", 9)]
