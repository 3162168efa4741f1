"""Clients a context manager or a session makes, and values that carry no person: a signal's sender, an HMAC,
names unpacked from a function whose returns are read (audit7 F2 and N7, audit8's boto3 profile)."""

from __future__ import annotations

from scanner.inventory import FileResult


def flows(result: FileResult) -> set[tuple[str, str, int]]:
    return {(f.category, f.service, f.location.line) for f in result.flows}


def test_a_client_entered_from_a_project_context_manager_sends(scan_snippet) -> None:
    result = scan_snippet(
        """
        import smtplib

        class SMTPConnection:
            def __init__(self, conf):
                self.conf = conf

            def __enter__(self):
                self.client = smtplib.SMTP(host=self.conf["host"])
                return self.client

            def __exit__(self, *exc):
                self.client.quit()

        def notify(conf, user, msg):
            with SMTPConnection(conf) as con:
                con.sendmail("noreply@example.org", [user.email], msg)
        """
    )
    assert ("user.contact.email", "smtp_server", 17) in flows(result)


def test_a_context_manager_that_enters_no_client_is_no_service(scan_snippet) -> None:
    result = scan_snippet(
        """
        import smtplib

        class Timer:
            def __enter__(self):
                return self

            def __exit__(self, *exc):
                pass

        def notify(user):
            with Timer() as timer:
                timer.sendmail("noreply@example.org", [user.email], "hi")
        """
    )
    assert flows(result) == set()


def test_a_client_from_a_lambda_factory_entered_async(scan_snippet) -> None:
    result = scan_snippet(
        """
        from google import genai

        class GeminiClient:
            def __init__(self, api_key):
                self._client_factory = lambda: genai.Client(api_key=api_key).aio

            async def chat(self, contents):
                async with self._client_factory() as client:
                    return await client.models.generate_content(model="gemini-2.0", contents=contents)
        """
    )
    assert ("user.content.private", "google_gemini", 10) in flows(result)


def test_a_boto3_session_carries_nothing_from_its_profile(scan_snippet) -> None:
    result = scan_snippet(
        """
        import boto3

        class Backend:
            def upload(self, file, bucket):
                session = boto3.Session(profile_name=self.connection.profile_name)
                s3 = session.client("s3")
                s3.put_object(Bucket=bucket, Key="export.csv", Body=b"")
        """
    )
    assert flows(result) == set()


def test_what_a_boto3_client_is_then_given_is_still_sent(scan_snippet) -> None:
    result = scan_snippet(
        """
        import boto3

        def text(user):
            session = boto3.Session(profile_name="prod")
            sns = session.client("sns")
            sns.publish(PhoneNumber=user.phone_number, Message="Your order has shipped")
        """
    )
    assert ("user.contact.phone_number", "amazon_sns", 7) in flows(result)


def test_a_signal_senders_key_is_no_persons_id(scan_snippet) -> None:
    result = scan_snippet(
        """
        from django.conf import settings
        from django.core.mail import send_mail
        from django.dispatch import receiver
        from .models import FoiRequest

        @receiver(FoiRequest.became_overdue)
        def notify_overdue(sender, **kwargs):
            send_mail("Request overdue [#{0}]".format(sender.pk), "Your request is overdue.",
                      settings.DEFAULT_FROM_EMAIL, [sender.user.email])
        """
    )
    assert flows(result) == {("user.contact.email", "smtp_server", 9)}


def test_a_users_key_in_a_plain_function_is_still_sent(scan_snippet) -> None:
    result = scan_snippet(
        """
        from django.conf import settings
        from django.core.mail import send_mail

        def notify(user):
            send_mail("Account [#{0}]".format(user.pk), "Hello.", settings.DEFAULT_FROM_EMAIL, [user.email])
        """
    )
    assert ("user.unique_id", "smtp_server", 6) in flows(result)


