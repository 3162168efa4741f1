"""Session 17's services fixes: (host, port) addresses (audit16 #18), SMTP to a provider's literal host
(audit16 #19), an app's own token for an API (heldout18's Graph mail backend), one provider named by a generic OAuth
client's token calls (heldout18's Adobe Sign wrapper)."""

from __future__ import annotations

from scanner.extract.py_services import MAIL_HOST_KEY
from scanner.inventory import FileResult


def uses(result: FileResult) -> set[tuple[str, str]]:
    return {(u.service, u.signal) for u in result.services}


def flows(result: FileResult) -> set[tuple[str, str, int]]:
    return {(f.category, f.service, f.location.line) for f in result.flows}


def test_a_host_port_address_names_the_host(scan_snippet) -> None:
    result = scan_snippet(
        """
        import socket

        PAPERTRAIL = ("logs3.papertrailapp.com", 12345)
        LOCAL = ("localhost", 514)
        CHOICES = ("api.stripe.com", "Stripe")

        def ship(line):
            socket.create_connection(("logs.logdna.com", int(PORT))).send(line)
        """
    )
    assert {(u.service, u.location.line) for u in result.services} == {("papertrail", 4), ("mezmo", 9)}


def test_smtp_to_a_provider_host_is_that_provider(scan_snippet) -> None:
    result = scan_snippet(
        """
        import smtplib
        from email.message import EmailMessage

        MAILGUN = "smtp.mailgun.org"

        def send(user):
            msg = EmailMessage()
            msg["To"] = user.email
            msg.set_content("Hello " + user.first_name)
            with smtplib.SMTP("smtp.sendgrid.net", 587) as s:
                s.login("apikey", "SG.x")
                s.send_message(msg)

        def send2(user):
            s = smtplib.SMTP_SSL(MAILGUN)
            s.sendmail("a@b.c", [user.email], "hi")

        def send3(user):
            smtplib.SMTP_SSL("smtp.sendgrid.net").sendmail("a@b.c", [user.email], "hi")
        """
    )
    assert {s for s, _ in uses(result)} == {"sendgrid", "mailgun"}  # no SMTP server from configuration
    assert flows(result) == {("user.contact.email", "sendgrid", 13), ("user.content.private", "sendgrid", 13),
                             ("user.name.first", "sendgrid", 13), ("user.contact.email", "mailgun", 17),
                             ("user.contact.email", "sendgrid", 20)}


def test_smtp_to_a_configured_or_unknown_host_stays_the_smtp_server(scan_snippet) -> None:
    result = scan_snippet(
        """
        import smtplib
        from django.conf import settings

        def send(user):
            with smtplib.SMTP(settings.MAIL_HOST) as s:
                s.sendmail("a@b.c", [user.email], "hi")
            smtplib.SMTP("smtp.sendgrid.net").sendmail("a@b.c", [user.email], "hi")
            smtplib.SMTP("mail.example.org").sendmail("a@b.c", [user.email], "hi")
        """
    )
    assert {(f.service, f.location.line) for f in result.flows} == {("smtp_server", 7), ("sendgrid", 8),
                                                                    ("smtp_server", 9)}
    assert ("smtp_server", "import") in uses(result)  # other connections are the configured server's


def test_a_mail_host_setting_names_the_provider_not_the_smtp_server(scan_snippet) -> None:
    result = scan_snippet('EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"\n'
                          'EMAIL_HOST = "smtp.sendgrid.net"\n', "shop/settings.py")
    assert ("smtp_server", "setting") not in {(u.service, u.signal) for u in result.services if u.location.line == 2}
    assert ("sendgrid", "setting_value") in uses(result)
    assert result.deferred[MAIL_HOST_KEY] == [("shop.settings", "EMAIL_HOST", "sendgrid")]


GRAPH_BACKEND = """
    import msal
    import requests
    from django.conf import settings

    class GraphBackend:
        def token(self):
            authority = f"https://login.microsoftonline.com/{settings.TENANT}"
            app = msal.ConfidentialClientApplication(client_id=settings.CLIENT_ID,
                                                     client_credential=settings.CLIENT_SECRET, authority=authority)
            return app.acquire_token_for_client(scopes=["https://graph.microsoft.com/.default"])["access_token"]

        def send(self, message):
            requests.post("https://graph.microsoft.com/v1.0/users/me/sendMail", json={"message": message},
                          headers={"Authorization": "Bearer " + self.token()})
    """


def test_an_apps_own_token_for_graph_is_part_of_using_graph(scan_snippet) -> None:
    result = scan_snippet(GRAPH_BACKEND)
    assert {s for s, _ in uses(result)} == {"microsoft_graph"}
    assert not [f for f in result.flows if f.service == "microsoft_entra_id"]


