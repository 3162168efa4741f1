"""An object of a project class derived from an SDK's client (audit14 #02, calibre-web's `class Email(smtplib.SMTP)`,
`class ApiSession(requests.Session)`): its inherited methods send as the SDK's do."""

from __future__ import annotations

from pathlib import Path

from scanner.inventory import FileResult
from tests.conftest import scan_files


def _flows(results: list[FileResult]) -> set[tuple[str, str, str, int]]:
    return {(f.category, f.service, r.path, f.location.line) for r in results for f in r.flows}


_MAIL = """
    import smtplib

    class Email(smtplib.SMTP):
        pass

    class TaskEmail:
        def __init__(self, settings, recipient):
            self.settings = settings
            self.recipient = recipient

        def run(self):
            self.smtp = Email(self.settings["mail_server"])
            self.smtp.sendmail(self.settings["mail_from"], self.recipient, "Hello")
            self.smtp.quit()
"""


def test_what_the_constructor_keeps_goes_through_the_subclass_sendmail(tmp_path: Path, rules) -> None:
    results = scan_files(tmp_path, rules, {"app/mail.py": _MAIL, "app/helper.py": """
        from app.mail import TaskEmail

        def send_test_mail(user, settings):
            TaskEmail(settings, user.email).run()
    """})
    assert ("user.contact.email", "smtp_server", "app/helper.py", 5) in _flows(results)


def test_a_kept_value_that_is_no_persons_data_sends_nothing(tmp_path: Path, rules) -> None:
    results = scan_files(tmp_path, rules, {"app/mail.py": _MAIL, "app/helper.py": """
        from app.mail import TaskEmail

        def send_test_mail(settings):
            TaskEmail(settings, settings["admin_address"]).run()
    """})
    assert not {f for f in _flows(results) if f[2] == "app/helper.py"}


def test_a_session_subclass_posts_as_the_session(tmp_path: Path, rules) -> None:
    results = scan_files(tmp_path, rules, {"app/api.py": """
        import requests

        class ApiSession(requests.Session):
            pass

        def push(user):
            s = ApiSession()
            s.post("https://api.hubapi.com/contacts/v1/contact", json={"email": user.email})
    """})
    assert _flows(results) == {("user.contact.email", "hubspot", "app/api.py", 9)}


def test_a_verb_the_session_subclass_defines_runs_its_own_code(tmp_path: Path, rules) -> None:
    results = scan_files(tmp_path, rules, {"app/api.py": """
        import logging
        import requests

        class DryRun(requests.Session):
            def post(self, url, **kwargs):
                logging.info("not sent: %s", url)

        def push(user):
            DryRun().post("https://api.hubapi.com/contacts/v1/contact", json={"email": user.email})
    """})
    assert not _flows(results)
