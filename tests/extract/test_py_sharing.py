"""Destinations decided at run time, named from context where the code names them; SDK PII switches."""

from __future__ import annotations

import pytest

from scanner.extract.py_sharing import named_by, payload_shape
from scanner.inventory import FileResult


def uses(result: FileResult, signals: tuple[str, ...] = ("webhook",)) -> set[tuple[str, int]]:
    return {(u.service, u.location.line) for u in result.services if u.signal in signals}


def flows(result: FileResult) -> set[tuple[str, str, int]]:
    return {(f.category, f.service, f.location.line) for f in result.flows}


WEBHOOKS = [
    pytest.param(
        """
        import os
        import requests
        from flask import request

        SLACK_WEBHOOK = os.environ["SLACK_WEBHOOK_URL"]

        def contact():
            name = request.form["name"]
            requests.post(SLACK_WEBHOOK, json={"text": name})
        """,
        {("slack", 10)},
        {("user.name", "slack", 10)},
        id="module-level-url-from-the-environment-and-a-form-key-read-in-its-handler",
    ),
    pytest.param(
        """
        import requests

        def deliver(hook, order):
            requests.post(hook.target_url, json={"email": order.customer_email})
        """,
        {("unresolved_webhook", 5)},
        {("user.contact.email", "unresolved_webhook", 5)},
        id="url-from-a-database-row",
    ),
    pytest.param(
        # privacyIDEA's HTTP SMS gateway: the URL comes from the provider's configuration, read by a method call
        # with arguments (it was dropped: no recipient, no flow; audit5 C1)
        """
        import requests

        class HttpSMSProvider:
            def submit_message(self, phone):
                url = self.config.get("URL")
                return requests.post(url, data={"phone": phone})

            def submit_via_builder(self, phone):
                return requests.post(self.endpoint("send"), json={"phone": phone})
        """,
        {("unresolved_webhook", 7), ("unresolved_webhook", 10)},
        {("user.contact.phone_number", "unresolved_webhook", 7), ("user.contact.phone_number", "unresolved_webhook", 10)},
        id="url-from-the-objects-configuration-read-by-a-method-call",
    ),
    pytest.param(
        """
        import httpx

        async def call(url: str, user):
            async with httpx.AsyncClient() as client:
                await client.post(url, json={"name": user.full_name})
        """,
        {("unresolved_webhook", 6)},
        {("user.name", "unresolved_webhook", 6)},
        id="url-from-an-argument-through-a-client",
    ),
    pytest.param(
        """
        import os
        import requests

        def alert(user):
            url = os.environ["ALERT_ENDPOINT"]
            body = {"user": user.email}
            requests.put(url, data=body)
        """,
        {("unresolved_webhook", 8)},
        {("user.contact.email", "unresolved_webhook", 8)},
        id="url-from-the-environment-via-a-local",
    ),
    pytest.param(
        """
        import requests
        from django.conf import settings

        def signup(user):
            payload = {"text": f"New signup: {user.email}", "channel": "#growth"}
            requests.post(settings.ALERTS_URL, json=payload)
        """,
        {("slack", 7)},
        {("user.contact.email", "slack", 7)},
        id="slack-shaped-payload",
    ),
    pytest.param(
        """
        import requests
        from django.conf import settings

        def signup(user):
            requests.post(settings.SLACK_WEBHOOK_URL, json={"email": user.email})
            requests.post(settings.DISCORD_HOOK, json={"content": user.email})
        """,
        {("slack", 6), ("discord", 7)},
        {("user.contact.email", "slack", 6), ("user.contact.email", "discord", 7)},
        id="named-by-the-setting",
    ),
    pytest.param(
        """
        import requests

        def send(url, user):
            requests.post(url, json={"embeds": [{"title": user.username}]})
        """,
        {("discord", 5)},
        {("user.account.username", "discord", 5)},
        id="discord-shaped-payload",
    ),
    pytest.param(
        """
        import requests

        def notify_msteams(url, message):
            requests.post(url, json={"text": message})
        """,
        {("microsoft_teams", 5)},
        set(),
        id="named-by-the-function",
    ),
    pytest.param(
        """
        import requests

        def fetch_feed(url):
            return requests.get(url, timeout=5)

        def helper():
            requests.post(build_url(), json={})
            requests.post(API_BASE + "/x", json={})

        class Api:
            base_url = "https://api.example.com"

            def send(self, user):
                requests.post(self.base_url + "/users", json={"email": user.email})
        """,
        set(),
        set(),
        id="fetching-untraceable-and-constant-urls-are-not-webhooks",
    ),
]


