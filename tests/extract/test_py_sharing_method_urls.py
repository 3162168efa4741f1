"""An HTTP call to a URL that a method of the project's client class built (`url = client.create_refund_url(...)`;
`requests.get(url)`, heldout19's django-alipay2 admin refund) goes to the service that method's URL names
(`return self.gateway + query`, the gateway a catalogued default), settled in the project pass."""

from __future__ import annotations

from pathlib import Path

from tests.extract.test_python_resolution import project

CLIENT = """
    from urllib.parse import urlencode

    GATEWAY = "https://openapi.alipay.com/gateway.do?"


    class AlipayClient:
        def __init__(self, app_id, gateway=GATEWAY):
            self.app_id = app_id
            self.gateway = gateway

        def create_refund_url(self, out_trade_no, amount):
            query = urlencode({"out_trade_no": out_trade_no, "refund_amount": amount})
            url = self.gateway + query
            return url
"""
CALLER = """
    import requests


    def refund(client, user, amount):
        url = client.create_refund_url(user.email, amount)
        return requests.get(url)
"""


def test_a_url_a_client_method_built_names_its_service(tmp_path: Path, rules) -> None:
    results = project(tmp_path, rules, {"shop/client.py": CLIENT, "shop/admin.py": CALLER})
    admin = results["shop/admin.py"]
    assert {(u.service, u.location.line) for u in admin.services} == {("alipay", 7)}
    assert ("user.contact.email", "alipay", 7) in {(f.category, f.service, f.location.line) for f in admin.flows}


def test_a_method_two_classes_define_names_no_service(tmp_path: Path, rules) -> None:
    other = CLIENT.replace("AlipayClient", "OtherClient").replace("openapi.alipay.com", "api.stripe.com")
    results = project(tmp_path, rules, {"shop/client.py": CLIENT, "shop/other.py": other, "shop/admin.py": CALLER})
    admin = results["shop/admin.py"]
    assert not {u.service for u in admin.services} & {"alipay", "stripe"}
