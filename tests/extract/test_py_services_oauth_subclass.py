"""A subclass of a generic OAuth client that sets a catalogued API's URLs as its OAuth endpoints is that API's
client (heldout17's keap-flask: `KeapSession(OAuth2Session)` was `configured_identity_provider` in three files)."""

from __future__ import annotations

SESSION = """
from authlib.integrations.requests_client import OAuth2Session

class KeapSession(OAuth2Session):
    def __init__(self, app):
        self.token_endpoint = "https://api.infusionsoft.com/token"
        self.auth_endpoint = "https://accounts.infusionsoft.com/app/oauth/authorize"
        OAuth2Session.__init__(self, client_id=app.config.get("CLIENT_ID"), token_endpoint=self.token_endpoint)

    def refresh(self):
        self.refresh_token(url=self.token_endpoint)

    def tags(self):
        response = self.session.get("tags")
        return response.json().get("tags")
"""


def test_an_oauth_session_subclass_with_an_apis_endpoints_is_that_apis_client(scan_project) -> None:
    session, client = scan_project({
        "kf/session.py": SESSION,
        "kf/client.py": """
            from kf.session import KeapSession

            class KeapClient(KeapSession):
                def find(self, email):
                    return self.get("contacts", params={"email": email})
            """,
    })
    assert {u.service for u in session.services} == {"keap"}
    # what it calls on itself goes to Keap: the constructor's and refresh's lines are Keap's calls
    assert {(u.signal, u.location.line) for u in session.services if u.signal == "call"} >= {("call", 8), ("call", 11)}
    assert {u.service for u in client.services} == {"keap"}  # the subclass in another module inherits Keap only


def test_an_oauth_session_subclass_naming_no_api_stays_configured(scan_snippet) -> None:
    result = scan_snippet(
        """
        from authlib.integrations.requests_client import OAuth2Session

        class ProviderSession(OAuth2Session):
            def __init__(self, config):
                self.token_endpoint = config["token_endpoint"]
                OAuth2Session.__init__(self, client_id=config["client_id"], token_endpoint=self.token_endpoint)
        """
    )
    assert {u.service for u in result.services} == {"configured_identity_provider"}


def test_a_url_a_method_keeps_under_another_name_names_no_provider(scan_snippet) -> None:
    # (the endpoint is the sign-in's; a help page or an API base elsewhere in the class is not)
    result = scan_snippet(
        """
        from authlib.integrations.requests_client import OAuth2Session

        class ProviderSession(OAuth2Session):
            def __init__(self, config):
                self.docs_url = "https://api.infusionsoft.com/crm/rest/v1/"
                OAuth2Session.__init__(self, client_id=config["client_id"])
        """
    )
    assert "configured_identity_provider" in {u.service for u in result.services}