def test_an_hmac_signs_without_revealing(scan_snippet) -> None:
    result = scan_snippet(
        """
        import hashlib, hmac
        from django.conf import settings
        from django.core.mail import send_mail

        def confirm(user):
            secret = hmac.new(settings.SECRET_KEY.encode(), str(user.last_login).encode(), hashlib.md5).hexdigest()
            url = "https://example.org/confirm/%s/" % secret
            send_mail("Confirm", "Open %s" % url, settings.DEFAULT_FROM_EMAIL, [user.email])
        """
    )
    assert "user.behavior" not in {c for c, _, _ in flows(result)}  # last_login is not readable in the link


def test_a_plain_hash_still_carries_its_input(scan_snippet) -> None:
    result = scan_snippet(
        """
        import hashlib
        import requests

        def avatar(user):
            digest = hashlib.md5(user.email.encode()).hexdigest()
            requests.post("https://api.mixpanel.com/track", json={"distinct_id": digest})
        """
    )
    assert ("user.contact.email", "mixpanel", 7) in flows(result)


def test_names_unpacked_from_a_read_function_are_what_it_returns(scan_snippet) -> None:
    result = scan_snippet(
        """
        import httpx

        def _prepare(csv, title):
            return title + ".csv", csv.encode(), "text/csv"

        def upload(upload_url, fixture):
            fname, fdata, ftype = _prepare(fixture.csv, fixture.title)
            httpx.post(url=upload_url, files={"file": (fname, fdata, ftype)})
        """
    )
    assert not any(c.startswith("user.name") for c, _, _ in flows(result))


def test_names_unpacked_from_a_tuple_pair_with_its_values(scan_snippet) -> None:
    result = scan_snippet(
        """
        import requests

        def track(user):
            who, where = user.email, "home"
            requests.post("https://api.mixpanel.com/track", json={"a": who, "b": where})
        """
    )
    assert ("user.contact.email", "mixpanel", 6) in flows(result)


_TRACKERS = """
import github
import jira


class IssueTracker:
    def __init__(self, bug_system):
        self.bug_system = bug_system
        self._rpc = None

    @property
    def rpc(self):
        if self._rpc is None:
            self._rpc = self._rpc_connection()
        return self._rpc

    def _report_comment(self, user):
        return "Reporter: " + user.get_full_name()


class JIRA(IssueTracker):
    def _rpc_connection(self):
        return jira.JIRA(self.bug_system.base_url, basic_auth=(self.bug_system.username, self.bug_system.token))

    def report_issue(self, user):
        return self.rpc.create_issue(project=1, summary="Failed test", description=self._report_comment(user))


class GitHub(IssueTracker):
    def _rpc_connection(self):
        return github.Github(self.bug_system.token)

    def report_issue(self, user):
        repo = self.rpc.get_repo("org/repo")
        return repo.create_issue(title="Failed test", body=self._report_comment(user))
"""


def test_a_bases_lazy_property_returns_each_subclass_own_client(scan_snippet) -> None:
    result = scan_snippet(_TRACKERS)
    assert {("user.name", "atlassian", 26), ("user.name", "github", 35)} <= flows(result)


def test_a_lazy_property_with_no_client_maker_is_no_client(scan_snippet) -> None:
    result = scan_snippet(
        """
        class Tracker:
            @property
            def rpc(self):
                if self._rpc is None:
                    self._rpc = self._rpc_connection()
                return self._rpc

        class Local(Tracker):
            def _rpc_connection(self):
                return {}

            def report_issue(self, user):
                return self.rpc.create_issue(description="Reporter: " + user.get_full_name())
        """
    )
    assert flows(result) == set()
    assert result.services == []


def test_what_one_method_puts_in_the_object_another_sends(scan_snippet) -> None:
    result = scan_snippet(
        """
        import json
        import requests

        class OnesignalClient:
            def create_message(self, title, cont, ids):
                self.payload = {"include_player_ids": ids, "contents": {"en": cont}}

            def send_message(self):
                header = {"Authorization": "Basic " + self.auth_user_key}
                return requests.post("https://onesignal.com/api/v1/notifications", headers=header,
                                     data=json.dumps(self.payload))
        """
    )
    assert flows(result) == {("user.device.device_id", "onesignal", 11), ("user.content.private", "onesignal", 11)}


