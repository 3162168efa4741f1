"""Resolution beyond one call: SDK subclasses, endpoints held by the class, formatted and scheme-less URLs."""

from __future__ import annotations

from pathlib import Path

import pytest

from scanner.inventory import FileResult
from tests.conftest import scan_files


def uses(result: FileResult) -> set[tuple[str, str, int]]:
    return {(s.service, s.signal, s.location.line) for s in result.services}


def project(tmp_path: Path, rules, files: dict[str, str]) -> dict[str, FileResult]:
    return {r.path: r for r in scan_files(tmp_path, rules, files)}


ENDPOINTS = [
    pytest.param(
        """
        import requests

        class Provider:
            api_url = "https://api.%(endpoint)s/v1/buttons"

            def __init__(self, key, endpoint="sandbox.coinbase.com"):
                self.endpoint = endpoint

            def create(self, payment):
                api_url = self.api_url % {"endpoint": self.endpoint}
                requests.post(api_url, data={"email": payment.billing_email})
        """,
        {("coinbase_commerce", "domain", 12)},
        id="percent-format-with-a-constructor-default",
    ),
    pytest.param(
        """
        import requests

        class Provider:
            _action = "https://test.sagepay.com/Simulator/VSPFormGateway.asp"

            def __init__(self, vendor, endpoint=_action):
                self.endpoint = endpoint

            def pay(self, data):
                return requests.post(self.endpoint, data=data)
        """,
        {("sagepay", "domain", 5), ("sagepay", "domain", 11)},
        id="default-naming-a-class-attribute",
    ),
    pytest.param(
        """
        import requests

        def send(region, body):
            url = "https://api.{host}/transactional-email/v1/regions/{0}/".format(region, host="scaleway.com")
            requests.post(url, json=body)
        """,
        {("scaleway", "domain", 6)},
        id="str-format-with-literal-host",
    ),
    pytest.param(
        """
        import requests

        def upload(account, blob):
            requests.put("https://%s.blob.core.windows.net/media" % account, data=blob)
        """,
        {("azure_storage", "domain", 5)},
        id="literal-domain-suffix-after-a-placeholder",
    ),
    pytest.param(
        """
        import requests

        def send(message):
            requests.post("api.pushbullet.com/v2/pushes", json={"body": message})
        """,
        {("pushbullet", "domain", 5)},
        id="scheme-less-host-passed-to-an-http-client",
    ),
    pytest.param(
        """
        def public_url(path):
            return urljoin("api.backblaze.com/b2api/v1/", path)
        """,
        {("backblaze_b2", "domain", 3)},
        id="scheme-less-exact-api-host-literal",
    ),
    pytest.param(
        """
        import requests

        class Notify:
            def __init__(self, host, secure=True):
                self.host = host
                self.secure = secure

            def send(self, user):
                schema = "https" if self.secure else "http"
                url = f"{schema}://{self.host}"
                url += "/notify"
                requests.post(url, json={"email": user.email})
        """,
        {("unresolved_webhook", "webhook", 13)},
        id="configured-host-after-an-unknown-scheme-is-a-webhook",
    ),
    pytest.param(
        """
        import requests

        def fetch(endpoint):
            requests.post("https://api.%s/v1" % endpoint, json={})
            requests.post("data.json")
            requests.get("https://{}.example.org".format(endpoint))
        """,
        {("unresolved_webhook", "webhook", 5)},
        id="no-guessing-an-unknown-host",
    ),
]


@pytest.mark.parametrize(("source", "expected"), ENDPOINTS)
def test_endpoints(scan_snippet, source: str, expected: set[tuple[str, str, int]]) -> None:
    assert uses(scan_snippet(source)) == expected


def test_subclass_of_an_sdk_class_uses_the_sdk(scan_snippet) -> None:
    source = """
    from stripe import StripeClient

    class Client(StripeClient):
        pass

    class Other(object):
        pass
    """
    assert uses(scan_snippet(source)) == {("stripe", "import", 2), ("stripe", "subclass", 4)}


def test_subclass_inherits_the_services_of_a_base_in_another_file(tmp_path: Path, rules) -> None:
    results = project(tmp_path, rules, {
        "mail/brevo.py": """
            import requests

            class EmailBackend:
                def __init__(self, api_url="https://api.brevo.com/v3/"):
                    self.api_url = api_url

                def send(self, message):
                    requests.post(self.api_url, json=message)

            class Unrelated:
                pass
            """,
        "mail/sendinblue.py": """
            from .brevo import EmailBackend as BrevoEmailBackend, Unrelated

            class EmailBackend(BrevoEmailBackend):
                esp_name = "SendinBlue"

            class Plain(Unrelated):
                pass
            """,
        "mail/webhook.py": """
            import requests

            class Hook:
                def send(self, url, body):
                    requests.post(url, json=body)
            """,
        "mail/custom.py": """
            from mail.webhook import Hook

            class MyHook(Hook):
                pass
            """,
    })
    assert uses(results["mail/sendinblue.py"]) == {("brevo", "subclass", 4)}
    # an unresolved recipient is not a named service to inherit
    assert uses(results["mail/custom.py"]) == set()


