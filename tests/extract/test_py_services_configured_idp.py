"""A login through an OAuth2/OIDC provider the operator configures at run time is a recipient of category
auth_identity, `configured_identity_provider` (audit14 #09: pgAdmin's authlib `OAuth().register(**config)` was no
third party at all); a vendor the code names stays that vendor."""

from __future__ import annotations

from scanner.inventory import FileResult


def services(result: FileResult) -> set[str]:
    return {u.service for u in result.services}


def test_authlib_register_from_configuration_is_the_configured_provider(scan_snippet) -> None:
    result = scan_snippet(
        """
        from authlib.integrations.flask_client import OAuth
        import config

        oauth = OAuth()
        client = oauth.register(name=config.NAME, client_id=config.ID, access_token_url=config.TOKEN_URL,
                                api_base_url=config.API_BASE_URL)

        def authorized():
            token = client.authorize_access_token()
            return client.get("userinfo", token=token).json()
        """
    )
    assert services(result) == {"configured_identity_provider"}


def test_requests_oauthlib_session_to_a_configured_provider(scan_snippet) -> None:
    result = scan_snippet(
        """
        from requests_oauthlib import OAuth2Session
        from django.conf import settings

        def login(request):
            sso = OAuth2Session(settings.SSO_CLIENT_ID, redirect_uri=settings.SSO_REDIRECT)
            url, state = sso.authorization_url(settings.SSO_AUTHORIZE_URL)
            return url
        """
    )
    assert "configured_identity_provider" in services(result)


def test_mozilla_django_oidc_backend_in_settings(scan_snippet) -> None:
    result = scan_snippet(
        """
        AUTHENTICATION_BACKENDS = ["mozilla_django_oidc.auth.OIDCAuthenticationBackend"]
        OIDC_OP_TOKEN_ENDPOINT = os.environ["OIDC_OP_TOKEN_ENDPOINT"]
        """
    )
    assert "configured_identity_provider" in services(result)


def test_a_named_vendor_stays_that_vendor(scan_snippet) -> None:
    dance = scan_snippet("from flask_dance.contrib.github import make_github_blueprint\nbp = make_github_blueprint()\n")
    assert services(dance) == {"github_login"}
    google = scan_snippet(
        """
        from authlib.integrations.flask_client import OAuth

        oauth = OAuth()
        oauth.register(name="google",
                       server_metadata_url="https://accounts.google.com/.well-known/openid-configuration")
        """
    )
    assert "google_sign_in" in services(google)
    assert "configured_identity_provider" not in services(google)
    github = scan_snippet(
        """
        from authlib.integrations.flask_client import OAuth

        oauth = OAuth()
        client = oauth.register(name="gh", access_token_url="https://github.com/login/oauth/access_token")

        def authorized():
            token = client.authorize_access_token()
            return client.get("user", token=token).json()
        """
    )
    assert services(github) == {"github_login"}


def test_a_backend_that_writes_out_an_uncatalogued_host_is_that_host(scan_snippet) -> None:
    # audit15 #04's rest: the provider's host is in the code, not in configuration; the catalogue does not know it
    result = scan_snippet(
        """
        from social_core.backends.open_id_connect import OpenIdConnectAuth

        class AcmeOpenId(OpenIdConnectAuth):
            name = "acme"
            AUTHORIZATION_URL = "https://login.acme-identity.io/oauth/authorize"
            OIDC_ENDPOINT = "https://login.acme-identity.io"
        """
    )
    assert {(u.service, u.location.line) for u in result.services} == {("unlisted_host", 6), ("unlisted_host", 7)}


def test_a_url_attribute_of_a_class_that_is_no_backend_is_no_recipient(scan_snippet) -> None:
    result = scan_snippet(
        """
        from social_core.backends.open_id_connect import OpenIdConnectAuth

        class Links:
            HOMEPAGE = "https://www.acme-identity.io/"

        class CompanyOpenId(OpenIdConnectAuth):
            name = "company"
        """
    )
    assert services(result) == {"configured_identity_provider"}