@pytest.mark.parametrize(("source", "expected_uses", "expected_flows"), WEBHOOKS)
def test_webhooks(scan_snippet, source: str, expected_uses: set, expected_flows: set) -> None:
    result = scan_snippet(source)
    assert uses(result) == expected_uses
    assert {f for f in flows(result) if f[1] in {s for s, _ in expected_uses}} == expected_flows


def test_named_by_module_path(scan_snippet) -> None:
    result = scan_snippet(
        """
        import requests

        def post(url, text):
            requests.post(url, json={"text": text})
        """,
        name="app/integrations/slack/client.py",
    )
    assert uses(result) == {("slack", 5)}


def test_known_host_with_dynamic_path(scan_snippet) -> None:
    result = scan_snippet(
        """
        import requests

        def track(path, user):
            requests.post(f"https://api.mixpanel.com/{path}", json={"email": user.email})
        """
    )
    assert uses(result, ("domain",)) == {("mixpanel", 5)}
    assert ("user.contact.email", "mixpanel", 5) in flows(result)


EMAIL_AND_BROKERS = [
    pytest.param(
        """
        from django.core.mail import EmailMessage, mail_admins

        def welcome(user):
            EmailMessage("Hi", "Welcome", to=[user.email]).send()
            mail_admins("signup", "someone signed up")
        """,
        {("smtp_server", "call", 5)},  # importing EmailMessage is not sending
        {("user.contact.email", "smtp_server", 5)},
        id="django-mail-not-mail-admins",
    ),
    pytest.param(
        """
        import smtplib

        def send(user, body):
            with smtplib.SMTP(HOST) as server:
                server.sendmail("noreply@x.io", [user.email], body)
        """,
        {("smtp_server", "import", 2), ("smtp_server", "call", 5), ("smtp_server", "call", 6)},
        {("user.contact.email", "smtp_server", 6), ("user.content.private", "smtp_server", 6)},
        id="smtplib",
    ),
    pytest.param(
        """
        import smtplib
        from mixpanel import Mixpanel

        def send(user, config, client=None):
            smtp = smtplib.SMTP_SSL(config["HOST"]) if config["SSL"] else smtplib.SMTP(config["HOST"])
            smtp.sendmail("noreply@x.io", [user.email], "Your report")
            mp = client or Mixpanel(config["TOKEN"])
            mp.track(user.id, "report")
        """,
        {("smtp_server", "import", 2), ("mixpanel", "import", 3), ("smtp_server", "call", 6),
         ("smtp_server", "call", 7), ("mixpanel", "call", 8), ("mixpanel", "call", 9)},
        {("user.contact.email", "smtp_server", 7), ("user.unique_id", "mixpanel", 9)},
        id="a-client-chosen-by-a-conditional-is-the-sdks",
    ),
    pytest.param(
        """
        from elevenlabs import ElevenLabs

        async def get_client(user_id):
            key = await lookup_key(user_id)
            return ElevenLabs(api_key=key)

        async def speak(current_user, text):
            client = await get_client(current_user.id)
            client.generate(text=text, voice="x")
            client.generate(text=current_user.email)
        """,
        {("elevenlabs", "import", 2), ("elevenlabs", "call", 6), ("elevenlabs", "call", 9),
         ("elevenlabs", "call", 10), ("elevenlabs", "call", 11)},
        {("user.contact.email", "elevenlabs", 11)},
        id="a-client-factorys-arguments-and-the-api-key-are-not-shared",
    ),
    pytest.param(
        """
        import requests
        from googleapiclient.discovery import build

        def invalidate(user, username, pw):
            requests.put("https://api.mailgun.net/v3/x", auth=(username, pw), data={"to": user.email})

        def send(token):
            service = build("gmail", "v1", credentials=token["token"])
            service.users()
        """,
        {("mailgun", "domain", 6), ("gmail", "call", 9), ("gmail", "call", 10)},
        {("user.contact.email", "mailgun", 6)},
        id="auth-and-credentials-are-the-business-login-not-shared",
    ),
    pytest.param(
        """
        import resend

        def welcome(address, body):
            resend.Emails.send({"from": "hi@x.io", "to": address, "subject": "Welcome", "html": body})
            params = {"to": "team@x.io", "html": "<p>New signup</p>"}
            resend.Emails.send(params)
        """,
        {("resend", "import", 2), ("resend", "call", 5), ("resend", "call", 7)},
        {("user.contact.email", "resend", 5), ("user.content.private", "resend", 5)},
        id="an-sdk-taking-its-parameters-as-one-dict",
    ),
    pytest.param(
        """
        from openai import OpenAI
        from twilio.rest import Client

        sms = Client(SID, TOKEN)

        async def transcribe(audio_file, model, client: OpenAI) -> str:
            return await sync_to_async(client.audio.transcriptions.create)(file=audio_file, model=model).text

        def summarise(document, client: OpenAI):
            client.files.create(file=document, purpose="assistants")

        def check(user, code: str):
            sms.verify.v2.services(SID).verification_checks.create(to=str(user.phone_number), code=code)
        """,
        {("openai", "import", 2), ("twilio", "import", 3), ("twilio", "call", 5), ("openai", "call", 8),
         ("openai", "call", 11), ("twilio", "call", 14)},
        {("user.content.private", "openai", 8), ("user.content.private", "openai", 11),
         ("user.contact.phone_number", "twilio", 14), ("user.authorization.credentials", "twilio", 14)},
        id="an-annotated-client-a-recording-to-a-speech-api-and-a-verification-code",
    ),
    pytest.param(
        """
        from intercom.client import Client

        intercom = Client(personal_access_token=TOKEN)

        def upload_not_registered_user_data(data):
            payload = {"email": data.get("email"), "name": data.get("name"), "plan": data.get("plan", "free")}
            intercom.users.create(**payload)
        """,
        {("intercom", "import", 2), ("intercom", "call", 4), ("intercom", "call", 8)},
        {("user.contact.email", "intercom", 8), ("user.name", "intercom", 8)},
        id="a-key-read-with-get-is-read-as-a-subscript",
    ),
    pytest.param(
        """
        import stripe

        def checkout(user, db_customer):
            stripe.checkout.Session.create(customer=user.customer.id, success_url=URL)
            stripe.Customer.modify(db_customer.id, email=user.email)
            stripe.Customer.create(email=user.email, metadata={"user_id": user.id})
        """,
        {("stripe", "import", 2), ("stripe", "call", 5), ("stripe", "call", 6), ("stripe", "call", 7)},
        {("user.contact.email", "stripe", 6), ("user.contact.email", "stripe", 7), ("user.unique_id", "stripe", 7)},
        id="the-providers-own-customer-handle-sent-back-is-no-flow-the-apps-user-id-is",
    ),
    pytest.param(
        """
        import smtplib

        def send(files, config):
            for fname in files or []:
                smtplib.SMTP(config["H"]).sendmail("x@y", ["ops@x.io"], f"Report {fname}")

        def greet(people, config):
            for fname in people:
                smtplib.SMTP(config["H"]).sendmail("x@y", ["ops@x.io"], f"Hi {fname}")
        """,
        {("smtp_server", "import", 2), ("smtp_server", "call", 6), ("smtp_server", "call", 10)},
        # a message the app formats carries the data put in it (a name), not a person's writing
        {("user.name.first", "smtp_server", 10)},
        id="a-loop-over-files-walks-file-names-not-first-names",
    ),
    pytest.param(
        """
        from django.conf import settings
        from django.core.mail import send_mail
        from django.template.loader import render_to_string

        def notify(order, recipients):
            body = render_to_string("order.txt", {"order": order})
            send_mail("Your order", body, settings.DEFAULT_FROM_EMAIL, recipients)
            send_mail("Alert", "disk full", None, ["ops@example.com"])
            send_mail("Alert", body, None, settings.ADMINS)
        """,
        {("smtp_server", "import", 3), ("smtp_server", "call", 8), ("smtp_server", "call", 9), ("smtp_server", "call", 10)},
        # a rendered body carries what its context holds (an order, the caller's); recipients are addresses
        {("user.contact.email", "smtp_server", 8)},
        id="mail-arguments-carry-recipients-and-message-literals-do-not",
    ),
    pytest.param(
        """
        import smtplib

        class Connection:
            def __init__(self, host, username, password):
                self._username, self._password = username, password
                self._smtp = smtplib.SMTP(host)

            def connect(self):
                self._smtp.login(self._username, self._password)
        """,
        {("smtp_server", "import", 2), ("smtp_server", "call", 7), ("smtp_server", "call", 10)},
        set(),
        id="the-business-smtp-login-is-no-flow",
    ),
    pytest.param(
        """
        import smtplib

        class Connection:
            def sendmail(self, sender, recipients, msg):
                if self._smtp is None:
                    self._connect()
                self._smtp.sendmail(sender, recipients, msg)

            def _connect(self):
                if self.ssl:
                    self._smtp = smtplib.SMTP_SSL(self.host)
                else:
                    self._smtp = smtplib.SMTP(self.host)
        """,
        {("smtp_server", "import", 2), ("smtp_server", "call", 8), ("smtp_server", "call", 12),
         ("smtp_server", "call", 14)},
        {("user.contact.email", "smtp_server", 8), ("user.content.private", "smtp_server", 8)},
        id="a-client-bound-in-a-later-method",
    ),
    pytest.param(
        """
        from flask_mail import Message

        def invite(mail, address, text):
            mail.send(Message("Join us", recipients=[address], body=text))
        """,
        {("smtp_server", "import", 2), ("smtp_server", "call", 5)},
        {("user.contact.email", "smtp_server", 5), ("user.content.private", "smtp_server", 5)},
        id="flask-mail-message",
    ),
    pytest.param(
        """
        from flask_mail import Mail, Message

        def send_activation(app, register_user):
            mail = Mail(app)
            msg = Message()
            msg.subject = "Activate your account"
            msg.recipients = [register_user.email]
            mail.send(msg)
            note = Message()
            note.recipients = ["ops@example.com"]
            mail.send(note)
        """,
        {("smtp_server", "import", 2), ("smtp_server", "call", 5), ("smtp_server", "call", 6),
         ("smtp_server", "call", 9), ("smtp_server", "call", 10), ("smtp_server", "call", 12)},
        {("user.contact.email", "smtp_server", 9)},
        id="a-message-built-by-attribute-assignment",
    ),
    pytest.param(
        """
        import emails

        def send_email(email_to, html_content):
            message = emails.Message(subject="Hi", html=html_content, mail_from=("App", "noreply@x.io"))
            message.send(to=email_to, smtp={"host": "smtp"})

        def welcome(user):
            send_email(user.email, f"Hello {user.first_name}")
        """,
        {("smtp_server", "import", 2), ("smtp_server", "call", 5), ("smtp_server", "call", 6)},
        {("user.content.private", "smtp_server", 5), ("user.contact.email", "smtp_server", 6),
         ("user.contact.email", "smtp_server", 9), ("user.name.first", "smtp_server", 9)},
        id="python-emails-as-in-the-fastapi-template",
    ),
    pytest.param(
        """
        from twilio.rest import Client
        from sendgrid.helpers.mail import Mail

        class Backend:
            def __init__(self, sid, token):
                self.client = Client(sid, token)

            def send_sms(self, number, message):
                self.client.messages.create(to=number, body=message, from_="+15550100")

            def send_email(self, to_email, subject, html):
                return Mail(from_email="noreply@x.io", to_emails=to_email, subject=subject, html_content=html)
        """,
        {("twilio", "import", 2), ("sendgrid", "import", 3), ("twilio", "call", 7), ("twilio", "call", 10),
         ("sendgrid", "call", 13)},
        {("user.contact.phone_number", "twilio", 10), ("user.content.private", "twilio", 10),
         ("user.contact.email", "sendgrid", 13), ("user.content.private", "sendgrid", 13)},
        id="sms-and-email-provider-arguments-carry-recipient-and-message",
    ),
    pytest.param(
        """
        import messagebird

        class SmsBackend:
            def __init__(self, key):
                self.client = messagebird.Client(key)

            def send_messages(self, messages):
                for message in messages:
                    self.client.message_create(message.originator, message.recipients, message.body)

            def status(self, message):
                self.client.message_get(message.id, SENDER)
        """,
        {("messagebird", "import", 2), ("messagebird", "call", 6), ("messagebird", "call", 10),
         ("messagebird", "call", 13)},
        {("user.contact.phone_number", "messagebird", 10), ("user.content.private", "messagebird", 10)},
        id="positional-arguments-read-by-the-value-names-when-the-api-positions-are-unknown",
    ),
    pytest.param(
        """
        import requests
        from django.conf import settings

        def deliver(device, token):
            data = {"To": device.number, "Body": f"Your code is {token}", "From": settings.TWILIO_FROM}
            requests.post("https://api.twilio.com/2010-04-01/Accounts/AC1/Messages.json", data=data)

        def push(device, text):
            requests.post("https://fcm.googleapis.com/fcm/send",
                          json={"to": device.registration_id, "notification": {"body": text}})

        def pushover(message):
            requests.post("https://api.pushover.net/1/messages.json",
                          data={"token": settings.PUSHOVER_TOKEN, "title": "Alert"})
        """,
        {("twilio", "domain", 7), ("firebase_cloud_messaging", "domain", 10), ("pushover", "domain", 14),
         ("pushover", "setting", 15)},
        {("user.contact.phone_number", "twilio", 7), ("user.content.private", "twilio", 7),
         ("user.device.device_id", "firebase_cloud_messaging", 10),
         ("user.content.private", "firebase_cloud_messaging", 10)},  # the nested notification's body
        id="keys-of-a-body-posted-to-a-known-api-mean-what-its-arguments-do-configuration-does-not",
    ),
    pytest.param(
        """
        import requests
        from django.conf import settings

        def deliver(device, token):
            url = "{0}/Accounts/{1}/Messages.json".format(settings.OTP_TWILIO_URL, settings.OTP_TWILIO_ACCOUNT)
            requests.post(url, data={"To": device.number, "From": settings.OTP_TWILIO_FROM})
        """,
        {("twilio", "webhook", 7)},
        {("user.contact.phone_number", "twilio", 7)},
        id="a-body-posted-to-an-api-the-settings-name",
    ),
    pytest.param(
        """
        from kafka import KafkaProducer

        producer = KafkaProducer(bootstrap_servers=BROKERS)

        def publish(user):
            producer.send("signups", value={"email": user.email})
        """,
        {("message_broker", "import", 2), ("message_broker", "call", 4), ("message_broker", "call", 7)},
        {("user.contact.email", "message_broker", 7)},
        id="kafka",
    ),
    pytest.param(
        """
        from celery import shared_task

        @shared_task
        def send(user_id):
            pass

        def later(user):
            send.delay(user.email)
        """,
        set(),
        set(),
        id="celery-is-internal",
    ),
]


