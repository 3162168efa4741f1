"""A mail the app composes (a rendered template, an f-string, a format) carries what was put in it; only text a
person wrote (a form's message) is private content (issue 3, task 5)."""

from __future__ import annotations

from scanner.inventory import FileResult


def flows(result: FileResult) -> set[tuple[str, str, int]]:
    return {(f.category, f.service, f.location.line) for f in result.flows}


def test_a_rendered_or_formatted_mail_carries_the_data_put_in_it(scan_snippet) -> None:
    result = scan_snippet(
        """
        from django.core.mail import send_mail
        from django.template.loader import render_to_string

        def welcome(user):
            body = render_to_string("welcome.txt", {"name": user.first_name})
            send_mail("Welcome", body, "noreply@x.org", [user.email])

        def greet(user):
            send_mail("Hi", "Dear %s, welcome" % user.last_name, "noreply@x.org", [user.email])
        """
    )
    assert flows(result) == {("user.name.first", "smtp_server", 7), ("user.contact.email", "smtp_server", 7),
                             ("user.name.last", "smtp_server", 10), ("user.contact.email", "smtp_server", 10)}


def test_a_message_a_person_wrote_is_private_content(scan_snippet) -> None:
    result = scan_snippet(
        """
        from django.core.mail import send_mail

        def contact(request):
            message = request.POST["message"]
            send_mail("Contact", message, "noreply@x.org", ["staff@x.org"])

        def feedback(request):
            send_mail("Contact", f"From the site:\\n{request.POST['message']}", "noreply@x.org", ["staff@x.org"])
        """
    )
    assert flows(result) == {("user.content.private", "smtp_server", 6), ("user.content.private", "smtp_server", 9)}


def test_an_extension_header_the_app_formats_does_not_make_the_text_its_own(scan_snippet) -> None:
    # (heldout3's ckan mailer: `msg["X-Mailer"] = "CKAN %s" % version` had made a caller's body the app's words)
    result = scan_snippet(
        """
        import smtplib
        from email.message import EmailMessage

        VERSION = "2.10"

        def mail_recipient(recipient_email, subject, body):
            msg = EmailMessage()
            msg.set_content(body)
            msg["Subject"] = subject
            msg["To"] = recipient_email
            msg["X-Mailer"] = "Portal %s" % VERSION
            smtp = smtplib.SMTP("localhost")
            smtp.sendmail("noreply@x.org", [recipient_email], msg.as_string())

        def contact(request):
            mail_recipient("staff@x.org", "Contact", request.POST["message"])
        """
    )
    assert ("user.content.private", "smtp_server", 14) in flows(result)
