"""A token given back to the identity provider that issued it (Google's tokeninfo, an OIDC userinfo endpoint) is
no sharing; a password sent to it at sign-up is (issue 3, task 6)."""

from __future__ import annotations

from scanner.inventory import FileResult


def flows(result: FileResult) -> set[tuple[str, str, int]]:
    return {(f.category, f.service, f.location.line) for f in result.flows}


def test_a_token_given_back_to_its_issuer_is_no_flow(scan_snippet) -> None:
    result = scan_snippet(
        """
        import requests

        def verify(request):
            token = request.POST["id_token"]
            return requests.get("https://oauth2.googleapis.com/tokeninfo", params={"id_token": token}).json()

        def profile(request):
            token = request.session["access_token"]
            return requests.get("https://www.googleapis.com/oauth2/v3/userinfo",
                                headers={"Authorization": f"Bearer {token}"})
        """
    )
    assert flows(result) == set()
    assert {u.service for u in result.services} == {"google_sign_in"}


def test_a_password_sent_to_an_identity_provider_is_a_flow(scan_snippet) -> None:
    result = scan_snippet(
        """
        import requests

        def signup(user, password):
            return requests.post("https://example.auth0.com/dbconnections/signup",
                                 json={"email": user.email, "password": password})
        """
    )
    assert flows(result) == {("user.contact.email", "auth0", 5), ("user.authorization.password", "auth0", 5)}
