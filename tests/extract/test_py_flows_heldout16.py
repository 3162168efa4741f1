"""Flows heldout16 missed (session 15): a constructor's URL parameter defaulted in its body, a tag's script
written in place."""

from __future__ import annotations

from scanner.inventory import FileResult


def flows(result: FileResult) -> set[tuple[str, str, int]]:
    return {(f.category, f.service, f.location.line) for f in result.flows}


def test_a_url_parameter_set_to_a_literal_default_when_not_given_is_that_url(scan_snippet) -> None:
    # django-castle's api.py: `if not api_url: api_url = getattr(settings, "CASTLE_API_URL", "https://...")`
    result = scan_snippet(
        """
        import requests
        from django.conf import settings


        class Castle:
            def __init__(self, api_url=None):
                if not api_url:
                    api_url = getattr(settings, "CASTLE_API_URL", "https://api.castle.io/v1/")
                    self.api_url = api_url

            def track(self, user):
                requests.post("%s/%s" % (self.api_url, "events"), data={"user_id": str(user.id), "email": user.email})
        """
    )
    assert flows(result) == {("user.contact.email", "castle", 13), ("user.unique_id", "castle", 13)}


def test_a_url_parameter_set_to_a_setting_or_to_itself_stays_configured(scan_snippet) -> None:
    result = scan_snippet(
        """
        import requests
        from django.conf import settings


        class Events:
            def __init__(self, api_url=None):
                if not api_url:
                    api_url = settings.EVENTS_API_URL
                self.api_url = api_url

            def track(self, user):
                requests.post("%s/%s" % (self.api_url, "events"), data={"email": user.email})


        def post(url, user):
            url = url.rstrip("/")
            requests.post(url, json={"email": user.email})
        """
    )
    assert flows(result) == {("user.contact.email", "unresolved_webhook", 13),
                             ("user.contact.email", "unresolved_webhook", 18)}


def test_a_tags_script_written_in_place_and_filled_with_a_persons_data_is_a_flow(scan_snippet) -> None:
    # django-castle's template tag: the snippet is a literal formatted where it is written, not a module constant
    result = scan_snippet(
        '''
        from django import template
        from django.conf import settings

        register = template.Library()


        @register.simple_tag
        def castle_load(user=None):
            secret = getattr(settings, "CASTLE_API_SECRET", False)
            script = """<script>_castle('setAppId', '%(app_id)s');""" % {"app_id": settings.CASTLE_APP_ID}
            if user:
                script += """
            _castle('identify', '%(user_id)s', {email: '%(user_email)s', name: '%(user_name)s'});""" % {
                    "user_id": user.id, "user_email": user.email, "user_name": user.get_full_name()}
            return script + "</script>"
        '''
    )
    assert flows(result) == {("user.unique_id", "castle", 13), ("user.contact.email", "castle", 13),
                             ("user.name", "castle", 13)}


def test_a_query_or_prose_written_in_place_is_no_trackers_snippet(scan_snippet) -> None:
    result = scan_snippet(
        '''
        from django.conf import settings
        from django.db import connection

        KEY = settings.CASTLE_API_SECRET


        def lookup(user):
            with connection.cursor() as cursor:
                cursor.execute("SELECT id FROM logins WHERE email = lower('%s');" % user.email)
            return "Hello %s, see you (soon); bye" % user.first_name
        '''
    )
    assert flows(result) == set()


def test_request_input_under_a_key_that_says_nothing_is_what_the_code_names_it(scan_snippet) -> None:
    # django-ipapi's middleware: `ip_address = request.GET.get('__ipapi__', get_real_ip(request))`
    result = scan_snippet(
        """
        import requests
        from django.conf import settings


        def process_request(request):
            ip_address = request.GET.get("__ipapi__")
            requests.post("https://api.castle.io/v1/events", json={"value": ip_address})
            token = request.GET.get("__t__")
            requests.post("https://api.castle.io/v1/events", json={"value": token})
            server_ip = settings.SERVER_ADDRESS
            requests.post("https://api.castle.io/v1/events", json={"value": server_ip})
        """
    )
    # the key says nothing, the name does; a setting is no one's, and an opaque name stays input
    assert flows(result) == {("user.device.ip_address", "castle", 8)}


_BACKEND = """
    from smtp2go.core import Smtp2goClient
    from smtp2go.exceptions import Smtp2goBaseException


    class ContentError(Smtp2goBaseException):
        pass


    class Backend:
        def __init__(self):
            self.client = Smtp2goClient()

        def send_messages(self, messages):
            for message in messages:
                payload = {"recipients": message.to, "subject": "Hello"}
                payload["text"], payload["html"] = message.body, None
                if not payload["recipients"]:
                    raise ContentError("missing: {0}".format(payload))
                self.client.send(**payload)
    """


def test_keys_filled_by_one_tuple_assignment_carry_their_values(scan_project) -> None:
    # smtp2go-django's backend: `payload['text'], payload['html'] = text, html`, then `send(**payload)`
    found = {(f.category, f.service, f.location.line) for r in scan_project({"mail/backend.py": _BACKEND})
             for f in r.flows}
    assert ("user.content.private", "smtp2go", 20) in found