def flows(result: FileResult) -> set[tuple[str, str, int, tuple[str, ...]]]:
    return {(f.category, f.service, f.location.line, f.path) for f in result.flows}


SUMMARIES = [
    pytest.param(
        """
        from mixpanel import Mixpanel

        mp = Mixpanel("token")

        def track(value):
            mp.track("anon", "event", {"contact": value})

        def signup(user):
            track(user.email)
        """,
        {("user.contact.email", "mixpanel", 10,
          ("user.email", "track(value)", "mixpanel.Mixpanel.track"))},
        id="parameter-reaching-a-call-records-the-flow-at-the-caller",
    ),
    pytest.param(
        """
        import requests

        class Provider:
            def __init__(self, endpoint="https://api.mixpanel.com/track"):
                self.endpoint = endpoint

            def send(self, payload):
                return requests.post(self.endpoint, json=payload)

            def signup(self, user):
                self.send(payload={"who": user.phone})
        """,
        {("user.contact.phone_number", "mixpanel", 12,
          ("user.phone", "Provider.send(payload)", "requests.post"))},
        id="method-called-through-self-with-a-keyword",
    ),
    pytest.param(
        """
        import requests

        class Provider:
            endpoint = "https://api.mixpanel.com/track"

            def details(self, payment):
                return {"name": payment.billing_first_name}

            def charge(self, payment):
                data = self.details(payment)
                requests.post(self.endpoint, data=data)
        """,
        {("user.name.first", "mixpanel", 12,
          ("payment.billing_first_name", "Provider.details()", "data", "requests.post"))},
        id="method-returning-personal-data",
    ),
    pytest.param(
        """
        from mixpanel import Mixpanel

        mp = Mixpanel("token")

        def track(value, plan):
            print(value)
            mp.track("anon", "event", {"plan": plan})

        def other(value):
            return len(value)

        def signup(user, plan):
            track(user.email, plan)
            other(user.email)
            track(plan="pro", value="x")
        """,
        set(),
        id="a-parameter-that-does-not-reach-the-call-is-no-flow",
    ),
    pytest.param(
        """
        from mixpanel import Mixpanel
        from helpers import track

        mp = Mixpanel("token")

        def outer(value):
            def inner(x):
                mp.track("anon", "event", {"v": x})
            inner(value)

        def signup(user):
            track(user.email)
            outer(user.email)
        """,
        set(),
        id="imported-functions-and-nested-helpers-are-not-summarised",
    ),
    pytest.param(
        """
        from mixpanel import Mixpanel

        mp = Mixpanel("token")

        def track(value):
            mp.track("anon", "event", {"v": value})

        def notify(address, note):
            print(note)
            track(address)

        def signup(user):
            notify(user.email, user.bio)

        def later(user):
            notify(note=user.phone, address="ops@example.com")
        """,
        {("user.contact.email", "mixpanel", 14,
          ("user.email", "notify(address)", "track(value)", "mixpanel.Mixpanel.track"))},
        id="summaries-climb-through-callers",
    ),
    pytest.param(
        """
        from django.core.mail import send_mail

        def notify(address, password=False, token: bool = True):
            send_mail("Hello", "Nothing secret", None, [address], fail_silently=password or token)
        """,
        {("user.contact.email", "smtp_server", 5, ("[address]", "django.core.mail.send_mail"))},
        id="a-switch-named-after-a-datum-is-not-the-datum",
    ),
    pytest.param(
        """
        from mixpanel import Mixpanel

        mp = Mixpanel("token")

        def track_all(values):
            for v in values:
                mp.track("anon", "event", {"v": v})

        def pairs(rows):
            for key, v in rows:
                mp.track(key, "event", {})

        def signup(users):
            track_all([u.email for u in users])
            pairs([("plan", "pro")])
            for code in ["a", "b"]:
                mp.track("anon", "event", {"c": code})

        def each(addresses):
            for email in addresses:
                mp.track("anon", "event", {"to": email})
        """,
        {("user.contact.email", "mixpanel", 15,
          ("u.email", "track_all(values)", "v", "mixpanel.Mixpanel.track")),
         ("user.contact.email", "mixpanel", 22, ("email", "mixpanel.Mixpanel.track"))},
        id="loop-and-comprehension-elements-carry-their-collection",
    ),
]


@pytest.mark.parametrize(("source", "expected"), SUMMARIES)
def test_function_summaries(scan_snippet, source: str, expected: set) -> None:
    assert flows(scan_snippet(source)) == expected