@pytest.mark.parametrize(("source", "expected_uses", "expected_flows"), EMAIL_AND_BROKERS)
def test_email_and_brokers(scan_snippet, source: str, expected_uses: set, expected_flows: set) -> None:
    result = scan_snippet(source)
    assert {(u.service, u.signal, u.location.line) for u in result.services} == expected_uses
    assert flows(result) == expected_flows


SWITCHES = [
    pytest.param(
        'import sentry_sdk\nsentry_sdk.init(dsn=DSN, send_default_pii=True)\n',
        {("user.device.ip_address", "sentry", 2), ("user.unique_id", "sentry", 2), ("user.contact.email", "sentry", 2),
         ("user.account.username", "sentry", 2)},
        id="sentry-pii-on",
    ),
    pytest.param(
        'import sentry_sdk\ndef ready():\n    opts = getattr(settings, "SENTRY_OPTS", {})\n'
        '    if "send_default_pii" not in opts:\n        opts["send_default_pii"] = True\n'
        '    sentry_sdk.init(dsn=DSN, **opts)\n',
        {("user.device.ip_address", "sentry", 6), ("user.unique_id", "sentry", 6), ("user.contact.email", "sentry", 6),
         ("user.account.username", "sentry", 6)},
        id="sentry-pii-on-through-a-spread-dict",
    ),
    pytest.param(
        'import sentry_sdk\ndef ready():\n    opts = {"send_default_pii": False}\n    sentry_sdk.init(dsn=DSN, **opts)\n',
        set(),
        id="sentry-pii-off-through-a-spread-dict",
    ),
    pytest.param('import sentry_sdk\nsentry_sdk.init(dsn=DSN, send_default_pii=False)\n', set(), id="sentry-pii-off"),
    pytest.param('import sentry_sdk\nsentry_sdk.init(dsn=DSN)\n', set(), id="sentry-pii-absent"),
    pytest.param('import sentry_sdk as s\ns.init(DSN, send_default_pii=env.bool("PII"))\n', set(), id="sentry-run-time"),
    pytest.param(
        'import rollbar\nrollbar.init(TOKEN, "production")\n',
        {("user.device.ip_address", "rollbar", 2)},
        id="rollbar-captures-ip-by-default",
    ),
    pytest.param(
        'import rollbar\nrollbar.init(TOKEN, "prod", capture_ip=False, capture_email=True, capture_username=True)\n',
        {("user.contact.email", "rollbar", 2), ("user.account.username", "rollbar", 2)},
        id="rollbar-options",
    ),
    pytest.param(
        'ROLLBAR = {\n    "access_token": TOKEN,\n    "capture_ip": "anonymize",\n}\n',
        set(),
        id="django-rollbar-settings-anonymized",
    ),
]


