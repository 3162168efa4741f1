"""A Django signal's dispatch (`customer_was_created.send(sender=response, customer_id=...)`) goes to the signal's
receivers, not to the project's one class defining `send` (heldout9: flask-postmark's Postmark.send took the other
packages' signals once its getter was bound); a call of that class's `send` still sends."""

from __future__ import annotations

from pathlib import Path

from tests.extract.test_python_resolution import project

MAILER = """
    from postmarker.core import PostmarkClient


    class Postmark:
        def client(self) -> PostmarkClient:
            return PostmarkClient.from_config(self.app)

        def send(self, *args, **kwargs):
            return self.client().emails.send(*args, **kwargs)
"""


def flows(tmp_path: Path, rules, body: str) -> set[tuple[str, str, int]]:
    results = project(tmp_path, rules, {"mail/core.py": MAILER, "shop/cim.py": body})
    return {(f.category, f.service, f.location.line) for f in results["shop/cim.py"].flows}


def test_a_signal_dispatch_is_no_call_of_the_projects_send(tmp_path: Path, rules) -> None:
    assert flows(tmp_path, rules, """
        from shop.signals import customer_was_created


        def created(response, user):
            customer_was_created.send(sender=response, customer_email=user.email)
    """) == set()


def test_the_projects_send_still_sends(tmp_path: Path, rules) -> None:
    assert ("user.contact.email", "postmark", 6) in flows(tmp_path, rules, """
        from mail.core import Postmark


        def welcome(postmark, user):
            postmark.send(To=user.email, Subject="Welcome")
    """)