def fields(result: FileResult) -> set[tuple[str, str, str, int]]:
    return {(f.name, f.container, f.kind, f.location.line) for f in result.fields}


def test_drf_meta_fields_are_collected_input(scan_snippet) -> None:
    source = """
    from rest_framework import serializers
    from django import forms

    class SignupSerializer(serializers.ModelSerializer):
        email = serializers.EmailField()

        class Meta:
            model = User
            fields = ["email", "phone", "date_of_birth"]

    class ProfileForm(forms.ModelForm):
        class Meta:
            model = Profile
            fields = ("home_address",)

    class UserFilter(FilterSet):
        class Meta:
            model = User
            fields = ["email"]
    """
    got = {(name, container, kind) for name, container, kind, _ in fields(scan_snippet(source))}
    assert got == {("email", "SignupSerializer", "drf_serializer"), ("phone", "SignupSerializer", "drf_serializer"),
                   ("date_of_birth", "SignupSerializer", "drf_serializer"), ("home_address", "ProfileForm", "django_form")}


def test_meta_fields_of_a_serializer_whose_base_is_in_another_file(tmp_path: Path, rules) -> None:
    results = project(tmp_path, rules, {
        "api/base.py": """
            from rest_framework import serializers

            class BaseSerializer(serializers.ModelSerializer):
                pass
            """,
        "api/users.py": """
            from api.base import BaseSerializer

            class UserSerializer(BaseSerializer):
                class Meta:
                    fields = ["email"]
            """,
    })
    assert {(n, c, k) for n, c, k, _ in fields(results["api/users.py"])} == {("email", "UserSerializer", "drf_serializer")}


def test_form_cleaned_data_is_collected_input(scan_snippet) -> None:
    source = """
    def signup(request):
        form = SignupForm(request.POST)
        if form.is_valid():
            email = form.cleaned_data["email"]
            phone = form.cleaned_data.get("phone")
            data = form.cleaned_data
            birthday = data["date_of_birth"]
            other = form.data_store["email"]
    """
    assert {(n, c, k, line) for n, c, k, line in fields(scan_snippet(source))} == {
        ("email", "signup", "request_input", 5), ("phone", "signup", "request_input", 6),
        ("date_of_birth", "signup", "request_input", 8)}


def _migration(deps: str, ops: str) -> str:
    return f"""
    from django.db import migrations, models

    class Migration(migrations.Migration):
        dependencies = [{deps}]
        operations = [{ops}]
    """


def test_django_migrations_replay_in_dependency_order(tmp_path: Path, rules) -> None:
    # by file name 0002_remove would run before 0002_add (both depend on 0001); the graph says otherwise
    results = project(tmp_path, rules, {
        "shop/migrations/0001_initial.py": _migration(
            '("auth", "0001_initial")',
            'migrations.CreateModel(name="Customer", fields=[("id", models.AutoField())])'),
        "shop/migrations/0002_zz_add_phone.py": _migration(
            '("shop", "0001_initial")',
            'migrations.AddField(model_name="customer", name="phone", field=models.CharField())'),
        "shop/migrations/0002_aa_remove_phone.py": _migration(
            '("shop", "0002_zz_add_phone")',
            'migrations.RemoveField(model_name="customer", name="phone")'),
        "shop/migrations/0003_email.py": _migration(
            '("shop", "0001_initial"), ("billing", "0002_aa_remove_phone")',
            'migrations.AddField(model_name="customer", name="email", field=models.EmailField())'),
    })
    alive = {(f.name, f.container) for r in results.values() for f in r.fields}
    assert alive == {("id", "Customer"), ("email", "Customer")}


def test_what_a_method_of_another_module_returns_reaches_the_service(tmp_path: Path, rules) -> None:
    # aa-intercom: the user model's mixin builds the payload, a task module sends it
    results = project(tmp_path, rules, {
        "app/mixins.py": """
            class IntercomUserMixin:
                def get_intercom_data(self):
                    return {"email": self.email, "name": self.get_full_name()}

                def get_status_data(self):
                    return {"plan": "pro"}
        """,
        "app/other.py": """
            class Report:
                def to_dict(self):
                    return {"owner_email": self.owner.email}

            class Chart:
                def to_dict(self):
                    return {"title": self.title}
        """,
        "app/tasks.py": """
            from intercom.client import Client

            intercom = Client(personal_access_token=TOKEN)

            def upload(instance, report):
                data = instance.get_intercom_data()
                intercom.users.create(**data)
                intercom.events.create(**instance.get_status_data())
                intercom.notes.create(metadata=report.to_dict())  # (a note's `body` is content whatever it holds)
        """,
    })
    assert {(f.category, f.location.line) for f in results["app/tasks.py"].flows} == {
        ("user.contact.email", 8), ("user.name", 8)}