@pytest.mark.parametrize(("source", "expected"), SWITCHES)
def test_sdk_privacy_switches(scan_snippet, source: str, expected: set) -> None:
    assert flows(scan_snippet(source)) == expected


@pytest.mark.parametrize(("text", "service"), [
    ("SLACK_WEBHOOK_URL", "slack"),
    ("notifyMsTeams", "microsoft_teams"),
    ("app/integrations/google_chat/send", "google_chat"),
    ("segment_url", None),  # an ordinary word, not the vendor
    ("teams", None),
    ("django_paypal/wrappers PaypalWrapper", "paypal"),  # django-paypal-plus posts to a URL from its settings
    ("square_payment checkout_session", None),  # payment words that are common words name no provider
])
def test_named_by(text: str, service: str | None) -> None:
    assert named_by(text) == service


@pytest.mark.parametrize(("keys", "service"), [
    ({"blocks"}, "slack"),
    ({"text", "icon_emoji"}, "slack"),
    ({"content", "avatar_url"}, "discord"),
    ({"@type", "@context", "summary"}, "microsoft_teams"),
    ({"cardsV2"}, "google_chat"),
    ({"text"}, None),
])
def test_payload_shape(keys: set[str], service: str | None) -> None:
    assert payload_shape(keys) == service


def test_tracker_snippets_in_python_strings(scan_snippet) -> None:
    result = scan_snippet(
        '''
        """Template tag. Example: <script src="https://static.hotjar.com/c/hotjar-1.js"></script>"""

        SETUP_CODE = """
        <script>
          var s = document.createElement("script");
          s.src = "https://cdn.segment.com/analytics.js/v1/" + key + "/analytics.min.js";
        </script>
        """
        PLACEHOLDER = '//dnn506yrbagrg.cloudfront.net/pages/scripts/'
        '''
    )
    assert uses(result, ("script",)) == {("segment", 7), ("crazy_egg", 10)}  # the docstring is prose


