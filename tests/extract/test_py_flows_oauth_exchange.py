"""An OAuth 2.0 token request trades what the provider issued (heldout18's Twitch: the sign-in's code, the refresh
token, the access token validated in an Authorization header) and the app's own secret from configuration (heldout18's
msgraph_email: `client_credential=settings.GRAPH_API_CREDENTIALS["client_secret"]` to Entra ID): no datum of the
person's is shared by it. A password grant's password still is."""

from __future__ import annotations

from scanner.inventory import FileResult


def flows(result: FileResult) -> set[tuple[str, str, int]]:
    return {(f.category, f.service, f.location.line) for f in result.flows}


def test_what_an_oauth_exchange_trades_is_no_flow(scan_snippet) -> None:
    result = scan_snippet(
        """
        import msal
        import requests
        from django.conf import settings

        TOKEN_URL = "https://id.twitch.tv/oauth2/token"

        def login(request):
            code = request.GET.get("code", None)
            params = {"client_id": settings.TWITCH_CLIENT_ID, "client_secret": settings.TWITCH_CLIENT_SECRET,
                      "code": code, "grant_type": "authorization_code"}
            return requests.post(TOKEN_URL, params=params)

        def refresh(request):
            token = request.session["access_token"]
            if requests.get("https://id.twitch.tv/oauth2/validate",
                            headers={"Authorization": f"Bearer {token}"}).status_code != 200:
                params = {"refresh_token": request.session["refresh_token"], "grant_type": "refresh_token"}
                requests.post(TOKEN_URL, params=params)

        def app():
            return msal.ConfidentialClientApplication(
                client_id=settings.GRAPH_API_CREDENTIALS["client_id"],
                client_credential=settings.GRAPH_API_CREDENTIALS["client_secret"],
                authority="https://login.microsoftonline.com/common")
        """
    )
    assert flows(result) == set()


def test_a_password_grant_still_shares_the_persons_password(scan_snippet) -> None:
    result = scan_snippet(
        """
        import requests

        def sign_in(user, password):
            return requests.post("https://id.twitch.tv/oauth2/token",
                                 data={"grant_type": "password", "username": user.username, "password": password})
        """
    )
    assert flows(result) == {("user.authorization.password", "twitch", 5), ("user.account.username", "twitch", 5)}