def test_a_method_of_a_project_client_in_another_module_sends_what_it_is_given(tmp_path: Path, rules) -> None:
    # django-amplitude: the client class builds and posts events; the middleware hands them over
    results = project(tmp_path, rules, {
        "amp/client.py": """
            import httpx

            class Amplitude:
                def __init__(self):
                    self.url = "https://api.amplitude.com/2/httpapi"

                def send_events(self, events):
                    kwargs = {"url": self.url, "method": "POST", "json": {"events": events}}
                    return httpx.request(**kwargs)

                def build_event_data(self, event_type, request):
                    return {"user_id": request.user.pk, "ip": request.META.get("REMOTE_ADDR")}
        """,
        "amp/middleware.py": """
            from .client import Amplitude

            amplitude = Amplitude()

            def middleware(request, session):
                event = amplitude.build_event_data("page", request)
                amplitude.send_events([event])
                keys = get_store_keys(session, request.user.id)
                amplitude.send_events(keys)
                amplitude.flush(request.user.email)
        """,
    })
    # what the client's builder read is reported where the client sends it (the middleware only hands it on);
    # `keys` and `flush(...)` carry nothing the client sends
    assert {(f.category, f.location.line) for f in results["amp/client.py"].flows} == {
        ("user.unique_id", 10), ("user.device.ip_address", 10)}
    assert results["amp/middleware.py"].flows == []
    assert ("amplitude", "domain") in {(u.service, u.signal) for u in results["amp/client.py"].services}


def test_a_function_called_through_its_module_name_settles_against_its_summary(tmp_path: Path, rules) -> None:
    results = project(tmp_path, rules, {
        "app/analytics.py": """
            from mixpanel import Mixpanel

            mp = Mixpanel("token")

            def track(email, event):
                mp.track(email, event)
        """,
        "app/views.py": """
            from app import analytics

            def signup(user):
                analytics.track(user.email, "signup")
                analytics.track("anon", "visit")
        """,
    })
    assert {(f.category, f.location.line) for f in results["app/views.py"].flows} == {("user.contact.email", 5)}


def test_a_task_queue_call_is_a_call_of_the_task(tmp_path: Path, rules) -> None:
    # celery's delay/apply_async/s and rq's enqueue run the task later with these arguments
    results = project(tmp_path, rules, {
        "app/tasks.py": """
            from celery import shared_task
            import mailchimp3

            @shared_task
            def subscribe(address, note):
                mailchimp3.MailChimp(mc_api="x").lists.members.create("l", {"email_address": address})

            def local(user):
                subscribe.si(user.email, "x")
        """,
        "app/views.py": """
            import django_rq
            from app import tasks
            from app.tasks import subscribe

            def a(user):
                subscribe.delay(user.email, "x")

            def b(user):
                subscribe.apply_async(args=[user.email], kwargs={"note": user.phone}, countdown=3)

            def c(user):
                tasks.subscribe.delay(user.email, "x")

            def d(user):
                django_rq.enqueue(subscribe, user.email, "x")

            def not_sent(user):
                subscribe.delay("ops@example.com", user.phone)
                subscribe.apply_async(kwargs={"note": user.email})
        """,
    })
    assert {(f.category, f.location.line) for f in results["app/views.py"].flows} == {
        ("user.contact.email", 7), ("user.contact.email", 10), ("user.contact.email", 13),
        ("user.contact.email", 16),
    }
    assert {(f.category, f.location.line) for f in results["app/tasks.py"].flows} == {
        ("user.contact.email", 7), ("user.contact.email", 10),
    }


def test_a_known_row_picks_which_class_method_it_calls(tmp_path: Path, rules) -> None:
    # aa-intercom: the user mixin and the event model both define get_intercom_data; the row a query
    # returns says which one a call means (get_user_model()'s row: the class named for users)
    results = project(tmp_path, rules, {
        "app/mixins.py": """
            class IntercomUserMixin:
                def get_intercom_data(self):
                    return {"email": self.email}
        """,
        "app/models.py": """
            class BaseEvent(Model):
                def get_intercom_data(self):
                    return {"text": self.text_content, "ip": self.ip_address}

            class IntercomEvent(BaseEvent):
                pass
        """,
        "app/tasks.py": """
            from django.contrib.auth import get_user_model
            from intercom.client import Client
            from app.models import IntercomEvent

            intercom = Client(personal_access_token=TOKEN)

            def push_user(pk):
                instance = get_user_model().objects.get(pk=pk)
                intercom.users.create(**instance.get_intercom_data())
                UserModel = get_user_model()
                user = UserModel.objects.get(pk=pk)
                intercom.users.create(**user.get_intercom_data())

            def push_event(pk):
                event = IntercomEvent.objects.get(pk=pk)
                intercom.events.create(**event.get_intercom_data())

            def unknown(thing):
                intercom.events.create(**thing.get_intercom_data())
        """,
    })
    assert {(f.category, f.location.line) for f in results["app/tasks.py"].flows} == {
        ("user.contact.email", 10), ("user.contact.email", 13), ("user.device.ip_address", 17)}


