"""Services named by URLs: host + path (sign-in vs API on one host), and URLs built from a static
scheme and host with a dynamic rest (f-strings, format strings, urljoin), outside HTTP calls too."""

from __future__ import annotations

import pytest


def uses(result) -> set[tuple[str, int]]:  # type: ignore[no-untyped-def]
    return {(s.service, s.location.line) for s in result.services}


CASES = [
    pytest.param(
        """
        AUTHORIZE = "https://github.com/login/oauth/authorize"
        TOKEN = "https://github.com/login/oauth/access_token"
        USER = "https://api.github.com/user"
        ISSUES = "https://api.github.com/repos/acme/app/issues"
        HOME = "https://github.com/acme/app"
        """,
        {("github_login", 2), ("github_login", 3), ("github_login", 4), ("github", 5)},
        id="sign-in-and-api-of-one-provider-each-at-its-line",
    ),
    pytest.param(
        """
        class MicrosoftSSO:
            tenant = "common"

            async def get_discovery_document(self):
                return {
                    "authorization_endpoint": f"https://login.microsoftonline.com/{self.tenant}/oauth2/v2.0/authorize",
                    "userinfo_endpoint": f"https://graph.microsoft.com/{self.version}/me",
                }
        """,
        {("microsoft_entra_id", 7), ("microsoft_entra_id", 8)},
        id="f-string-with-static-host-outside-http-call",
    ),
    pytest.param(
        """
        class FacebookSSO:
            base_url = "https://graph.facebook.com/v19.0"

            def urls(self):
                return {"token": f"{self.base_url}/oauth/access_token", "me": f"{self.base_url}/me?fields=id"}
        """,
        {("facebook_login", 6)},
        id="class-base-url-names-what-the-urls-built-on-it-name",
    ),
    pytest.param(
        """
        class Pages:
            base_url = "https://graph.facebook.com/v19.0"

            def urls(self, page):
                return f"{self.base_url}/oauth/access_token", f"{self.base_url}/{page}/feed"
        """,
        {("facebook_graph", 3), ("facebook_login", 6), ("facebook_graph", 6)},
        id="base-url-used-for-the-api-too-stays",
    ),
    pytest.param(
        """
        from urllib.parse import urljoin

        class GitlabSSO:
            base_endpoint_url = "https://gitlab.com"

            def __init__(self, base_endpoint_url=None):
                self.base_endpoint_url = base_endpoint_url or self.base_endpoint_url

            def doc(self):
                return {"authorization_endpoint": urljoin(self.base_endpoint_url, "/oauth/authorize")}
        """,
        {("gitlab_login", 11)},
        id="urljoin-on-a-default-base",
    ),
    pytest.param(
        """
        def urls(version, tenant):
            a = "https://graph.facebook.com/{}/me".format(version)
            b = "https://login.microsoftonline.com/%s/oauth2/token" % tenant
            c = "https://gitlab.com/api/v4/projects/%d" % 1
            return a, b, c
        """,
        {("facebook_login", 3), ("microsoft_entra_id", 4), ("gitlab", 5)},
        id="format-and-percent-templates",
    ),
    pytest.param(
        """
        import requests

        def profile(token):
            return requests.get("https://api.github.com/user", headers={"Authorization": token})

        def repos(token):
            return requests.get(f"https://api.github.com/users/{token}/repos")
        """,
        {("github_login", 5), ("github", 8)},
        id="http-calls-by-host-and-path",
    ),
]


@pytest.mark.parametrize(("source", "expected"), CASES)
def test_service_urls(scan_snippet, source: str, expected: set[tuple[str, int]]) -> None:  # type: ignore[no-untyped-def]
    assert uses(scan_snippet(source)) == expected


NOTHING = [
    pytest.param(
        """
        def authorize(host, tenant):
            return f"https://{host}/oauth2/v2.0/authorize"
        """,
        id="placeholder-host",
    ),
    pytest.param(
        """
        def authorize(tenant):
            return f"https://{tenant}.github.com/login/oauth/authorize"
        """,
        id="placeholder-subdomain-of-a-host-without-suffix-entry",
    ),
    pytest.param(
        """
        def links(user):
            return f"https://github.com/{user}", f"https://gitlab.com/{user}/project", "https://gitlab.com"
        """,
        id="website-links-on-a-host-with-only-path-entries",
    ),
    pytest.param(
        """
        def message(user):
            return f"Sign in at https://login.microsoftonline.com/ as {user}"
        """,
        id="prose-that-mentions-a-url",
    ),
    pytest.param(
        """
        def share(url):
            return f"https://www.facebook.com/sharer/sharer.php?u={url}"
        """,
        id="facebook-share-link",
    ),
]


@pytest.mark.parametrize("source", NOTHING)
def test_nothing_reported(scan_snippet, source: str) -> None:  # type: ignore[no-untyped-def]
    assert uses(scan_snippet(source)) == set()