def test_an_sdks_error_class_built_with_the_data_sends_nothing(scan_project) -> None:
    found = {(f.category, f.service, f.location.line) for r in scan_project({"mail/backend.py": _BACKEND})
             for f in r.flows}
    assert {line for _, _, line in found} == {20}  # not the raise (18)


_HOSTED_PAGE = {
    "shop/gateway.py": """
        from urllib.parse import urlencode


        def build_payment_url(cart_id, total, params=None, test_mode=False):
            data = ((b"cartId", cart_id), (b"amount", "{0:.2f}".format(total)))
            if params is not None:
                data += tuple(sorted(params.items()))
            if test_mode:
                base = "https://secure-test.worldpay.com/wcc/purchase?"
            else:
                base = "https://secure.worldpay.com/wcc/purchase?"
            return base + urlencode(data)


        def build_status_url(order_number):
            return "https://secure.worldpay.com/wcc/status?" + urlencode({"status": "open"})


        def build_local_url(user):
            return "https://shop.example.org/thanks?" + urlencode({"email": user.email})
        """,
    "shop/facade.py": """
        from . import gateway


        def payment_url(order, user, address):
            params = {b"name": address.name, b"town": address.city, b"tel": address.phone}
            params[b"email"] = user.email
            return gateway.build_payment_url(order.number, order.total, params=params)
        """,
}


def test_a_services_url_whose_query_the_code_encodes_carries_it_there(scan_project) -> None:
    # django-oscar-worldpay: the buyer's address goes to Worldpay's hosted page in the URL's query string; the
    # pairs' and the bytes keys' names are read as a dict's (`(b'amount', total)`, `{b'tel': phone}`), and
    # `data += tuple(params.items())` adds the caller's parameters
    found = {(f.location.path, f.category, f.service) for r in scan_project(_HOSTED_PAGE) for f in r.flows}
    assert {(c, s) for p, c, s in found if p == "shop/facade.py"} == {
        ("user.name", "worldpay"), ("user.contact.address.city", "worldpay"),
        ("user.contact.phone_number", "worldpay"), ("user.contact.email", "worldpay")}
    assert ("shop/gateway.py", "user.payment", "worldpay") in found


def test_a_query_with_nothing_personal_or_to_the_apps_own_host_is_no_flow(scan_project) -> None:
    found = {(f.location.path, f.location.line) for r in scan_project(_HOSTED_PAGE) for f in r.flows}
    assert not {line for path, line in found if path == "shop/gateway.py"} & {17, 18, 21, 22}


def test_a_string_extended_with_a_persons_data_carries_it(scan_snippet) -> None:
    result = scan_snippet(
        """
        import requests


        def notify(user):
            text = "New sign-up"
            text += f" from {user.email}"
            requests.post("https://hooks.slack.com/services/T0/B0/X", json={"text": text})
            note = "Total"
            note -= 1
            requests.post("https://hooks.slack.com/services/T0/B0/X", json={"text": note})
        """
    )
    assert {(f.category, f.location.line) for f in result.flows} == {("user.contact.email", 8)}


def test_an_http_clients_verb_chosen_by_name_sends_its_body(scan_snippet) -> None:
    # flask-opsgenie: `getattr(requests, http_verb)(url, headers=headers, json=payload)`
    result = scan_snippet(
        """
        import requests

        from . import store


        def call_api(http_verb="get", url=None, payload=None):
            return getattr(requests, http_verb)(url, json=payload)


        def alert(user):
            call_api("post", "https://api.opsgenie.com/v2/alerts", payload={"message": user.email})
            getattr(store, "save")(user.email)
        """
    )
    # another object's method by name is no HTTP call
    assert {(f.category, f.service, f.location.line) for f in result.flows} == {
        ("user.contact.email", "opsgenie", 12)}


def test_formatting_a_value_an_sdk_returned_sends_nothing(scan_snippet) -> None:
    # audit14 #06 (calibre-web's gmail.py): `creds.expiry.isoformat()` is no call of Google's sign-in
    result = scan_snippet(
        """
        import stripe
        from google.oauth2.credentials import Credentials
        from google_auth_oauthlib.flow import InstalledAppFlow


        def setup_gmail(token):
            creds = Credentials(token=token["token"], refresh_token=token["refresh_token"])
            if not creds.valid:
                flow = InstalledAppFlow.from_client_secrets_file("gmail.json", ["gmail.send"])
                creds = flow.run_local_server(port=0)
                return {"token": creds.token, "expiry": creds.expiry.isoformat()}
            return {}


        def customer(user):
            stripe.Customer.create(email=user.email.lower())
        """
    )
    assert {(f.category, f.service, f.location.line) for f in result.flows} == {
        ("user.contact.email", "stripe", 17)}