def test_a_configurable_endpoints_default_names_where_it_goes(scan_snippet) -> None:
    # django-txtlocal: getattr(settings, "TXTLOCAL_ENDPOINT", <the provider's URL>) goes there unless configured
    result = scan_snippet("""
import os
import requests
from django.conf import settings

def send_sms(text, numbers):
    url = getattr(settings, "TXTLOCAL_ENDPOINT", "https://api.txtlocal.com/send/")
    requests.post(url, data={"numbers": numbers, "message": text})

def notify(text):
    requests.post(os.environ.get("HOOK_URL", "https://hooks.slack.com/services/T0/B0/x"), json={"text": text})

def audit(text):
    requests.post(getattr(settings, "AUDIT_URL", None), json={"text": text})
""")
    assert {(u.service, u.location.line) for u in result.services if u.signal in ("domain", "webhook")} >= {
        ("textlocal", 8), ("slack", 11), ("unresolved_webhook", 14)}
    assert ("user.content.private", "textlocal", 8) in flows(result)


def test_a_redirect_to_a_named_service_sends_what_its_url_carries(scan_snippet) -> None:
    # django-freshdesk's single sign-on sends the visitor to Freshdesk with their name and e-mail in the URL
    result = scan_snippet("""
from django.conf import settings
from django.http import HttpResponseRedirect
from django.shortcuts import redirect
from django.utils.encoding import iri_to_uri
from django.utils.http import urlquote

def sso(request):
    url = '{0}login/sso?email={1}'.format(settings.FRESHDESK_URL, urlquote(request.user.email))
    return HttpResponseRedirect(iri_to_uri(url))

def back(request):
    return redirect(request.GET.get("next", "/"))

def profile(request):
    return redirect(f"/users/{request.user.email}/")
""")
    assert {(u.service, u.location.line) for u in result.services if u.signal == "redirect"} == {("freshdesk", 10)}
    assert {(f.category, f.service, f.location.line) for f in result.flows} == {("user.contact.email", "freshdesk", 10)}



