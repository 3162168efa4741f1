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


def test_an_unlisted_host_reached_through_a_helpers_return_is_used_there(tmp_path: Path, rules) -> None:
    # audit17 #13, letta's Z.ai proxy: the headers come from another module's helper, known only in the project
    # pass, which then settles the flows; the host is used where they are sent
    results = project(tmp_path, rules, {"app/helpers.py": """
        from fastapi import Request


        def prepare_headers(request: Request) -> dict:
            headers = {}
            for key, value in request.headers.items():
                headers[key] = value
            return headers
    """, "app/zai.py": """
        import httpx
        from fastapi import Request

        from app.helpers import prepare_headers

        ZAI_API_BASE = "https://api.zllm-cloud.io/api"


        async def zai_proxy(path: str, request: Request):
            zai_headers = prepare_headers(request)
            async with httpx.AsyncClient() as client:
                return await client.request(method="POST", url=f"{ZAI_API_BASE}/{path}", headers=zai_headers)


        async def status(path: str):
            async with httpx.AsyncClient() as client:
                return await client.request(method="POST", url=f"{ZAI_API_BASE}/{path}", headers={"X-Key": "k"})
    """})
    zai = results["app/zai.py"]
    assert {f.service for f in zai.flows} == {"unlisted_host"}
    assert {(u.service, u.location.line) for u in zai.services} == {("unlisted_host", 13)}
