"""URLs built in one place and requested in another: a builder's returned URL names the service."""

from __future__ import annotations

from pathlib import Path

from scanner.inventory import FileResult
from tests.extract.test_python_resolution import project

UTILS = """
    from urllib.parse import urlencode

    def build_hit_params(request, account, user_id=None):
        meta = request.META
        client_ip = meta.get("REMOTE_ADDR", "")
        params = {"tid": account, "uip": client_ip}
        if user_id:
            params["uid"] = user_id
        hit_url = "https://www.google-analytics.com/collect?" + urlencode(params)
        return {"hit_url": hit_url, "user_agent": meta.get("HTTP_USER_AGENT", "")}
    """


def flows(result: FileResult) -> set[tuple[str, str, int]]:
    return {(f.category, f.service, f.location.line) for f in result.flows}


def uses(result: FileResult) -> set[tuple[str, int]]:
    return {(u.service, u.location.line) for u in result.services}


def test_a_url_another_modules_builder_returns_names_the_service(tmp_path: Path, rules) -> None:
    views = """
        import requests
        from app.utils import build_hit_params

        def hit(request):
            params = build_hit_params(request, "UA-1")
            url = params.get("hit_url")
            requests.get(url, headers={"User-Agent": params["user_agent"]})
        """
    found = project(tmp_path, rules, {"app/utils.py": UTILS, "app/views.py": views})["app/views.py"]
    assert ("google_analytics", 8) in uses(found)
    # the visitor's address in the URL and the browser in the header; not the user id no caller gives
    assert flows(found) == {("user.device.ip_address", "google_analytics", 8), ("user.device", "google_analytics", 8)}


def test_another_key_of_the_builders_dict_is_not_its_url(tmp_path: Path, rules) -> None:
    views = """
        import requests
        from app.utils import build_hit_params

        def hit(request):
            params = build_hit_params(request, "UA-1")
            requests.get(params["user_agent"])
        """
    found = project(tmp_path, rules, {"app/utils.py": UTILS, "app/views.py": views})["app/views.py"]
    assert uses(found) == set() and flows(found) == set()


def test_a_builder_of_an_unknown_host_names_nothing(tmp_path: Path, rules) -> None:
    utils = UTILS.replace("www.google-analytics.com", "stats.example.org")
    views = """
        import requests
        from app.utils import build_hit_params

        def hit(request):
            params = build_hit_params(request, "UA-1")
            requests.get(params["hit_url"])
        """
    found = project(tmp_path, rules, {"app/utils.py": utils, "app/views.py": views})["app/views.py"]
    assert uses(found) == set() and flows(found) == set()


def test_a_url_this_modules_function_returns(scan_snippet) -> None:
    result = scan_snippet(
        """
        import requests

        def _hit(email):
            return {"url": "https://api.mixpanel.com/engage", "ok": True}

        def send(user):
            built = _hit(user.email)
            requests.get(built["url"], params={"email": user.email})
        """
    )
    assert ("mixpanel", 9) in uses(result)
    assert ("user.contact.email", "mixpanel", 9) in flows(result)


def test_a_request_meta_alias_is_the_request(scan_snippet) -> None:
    result = scan_snippet(
        """
        import requests

        def track(request):
            meta = request.META
            requests.post("https://api.mixpanel.com/track", json={"addr": meta.get("REMOTE_ADDR")})
        """
    )
    assert flows(result) == {("user.device.ip_address", "mixpanel", 6)}


def test_a_plain_dict_named_meta_is_no_request(scan_snippet) -> None:
    result = scan_snippet(
        """
        import requests

        def track(page):
            meta = page.meta_tags()
            requests.post("https://api.mixpanel.com/track", json={"addr": meta.get("REMOTE_ADDR")})
        """
    )
    assert flows(result) == set()
