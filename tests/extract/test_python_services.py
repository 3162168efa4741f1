"""Third-party uses resolved by qualified name and URL, and the personal data that reaches them."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from scanner.config import Config
from scanner.discover import Source
from scanner.extract.project import finalize
from scanner.inventory import FileResult
from scanner.scan import scan_file


def uses(result: FileResult) -> set[tuple[str, str, int]]:
    return {(s.service, s.signal, s.location.line) for s in result.services}


def flows(result: FileResult) -> set[tuple[str, str, int, tuple[str, ...]]]:
    return {(f.category, f.service, f.location.line, f.path) for f in result.flows}


SERVICES = [
    pytest.param(
        """
        import sentry_sdk as s
        from stripe import Customer as C

        def f():
            s.capture_message("boom")
            C.retrieve("cus_1")
        """,
        {("sentry", "import", 2), ("stripe", "import", 3), ("sentry", "call", 6), ("stripe", "call", 7)},
        id="aliases-and-from-imports",
    ),
    pytest.param(
        """
        import boto3

        ses = boto3.client("ses")
        s3 = boto3.client("s3")

        def send():
            ses.send_email(Source="a@b.c")
            s3.put_object(Bucket="b")
        """,
        {("amazon_ses", "call", 4), ("amazon_ses", "call", 8), ("aws_s3", "call", 5), ("aws_s3", "call", 9)},
        id="boto3-client-literal-argument",
    ),
    pytest.param(
        """
        import httpx, requests, urllib.request
        import aiohttp

        BASE = "https://api.mixpanel.com"
        TRACK = BASE + "/track"

        def a():
            requests.post("https://api.sendgrid.com/v3/mail/send")
            httpx.post(f"{BASE}/engage")
            urllib.request.urlopen(urllib.request.Request(TRACK))
            requests.get("https://example.org/ok")

        async def b():
            async with aiohttp.ClientSession() as session:
                await session.post(f"{BASE}/import")
        """,
        {("mixpanel", "domain", 5), ("sendgrid", "domain", 9), ("mixpanel", "domain", 10),
         ("mixpanel", "domain", 11), ("mixpanel", "domain", 16)},
        id="http-urls-literal-fstring-constant",
    ),
    pytest.param(
        """
        import os

        SENTRY_DSN = os.environ["SENTRY_DSN"]
        EMAIL_BACKEND = "anymail.backends.sendgrid.EmailBackend"
        TIME_ZONE = "UTC"
        """,
        {("sentry", "setting", 4), ("sendgrid", "setting_value", 5)},
        id="settings-configured-integrations",
    ),
    pytest.param(
        """
        from pydantic_settings import BaseSettings

        STRIPE_SECRET_KEY: str = env("STRIPE_SECRET_KEY")

        class Settings(BaseSettings):
            sentry_dsn: str | None = None
            SMTP_HOST: str = "localhost"
            project_name: str = "app"

        class Invoice:
            sentry_dsn = None
        """,
        {("stripe", "setting", 4), ("sentry", "setting", 7), ("smtp_server", "setting", 8)},
        id="settings-classes-and-annotated-settings",
    ),
    pytest.param(
        # pretix warns against Gmail for the host a user types: a lookup of messages, no use of Gmail
        """
        from django.utils.translation import gettext_lazy as _

        KNOWN_PROBLEMS = {
            "smtp.gmail.com": _("We recommend not using Google Mail for transactional emails."),
            "smtp.sendgrid.net": "Use the API key as the password.",
        }
        BACKENDS = {"smtp.sendgrid.net": "sendgrid"}
        EMAIL_HOST = "smtp.sendgrid.net"
        """,
        # (the mail server's setting whose value names SendGrid is SendGrid's, no server from configuration:
        # audit16 #19)
        {("sendgrid", "setting_value", 8), ("sendgrid", "setting_value", 9)},
        id="a-host-a-message-explains-is-no-use",
    ),
]


@pytest.mark.parametrize(("source", "expected"), SERVICES)
def test_services(scan_snippet, source: str, expected: set[tuple[str, str, int]]) -> None:
    assert uses(scan_snippet(source)) == expected


FLOWS = [
    pytest.param(
        """
        from mixpanel import Mixpanel

        mp = Mixpanel("token")

        def signup(user, plan):
            props = {"plan": plan}
            props["email"] = user.email
            mp.track(str(user.pk), "signup", props)
        """,
        {("user.contact.email", "mixpanel", 9, ("user.email", "props", "mixpanel.Mixpanel.track")),
         ("user.unique_id", "mixpanel", 9, ("user.pk", "mixpanel.Mixpanel.track"))},
        id="subscript-assignment-into-dict",
    ),
    pytest.param(
        """
        import stripe

        def customer(account):
            contact = account.email
            name = f"{account.first_name} {account.last_name}"
            stripe.Customer.create(email=contact, name=name, description="web")
        """,
        {("user.contact.email", "stripe", 7, ("account.email", "contact", "stripe.Customer.create")),
         ("user.name.first", "stripe", 7, ("account.first_name", "name", "stripe.Customer.create")),
         ("user.name.last", "stripe", 7, ("account.last_name", "name", "stripe.Customer.create"))},
        id="assignment-fstring-kwargs",
    ),
    pytest.param(
        """
        import requests

        URL = "https://api.mixpanel.com/engage"

        def send(profile):
            payload = {"$set": {"$phone": profile.phone}}
            requests.post(URL, json=payload)
        """,
        {("user.contact.phone_number", "mixpanel", 8, ("profile.phone", "payload", "requests.post"))},
        id="http-call-nested-dict",
    ),
    pytest.param(
        """
        import stripe
        from mixpanel import Mixpanel

        mp = Mixpanel("token")

        def checkout(user, plan):
            email = user.email
            print(email)
            mp.track("anon", "checkout", {"plan": plan})
            email = None
            stripe.Customer.create(description=email, metadata={"email_sent_at": user.email_sent_at})
            phone_verified = user.phone_verified
            mp.track("anon", "verified", {"ok": phone_verified, "n": len(user.email)})
        """,
        set(),
        id="co-occurrence-is-no-flow",
    ),
    pytest.param(
        """
        import braintree
        import requests

        class BraintreeProvider:
            def __init__(self, merchant_id, private_key):
                self.private_key = private_key
                braintree.Configuration.configure(merchant_id=merchant_id, private_key=self.private_key)

            def charge(self, payment):
                data = {"x_login": self.login_id, "x_email": payment.billing_email}
                requests.post("https://api.braintreegateway.com/x", data=data)
        """,
        {("user.contact.email", "braintree", 12, ("payment.billing_email", "data", "requests.post"))},
        id="a-providers-own-keys-are-not-personal",
    ),
    pytest.param(
        """
        import stripe

        class Member:
            def sync(self):
                stripe.Customer.create(email=self.email)
        """,
        {("user.contact.email", "stripe", 6, ("self.email", "stripe.Customer.create"))},
        id="a-persons-own-attribute",
    ),
    pytest.param(
        """
        import boto3
        import stripe

        def upload(key, password, user):
            s3 = boto3.client("s3", aws_secret_access_key=password)
            s3.put_object(Bucket="b", Key=key, Body=user.email)
            stripe.Customer.create(api_key=password, email=user.email)

        def sign_up(email, password):
            cognito = boto3.client("cognito-idp")
            cognito.sign_up(Username=email, Password=password)

        def confirm(email, code):
            boto3.client("cognito-idp").confirm_sign_up(Username=email, ConfirmationCode=code)
        """,
        {("user.contact.email", "aws_s3", 7, ("user.email", "boto3.client.put_object")),
         ("user.contact.email", "stripe", 8, ("user.email", "stripe.Customer.create")),
         ("user.contact.email", "aws_cognito", 12, ("email", "boto3.client.sign_up")),
         ("user.authorization.password", "aws_cognito", 12, ("password", "boto3.client.sign_up")),
         ("user.contact.email", "aws_cognito", 15, ("email", "boto3.client.confirm_sign_up")),
         # the keyword names what an opaque local carries: a confirmation code, to an identity provider
         ("user.authorization.credentials", "aws_cognito", 15, ("ConfirmationCode=code", "boto3.client.confirm_sign_up"))},
        id="credentials-reaching-a-non-identity-service-are-the-business-keys",
    ),
    pytest.param(
        """
        import httpx
        import requests

        client = httpx.Client(base_url="https://api.hubapi.com")

        def sync(user):
            client.post("/crm/v3/objects/contacts", json={"properties": {"email": user.email}})

        async def notify(user):
            async with httpx.AsyncClient(base_url="https://api.intercom.io") as ic:
                await ic.post("/contacts", json={"email": user.email})
            async with httpx.AsyncClient(base_url="https://example.org") as other:
                await other.post("/x", json={"email": user.email})

        def track(user):
            requests.post("https://api.mixpanel.com/track", json={"distinct_id": user.id})
        """,
        {("user.contact.email", "hubspot", 8, ("user.email", "httpx.Client.post")),
         ("user.contact.email", "intercom", 12, ("user.email", "httpx.AsyncClient.post")),
         ("user.unique_id", "mixpanel", 17, ("user.id", "requests.post"))},
        id="clients-with-a-base-url-and-one-flow-per-path",
    ),
    pytest.param(
        """
        from twilio.rest import Client as Twilio
        import requests

        def remind(user):
            Twilio("sid", "token").messages.create(to=user.phone, from_="+15550100", body="Your visit is tomorrow")
            requests.get("https://example.org").json().get(user.email)
        """,
        {("user.contact.phone_number", "twilio", 6,
          ("user.phone", 'Twilio("sid", "token").messages.create'))},
        id="a-call-chained-on-an-sdk-client-built-inline",
    ),
    pytest.param(
        """
        from twilio.rest import Client

        def client(account_sid):
            return Client(account_sid=account_sid)

        def remind(user, account_sid):
            Client(account_sid=account_sid).messages.create(to=user.phone, body="Tomorrow")
        """,
        {("user.contact.phone_number", "twilio", 8,
          ("user.phone", "Client(account_sid=account_sid).messages.create"))},
        id="twilios-account-sid-is-the-business-account",
    ),
    pytest.param(
        """
        import stripe

        def customer(user, invoice):
            stripe.Customer.create(name=user.get_full_name(), description=invoice.get_status_display())
        """,
        {("user.name", "stripe", 5, ("user.get_full_name()", "stripe.Customer.create"))},
        id="a-getter-returns-its-datum",
    ),
    pytest.param(
        """
        import mailchimp

        def update_member(user, old_user, infos):
            api = mailchimp.Mailchimp(KEY)
            api.lists.subscribe(LIST, {"email": getattr(old_user, "email", "")}, {"NOTE": getattr(user, NOTE_ATTR)})
        """,
        {("user.contact.email", "mailchimp", 6, ("old_user.email", "mailchimp.Mailchimp.lists.subscribe"))},
        id="getattr-with-a-literal-name-reads-that-attribute-or-its-default",
    ),
    pytest.param(
        """
        import requests
        import sentry_sdk

        def dispatch(email):
            reply = requests.post("https://api.sendgrid.com/v3/mail/send", json={"to": email})
            sentry_sdk.set_extra("reply", reply.json())
        """,
        {("user.contact.email", "sendgrid", 6, ("email", "requests.post"))},
        id="an-http-answer-is-the-servers-not-what-was-sent",
    ),
    pytest.param(
        """
        import messagebird

        class BaseDevice(Device):
            def generate_challenge(self):
                self._deliver(self._message(self.token))

        class SMSDevice(BaseDevice):
            def _message(self, token):
                return TEMPLATE.format(token=token)

            def _deliver(self, text):
                messagebird.Client(KEY).message_create(ORIGINATOR, self.number, text)
        """,
        {("user.authorization.credentials", "messagebird", 6,
          ("self.token", "SMSDevice._deliver(text)", "messagebird.Client.message_create")),
         ("user.contact.phone_number", "messagebird", 13, ("self.number", "messagebird.Client.message_create")),
         ("user.content.private", "messagebird", 13, ("text", "messagebird.Client.message_create"))},
        id="a-base-class-calls-what-its-subclasses-define",
    ),
    pytest.param(
        """
        from urllib.parse import urlencode
        from urllib.request import Request, urlopen

        def verify(secret_key, token, remoteip):
            params = {"secret": secret_key, "response": token, "remoteip": remoteip}
            request = Request(url="https://www.google.com/recaptcha/api/siteverify", method="POST",
                              data=bytes(urlencode(params), encoding="utf8"))
            return urlopen(request)
        """,
        {("user.device.ip_address", "google_recaptcha", 7, ("remoteip", "params", "urllib.request.Request"))},
        id="recaptcha-siteverify-through-urllib",
    ),
    pytest.param(
        """
        import requests
        from django.conf import settings

        def send_sms(text, username=None, password=None, user=None):
            requests.post("https://api.txtlocal.com/send/", data={
                "uname": username or settings.TXTLOCAL_USERNAME,
                "pword": password or settings.TXTLOCAL_PASSWORD,
                "numbers": user.phone or settings.FALLBACK_NUMBER,
                "email": user.email or settings.DEFAULT_USER_EMAIL,  # an e-mail setting: the person's e-mail stays
            })
        """,
        {("user.contact.phone_number", "textlocal", 6, ("user.phone", "requests.post")),
         ("user.contact.email", "textlocal", 6, ("user.email", "requests.post"))},
        id="a-value-falling-back-to-the-accounts-setting-is-the-account",
    ),
    pytest.param(
        # the app's own User-Agent, made of its version, is no visitor's browser (fief's webhooks, audit5 C3);
        # the visitor's, read from the request, is
        """
        import httpx
        import requests

        VERSION = "1.2"

        async def deliver(webhook, payload):
            async with httpx.AsyncClient() as client:
                await client.post(webhook.url, content=payload, headers={"User-Agent": f"myapp-webhooks/{VERSION}"})

        def forward(request):
            requests.post("https://api.mixpanel.com/track", headers={"User-Agent": f"{request.headers['User-Agent']}"})
        """,
        {("user.device", "mixpanel", 12, ("request.headers['User-Agent']", "requests.post"))},
        id="the-apps-own-user-agent-is-configuration",
    ),
]


@pytest.mark.parametrize(("source", "expected"), FLOWS)
def test_flows(scan_snippet, source: str, expected: set[tuple[str, str, int, tuple[str, ...]]]) -> None:
    assert flows(scan_snippet(source)) == expected


def scan_files(root: Path, rules, files: dict[str, str]) -> list:
    """Each file written under root and scanned alone, before the cross-file pass."""
    results = []
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)
        results.append(scan_file(Source(name, root / name, "python"), rules))
    return results


def test_url_from_project_settings_resolved_across_files(tmp_path: Path, rules) -> None:
    files = {
        "app/settings.py": 'MIXPANEL_API = "https://api.mixpanel.com"\nGITHUB = "https://github.com"\n',
        "app/tracking.py": textwrap.dedent(
            """
            import requests
            from django.conf import settings

            def track(user):
                requests.post(f"{settings.MIXPANEL_API}/track", json={"email": user.email})
                requests.post(settings.UNKNOWN_URL, json={"email": user.email})
                requests.post(f"{settings.GITHUB}/login/oauth/access_token", data={"code": user.code})
            """
        ),
    }
    results = scan_files(tmp_path, rules, files)
    [_, tracking] = finalize(results, rules, Config(root=tmp_path))
    # host and path: github.com/login/oauth is GitHub's sign-in, not the website
    assert {u for u in uses(tracking) if u[1] == "domain"} == {("mixpanel", "domain", 6), ("github_login", "domain", 8)}
    # the unknown URL is no catalogued service (py_sharing reports it as an unresolved recipient)
    assert {f for f in flows(tracking) if f[1] != "unresolved_webhook"} == {
        ("user.contact.email", "mixpanel", 6, ("user.email", "requests.post"))}
    assert all(not r.deferred for r in results)


def test_flows_through_a_function_of_another_module(tmp_path: Path, rules) -> None:
    files = {
        "backend/app/utils.py": textwrap.dedent(
            """
            import emails

            def send_email(email_to, html_content):
                emails.Message(html=html_content).send(to=email_to)

            def log_only(value):
                print(value)
            """
        ),
        "backend/app/routes.py": textwrap.dedent(
            """
            from app.utils import send_email, log_only

            def recover(user):
                send_email(email_to=user.email, html_content="fixed text")
                log_only(user.phone)
            """
        ),
    }
    results = scan_files(tmp_path, rules, files)
    [_, routes] = finalize(results, rules, Config(root=tmp_path))
    # `app.utils` as imported is `backend.app.utils` from the scan root; a function that sends nothing makes no flow
    assert flows(routes) == {("user.contact.email", "smtp_server", 5,
                              ("user.email", "send_email(email_to)", "emails.Message.send"))}
    assert all(not r.deferred for r in results)


def test_a_project_class_deriving_from_an_sdk_class_is_that_class(tmp_path: Path, rules) -> None:
    files = {
        "app/mail/cid.py": textwrap.dedent(
            """
            from django.core.mail import EmailMultiAlternatives

            class CustomEmail(EmailMultiAlternatives):
                pass

            class Inline(CustomEmail):
                pass

            class Unrelated:
                pass
            """
        ),
        "app/mail/send.py": textwrap.dedent(
            """
            from app.mail.cid import CustomEmail, Inline, Unrelated

            def send_mail(to, subject, plaintext):
                CustomEmail(to=to, subject=subject, body=plaintext).send()

            def welcome():
                CustomEmail(to=["ops@example.com"], body=_("Welcome")).send()

            def invite(user):
                Inline(subject="Hi", to=[user.email]).send()
                Unrelated(user.email, body=user.bio)
            """
        ),
    }
    results = scan_files(tmp_path, rules, files)
    [_, send] = finalize(results, rules, Config(root=tmp_path))
    # the recipients and body mean what EmailMultiAlternatives's do, also two classes down;
    # literal recipients and text carry nothing, and a class with no SDK base is nobody's
    assert flows(send) == {
        ("user.contact.email", "smtp_server", 5, ("to", "CustomEmail")),
        ("user.content.private", "smtp_server", 5, ("plaintext", "CustomEmail")),
        ("user.contact.email", "smtp_server", 11, ("user.email", "Inline")),
    }
    assert {(u[0], u[2]) for u in uses(send)} == {("smtp_server", 5), ("smtp_server", 11)}


def test_an_sdk_bound_in_another_module_is_that_sdk(tmp_path: Path, rules) -> None:
    files = {
        "app/api.py": "import stripe\nfrom flask_mail import Mail\n\nstripe_api = stripe\nmail = Mail()\nhelper = print\n",
        "app/customers.py": textwrap.dedent(
            """
            from app.api import stripe_api as stripe, mail, helper

            def create(user, card):
                stripe.Customer.create(email=user.email, source=card)
                mail.send(user.email)
                helper.something(user.email)
            """
        ),
    }
    results = scan_files(tmp_path, rules, files)
    [_, customers] = finalize(results, rules, Config(root=tmp_path))
    assert uses(customers) == {("stripe", "call", 5), ("smtp_server", "call", 6)}
    assert {(f[0], f[1], f[2]) for f in flows(customers)} == {
        ("user.contact.email", "stripe", 5), ("user.financial.credit_card", "stripe", 5),
        ("user.contact.email", "smtp_server", 6)}
    assert all(not r.deferred for r in results)


def test_a_parent_sdk_imported_beside_a_specific_service_is_that_service(scan_snippet) -> None:
    source = """
        from firebase_admin import messaging
        from firebase_admin.exceptions import FirebaseError

        def push(token, text):
            messaging.send(messaging.Message(token=token, data={"text": text}))
        """
    assert {u[0] for u in uses(scan_snippet(source))} == {"firebase_cloud_messaging"}
    # alone, the parent's import is the parent's
    assert {u[0] for u in uses(scan_snippet("from firebase_admin.exceptions import FirebaseError\n"))} == {"firebase"}


def test_a_payment_providers_arguments_carry_the_payment_and_the_card(scan_snippet) -> None:
    source = """
        import stripe

        def subscribe(user, card, plan, total):
            stripe.Customer.create(email=user.email, source=card, plan=plan)
            stripe.Charge.create(amount=total, currency="usd")
            stripe.Charge.create(amount=1000, source="tok_visa")
        """
    # `plan` and `currency` mean nothing; literal amounts and test tokens carry no one's data
    assert {(f[0], f[2]) for f in flows(scan_snippet(source))} == {
        ("user.contact.email", 5), ("user.financial.credit_card", 5), ("user.payment", 6)}


def test_a_payout_recipients_account_is_a_bank_account_and_its_name_the_holders(scan_snippet) -> None:
    source = """
        from paystackapi.trecipient import TransferRecipient

        def add_recipient(bank_account, account_number, code, bvn):
            TransferRecipient.create(type="nuban", name=bank_account.account_name, account_number=account_number,
                                     bank_code=code, bvn=bvn)
        """
    assert {(f[0], f[2]) for f in flows(scan_snippet(source))} == {
        ("user.name", 5), ("user.financial.bank_account", 5),
        ("user.government_id.national_identification_number", 5)}


def test_a_dict_spread_into_a_call_passes_its_keys_as_keywords(scan_snippet) -> None:
    source = """
        import stripe

        def charge(customer, source, amount, currency="usd"):
            kwargs = dict(amount=amount, currency=currency)
            kwargs["source"] = source
            stripe.Charge.create(**kwargs)

        def plan(name):
            options = {"nickname": name, "currency": "usd"}
            stripe.Plan.create(**options)
        """
    assert {(f[0], f[2]) for f in flows(scan_snippet(source))} == {
        ("user.payment", 7), ("user.financial.credit_card", 7)}


def test_what_a_user_asks_an_ai_model_or_a_search_api(scan_snippet) -> None:
    source = """
        from openai import OpenAI
        from tavily import TavilyClient

        client = OpenAI()
        tavily = TavilyClient(api_key="x")

        def answer(history, question):
            messages = history + [{"role": "user", "content": question}]
            client.chat.completions.create(model="gpt-4o", messages=messages)
            tavily.search(query=question)
            client.chat.completions.create(model="gpt-4o", messages=[{"role": "system", "content": "ping"}])
        """
    # a conversation built at run time is the user's; a fixed prompt is nobody's
    assert {(f[0], f[1], f[2]) for f in flows(scan_snippet(source))} == {
        ("user.content.private", "openai", 10), ("user.behavior.search_history", "tavily", 11)}


def test_an_http_bodys_keys_mean_what_the_apis_arguments_mean(scan_snippet) -> None:
    source = """
        import requests

        def ask(question, history):
            payload = {"model": "gpt-4o", "messages": history}
            requests.post("https://api.openai.com/v1/chat/completions", json=payload)
            requests.post("https://api.mailgun.net/v3/mg.example.com/messages",
                          data={"to": question, "text": "fixed", "from": "ops@example.com"})
        """
    assert {(f[0], f[1], f[2]) for f in flows(scan_snippet(source))} == {
        ("user.content.private", "openai", 6), ("user.contact.email", "mailgun", 7)}


def test_an_sdk_object_sends_what_was_set_on_it(scan_snippet) -> None:
    source = """
        import stripe

        def update(account, data):
            remote = stripe.Account.retrieve(id=account.stripe_id)
            remote.legal_entity.dob = data["dob"]
            remote.save()

        def untouched(account):
            other = stripe.Account.retrieve(id=account.stripe_id)
            other.metadata.plan = "gold"
            other.save()
        """
    assert {(f[0], f[2], f[3]) for f in flows(scan_snippet(source))} == {
        ("user.demographic.date_of_birth", 7, ('data["dob"]', "remote", "stripe.Account.retrieve.save"))}


def test_what_a_container_is_given_it_carries(scan_snippet) -> None:
    source = """
        from mixpanel import Mixpanel

        mp = Mixpanel("token")

        def track(user):
            props = []
            props.append(user.phone)
            mp.track("id", "signup", props)

        def count(user):
            seen = []
            seen.append(user.phone)
            mp.track("id", "count", {"n": len(seen)})
        """
    assert {(f[0], f[2]) for f in flows(scan_snippet(source))} == {("user.contact.phone_number", 9)}


def test_a_post_to_an_endpoint_the_class_builds_is_named_by_its_context(scan_snippet) -> None:
    source = """
        import requests
        from django.conf import settings

        class BrazeEmailChannel:
            def _send_url(self):
                return f"https://{settings.BRAZE_ENDPOINT}/messages/send"

            def deliver(self, user):
                requests.post(self._send_url(), json={"external_user_ids": [user.id]})
                requests.get(self._send_url())
        """
    # the POST sends to the configured endpoint, which the class's name ties to Braze; a GET from it shares
    # nothing (BRAZE_ENDPOINT, an address setting headed by the brand, is Braze's setting too)
    assert {(u[0], u[1], u[2]) for u in uses(scan_snippet(source, "channel/braze.py"))} == {
        ("braze", "webhook", 10), ("braze", "setting", 7)}


def test_an_http_call_to_a_known_host_is_one_flow(scan_snippet) -> None:
    result = scan_snippet(
        """
        import requests

        def track(user):
            requests.post("https://api.mixpanel.com/track", json={"distinct_id": user.id})
        """
    )
    assert [(f.category, f.service, f.location.line) for f in result.flows] == [("user.unique_id", "mixpanel", 5)]


def test_a_value_assigned_in_a_branch_may_not_replace_the_one_before(scan_snippet) -> None:
    source = """
        import requests

        def track(context, user):
            email = context.get("email")
            if email is None:
                email = default_address()
            phone = user.phone
            phone = "hidden"
            requests.post("https://api.mixpanel.com/engage", json={"e": email, "extra": phone})
        """
    # `email` is the context's or what `lookup` answers; `phone` was replaced outright
    assert {(f[0], f[2]) for f in flows(scan_snippet(source))} == {("user.contact.email", 10)}


def test_an_authorized_google_session_posts_like_requests_and_oauth_scopes_are_no_endpoints(scan_snippet) -> None:
    source = """
        import json
        from google.auth.transport.requests import AuthorizedSession
        from google.oauth2 import service_account

        SCOPES = ["https://www.googleapis.com/auth/firebase", "https://www.googleapis.com/auth/userinfo.email"]
        FCM = "https://fcm.googleapis.com/v1/projects/{0!s}/messages:send"

        def push(credentials, device_token, text):
            session = AuthorizedSession(credentials)
            message = {"message": {"token": device_token, "notification": {"body": text}}}
            session.post(FCM.format("proj"), data=json.dumps(message))
        """
    result = scan_snippet(source)
    assert {(u.service, u.location.line) for u in result.services} == {
        ("firebase_cloud_messaging", 7), ("firebase_cloud_messaging", 12)}
    # a push's body is its message, whatever the parameter is called
    assert {(f[0], f[2]) for f in flows(result)} == {("user.device.device_id", 12), ("user.content.private", 12)}


def test_what_the_provider_answered_is_read_and_its_own_ids_go_back_to_it(scan_snippet) -> None:
    source = """
        import stripe
        from django.core.mail import get_connection

        def connect(data, form):
            account = stripe.Account.retrieve(data["stripe_user_id"])
            email = account.get("email")
            country = account.get("country")
            connection = get_connection(username=form.cleaned_data["smtp_username"],
                                        password=form.cleaned_data["smtp_password"])

        def refund(charge_id, intent_id, amount):
            charge = stripe.Charge.retrieve(charge_id)
            stripe.PaymentIntent.retrieve(intent_id)
            stripe.Refund.create(charge=charge_id, amount=amount)
        """
    result = scan_snippet(source)
    # reading the account is no call to Stripe; an SMTP connection's login is the business's; a charge's and an
    # intent's ids are Stripe's own; the refund's amount is the payer's payment
    assert {(s.service, s.location.line) for s in result.services if s.signal == "call"} == {
        ("stripe", 6), ("smtp_server", 9), ("stripe", 13), ("stripe", 14), ("stripe", 15)}
    assert {(f[0], f[2]) for f in flows(result)} == {("user.payment", 15)}


def test_the_unit_prices_of_a_checkouts_items_are_the_payment(scan_snippet) -> None:
    source = """
        import mercadopago

        def checkout(payment):
            payload = {"items": [{"title": i.name, "unit_price": float(i.price)} for i in payment.items()]}
            mercadopago.SDK("token").preference().create(payload)
        """
    assert {(f[0], f[2]) for f in flows(scan_snippet(source))} == {("user.payment", 6)}


def test_a_message_built_and_then_sent_is_one_flow(scan_snippet) -> None:
    source = """
        from django.core.mail import EmailMessage

        def notify(user, html):
            msg = EmailMessage("Hi", html, to=[user.email])
            msg.content_subtype = "html"
            msg.send()
            msg.to = [user.backup_email]
            msg.send()
        """
    # the second send carries an address the message did not hold when it was built
    assert {(f[0], f[2]) for f in flows(scan_snippet(source))} == {
        ("user.contact.email", 5), ("user.content.private", 5), ("user.contact.email", 9)}


def test_a_name_holds_each_datum_once_however_often_it_is_given_it() -> None:
    # alerta's config module: `config[k] = get_config(k, config=config)` forty times doubled the taint list each
    # time (3 GB for one 148-line file); a name keeps each (category, origin) once, and at most _MAX_TAINTS
    from scanner.extract.py_flows import _MAX_TAINTS, merged

    held = [("user.contact.email", ("user.email", "config"))]
    again = merged(held, [("user.contact.email", ("user.email", "config", "x")), ("user.name", ("user.name",))], "config")
    assert again == [("user.contact.email", ("user.email", "config")), ("user.name", ("user.name", "config"))]
    many = merged([], [(f"c{i}", (f"o{i}",)) for i in range(_MAX_TAINTS * 2)], "x")
    assert len(many) == _MAX_TAINTS


def test_a_dict_filled_from_calls_given_itself_keeps_its_data(scan_snippet) -> None:
    lines = "\n".join(f"    config['K{i}'] = get_config('K{i}', default=None, config=config)" for i in range(60))
    result = scan_snippet(
        "import requests\n\ndef load(user):\n    config = Config('/')\n    config['ADMIN'] = user.email\n"
        f"{lines}\n    requests.post('https://api.mixpanel.com/track', json=config)\n"
    )
    assert {(f.category, f.service) for f in result.flows} == {("user.contact.email", "mixpanel")}
