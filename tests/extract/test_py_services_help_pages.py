"""A help centre's article linked for a reader (`https://beanbag.freshdesk.com/solution/articles/3000045767`,
Zendesk Guide's `/hc/en-us/articles/...`) is no use of the support vendor's API (audit18 #07); the vendor's API URL
on the same host still is."""

from __future__ import annotations

from scanner.inventory import FileResult


def uses(result: FileResult) -> set[tuple[str, int]]:
    return {(u.service, u.location.line) for u in result.services}


def test_a_help_centre_article_link_is_no_use(scan_snippet) -> None:
    result = scan_snippet(
        """
        ORG_ACCESS_URL = "https://beanbag.freshdesk.com/solution/articles/3000045767-enabling-org-access"
        PORTAL_URL = "https://acme.freshdesk.com/support/solutions/articles/44001"
        HELP = "See https://acme.zendesk.com/hc/en-us/articles/360001 for details"
        GUIDE = "https://acme.zendesk.com/hc/en-us/articles/360004563433"
        HOME = "https://acme.zendesk.com/hc/en-us"

        def error_message():
            return f"Grant access first: {ORG_ACCESS_URL}"
        """
    )
    assert uses(result) == set()


def test_the_vendors_api_on_the_same_host_is_still_a_use(scan_snippet) -> None:
    result = scan_snippet(
        """
        import requests

        TICKETS = "https://acme.freshdesk.com/api/v2/tickets"
        CAPTCHA = "https://acme.zendesk.com/hcaptcha/verify"

        def open_ticket(user):
            requests.post(TICKETS, json={"email": user.email})
            requests.get("https://acme.zendesk.com/api/v2/help_center/en-us/articles.json")
        """
    )
    assert {("freshdesk", 4), ("zendesk", 5), ("zendesk", 9)} <= uses(result)
