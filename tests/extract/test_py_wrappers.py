"""A project's own wrappers around a provider: client properties and factories, helper methods that post a
payload built elsewhere, objects named for the provider, and what an SDK's message object carries."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from scanner.config import Config
from scanner.extract.project import finalize
from scanner.inventory import FileResult
from scanner.scan import scan_file
from tests.extract.test_python_resolution import (
    project,  # several files scanned as one project
)


def flows(result: FileResult) -> set[tuple[str, str, int]]:
    return {(f.category, f.service, f.location.line) for f in result.flows}


ONE_FILE = [
    pytest.param(
        """
        import razorpay

        class Payments:
            @property
            def client(self):
                if not hasattr(self, "_c"):
                    self._c = razorpay.Client(auth=(self.KEY, self.SECRET))
                return self._c

            def link(self, amount, name="", email=""):
                data = {"amount": amount, "customer": {"name": name}}
                data["customer"]["email"] = email
                return self.client.payment_link.create(data)
        """,
        {("user.payment", "razorpay", 14), ("user.name", "razorpay", 14), ("user.contact.email", "razorpay", 14)},
        id="a-property-returning-an-sdk-client-is-that-client-and-a-nested-dict-names-its-owner",
    ),
    pytest.param(
        """
        import stripe

        def charge(user):
            get_client().customers.create(params={"email": user.email})

        def get_client():
            client = stripe.StripeClient("sk_live")
            return client
        """,
        {("user.contact.email", "stripe", 5)},
        id="a-module-function-returning-a-client-is-known-above-its-definition",
    ),
    pytest.param(
        """
        from exponent_server_sdk import PushClient, PushMessage, PushTicket

        class Message:
            def to_push_message(self):
                return PushMessage(to=self.device.push_token, body=self.body, data=self.data)

            def to_push_ticket(self):
                return PushTicket(push_message=None, status="ok", message=self.error_message, details=None, id="x")

        def send(messages):
            PushClient().publish_multiple([m.to_push_message() for m in messages])

        def receipts(tickets):
            PushClient().check_receipts_multiple([t.to_push_ticket() for t in tickets])
        """,
        {("user.device.device_id", "expo_push", 6), ("user.content.private", "expo_push", 6),
         ("user.device.device_id", "expo_push", 12), ("user.content.private", "expo_push", 12)},
        id="a-returned-sdk-message-carries-its-arguments-meanings-an-sdk-answer-sends-nothing",
    ),
    pytest.param(
        """
        import httpx

        class BrevoClient:
            def __init__(self, api_key):
                self.api_key = api_key
                self.base_url = "https://api.brevo.com/v3"

            def _headers(self):
                return {"api-key": self.api_key}

            def _sandbox(self, payload):
                payload["headers"] = {"X-Sib-Sandbox": "drop"}
                return payload

            def _post(self, endpoint, payload):
                return httpx.post(f"{self.base_url}{endpoint}", json=payload, headers=self._headers())

            def send_email(self, to, subject, html_content):
                payload = {"to": to, "subject": subject, "htmlContent": html_content}
                return self._post("/smtp/email", self._sandbox(payload))
        """,
        {("user.contact.email", "brevo", 21), ("user.content.private", "brevo", 21)},
        id="dict-keys-mean-the-apis-arguments-through-a-helper-and-a-pass-through-the-api-key-is-the-business",
    ),
    pytest.param(
        """
        import json
        import requests
        from urllib.parse import urljoin
        from django.conf import settings

        def get_ticket_endpoint():
            return urljoin(settings.ZENDESK_BASE_URL, "/api/v2/tickets.json")

        def create_ticket(subject, ticket_body, requester_email):
            payload = {"ticket": {"subject": subject, "comment": {"body": ticket_body},
                                  "requester": {"email": requester_email}}}
            requests.post(get_ticket_endpoint(), data=json.dumps(payload))
        """,
        {("user.contact.email", "zendesk", 13), ("user.content.private", "zendesk", 13)},
        id="an-endpoint-a-module-function-returns-and-what-a-help-desk-ticket-says",
    ),
    pytest.param(
        """
        import razorpay

        client = razorpay.Client(auth=("k", "s"))

        def verify(request, order):
            client.utility.verify_payment_signature({
                "razorpay_payment_id": request.GET.get("razorpay_payment_id"),
                "razorpay_signature": request.GET.get("razorpay_signature")})
            client.order.create(data={"amount": order.total, "notes": {"contact": order.phone}})
        """,
        {("user.payment", "razorpay", 10), ("user.contact.phone_number", "razorpay", 10)},
        id="an-id-named-for-the-provider-goes-back-to-it-and-is-no-flow",
    ),
    pytest.param(
        """
        import json
        import requests

        def reload_ui(devices):
            payload = {"app_id": "abc", "include_player_ids": list(devices),
                       "contents": {"en": "Organization switched"}}
            requests.post("https://onesignal.com/api/v1/notifications", data=json.dumps(payload))
        """,
        {("user.device.device_id", "onesignal", 8)},
        id="onesignal-players-are-devices-fixed-text-is-no-content",
    ),
    pytest.param(
        """
        import smtplib
        from email.message import EmailMessage

        def mail_user(recipient, body):
            msg = EmailMessage()
            msg.set_content(body)
            msg["To"] = recipient.email
            smtplib.SMTP("mail").sendmail("noreply@x.io", [recipient.email], msg.as_string())

        def send_reset_link(user):
            mail_user(user, reset_body(user))

        def reset_body(user):
            return render("reset.txt", {"reset_link": reset_link(user)})

        def reset_link(user):
            return url_for("user.perform_reset", key=user.reset_key)
        """,
        {("user.contact.email", "smtp_server", 9), ("user.content.private", "smtp_server", 9),
         ("user.authorization.credentials", "smtp_server", 12)},
        id="functions-defined-further-down-return-what-their-returns-carry-a-message-is-content",
    ),
]


@pytest.mark.parametrize(("source", "expected"), ONE_FILE)
def test_wrappers_in_one_file(tmp_path: Path, rules, source: str, expected: set) -> None:
    assert flows(project(tmp_path, rules, {"app.py": source})["app.py"]) == expected


WALLET = {
    "wallet/conf.py": """
        PAYSTACK_API_URL = "https://api.paystack.co"
    """,
    "wallet/services/base.py": """
        from wallet.paystack import get_paystack_client

        class BaseService:
            @property
            def paystack(self):
                return get_paystack_client()
    """,
    "wallet/services/customers.py": """
        from wallet.services.base import BaseService
        from wallet.amplitude_client import Amplitude

        amplitude = Amplitude()

        class CustomerService(BaseService):
            def ensure(self, wallet):
                self.paystack.customers.create(email=wallet.user.email, amount=wallet.top_up)
                self.paystack.customers.fetch(wallet.paystack_customer_code)
                amplitude.flush(wallet.user.email)
    """,
}


def test_an_object_named_for_a_service_the_project_shows_is_its_client(tmp_path: Path, rules) -> None:
    # django-paystack-wallet: services reach Paystack through the package's own client behind a property
    results = project(tmp_path, rules, WALLET)
    assert flows(results["wallet/services/customers.py"]) == {
        ("user.contact.email", "paystack", 9), ("user.payment", "paystack", 9)}  # the customer code is Paystack's
    assert ("paystack", "call", 9) in {(u.service, u.signal, u.location.line)
                                       for u in results["wallet/services/customers.py"].services}


def test_the_projects_own_records_named_for_the_service_are_not_its_client(tmp_path: Path, rules) -> None:
    # coderedcms's data migration queries its MailchimpApiSettings table; a settings model or a log is no client
    files = dict(WALLET)
    files["wallet/services/customers.py"] = """
        from wallet.models import PaystackSettings, PaystackLog

        class CustomerService:
            def ensure(self, wallet):
                PaystackSettings.objects.filter(site=wallet.site).first()
                PaystackSettings.load(wallet.site)
                PaystackLog.create(email=wallet.user.email)
                self.paystack_log.save(wallet.user.email)
    """
    results = project(tmp_path, rules, files)
    assert flows(results["wallet/services/customers.py"]) == set()
    assert results["wallet/services/customers.py"].services == []


def test_a_name_alone_is_not_enough(tmp_path: Path, rules) -> None:
    # no setting, domain or import shows Paystack: `self.paystack` may be anything
    results = project(tmp_path, rules, {k: v for k, v in WALLET.items() if k != "wallet/conf.py"})
    assert flows(results["wallet/services/customers.py"]) == set()
    assert results["wallet/services/customers.py"].services == []


def test_a_package_named_like_an_sdk_is_not_that_sdk_inside_itself(tmp_path: Path, rules) -> None:
    # django-amplitude's import name is `amplitude`, as is Amplitude's SDK; django-ses' is the SES backend's
    results = project(tmp_path, rules, {
        "amplitude/client.py": """
            import httpx

            class Amplitude:
                def send_events(self, events):
                    return httpx.post("https://api2.amplitude.com/2/httpapi", json={"events": events})
        """,
        "amplitude/middleware.py": """
            from .client import Amplitude
            from amplitude import signals

            def middleware(request):
                Amplitude().send_events([{"user_id": request.user.pk}])
                signals.sent.send(sender=None, email=request.user.email)
        """,
    })
    middleware = results["amplitude/middleware.py"]
    # no import of the SDK here: the use is the call that hands the package's own client a person's id
    assert {(u.service, u.signal, u.location.line) for u in middleware.services} == {("amplitude", "call", 6)}
    assert flows(middleware) == {("user.unique_id", "amplitude", 6)}  # through the package's own client


def test_an_ses_client_made_by_a_session_factory_in_one_method_and_reset_in_another(scan_snippet) -> None:
    result = scan_snippet("""
        import boto3

        class SESBackend:
            def __init__(self):
                self.connection = None

            def create_session(self):
                return boto3.Session(profile_name="x")

            def open(self):
                self.connection = self.create_session().client("sesv2" if self.v2 else "ses")

            def close(self):
                self.connection = None

            def send_messages(self, messages):
                for message in messages:
                    self.connection.send_email(Destination={"ToAddresses": message.recipients()})
    """)
    assert flows(result) == {("user.contact.email", "amazon_ses", 19)}
    assert ("amazon_ses", 12) in {(u.service, u.location.line) for u in result.services}


def test_a_message_body_set_as_an_attribute_and_an_uploaded_file(scan_snippet) -> None:
    result = scan_snippet("""
        import boto3
        from flask_mail import Mail, Message

        mail = Mail()
        s3 = boto3.client("s3")

        def welcome(email, note):
            msg = Message("Welcome", recipients=[email])
            msg.body = note
            msg.subject = "Hi"
            mail.send(msg)

        def upload(request):
            f = request.FILES["avatar"]
            s3.upload_fileobj(f, "bucket", "avatars/x.png")
    """)
    assert flows(result) == {("user.contact.email", "smtp_server", 9), ("user.contact.email", "smtp_server", 12),
                             ("user.content.private", "smtp_server", 12), ("user.content.self_image", "aws_s3", 16)}


def test_a_message_filled_here_and_sent_through_another_modules_extension(tmp_path: Path, rules) -> None:
    # the Flask mega-tutorial's and FlaskBB's `send_email` helper: `mail = Mail()` lives in extensions.py
    results = project(tmp_path, rules, {
        "app/extensions.py": """
            from flask_mail import Mail

            mail = Mail()
        """,
        "app/email.py": """
            from flask import render_template
            from flask_mail import Message
            from app.extensions import mail

            def send_reset(username, email):
                send_email("Reset", [email], render_template("reset.txt", username=username))

            def send_email(subject, recipients, text_body):
                msg = Message(subject, recipients=recipients)
                msg.body = text_body
                mail.send(msg)
        """,
    })
    # the body is reported where the message is sent, once the cross-file pass knows `mail` is Flask-Mail's
    assert flows(results["app/email.py"]) == {
        ("user.contact.email", "smtp_server", 7), ("user.account.username", "smtp_server", 7),
        ("user.contact.email", "smtp_server", 10), ("user.content.private", "smtp_server", 12)}


def test_a_message_filled_for_a_sender_nothing_resolves_is_reported_where_it_is_filled(scan_snippet) -> None:
    result = scan_snippet("""
        from flask_mail import Message
        from somewhere import outbox

        def send_email(recipients, text_body):
            msg = Message("Hi", recipients=recipients)
            msg.body = text_body
            outbox.push(msg)

        def welcome(user):
            send_email([user.email], f"Welcome {user.first_name}")
    """)
    assert flows(result) == {("user.contact.email", "smtp_server", 6), ("user.content.private", "smtp_server", 7),
                             ("user.contact.email", "smtp_server", 11),
                             ("user.name.first", "smtp_server", 11)}


def test_a_package_scanned_from_its_own_folder_resolves_its_absolute_imports(tmp_path: Path, rules) -> None:
    from scanner.discover import discover

    package = tmp_path / "forum"
    files = {
        "__init__.py": "",
        "extensions.py": "from flask_mail import Mail\n\nmail = Mail()\n",
        "email.py": textwrap.dedent("""
            from flask_mail import Message
            from forum.extensions import mail

            def send_email(recipients, text_body):
                msg = Message("Hi", recipients=recipients)
                msg.body = text_body
                mail.send(msg)
        """),
    }
    for name, source in files.items():
        (package / name).parent.mkdir(parents=True, exist_ok=True)
        (package / name).write_text(source)
    sources = discover(package, ())  # `datamap scan forum/`: email.py is forum.email
    results = {r.path: r for r in finalize([scan_file(s, rules) for s in sources], rules, Config(root=package))}
    assert ("smtp_server", "call", 8) in {(u.service, u.signal, u.location.line) for u in results["email.py"].services}
    assert ("user.content.private", "smtp_server", 8) in flows(results["email.py"])


def test_a_function_returning_data_from_an_imported_helper_is_no_client_factory(scan_snippet) -> None:
    # ckan's mailer: `get_reset_link_body` returns `render(...)`; only a function returning a client is a factory
    result = scan_snippet("""
        from django.core.mail import send_mail
        from app.lib.base import render

        def reset_body(user):
            return render("reset.txt", {"user_name": user.username})

        def send_reset(user):
            body = reset_body(user)
            send_mail("Reset", body, "noreply@x.io", [user.email])
    """)
    assert ("user.account.username", "smtp_server", 10) in flows(result)


def test_a_providers_object_named_by_its_leading_word(tmp_path: Path, rules) -> None:
    # pinax-stripe: `Customer.stripe_customer` is a property returning `stripe.Customer.retrieve(...)`
    results = project(tmp_path, rules, {
        "shop/models.py": """
            import stripe

            class Customer:
                @property
                def stripe_customer(self):
                    return stripe.Customer.retrieve(self.stripe_id)
        """,
        "shop/actions.py": """
            def create_card(customer, token):
                return customer.stripe_customer.sources.create(source=token)

            def rename(customer, name):
                return customer.stripes_count.update(name=name)
        """,
    })
    assert flows(results["shop/actions.py"]) == {("user.financial.credit_card", "stripe", 3)}


def test_django_push_notifications_senders_and_a_device_query(scan_snippet) -> None:
    result = scan_snippet("""
        from push_notifications.gcm import send_message
        from push_notifications.models import GCMDevice

        def tokens(user_id):
            return list(GCMDevice.objects.filter(user_id=user_id).values_list("registration_id", flat=True))

        def notify(user, text):
            for token in tokens(user.id):
                send_message(token, {"body": text}, "app")
    """)
    # the query finds devices by the user's id and sends nothing; the token and the body go to FCM
    assert flows(result) == {("user.device.device_id", "firebase_cloud_messaging", 10),
                             ("user.content.private", "firebase_cloud_messaging", 10)}


def test_a_row_read_by_a_query_is_read_on_its_model(scan_snippet) -> None:
    # aa-intercom: `instance = UserModel.objects.get(pk=obj_id)`; `instance.get_full_name()` is a User's name
    result = scan_snippet("""
        from django.contrib.auth import get_user_model
        from django.shortcuts import get_object_or_404
        from intercom.client import Client

        intercom = Client(personal_access_token="t")

        def push(obj_id):
            UserModel = get_user_model()
            instance = UserModel.objects.get(pk=obj_id)
            intercom.users.create(name=instance.get_full_name(), last_request_at=instance.last_login)

        def push_member(pk):
            member = get_object_or_404(Member, pk=pk)
            intercom.users.create(custom_attributes={"seen": member.last_login})

        def push_plan(pk):
            thing = Plan.objects.filter(pk=pk).first()
            intercom.events.create(metadata={"plan": thing.name})
    """)
    assert flows(result) == {("user.name", "intercom", 11), ("user.behavior", "intercom", 11),
                             ("user.behavior", "intercom", 15)}


def test_the_rows_a_query_returns_are_read_on_its_model(scan_snippet) -> None:
    result = scan_snippet("""
        from mixpanel import Mixpanel
        from app.models import Member

        mp = Mixpanel("t")

        def sync():
            for m in Member.objects.filter(active=True):
                mp.people_set(m.pk, {"seen": m.last_login})
            members = Member.objects.all()
            for x in members:
                mp.people_set(x.pk, {"name": x.display_name})
    """)
    assert flows(result) == {("user.unique_id", "mixpanel", 9), ("user.behavior", "mixpanel", 9),
                             ("user.unique_id", "mixpanel", 12), ("user.name", "mixpanel", 12)}


def test_a_slice_of_a_value_is_that_value_through_a_senders_summary(tmp_path: Path, rules) -> None:
    # django-telegram-support: the view trims the text, the sender trims it again and posts it to the Bot API
    results = project(tmp_path, rules, {
        "support/telegram.py": """
            import requests

            def send_message(text):
                payload = {"chat_id": 1, "text": text[:4096]}
                requests.post("https://api.telegram.org/bot1/sendMessage", json=payload)
        """,
        "support/views.py": """
            from support.telegram import send_message

            def support(request, form):
                email = form.cleaned_data["email"].strip()
                header = f"*Email:* {email}"
                send_message(header + form.cleaned_data["body"][: max(0, 4096 - len(header))])
                send_message(email[0])
                send_message(settings.GREETING[:10])
        """,
    })
    # the view is named for the page (support), not for a business owning the e-mail
    assert flows(results["support/views.py"]) == {("user.contact.email", "telegram", 7),
                                                  ("user.contact.email", "telegram", 8)}
    # a generic sender's own text is a summary, no flow: what it sends depends on its callers
    assert flows(results["support/telegram.py"]) == set()


def test_an_event_built_by_one_method_and_sent_by_another_reaches_the_service_where_both_are_called(
        tmp_path: Path, rules) -> None:
    # django-amplitude: the middleware builds an event with the client's builder and sends it with its sender,
    # which cleans each event in a comprehension; the builder reads the user's data through a method below it
    results = project(tmp_path, rules, {
        "tracking/client.py": """
            import httpx

            class Tracker:
                def send_events(self, events):
                    events = [self.clean_event(e) for e in events]
                    return httpx.post("https://api2.amplitude.com/2/httpapi", json={"events": events})

                def clean_event(self, event):
                    return event

                def build_event_data(self, request):
                    event = {"ip": request.META.get("REMOTE_ADDR")}
                    event["user_properties"] = self.user_properties(request)
                    return event

                def user_properties(self, request):
                    return {"email": request.user.email}
        """,
        "tracking/middleware.py": """
            from tracking.client import Tracker

            tracker = Tracker()

            def middleware(request):
                event = tracker.build_event_data(request)
                tracker.send_events(events=[event])
        """,
    })
    # (the events an analytics API is given are usage data, whatever they hold); what the client's own builder
    # read is reported where the client sends it: the middleware only hands it on
    assert flows(results["tracking/client.py"]) == {("user.device.ip_address", "amplitude", 7),
                                                    ("user.contact.email", "amplitude", 7),
                                                    ("user.behavior", "amplitude", 7)}
    assert flows(results["tracking/middleware.py"]) == set()


def test_an_sdks_own_source_is_not_a_use_of_it(tmp_path: Path, rules) -> None:
    # scanning sentry_sdk itself: its classes, its objects named for it and the names of its own modules
    results = project(tmp_path, rules, {
        "sentry_sdk/_batcher.py": """
            class Batcher:
                def __init__(self, capture_func):
                    self.capture_func = capture_func
        """,
        "sentry_sdk/client.py": """
            from sentry_sdk._batcher import Batcher

            DEFAULT = ["sentry_sdk.integrations.argv.ArgvIntegration"]

            class LogBatcher(Batcher):
                pass

            def start(event, user):
                batcher = LogBatcher(capture_func=print)
                sentry_event = dict(event)
                sentry_event.setdefault("user", {"email": user.email})
        """,
    })
    assert results["sentry_sdk/client.py"].services == []
    assert results["sentry_sdk/client.py"].flows == []