def test_keywords_reach_a_kwargs_parameter_and_a_spread_dict_its_keys(tmp_path: Path, rules) -> None:
    # django-pipedrive's shape: the project's client takes **kwargs and posts them to its API
    results = project(tmp_path, rules, {
        "app/client.py": """
            import requests

            class CrmClient:
                def call_api(self, endpoint, payload):
                    return requests.post("https://api.pipedrive.com/v1/" + endpoint, data=payload)

                def post_instance(self, endpoint, retries=None, **kwargs):
                    return self.call_api(endpoint, kwargs)
        """,
        "app/models.py": """
            from app.client import CrmClient

            class Person:
                client = CrmClient()

                def upload(self, person):
                    self.client.post_instance("persons", email=person.email)
                    data = {"phone": person.phone}
                    self.client.post_instance("persons", **data)
                    self.client.post_instance("persons", retries=person.birthday)  # a named parameter, not sent
        """,
    })
    assert {(f.category, f.location.line) for f in results["app/models.py"].flows} == {
        ("user.contact.email", 8), ("user.contact.phone_number", 10)}


def test_a_base_class_sends_what_its_subclasses_build(tmp_path: Path, rules) -> None:
    # a template method: the base uploads `self.build_kwargs()`, each subclass below defines it
    results = project(tmp_path, rules, {
        "app/client.py": """
            import requests

            class CrmClient:
                def post_instance(self, **kwargs):
                    return requests.post("https://api.pipedrive.com/v1/persons", data=kwargs)
        """,
        "app/models.py": """
            from app.client import CrmClient

            class CrmModel(Model):
                client = CrmClient()

                def upload(self):
                    kwargs = self.build_kwargs()
                    self.client.post_instance(**kwargs)

                def log(self):
                    self.client.post_instance(**self.summary())

            class Person(CrmModel):
                def build_kwargs(self):
                    return {"email": self.email}

            class Stage(CrmModel):
                def build_kwargs(self):
                    return {"title": self.title, "order": self.order_nr}

            class Other(Model):
                def summary(self):
                    return {"phone": self.phone}
        """,
    })
    assert {(f.category, f.location.line) for f in results["app/models.py"].flows} == {("user.contact.email", 9)}


def test_the_projects_own_top_level_package_is_not_an_sdk_of_that_name(tmp_path: Path, rules) -> None:
    # django-oscar-paypal: its import name is `paypal`, and its setup.py reads `from paypal import VERSION`
    from scanner.discover import discover, own_packages
    from scanner.scan import scan_file as scan_one

    for name, text in {"setup.py": "from paypal import VERSION\n", "paypal/__init__.py": "VERSION = '2.0'\n",
                       "shop/billing.py": "import stripe\n\ndef pay(user):\n    stripe.Customer.create(email=user.email)\n"
                       }.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    (tmp_path / "shop/__init__.py").write_text("")
    sources = discover(tmp_path, ())
    own = own_packages(tmp_path, sources)
    assert {"paypal", "shop", "setup"} <= own
    found = {(u.service, r.path) for r in (scan_one(s, rules, "", own) for s in sources) for u in r.services}
    assert found == {("stripe", "shop/billing.py")}
    # a pre-commit run on setup.py alone knows the package from the project's root
    assert "paypal" in own_packages(tmp_path, [s for s in sources if s.rel == "setup.py"])



def test_an_sms_built_from_a_persons_data_goes_to_the_configured_gateway(tmp_path: Path, rules) -> None:
    # openwisp-radius: a project subclass of django-sendsms's SmsMessage carries the verification code
    results = project(tmp_path, rules, {
        "app/utils.py": """
            from sendsms.message import SmsMessage as BaseSmsMessage

            class SmsMessage(BaseSmsMessage):
                pass
        """,
        "app/models.py": """
            from app.utils import SmsMessage

            class PhoneToken(Model):
                def send_token(self):
                    message = SMS_TEXT.format(code=self.token)
                    SmsMessage(body=str(message), from_phone=SENDER, to=[str(self.phone_number)]).send()
                    SmsMessage(body="Service notice", from_phone=SENDER, to=[STAFF_PHONE]).send()
        """,
    })
    found = {(f.category, f.service, f.location.line) for f in results["app/models.py"].flows}
    # (a text that carries only the code is the code: heldout4's keg-auth, heldout7's django-stagedoor)
    assert found == {("user.authorization.credentials", "sms_gateway", 7),
                     ("user.contact.phone_number", "sms_gateway", 7)}