def test_snake_case_words_do_not_run_together_into_a_brand(scan_snippet) -> None:
    # audit15 #02: `def get_response` (Django's and Starlette's hook) is no GetResponse; `SendGridNotifier` is SendGrid
    result = scan_snippet(
        """
        import requests
        from django.conf import settings


        class PartnerClient:
            def get_response(self, user):
                return requests.post(settings.PARTNER_API_URL, json={"email": user.email})


        class SendGridNotifier:
            def notify(self, user):
                return requests.post(settings.NOTIFY_URL, json={"email": user.email})
        """
    )
    assert {(f.service, f.location.line) for f in result.flows} == {("unresolved_webhook", 8), ("sendgrid", 13)}


def test_a_client_handed_in_under_a_key_named_for_an_imported_sdk_is_that_sdks(scan_snippet) -> None:
    # heldout15's django-workos forms: `self.client = kwargs.pop("workos_client", None)`
    result = scan_snippet(
        """
        import workos
        from django import forms


        class EnrollForm(forms.Form):
            def __init__(self, *args, **kwargs):
                self.client = kwargs.pop("workos_client", None)
                self.http = kwargs.pop("http_client", None)
                self.mailer = kwargs.pop("mailgun_client", None)
                super().__init__(*args, **kwargs)

            def clean_phone_number(self):
                self.client.mfa.enroll_factor(type="sms", phone_number=self.cleaned_data["phone_number"])
                self.http.post(phone_number=self.cleaned_data["phone_number"])
                self.mailer.send(to=self.cleaned_data["email"])
        """
    )
    # an unnamed client, or one named for an SDK the module does not import, stays unknown
    assert {(f.category, f.service, f.location.line) for f in result.flows} == {
        ("user.contact.phone_number", "workos", 14)}


def test_a_wrapper_forwarding_its_positional_arguments_passes_them_on(scan_project) -> None:
    # audit12 #18 (django-ocs-observation-portal): `def send_mail(*args, **kwargs): django_send_mail(*args, **kwargs)`
    results = scan_project({
        "portal/tasks.py": """
            import logging
            from django.core.mail import send_mail as django_send_mail


            def send_mail(*args, **kwargs):
                django_send_mail(*args, **kwargs)


            def log_only(subject, *args):
                logging.getLogger(__name__).info("%s %s", subject, args)
            """,
        "portal/models.py": """
            from django.conf import settings

            from portal.tasks import log_only, send_mail


            def notify(application):
                to = [str(application.submitter.email)]
                send_mail("Status", "Your proposal was accepted", settings.ORGANIZATION_EMAIL, to)
                log_only("Status", application.submitter.phone)
            """,
    })
    found = {(f.location.path, f.category, f.service, f.location.line) for r in results for f in r.flows}
    assert found == {("portal/models.py", "user.contact.email", "smtp_server", 9)}


def test_a_pydantic_schema_filled_from_an_object_and_dumped_carries_its_fields(scan_project) -> None:
    # audit15 #07 (argilla-server's webhooks): as a DRF serializer's `.data` does
    results = scan_project({"app/webhooks.py": """
        import httpx
        from pydantic import BaseModel, ConfigDict


        class UserEventSchema(BaseModel):
            first_name: str
            username: str
            model_config = ConfigDict(from_attributes=True)


        class WorkspaceSchema(BaseModel):
            name: str
            created_at: str


        def notify_user(webhook_url: str, user) -> None:
            httpx.post(webhook_url, json=UserEventSchema.model_validate(user).model_dump(mode="json"))


        def notify_user_v1(webhook_url: str, user) -> None:
            httpx.post(webhook_url, json=UserEventSchema.from_orm(user).dict())


        def notify_workspace(webhook_url: str, workspace) -> None:
            httpx.post(webhook_url, json=WorkspaceSchema.model_validate(workspace).model_dump())
            reply = httpx.get(webhook_url)
            httpx.post(webhook_url, json=reply.json())
        """})
    found = {(f.category, f.location.line) for r in results for f in r.flows}
    assert found == {("user.name.first", 18), ("user.account.username", 18),
                     ("user.name.first", 22), ("user.account.username", 22)}


def test_a_graphql_clients_variables_go_to_its_transports_host(scan_snippet) -> None:
    # audit15 #17: gql's `client.execute(doc, variable_values={...})` sends the variables to the transport's URL
    result = scan_snippet(
        """
        import sqlite3
        from gql import Client, gql
        from gql.transport.requests import RequestsHTTPTransport

        transport = RequestsHTTPTransport(url="https://api.monday.com/v2", headers={"Authorization": "key"})
        client = Client(transport=transport)
        CREATE = gql("mutation($email: String!) { create_item(column_values: $email) { id } }")


        def sync(user):
            client.execute(CREATE, variable_values={"email": user.email, "name": user.name})


        def store(user):
            sqlite3.connect("app.db").cursor().execute("INSERT INTO u VALUES (?)", (user.email,))
        """
    )
    assert {(f.category, f.service, f.location.line) for f in result.flows} == {
        ("user.contact.email", "monday", 12), ("user.name", "monday", 12)}
