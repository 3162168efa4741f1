"""Whose API an HTTP call reaches, by the credentials it sends, and what a payload built by a local helper
carries into another module's sender (heldout15's django-oscar-avalara)."""

from __future__ import annotations

from pathlib import Path

from scanner.inventory import FileResult
from tests.extract.test_python_resolution import project

GATEWAY = """
    import json
    import requests
    from django.conf import settings

    def fetch(method, url_template, payload=None):
        host = "avatax.example-tax.net"
        url = url_template.expand({"version": "1.0"})
        url = url.scheme("https").host(host).as_string()
        response = requests.request(method, url, auth=(
            settings.AVALARA_ACCOUNT_NUMBER, settings.AVALARA_LICENSE_KEY), data=json.dumps(payload))
        return response.json()

    def post_tax(payload):
        return fetch("POST", TEMPLATE, payload=payload)
"""


def flows(result: FileResult) -> set[tuple[str, str]]:
    return {(f.category, f.service) for f in result.flows}


def test_a_call_authenticated_with_a_vendors_settings_goes_to_that_vendor(tmp_path: Path, rules) -> None:
    results = project(tmp_path, rules, {"tax/__init__.py": "", "tax/gateway.py": GATEWAY, "tax/facade.py": """
        from . import gateway

        def submit(order):
            gateway.post_tax({"address": order.shipping_address, "email": order.user.email})
    """})
    assert flows(results["tax/facade.py"]) == {("user.contact.address", "avalara"), ("user.contact.email", "avalara")}


def test_credentials_decide_a_configured_or_unknown_destination(tmp_path: Path, rules) -> None:
    results = project(tmp_path, rules, {"app/tax.py": """
        import requests
        from django.conf import settings

        def configured(user):
            headers = {"Authorization": "Basic " + settings.AVALARA_LICENSE_KEY}
            requests.post(settings.TAX_ENDPOINT, json={"email": user.email}, headers=headers)

        def unknown_host(user):
            requests.post("https://tax.example-host.net/v1", json={"email": user.email},
                          auth=(settings.AVALARA_USERNAME, settings.AVALARA_PASSWORD))
    """})
    assert {(f.service, f.location.line) for f in results["app/tax.py"].flows} == {("avalara", 7), ("avalara", 10)}


def test_no_credentials_or_two_vendors_name_nothing(tmp_path: Path, rules) -> None:
    results = project(tmp_path, rules, {"app/tax.py": """
        import requests
        from django.conf import settings

        def untraceable(user, url_template):
            url = url_template.host("h").as_string()
            requests.post(url, json={"email": user.email}, auth=(settings.USERNAME, settings.PASSWORD))

        def two(user, url_template):
            url = url_template.host("h").as_string()
            requests.post(url, json={"email": user.email},
                          auth=(settings.AVALARA_USERNAME, settings.TAXJAR_API_KEY))
    """})
    assert results["app/tax.py"].flows == []


def test_a_payload_a_local_helper_builds_carries_its_data_to_another_modules_sender(tmp_path: Path, rules) -> None:
    sender = """
        import requests

        def post_event(payload):
            return requests.post("https://api.mixpanel.com/track", json=payload)
    """
    results = project(tmp_path, rules, {"app/__init__.py": "", "app/gateway.py": sender, "app/facade.py": """
        from . import gateway

        def submit(order):
            payload = _build_payload(order.user, order.number)
            gateway.post_event(payload)

        def _build_payload(user, number):
            payload = {"DocCode": number}
            if user and user.id:
                payload["CustomerCode"] = "customer-%d" % user.id
            return payload
    """})
    assert flows(results["app/facade.py"]) == {("user.unique_id", "mixpanel")}