def test_a_serializers_data_carries_its_fields(tmp_path: Path, rules) -> None:
    # django-polaris posts `TransactionSerializer(transaction).data` to the wallet's callback URL
    results = project(tmp_path, rules, {
        "app/serializers.py": """
            from rest_framework import serializers

            class CustomerSerializer(serializers.Serializer):
                email = serializers.EmailField()
                plan = serializers.CharField()

            class ProductSerializer(serializers.Serializer):
                title = serializers.CharField()
        """,
        "app/hooks.py": """
            import json
            import requests
            from app.serializers import CustomerSerializer, ProductSerializer

            def notify(customer, product):
                body = json.dumps({"customer": CustomerSerializer(customer).data})
                requests.post("https://api.segment.io/v1/identify", data=body)
                requests.post("https://api.segment.io/v1/track", json=ProductSerializer(product).data)
        """,
    })
    assert {(f.category, f.service, f.location.line) for f in results["app/hooks.py"].flows} == {
        ("user.contact.email", "segment", 8)}


def test_a_sender_whose_url_is_its_parameter_sends_where_the_caller_says(tmp_path: Path, rules) -> None:
    results = project(tmp_path, rules, {
        "app/http.py": """
            import requests

            def post_json(url, data):
                return requests.post(url, json=data, timeout=5)

            def notify_ops(url, email):
                post_json(url, {"email": email})  # the caller's URL again: this sender's own summary

            def audit(url, user):
                post_json(url, {"email": user.email})  # its own data, to a URL no one here names
        """,
        "app/views.py": """
            from django.conf import settings
            from app.http import notify_ops, post_json

            def signup(user, hook_url):
                post_json(settings.SLACK_WEBHOOK_URL, {"text": f"{user.email} signed up"})
                post_json("https://api.mixpanel.com/track", {"distinct_id": user.email})
                post_json(hook_url, {"email": user.email})
                notify_ops("https://api.mixpanel.com/track", user.email)
                post_json("https://api.mixpanel.com/track", {"plan": "pro"})
        """,
    })
    assert {(f.category, f.service, f.location.line) for f in results["app/views.py"].flows} == {
        ("user.contact.email", "slack", 6), ("user.contact.email", "mixpanel", 7),
        ("user.contact.email", "unresolved_webhook", 8), ("user.contact.email", "mixpanel", 9)}
    # in the senders, what their parameters' names say goes to a destination the code cannot name there
    assert {(f.category, f.service, f.location.line) for f in results["app/http.py"].flows} == {
        ("user.contact.email", "unresolved_webhook", 8), ("user.contact.email", "unresolved_webhook", 11)}


def test_a_helper_handing_its_parameter_to_another_modules_sender_is_a_sender_too(tmp_path: Path, rules) -> None:
    # django-authorizenet: the view hands the card form to utils.process_payment, which hands its data to the
    # gateway helper in helpers.py, which posts it; the flows are at each caller that gives personal data
    results = project(tmp_path, rules, {
        "pay/helpers.py": """
            import requests

            class Gateway:
                def get_response(self, data):
                    return requests.post("https://api.stripe.com/v1/charges", data=data)

            def post(data):
                return Gateway().get_response(data)
        """,
        "pay/utils.py": """
            from pay.helpers import post

            def process_payment(form_data, note):
                data = dict(form_data)
                _log(note)
                return _send(data)

            def _send(payload):
                return post(payload)

            def _log(text):
                print(text)
        """,
        "pay/views.py": """
            from pay.utils import process_payment

            def checkout(request):
                card = {"card_number": request.POST["card_number"], "email": request.POST["email"]}
                process_payment(card, request.POST["phone"])
                process_payment({"amount": 3}, "x")
        """,
    })
    flows = {(f.category, f.service, f.location.line) for f in results["pay/views.py"].flows}
    assert flows == {("user.financial.credit_card", "stripe", 6), ("user.contact.email", "stripe", 6)}
    # the phone goes to `note`, which only reaches print(): no path to the service
    assert not results["pay/utils.py"].flows
    assert ("stripe", 6) in {(u.service, u.location.line) for u in results["pay/views.py"].services}


