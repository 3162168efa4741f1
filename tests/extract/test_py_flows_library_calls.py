"""A library's function called through its module is that library's, not a project method of the same name."""

from __future__ import annotations

from pathlib import Path

from scanner.inventory import FileResult
from tests.extract.test_python_resolution import project

CLIENT = """
    import requests

    class PaystackClient:
        def request(self, method, path, json=None):
            return requests.post("https://api.paystack.co/transaction/initialize", json=json)
    """


def services(result: FileResult) -> set[str]:
    return {f.service for f in result.flows}


def test_an_http_clients_request_is_not_the_projects_request_method(tmp_path: Path, rules) -> None:
    tracker = """
        import httpx

        class Tracker:
            def send_events(self, events):
                kwargs = {"url": "https://api.amplitude.com/2/httpapi", "method": "POST", "json": {"events": events}}
                httpx.request(**kwargs)
        """
    view = """
        from app.tracker import Tracker

        tracker = Tracker()

        def page_view(user):
            tracker.send_events([{"email": user.email}])
        """
    found = project(tmp_path, rules, {"app/paystack.py": CLIENT, "app/tracker.py": tracker, "app/views.py": view})
    assert services(found["app/views.py"]) == {"amplitude"}


def test_a_project_objects_request_method_still_sends(tmp_path: Path, rules) -> None:
    billing = """
        from app.paystack import PaystackClient

        client = PaystackClient()

        def pay(user):
            client.request("POST", "/transaction/initialize", json={"email": user.email})
        """
    found = project(tmp_path, rules, {"app/paystack.py": CLIENT, "app/billing.py": billing})["app/billing.py"]
    assert services(found) == {"paystack"}
