"""HTTP clients made with a base URL from configuration: their relative calls go to the base URL's host when it
is known (a literal default), else to a configured recipient (issue 3, task 1)."""

from __future__ import annotations

from scanner.inventory import FileResult


def flows(result: FileResult) -> set[tuple[str, str, int]]:
    return {(f.category, f.service, f.location.line) for f in result.flows}


def test_a_relative_call_goes_where_a_configured_base_url_points(scan_snippet) -> None:
    result = scan_snippet(
        """
        import os
        import aiohttp
        import httpx
        from django.conf import settings

        client = httpx.Client(base_url=settings.PAYMENTS_API_URL)

        class Api:
            http = httpx.AsyncClient(base_url=os.getenv("CRM_API", "https://api.hubapi.com"))

            def __init__(self, base_url):
                self.session = aiohttp.ClientSession(base_url)

            async def sync(self, user):
                await self.http.post("/crm/v3/contacts", json={"email": user.email})
                await self.session.post("/v1/people", json={"email": user.email})

        def pay(user):
            client.post("/v1/pay", json={"name": user.name})
        """
    )
    assert flows(result) == {("user.contact.email", "hubspot", 16), ("user.contact.email", "unresolved_webhook", 17),
                             ("user.name", "unresolved_webhook", 20)}


def test_a_relative_call_on_a_client_with_no_base_or_a_local_one_goes_nowhere(scan_snippet) -> None:
    result = scan_snippet(
        """
        import httpx
        from django.conf import settings

        local = httpx.Client(base_url="http://localhost:8000")
        plain = httpx.Client()
        client = httpx.Client(base_url=settings.PAYMENTS_API_URL)

        def pay(user):
            local.post("/v1/pay", json={"name": user.name})
            plain.post("/v1/pay", json={"name": user.name})
            client.get("/v1/status")
        """
    )
    assert flows(result) == set()
    assert not result.services


def test_a_literal_base_url_is_one_use_per_call(scan_snippet) -> None:
    result = scan_snippet(
        """
        import httpx

        class Crm:
            def __init__(self):
                self.client = httpx.Client(base_url="https://api.hubapi.com")

            def push(self, user):
                self.client.post("/crm/v3/contacts", json={"email": user.email})
        """
    )
    assert flows(result) == {("user.contact.email", "hubspot", 9)}
    assert len([u for u in result.services if u.location.line == 9]) == 1


def test_a_standard_library_connection_sends_its_requests_to_its_host(scan_snippet) -> None:
    result = scan_snippet(
        """
        import http.client
        import json
        from django.conf import settings

        def push(user):
            conn = http.client.HTTPSConnection("api.hubapi.com")
            conn.request("POST", "/crm/v3/contacts", json.dumps({"email": user.email}))

        def relay(user):
            conn = http.client.HTTPSConnection(settings.RELAY_HOST)
            conn.request("POST", "/v1/x", body=json.dumps({"email": user.email}))

        def local(user):
            conn = http.client.HTTPConnection("localhost", 8080)
            conn.request("POST", "/v1/x", body=json.dumps({"email": user.email}))
        """
    )
    assert flows(result) == {("user.contact.email", "hubspot", 8), ("user.contact.email", "unresolved_webhook", 12)}