def test_a_user_sign_in_keeps_the_identity_provider(scan_snippet) -> None:
    result = scan_snippet(GRAPH_BACKEND + """
    def callback(request):
        app = msal.ConfidentialClientApplication(settings.CLIENT_ID)
        return app.acquire_token_by_authorization_code(request.GET["code"], scopes=["User.Read"])
    """)
    assert {s for s, _ in uses(result)} == {"microsoft_graph", "microsoft_entra_id"}


def test_a_generic_oauth_client_whose_token_calls_name_one_provider_is_its_client(scan_snippet) -> None:
    result = scan_snippet(
        """
        from requests_oauthlib import OAuth2Session

        TOKEN_URL = "https://api.echosign.com/oauth/token"

        class SignOAuthSession:
            def __init__(self, client_id, redirect_uri):
                self.session = OAuth2Session(client_id=client_id, redirect_uri=redirect_uri)

            def authorization_url(self, root):
                return self.session.authorization_url(root + "/public/oauth")

            def create_token(self, code, secret):
                return self.session.fetch_token(TOKEN_URL, code=code, client_secret=secret)
        """
    )
    assert {s for s, _ in uses(result)} == {"adobe_acrobat_sign"}


def test_a_discovery_documents_endpoints_are_the_configured_identity_provider(scan_snippet) -> None:
    """Audit16 #04 (kinto's openid plugin): hand-written OIDC against an operator-configured issuer."""
    result = scan_snippet(
        """
        import requests

        class OpenIDConnectPolicy:
            def __init__(self, oid_config, client_id, client_secret):
                self.oid_config = oid_config

            def userinfo(self, access_token):
                uri = self.oid_config["userinfo_endpoint"]
                return requests.get(uri, headers={"Authorization": "Bearer " + access_token}).json()

            def trade_code(self, code, redirect_uri):
                token_endpoint = self.oid_config.get("token_endpoint")
                data = {"code": code, "client_id": self.client_id, "client_secret": self.client_secret,
                        "redirect_uri": redirect_uri, "grant_type": "authorization_code"}
                return requests.post(token_endpoint, data=data)

            def introspect(self, token):
                return requests.post(self.oid_config["introspection_endpoint"], data={"token": token})
        """
    )
    assert {(u.service, u.location.line) for u in result.services} == {
        ("configured_identity_provider", 10), ("configured_identity_provider", 16),
        ("configured_identity_provider", 19)}
    assert not result.flows  # codes and tokens given back to their issuer, the business's own client secret


def test_a_url_a_vendors_setting_holds_read_through_a_module_name(scan_snippet) -> None:
    """heldout18's django-bulksms: the URLs are a dict in the vendor's setting, read by key; the account's username
    and password read from settings are the business's, not a person's."""
    result = scan_snippet(
        """
        import requests
        from django.conf import settings

        username = getattr(settings, "BULKSMS_AUTH_USERNAME", "")
        password = getattr(settings, "BULKSMS_AUTH_PASSWORD", "")
        api_url = getattr(settings, "BULKSMS_API_URL", "")
        other = settings.REPORTS_URL

        def send_single(msisdn=None, message=None):
            payload = {"username": username, "password": password, "msisdn": msisdn, "message": message}
            return requests.post(api_url.get("single", None), params=payload)

        def report(email):
            return requests.post(other, json={"email": email})
        """
    )
    assert ("bulksms", 12) in {(u.service, u.location.line) for u in result.services}
    assert {(f.category, f.service) for f in result.flows if f.location.line == 12} == {
        ("user.contact.phone_number", "bulksms"), ("user.content.private", "bulksms")}
    assert not [u for u in result.services if u.location.line == 15 and u.service == "bulksms"]


def test_a_queryset_read_on_a_vendor_named_object_is_the_projects_rows(scan_snippet) -> None:
    """heldout18's django-hello-sign: `self.hellosign_requests().first()` reads the project's own records (the
    HelloSign alias made `hellosign` a brand word)."""
    from scanner.extract.py_services import NAMED_KEY

    result = scan_snippet(
        """
        class HelloSignModelMixin:
            def latest_request(self):
                return self.hellosign_requests().first()

            def send(self, user):
                return self.hellosign_client.send_signature_request(email=user.email)
        """
    )
    assert [call.evidence for call in result.deferred.get(NAMED_KEY, [])] == [
        "self.hellosign_client.send_signature_request(email=user.email)"]


def test_agent_platforms_audit17_09(scan_snippet) -> None:
    """letta's vector store, code sandbox and tool platform (audit17 #09)."""
    result = scan_snippet(
        """
        from turbopuffer import Turbopuffer
        from e2b_code_interpreter import Sandbox
        from composio import ComposioToolSet

        def remember(user_id, vector):
            Turbopuffer(api_key="k").namespace(f"user-{user_id}").write(upsert_rows=[{"id": "1", "vector": vector}])

        def run_tool(code):
            with Sandbox() as sbx:
                return sbx.run_code(code)
        """
    )
    assert {u.service for u in result.services} == {"turbopuffer", "e2b", "composio"}
