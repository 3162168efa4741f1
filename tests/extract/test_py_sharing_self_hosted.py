"""A product mostly run on the organisation's own servers, reached at a configured address or a host that is not
the vendor's, is its self-hosted instance, not the vendor's cloud (issue 3, task 7)."""

from __future__ import annotations

from scanner.inventory import FileResult


def flows(result: FileResult) -> set[tuple[str, str, int]]:
    return {(f.category, f.service, f.location.line) for f in result.flows}


def test_a_configured_or_own_host_is_the_self_hosted_instance(scan_snippet) -> None:
    result = scan_snippet(
        """
        import requests
        from django.conf import settings

        def notify_mattermost(user):
            requests.post(settings.CHAT_HOOK, json={"text": user.email})

        def notify(user):
            requests.post("https://mattermost.acme-corp.com/hooks/abc", json={"text": user.email})

        def open_issue(user):
            requests.post(f"{settings.GITLAB_URL}/api/v4/projects/1/issues", json={"title": user.email})
        """
    )
    assert flows(result) == {("user.contact.email", "mattermost_self_hosted", 6),
                             ("user.contact.email", "mattermost_self_hosted", 9),
                             ("user.contact.email", "gitlab_self_managed", 12)}


def test_the_vendors_own_domain_is_its_cloud(scan_snippet) -> None:
    result = scan_snippet(
        """
        import requests

        def open_issue(user):
            requests.post("https://gitlab.com/api/v4/projects/1/issues", json={"title": user.email})
        """
    )
    assert flows(result) == {("user.contact.email", "gitlab", 5)}


def test_a_module_named_for_zeptomail_posts_to_zeptomail(scan_snippet) -> None:
    result = scan_snippet(
        """
        import requests

        class SendEmail:
            def send(self, user):
                requests.post("https://api." + str(self.domain) + "/v1.1/email", json={"to": user.email})
        """,
        name="zoho_zeptomail/emails/__init__.py",
    )
    assert flows(result) == {("user.contact.email", "zoho_zeptomail", 6)}