def test_a_method_handing_its_parameter_to_another_modules_client_is_a_sender_too(tmp_path: Path, rules) -> None:
    # django-midtrans: PaymentService.create_invoice builds the payload from its parameters and hands it to the
    # client object's method, whose _request posts it; a view calling the service gives the person's data
    results = project(tmp_path, rules, {
        "mt/client.py": """
            import requests

            class MidtransClient:
                def _request(self, path, json=None):
                    return requests.post("https://api.midtrans.com" + path, json=json)

                def create_invoice(self, payload):
                    return self._request("/v1/invoices", json=payload)
        """,
        "mt/services.py": """
            from mt.client import MidtransClient

            class InvoiceService:
                def __init__(self):
                    self.client = MidtransClient()

                def open_invoice(self, customer_email, amount):
                    payload = {"customer": {"email": customer_email}, "amount": amount}
                    return self.client.create_invoice(payload)
        """,
        "mt/views.py": """
            from mt.services import InvoiceService

            def pay(request):
                service = InvoiceService()
                service.open_invoice(request.user.email, 10)
        """,
    })
    assert ("user.contact.email", "midtrans", 10) in {
        (f.category, f.service, f.location.line) for f in results["mt/services.py"].flows}
    assert ("user.contact.email", "midtrans", 6) in {
        (f.category, f.service, f.location.line) for f in results["mt/views.py"].flows}


def test_a_client_attribute_typed_by_its_parameter_settles_a_method_several_classes_define(tmp_path: Path, rules) -> None:
    # django-midtrans: `create_invoice` is both the service's and the client's; `self.client = client or
    # get_client()` with `client: MidtransClient` says which one the service calls
    results = project(tmp_path, rules, {
        "mt/client.py": """
            import requests

            class MidtransClient:
                def create_invoice(self, payload):
                    return requests.post("https://api.midtrans.com/v1/invoices", json=payload)

            def get_client():
                return MidtransClient()
        """,
        "mt/services.py": """
            from mt.client import MidtransClient, get_client

            class InvoiceService:
                def __init__(self, client: MidtransClient = None):
                    self.client = client or get_client()

                def create_invoice(self, customer_email, customer_phone, note):
                    payload = {"customer": {"email": customer_email, "phone": customer_phone}}
                    print(note)
                    return self.client.create_invoice(payload)
        """,
        "mt/other.py": """
            class Mailer:
                def create_invoice(self, payload):
                    return payload
        """,
    })
    assert {(f.category, f.service, f.location.line) for f in results["mt/services.py"].flows} == {
        ("user.contact.email", "midtrans", 11), ("user.contact.phone_number", "midtrans", 11)}


def test_identical_calls_in_one_file_keep_their_own_lines(tmp_path: Path, rules) -> None:
    # geonode's restore command: the same `restore_notification.apply_async(...)` text in two except blocks;
    # each is reported at its own line, once (a call several visitors locate counts once)
    results = project(tmp_path, rules, {
        "app/tasks.py": """
            from celery import shared_task
            from django.core.mail import EmailMessage

            @shared_task
            def notify(recipients, text):
                EmailMessage("Restore failed", text, to=recipients).send()
        """,
        "app/restore.py": """
            from app.tasks import notify

            def restore(user, step):
                try:
                    step()
                except Exception as e:
                    notify.apply_async(args=([user.email], str(e)))
                try:
                    step()
                except Exception as e:
                    notify.apply_async(args=([user.email], str(e)))
                try:
                    step()
                except Exception as e:
                    notify.apply_async(args=([user.email], str(e)))
        """,
    })
    flows = [(f.category, f.location.line) for f in results["app/restore.py"].flows]
    assert sorted(flows) == [("user.contact.email", 8), ("user.contact.email", 12), ("user.contact.email", 16)]


def test_what_an_object_keeps_from_its_constructor_and_sends_later_is_a_flow_where_it_is_built(
        tmp_path: Path, rules) -> None:
    # calibre-web's TaskEmail: the constructor keeps the recipient; run() builds the message from it and hands it
    # to a project subclass of smtplib.SMTP; the caller builds the task with the user's address
    results = project(tmp_path, rules, {
        "app/mail.py": """
            import smtplib
            from email.message import EmailMessage

            class Email(smtplib.SMTP):
                def __init__(self, *args, **kwargs):
                    smtplib.SMTP.__init__(self, *args, **kwargs)

            class TaskEmail:
                def __init__(self, subject, recipient, note):
                    self.subject = subject
                    self.recipient = recipient
                    self.note = note

                def prepare_message(self):
                    message = EmailMessage()
                    message["To"] = self.recipient
                    message["Subject"] = self.subject
                    return message

                def run(self):
                    print(self.note)
                    self.send(self.prepare_message())

                def send(self, msg):
                    self.smtp = Email("localhost", 25)
                    self.smtp.send_message(msg)
        """,
        "app/views.py": """
            from app.mail import TaskEmail

            def send_to_ereader(user):
                TaskEmail("Your book", user.kindle_mail, user.phone).run()
                TaskEmail("Report", "team@example.org", "x").run()
        """,
    })
    flows = {(f.category, f.service, f.location.line) for f in results["app/views.py"].flows}
    # the phone is kept as `note` but only printed: no path to the mail server
    assert flows == {("user.contact.email", "smtp_server", 5)}