def test_a_location_header_is_a_redirect(scan_snippet) -> None:
    # django-recurly's SubscribeRedirect sets its own Location to Recurly's hosted page, the URL carrying the
    # user's name and e-mail; a plain response's Location header reads the same; a `next` page is no one's
    result = scan_snippet("""
from django.http import HttpResponse, HttpResponseRedirect
from django.utils.encoding import iri_to_uri

SUBSCRIBE_URL = "https://%(subdomain)s.recurly.com/subscribe/%(plan)s?email=%(email)s&first_name=%(first)s"

def subscribe_url(user, plan):
    params = {"subdomain": get_subdomain(), "plan": plan, "email": user.email, "first": user.first_name}
    return iri_to_uri(SUBSCRIBE_URL % params)

class SubscribeRedirect(HttpResponseRedirect):
    def __init__(self, plan, user):
        super().__init__()
        self["Location"] = subscribe_url(user, plan)

def back(request):
    response = HttpResponse(status=302)
    response["Location"] = request.GET.get("next", "/")
    return response
""")
    assert {(u.service, u.location.line) for u in result.services if u.signal == "redirect"} == {("recurly", 14)}
    assert {(f.category, f.service, f.location.line) for f in result.flows} == {
        ("user.contact.email", "recurly", 14), ("user.name.first", "recurly", 14)}

