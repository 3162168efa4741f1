"""A URL taken from a list of configured URLs in a loop is configured too: data posted to each is a webhook
(django-helpdesk posts every ticket, the submitter's e-mail included, to the URLs its settings list)."""

from __future__ import annotations

from scanner.inventory import FileResult


def flows(result: FileResult) -> set[tuple[str, str, int]]:
    return {(f.category, f.service, f.location.line) for f in result.flows}


def test_each_configured_url_of_a_loop_receives_the_payload(scan_snippet) -> None:
    result = scan_snippet(
        """
        import requests
        from django.conf import settings

        def notify(ticket):
            for url in settings.WEBHOOK_URLS:
                requests.post(url, json={"email": ticket.submitter_email})

        def follow_up(ticket):
            urls = settings.GET_FOLLOWUP_WEBHOOK_URLS()
            for url in urls:
                requests.post(url, json={"email": ticket.submitter_email}, timeout=3)
        """
    )
    assert flows(result) == {("user.contact.email", "unresolved_webhook", 7),
                             ("user.contact.email", "unresolved_webhook", 12)}


def test_a_loop_that_only_fetches_configured_urls_shares_nothing(scan_snippet) -> None:
    result = scan_snippet(
        """
        import requests
        from django.conf import settings

        def refresh(user):
            for url in settings.FEED_URLS:
                requests.get(url)
            for path in user.uploaded_files:
                open(path).read()
        """
    )
    assert flows(result) == set()