def test_object_state_in_one_module_reaches_the_sdk_from_another_method(tmp_path: Path, rules) -> None:
    results = project(tmp_path, rules, {
        "app/track.py": """
            from mixpanel import Mixpanel

            mp = Mixpanel("token")

            class Signup:
                def __init__(self, email, plan):
                    self.who = email
                    self.plan = plan

                def record(self):
                    mp.track(self.who, "signup")

                def later(self, phone):
                    self.slot = phone

                def also(self):
                    mp.track(self.slot, "x")

            def signup(user):
                Signup(user.email, user.plan).record()
                Signup("anonymous", user.plan).record()
        """,
    })
    flows = {(f.category, f.service, f.location.line) for f in results["app/track.py"].flows}
    # a method other than the constructor filling `self.slot` is not the constructor's state
    assert flows == {("user.contact.email", "mixpanel", 21)}


def test_a_factory_importing_its_sdk_lazily_returns_that_sdks_client(tmp_path: Path, rules) -> None:
    # django-recurly: get_client() imports Recurly inside the function; models.py calls through what it returns
    results = project(tmp_path, rules, {
        "rec/client.py": """
            from django.conf import settings

            def get_client():
                from recurly import Recurly
                return Recurly(username=settings.RECURLY_USERNAME, password=settings.RECURLY_PASSWORD)

            def get_logger():
                import logging
                return logging.getLogger("rec")
        """,
        "rec/models.py": """
            from rec.client import get_client, get_logger

            def update(user):
                client = get_client()
                client.accounts.update(account_code="x", email=user.email)
                get_logger().info(user.email)
        """,
    })
    models = results["rec/models.py"]
    assert {(f.category, f.service, f.location.line) for f in models.flows} == {("user.contact.email", "recurly", 6)}
    assert ("recurly", 6) in {(u.service, u.location.line) for u in models.services}


def test_what_another_modules_builder_function_returns_reaches_the_service(tmp_path: Path, rules) -> None:
    # posthog-django: events.capture() merges utils.build_request_tags(request) (the IP, the user agent) into the
    # event's properties; a builder returning nothing personal, or a function not named as a builder, adds nothing
    results = project(tmp_path, rules, {
        "app/utils.py": """
            def build_tags(request):
                tags = {}
                tags["$ip_address"] = request.META.get("REMOTE_ADDR")
                return tags

            def build_flags(request):
                return {"beta": True}

            def tags_for(request):
                return {"$user_agent": request.headers.get("User-Agent")}
        """,
        "app/events.py": """
            from posthog import Posthog
            from app.utils import build_flags, build_tags, tags_for

            client = Posthog("key")

            def capture(request):
                props = {}
                props.update(build_tags(request))
                client.capture("view", distinct_id="d", properties=props or None)

            def other(request):
                client.capture("view", distinct_id="d", properties=build_flags(request))
                client.capture("view", distinct_id="d", properties=tags_for(request))
        """,
    })
    assert {(f.category, f.service, f.location.line) for f in results["app/events.py"].flows} == {
        ("user.device.ip_address", "posthog", 10)}


def test_a_method_the_project_class_defines_itself_is_not_the_sdks(tmp_path: Path, rules) -> None:
    # a dry-run mailer overrides send_message to log instead of sending: its own code runs, not smtplib's
    results = project(tmp_path, rules, {
        "app/mail.py": """
            import logging
            import smtplib

            class DryRun(smtplib.SMTP):
                def send_message(self, msg):
                    logging.info("not sent")

            class Real(smtplib.SMTP):
                pass
        """,
        "app/views.py": """
            from app.mail import DryRun, Real

            def notify(user):
                DryRun("localhost").send_message(user.email)
                Real("localhost").send_message(user.email)
        """,
    })
    assert {(f.category, f.service, f.location.line) for f in results["app/views.py"].flows} == {
        ("user.contact.email", "smtp_server", 6)}


def test_opening_a_mail_servers_connection_shares_nothing(tmp_path: Path, rules) -> None:
    # privacyidea's SMTPServer: the object keeps the server's login, and opening the connection with it is the
    # business's own account; only what sendmail() sends is shared
    results = project(tmp_path, rules, {
        "app/mail.py": """
            import smtplib

            class Server:
                def __init__(self, host, username, password):
                    self.host = host
                    self.username = username
                    self.password = password

                def send(self, recipient, text):
                    connection = smtplib.SMTP_SSL(self.host, 465, self.username)  # (local_hostname)
                    connection.login(self.username, self.password)
                    connection.sendmail("noreply@example.org", [recipient], text)

            def notify(user, settings):
                Server(settings.host, settings.username, settings.password).send(user.email, "Hello")
        """,
    })
    categories = {f.category for f in results["app/mail.py"].flows}
    assert "user.contact.email" in categories
    assert not categories & {"user.account.username", "user.authorization.password"}