def test_an_attribute_of_another_class_is_not_this_objects_state(scan_snippet) -> None:
    result = scan_snippet(
        """
        import requests

        class Profile:
            def fill(self, user):
                self.payload = {"email": user.email}

        class Ping:
            def send(self):
                return requests.post("https://api.mixpanel.com/track", json=self.payload)
        """
    )
    assert flows(result) == set()


def test_an_apis_auth_key_is_the_business_account(scan_snippet) -> None:
    result = scan_snippet(
        """
        import requests

        def send(payload, auth_user_key, rest_api_key):
            header = {"Authorization": "Basic " + auth_user_key, "X-Key": rest_api_key}
            return requests.post("https://onesignal.com/api/v1/notifications", headers=header, json=payload)
        """
    )
    assert flows(result) == set()


def test_an_sms_apis_to_is_a_phone_number_not_a_mail_address(scan_snippet) -> None:
    result = scan_snippet(
        """
        import httpx

        async def send(message, account_sid):
            async with httpx.AsyncClient() as client:
                await client.post(f"https://api.twilio.com/2010-04-01/Accounts/{account_sid}/Messages.json",
                                  data={"To": message.to, "Body": message.body})
        """
    )
    assert {c for c, _, _ in flows(result)} == {"user.contact.phone_number", "user.content.private"}


def test_a_mail_apis_to_stays_a_mail_address(scan_snippet) -> None:
    result = scan_snippet(
        """
        import requests

        def send(message):
            requests.post("https://api.postmarkapp.com/email", json={"To": message.to, "HtmlBody": message.body})
        """
    )
    assert "user.contact.email" in {c for c, _, _ in flows(result)}


_PIPEDRIVE = """
import requests

class Pipedrive:
    def _make_request(self, method, endpoint, data=None):
        response = requests.post(f"https://api.pipedrive.com/v1/{endpoint}", json=data)
        result = response.json()
        return result

    def find_person(self, email):
        response = self._make_request("GET", f"persons/search?term={email}")
        return response["data"]["items"][0]["item"]

    def create_deal(self, email, title):
        person = self.find_person(email)
        deal = {"title": title}
        deal["person_id"] = person["id"]
        return self._make_request("POST", "deals", {"link": person["id"], **deal})
"""


def test_an_id_read_from_what_the_provider_answered_is_its_own(scan_snippet) -> None:
    result = scan_snippet(_PIPEDRIVE)
    assert "user.unique_id" not in {c for c, _, _ in flows(result)}


def test_an_id_of_our_own_user_is_still_sent(scan_snippet) -> None:
    result = scan_snippet(
        """
        import requests

        def create_deal(user, title):
            deal = {"title": title}
            deal["person_id"] = user.id
            return requests.post("https://api.pipedrive.com/v1/deals", json=deal)
        """
    )
    assert ("user.unique_id", "pipedrive", 7) in flows(result)


def test_an_sdk_objects_id_is_the_providers_handle(scan_snippet) -> None:
    result = scan_snippet(
        """
        import requests
        import stripe

        def subscribe(user):
            customer = stripe.Customer.create(email=user.email)
            requests.post("https://api.mixpanel.com/track", json={"stripe_customer": customer.id})
        """
    )
    assert ("user.unique_id", "mixpanel", 7) not in flows(result)
    assert ("user.contact.email", "stripe", 6) in flows(result)


def test_an_sdk_subclass_sends_through_its_inherited_attributes(scan_snippet) -> None:
    result = scan_snippet(
        """
        from twilio.rest import Client

        class TwilioOutput(Client):
            def __init__(self, account_sid, auth_token, twilio_number):
                super().__init__(account_sid, auth_token)
                self.twilio_number = twilio_number

            def send_text_message(self, recipient_id, text):
                self.messages.create(to=recipient_id, from_=self.twilio_number, body=text)
        """
    )
    assert {("user.contact.phone_number", "twilio", 10), ("user.content.private", "twilio", 10)} <= flows(result)


def test_a_subclass_own_attributes_are_not_the_sdks(scan_snippet) -> None:
    result = scan_snippet(
        """
        from twilio.rest import Client

        class TwilioOutput(Client):
            def __init__(self, outbox):
                self.outbox = outbox

            def queue(self, user):
                self.outbox.append(user.phone_number)
        """
    )
    assert flows(result) == set()


