"""Catalogue gaps heldout16 (seen since session 15) showed, by the vendors' documented SDKs and hosts: GetResponse's
PyPI SDKs (`get_response_sdk`, `getresponse`), Worldpay's Business Gateway and Worldpay Online hosts, and Authy's
form helpers as its docs load them from cdnjs; YouTube's retired GData client (heldout19's django-youtube), an OpenAI
client aimed at a newly catalogued LLM API by its base URL, and Coralogix's logging handler named by a LOGGING dict."""

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


def test_youtubes_gdata_client_is_youtube(scan_snippet) -> None:
    """django-youtube (heldout19) wraps the retired v2 API's GData client: only its settings named YouTube."""
    result = scan_snippet(
        """
        import gdata.youtube.service
        import requests

        class Api:
            yt_service = gdata.youtube.service.YouTubeService()

            def fetch_feed(self, channel):
                return Api.yt_service.GetYouTubeVideoFeed("http://gdata.youtube.com/feeds/api/users/" + channel)

        def search(q):
            return requests.get("https://www.googleapis.com/youtube/v3/search", params={"q": q})

        def book(isbn):
            return requests.get("https://www.googleapis.com/books/v1/volumes", params={"q": isbn})
        """
    )
    assert {(u.service, u.signal) for u in result.services} >= {("youtube", "import"), ("youtube", "call"),
                                                                ("youtube", "domain")}
    assert {u.service for u in result.services if u.location.line == 12} == {"youtube"}
    assert {u.service for u in result.services if u.location.line == 15} == {"google_books"}


def test_an_openai_client_aimed_at_a_newly_catalogued_provider_is_that_provider(scan_snippet) -> None:
    """Session 18's breadth: OpenAI-compatible LLM APIs are named by the base URL an OpenAI client is given."""
    result = scan_snippet(
        """
        from openai import OpenAI

        client = OpenAI(base_url="https://api.deepinfra.com/v1/openai", api_key="k")

        def answer(user, question):
            return client.chat.completions.create(model="m", messages=[{"role": "user", "content": question}])
        """
    )
    assert "deepinfra" in {u.service for u in result.services}
    assert "openai" not in {u.service for u in result.services if u.signal != "import"}


def test_coralogixs_log_handler_named_by_a_logging_dict_ships_the_records(scan_project) -> None:
    """A LOGGING dict's handler class is read as a sink through the catalogue's setting values (py_log_channels; the
    2.x SDK's `coralogix.handlers.CoralogixLogger` is not named `...Handler`, which py_log_channels requires)."""
    settings = """
        LOGGING = {"version": 1, "handlers": {"cx": {"class": "coralogix.CoralogixHTTPSHandler", "level": "ERROR"}},
                   "root": {"handlers": ["cx"]}}
        """
    views = """
        import logging

        logger = logging.getLogger(__name__)

        def charge(user):
            logger.info("charging %s", user.email)
            logger.error("refund requested by %s", user.email)
        """
    results = scan_project({"app/settings.py": settings, "app/views.py": views})
    assert {(f.category, f.service, f.location.line) for r in results for f in r.flows if r.path == "app/views.py"} \
        == {("user.contact.email", "coralogix", 8)}