UNKNOWN_HOSTS = [
    pytest.param(
        """
        import requests

        STORE = "https://storeapi.bookshelf-sync.net"

        def sync(user, state):
            requests.put(STORE + "/v1/library/state", json={"email": user.email, "progress": state.percent})

        def forward(payload):
            requests.post("https://storeapi.bookshelf-sync.net/v1/forward", json=payload)

        def caller(user):
            forward({"phone": user.phone})
        """,
        {("unlisted_host", "domain", 7)},
        {("user.contact.email", "unlisted_host", 7), ("user.contact.phone_number", "unlisted_host", 13)},
        id="personal-data-posted-to-a-public-host-the-catalogue-does-not-know",
    ),
    pytest.param(
        """
        import requests

        def local(user):
            requests.post("http://localhost:8000/hook", json={"email": user.email})
            requests.post("http://10.1.2.3/hook", json={"email": user.email})
            requests.post("http://search:9200/users/_doc", json={"email": user.email})
            requests.post("https://api.internal/users", json={"email": user.email})
            requests.post("https://example.com/users", json={"email": user.email})

        def nothing_personal(order):
            requests.post("https://api.shipping-partner.io/v1/quotes", json={"weight": order.weight})
            requests.get("https://storeapi.bookshelf-sync.net/v1/catalog")
        """,
        set(),
        set(),
        id="local-private-and-example-hosts-or-nothing-personal-are-no-recipient",
    ),
]


@pytest.mark.parametrize(("source", "expected_uses", "expected_flows"), UNKNOWN_HOSTS)
def test_data_sent_to_a_host_the_catalogue_does_not_know(scan_snippet, source: str, expected_uses: set,
                                                         expected_flows: set) -> None:
    result = scan_snippet(source)
    assert {(u.service, u.signal, u.location.line) for u in result.services} == expected_uses
    assert {(f.category, f.service, f.location.line) for f in result.flows} == expected_flows