def test_a_models_query_is_no_search_history(scan_snippet) -> None:
    result = scan_snippet(
        """
        from flask_mail import Mail, Message
        from .models import User

        mail = Mail()

        def reset_request(email):
            user = User.query.filter_by(email=email).first()
            msg = Message("Reset", recipients=[user.email])
            msg.body = render(user=user)
            mail.send(msg)

        def render(**kwargs):
            return str(kwargs)
        """
    )
    assert "user.behavior.search_history" not in {c for c, _, _ in flows(result)}


def test_the_businesss_broker_login_and_client_secret_are_not_shared(scan_snippet) -> None:
    result = scan_snippet(
        """
        import requests
        from confluent_kafka import Producer

        class KafkaEventBroker:
            def __init__(self, url, sasl_username, sasl_password):
                self.url, self.sasl_username, self.sasl_password = url, sasl_username, sasl_password

            def producer(self):
                return Producer({"bootstrap.servers": self.url, "sasl.username": self.sasl_username,
                                 "sasl.password": self.sasl_password})

        def botframework_token(app_id, app_password):
            payload = {"grant_type": "client_credentials", "client_id": app_id, "client_secret": app_password}
            return requests.post("https://login.microsoftonline.com/botframework.com/oauth2/v2.0/token", data=payload)
        """
    )
    assert flows(result) == set()


def test_a_persons_password_to_an_identity_provider_still_flows(scan_snippet) -> None:
    result = scan_snippet(
        """
        import requests

        def sign_in(username, password):
            payload = {"grant_type": "password", "username": username, "password": password}
            return requests.post("https://login.microsoftonline.com/common/oauth2/v2.0/token", data=payload)
        """
    )
    assert ("user.authorization.password", "microsoft_entra_id", 6) in flows(result)


def test_a_get_whose_url_carries_a_persons_data_sends_it(scan_snippet) -> None:
    result = scan_snippet(
        """
        import urllib.request
        from urllib.parse import urlencode

        def notify_login(api_key, ipaddress):
            payload = urlencode({"apikey": api_key, "text": "New login from IP: {0}".format(ipaddress)})
            urllib.request.urlopen("https://joinjoaomgcd.appspot.com/_ah/api/messaging/v1/sendPush?" + payload)
        """
    )
    assert flows(result) == {("user.device.ip_address", "unlisted_host", 7)}


def test_a_get_of_a_public_page_shares_nothing(scan_snippet) -> None:
    result = scan_snippet(
        """
        import urllib.request

        def fetch_release(version):
            return urllib.request.urlopen("https://pypi.org/pypi/sickchill/" + version + "/json").read()
        """
    )
    assert flows(result) == set()
    assert result.services == []


def test_the_request_headers_sent_whole_carry_the_device_and_cookies(scan_snippet) -> None:
    result = scan_snippet(
        """
        import requests
        from flask import request

        def report(user):
            requests.post("https://basset.fedoraproject.org/hook", json={"request_headers": dict(request.headers)})
        """
    )
    assert {c for c, _, _ in flows(result)} == {"user.device", "user.device.cookie"}


def test_one_header_read_by_name_is_only_that_header(scan_snippet) -> None:
    result = scan_snippet(
        """
        import requests
        from flask import request

        def report():
            requests.post("https://api.mixpanel.com/track", json={"ua": request.headers.get("User-Agent"),
                                                                  "lang": request.headers.get("Accept-Language")})
        """
    )
    assert "user.device.cookie" not in {c for c, _, _ in flows(result)}


def test_names_unpacked_from_a_function_returning_anothers_value_keep_their_reading(scan_snippet) -> None:
    result = scan_snippet(
        """
        from posthog import Posthog
        from .utils import resolve_user_details

        client = Posthog("key")

        def _identity(request):
            return resolve_user_details(request.user)

        def capture(request, event):
            user_id, user_email = _identity(request)
            client.capture(distinct_id="x", event=event, properties={"email": user_email})
        """
    )
    assert ("user.contact.email", "posthog", 12) in flows(result)
