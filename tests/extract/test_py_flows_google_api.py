"""The Gmail API through googleapiclient: the call chained on the discovery client sends, and its `body=` is the
request's JSON, carrying what the raw message was built from, not private content whatever it holds (issue 3,
task 4)."""

from __future__ import annotations

from scanner.inventory import FileResult


def flows(result: FileResult) -> set[tuple[str, str, int]]:
    return {(f.category, f.service, f.location.line) for f in result.flows}


def test_a_gmail_send_carries_what_the_message_was_built_from(scan_snippet) -> None:
    result = scan_snippet(
        """
        import base64
        from email.mime.text import MIMEText
        from googleapiclient.discovery import build

        def send(creds, user):
            service = build("gmail", "v1", credentials=creds)
            msg = MIMEText(f"Hello {user.first_name}")
            msg["to"] = user.email
            raw = base64.urlsafe_b64encode(msg.as_bytes()).decode()
            service.users().messages().send(userId="me", body={"raw": raw}).execute()
        """
    )
    assert flows(result) == {("user.name.first", "gmail", 11), ("user.contact.email", "gmail", 11)}


def test_a_gmail_send_of_a_fixed_message_sends_no_personal_data(scan_snippet) -> None:
    result = scan_snippet(
        """
        import base64
        from email.mime.text import MIMEText
        from googleapiclient.discovery import build

        def report(creds):
            service = build("gmail", "v1", credentials=creds)
            msg = MIMEText("Daily report ready")
            msg["to"] = "ops@example.org"
            raw = base64.urlsafe_b64encode(msg.as_bytes()).decode()
            service.users().messages().send(userId="me", body={"raw": raw}).execute()
        """
    )
    assert flows(result) == set()
    assert ("gmail", 11) in {(u.service, u.location.line) for u in result.services}
