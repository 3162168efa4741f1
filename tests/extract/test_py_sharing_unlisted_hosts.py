"""Personal data posted to a literal public host the catalogue does not know goes to `unlisted_host` (audit12 #03),
also through a urllib Request."""

from __future__ import annotations

from pathlib import Path

from tests.extract.test_python_resolution import project


def test_a_request_to_an_unlisted_host_is_a_flow_there(tmp_path: Path, rules) -> None:
    results = project(tmp_path, rules, {"app/crm.py": """
        import json
        import urllib.request

        import requests

        def c(user):
            req = urllib.request.Request("https://api.acme-crm.io/v2/contacts",
                                         data=json.dumps({"email": user.email}).encode())
            urllib.request.urlopen(req)

        def known(user):
            req = urllib.request.Request("https://api.mixpanel.com/track", data=json.dumps({"email": user.email}).encode())
            urllib.request.urlopen(req)

        def f():
            return requests.get("https://api.acme-crm.io/v2/status")
    """})
    assert {(f.category, f.service, f.location.line) for f in results["app/crm.py"].flows} == {
        ("user.contact.email", "unlisted_host", 10), ("user.contact.email", "mixpanel", 13)}
