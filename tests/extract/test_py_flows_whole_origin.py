"""A base URL written without a trailing slash, joined to a path the caller gives (audit16 #20): the literal is a
whole origin, so it names the host whatever is appended; and an HTTP client made with a literal base URL, used
through a helper that takes the path, is that base's service once, not also a configured recipient."""

from __future__ import annotations

from scanner.inventory import FileResult


def flows(result: FileResult) -> set[tuple[str, str, int]]:
    return {(f.category, f.service, f.location.line) for f in result.flows}


def test_a_whole_origin_joined_to_a_path_names_its_host(scan_snippet) -> None:
    result = scan_snippet(
        """
        import httpx
        import requests

        API_HOST = "https://api.typeform.com"

        class FormsClient:
            BASE = "https://api.typeform.com"

            def __init__(self):
                self.session = requests.Session()
                self.client = httpx.Client(base_url="https://api.typeform.com")

            def _post(self, path, data):
                return self.session.post(f"{self.BASE}{path}", json=data)

            def _send(self, path, data):
                return self.client.post(path, json=data)

            def invite(self, user):
                self._post("/invites", {"email": user.email})
                self._send("/contacts", {"email": user.email})

        def by_plus(path, data):
            return requests.post(API_HOST + path, json=data)

        def by_format(path, data):
            return requests.post("{}{}".format(API_HOST, path), json=data)

        def by_percent(path, data):
            return requests.post("%s%s" % (API_HOST, path), json=data)

        def sync(user):
            by_plus("contacts", {"email": user.email})
            by_format("contacts", {"email": user.email})
            by_percent("contacts", {"email": user.email})
        """
    )
    assert flows(result) == {("user.contact.email", "typeform", line) for line in (21, 22, 34, 35, 36)}
    assert "unresolved_webhook" not in {u.service for u in result.services}


def test_a_host_that_is_only_partly_written_stays_configured_and_the_local_machine_is_no_one(scan_snippet) -> None:
    result = scan_snippet(
        """
        import requests

        class Api:
            def __init__(self, region, port):
                self.region_url = f"https://api.{region}{port}"
                self.local_url = f"http://127.0.0.1:{port}"

            def regional(self, user):
                requests.post(self.region_url + "/contacts", json={"email": user.email})

            def local(self, user):
                requests.post(self.local_url + "/notify", json={"email": user.email})

        def to_sidecar(path, user):
            requests.post("http://localhost:9000" + path, json={"email": user.email})

        def anywhere(scheme, host, path, user):
            requests.post(f"{scheme}://{host}{path}", json={"email": user.email})
        """
    )
    assert flows(result) == {("user.contact.email", "unresolved_webhook", 10),
                             ("user.contact.email", "unresolved_webhook", 19)}
