"""Catalogue gaps heldout16 (seen since session 15) showed, by the vendors' documented SDKs and hosts: GetResponse's
PyPI SDKs (`get_response_sdk`, `getresponse`), Worldpay's Business Gateway and Worldpay Online hosts, and Authy's
form helpers as its docs load them from cdnjs."""

from __future__ import annotations

from scanner.inventory import FileResult


def services(result: FileResult) -> set[str]:
    return {u.service for u in result.services}


def test_getresponse_sdk_clients_are_getresponse(scan_snippet) -> None:
    result = scan_snippet(
        """
        from get_response_sdk import GetResponseClient

        def sync(contact, api_key):
            client = GetResponseClient()
            client.create_profile(api_key=api_key, email=contact.email)
        """
    )
    assert services(result) == {"getresponse"}
    assert scan_snippet("import getresponse\n").services[0].service == "getresponse"


def test_a_middlewares_get_response_is_no_getresponse(scan_snippet) -> None:
    result = scan_snippet(
        """
        class Middleware:
            def __init__(self, get_response):
                self.get_response = get_response

            def __call__(self, request):
                return self.get_response(request)
        """
    )
    assert services(result) == set()


def test_worldpay_hosted_payment_page_url(scan_snippet) -> None:
    result = scan_snippet(
        """
        from urllib.parse import urlencode

        def build_payment_url(inst_id, cart_id, total, test_mode=False):
            if test_mode:
                base = "https://secure-test.worldpay.com/wcc/purchase?"
            else:
                base = "https://secure.worldpay.com/wcc/purchase?"
            return base + urlencode({"instId": inst_id, "cartId": cart_id, "amount": total})
        """
    )
    assert services(result) == {"worldpay"}


def test_worldpays_website_is_no_worldpay_api(scan_snippet) -> None:
    assert services(scan_snippet('HELP = "https://www.worldpay.com/en/contact"\n')) == set()


def test_authys_form_helpers_from_cdnjs_are_authy_other_libraries_stay_cdnjs(scan_snippet) -> None:
    result = scan_snippet(
        """
        from django import forms

        class AuthyForm(forms.Form):
            token = forms.CharField()

            class Media:
                css = {"all": ("//cdnjs.cloudflare.com/ajax/libs/authy-forms.css/2.0/form.authy.min.css",)}
                js = ("//cdnjs.cloudflare.com/ajax/libs/authy-forms.js/2.0/form.authy.min.js",
                      "//cdnjs.cloudflare.com/ajax/libs/jquery/3.7.1/jquery.min.js")
        """
    )
    assert {(u.service, u.location.line) for u in result.services} == {
        ("twilio_authy", 8), ("twilio_authy", 9), ("cloudflare", 10)}


def test_hugging_face_hub_telemetry_sends_what_it_is_given(scan_snippet) -> None:
    # audit15 #04: argilla-server's telemetry after each API request, through huggingface_hub's send_telemetry
    result = scan_snippet(
        """
        from huggingface_hub.utils import send_telemetry

        def track_api_request(request, user):
            data = {"request.user-agent": request.headers.get("user-agent"), "user.id": user.id}
            send_telemetry(topic="server/endpoints", library_name="server", user_agent=data)
        """
    )
    assert services(result) == {"huggingface_hub"}
    assert ("user.unique_id", "huggingface_hub") in {(f.category, f.service) for f in result.flows}


def test_the_inference_client_stays_the_inference_api(scan_snippet) -> None:
    result = scan_snippet("from huggingface_hub import InferenceClient\n")
    assert services(result) == {"huggingface_inference"}


def test_an_oidc_backend_that_writes_its_providers_urls_names_that_provider(scan_snippet) -> None:
    result = scan_snippet(
        """
        from social_core.backends.open_id_connect import OpenIdConnectAuth

        class HuggingfaceOpenId(OpenIdConnectAuth):
            name = "huggingface"
            AUTHORIZATION_URL = "https://huggingface.co/oauth/authorize"
            ACCESS_TOKEN_URL = "https://huggingface.co/oauth/token"
            OIDC_ENDPOINT = "https://huggingface.co"
        """
    )
    assert {(u.service, u.location.line) for u in result.services} == {
        ("huggingface_login", 6), ("huggingface_login", 7), ("huggingface_login", 8)}


def test_an_oidc_backend_configured_at_run_time_stays_configured(scan_snippet) -> None:
    result = scan_snippet(
        """
        from django.conf import settings
        from social_core.backends.open_id_connect import OpenIdConnectAuth

        class CompanyOpenId(OpenIdConnectAuth):
            name = "company"
            OIDC_ENDPOINT = settings.COMPANY_OIDC_ENDPOINT
        """
    )
    assert services(result) == {"configured_identity_provider"}


def test_a_generic_client_registered_beside_a_written_backend_stays_configured(scan_snippet) -> None:
    result = scan_snippet(
        """
        from authlib.integrations.flask_client import OAuth
        from social_core.backends.open_id_connect import OpenIdConnectAuth

        oauth = OAuth()
        oauth.register("corp", server_metadata_url=CORP_METADATA)

        class HuggingfaceOpenId(OpenIdConnectAuth):
            AUTHORIZATION_URL = "https://huggingface.co/oauth/authorize"
        """
    )
    assert {"configured_identity_provider", "huggingface_login"} <= services(result)


def test_outlooks_host_is_microsoft_365_mail_and_teams_only_its_webhooks(scan_snippet) -> None:
    # audit15 #11: roundup's Outlook IMAP scopes read as Microsoft Teams; a scope URI is no request at all
    result = scan_snippet(
        """
        import requests

        SCOPES = ("https://outlook.office.com/IMAP.AccessAsUser.All", "https://outlook.office.com/User.Read")

        def inbox(token):
            return requests.get("https://outlook.office.com/api/v2.0/me/messages", headers={"Authorization": token})
        """
    )
    assert {(u.service, u.location.line) for u in result.services} == {("microsoft_graph", 7)}
    teams = scan_snippet(
        """
        import requests

        def notify(text):
            requests.post("https://outlook.office.com/webhook/abc/IncomingWebhook/def", json={"text": text})
        """,
        name="teams.py",
    )
    assert {u.service for u in teams.services} == {"microsoft_teams"}


def test_the_smtp_servers_name_names_no_frameworks_setting(rules) -> None:
    # audit15 #15: Flask-Mail's MAIL_SERVER and plain smtplib configure theirs otherwise than Django's EMAIL_HOST
    assert "EMAIL_HOST" not in rules.catalogue.services["smtp_server"].name