NAMED_BY_CODE = [
    pytest.param(
        """
        import requests
        from django.conf import settings

        class OpenAIClient:
            def ask(self, question):
                return requests.post(settings.LLM_URL, json={"messages": [{"role": "user", "content": question}]})

        class SendGridNotifier:
            def notify(self, user):
                return requests.post(settings.MAIL_API_URL, json={"to": user.email})

        class OpenHouseNotifier:
            def notify(self, user):
                return requests.post(settings.HOUSE_URL, json={"to": user.email})
        """,
        {("openai", "webhook", 7), ("sendgrid", "webhook", 11), ("unresolved_webhook", "webhook", 15)},
        id="a-brand-written-in-two-capitals-names-the-service",
    ),
    pytest.param(
        # names are read one by one: a handler `post` in `MarkRead` or `HogWeight` spells no Postmark or PostHog
        # (FlaskBB, audit6 C5)
        """
        import requests
        from flask.views import MethodView

        class HogWeight(MethodView):
            def post(self, user):
                return requests.post(self.callback_url, json={"email": user.email})

        class MarkRead(MethodView):
            def post(self, user):
                return requests.post(self.callback_url, json={"email": user.email})
        """,
        {("unresolved_webhook", "webhook", 7), ("unresolved_webhook", "webhook", 11)},
        id="a-brand-is-not-spelt-across-names",
    ),
    pytest.param(
        """
        import os
        import httpx

        class OktaOAuthProvider:
            def __init__(self):
                self.domain = os.environ.get("OAUTH_OKTA_DOMAIN")

            async def token(self, code):
                async with httpx.AsyncClient() as client:
                    return await client.post(f"{self.domain}/oauth2/default/v1/token", data={"code": code})

        class GithubOAuthProvider:
            async def token(self, code):
                async with httpx.AsyncClient() as client:
                    return await client.post(os.environ["GITHUB_TOKEN_URL"], data={"code": code})

        class GithubIssues:
            async def report(self, text):
                async with httpx.AsyncClient() as client:
                    return await client.post(os.environ["GITHUB_ISSUES_URL"], json={"body": text})
        """,
        {("okta", "webhook", 11), ("github_login", "webhook", 16), ("github", "webhook", 21)},
        id="an-identity-provider-and-a-code-hosts-sign-in-named-by-the-class",
    ),
    pytest.param(
        """
        import json
        import os
        import urllib.request
        import httpx

        DEFAULT_API_BASE_URL = "https://api.openai.com/v1"

        class Client:
            token_url = os.environ.get("AZURE_TOKEN_URL", "https://login.microsoftonline.com/common/oauth2/v2.0/token")

            def __init__(self, api_url=None):
                self._base_url = (api_url or DEFAULT_API_BASE_URL).rstrip("/")

            def chat(self, question):
                request = urllib.request.Request(self._base_url + "/chat/completions",
                                                 data=json.dumps({"content": question}).encode(), method="POST")
                return urllib.request.urlopen(request)

            def token(self, code):
                return httpx.post(self.token_url, data={"code": code})
        """,
        {("openai", "domain", 7), ("microsoft_entra_id", "domain", 10), ("openai", "domain", 18),
         ("microsoft_entra_id", "domain", 21)},
        id="a-url-held-on-the-class-or-object-with-a-literal-default",
    ),
]


@pytest.mark.parametrize(("source", "expected_uses"), NAMED_BY_CODE)
def test_where_the_code_names_the_destination(scan_snippet, source: str, expected_uses: set) -> None:
    result = scan_snippet(source)
    assert {(u.service, u.signal, u.location.line) for u in result.services} == expected_uses


def test_a_redirect_back_to_the_requests_own_page_names_no_service(scan_snippet) -> None:
    # django-telegram-support's views.py: a module named for a service redirects to the page it was on
    result = scan_snippet(
        """
        from django.shortcuts import redirect
        from django.conf import settings

        def support_view(request):
            if request.method == "POST":
                return redirect(request.path)
            return redirect(request.get_full_path())

        def sso(request):
            return redirect(f"{settings.FRESHDESK_URL}login/sso?email={request.user.email}")
        """,
        "telegram_support/views.py",
    )
    assert {(u.service, u.location.line) for u in result.services if u.signal == "redirect"} == {("freshdesk", 11)}


def test_a_url_written_as_side_by_side_f_strings_is_still_a_webhook(scan_snippet) -> None:
    result = scan_snippet(
        """
        import requests

        def track(user, base):
            url = (f"{base}/api/v1/"
                   f"events")
            requests.post(url, json={"email": user.email})
            requests.post(f"{base}/api/v1/" f"events", json={"email": user.email})
        """
    )
    assert {(f.category, f.service, f.location.line) for f in result.flows} == {
        ("user.contact.email", "unresolved_webhook", 7), ("user.contact.email", "unresolved_webhook", 8)}
