"""A urllib Request built in one function and opened by another (audit12 #14, pgAdmin's LLM providers)."""

from __future__ import annotations

from pathlib import Path

from scanner.inventory import FileResult
from tests.extract.test_python_resolution import project

PROVIDER = """
    import json
    import urllib.request

    from llm.utils import urlopen_no_redirect

    DEFAULT_API_BASE_URL = "https://api.anthropic.com/v1"


    class AnthropicClient:
        def __init__(self, api_key=None, base_url=None):
            self._api_key = api_key
            base_url = (base_url or DEFAULT_API_BASE_URL).rstrip("/")
            self._api_url = f"{base_url}/messages"

        def chat(self, messages):
            payload = {"model": "claude", "messages": [{"role": m.role, "content": m.content} for m in messages]}
            return self._make_request(payload)

        def _make_request(self, payload):
            request = urllib.request.Request(
                self._api_url, data=json.dumps(payload).encode("utf-8"), headers={"x-api-key": self._api_key},
                method="POST")
            with urlopen_no_redirect(request, timeout=120) as response:
                return json.loads(response.read().decode("utf-8"))
"""

OPENER = """
    import urllib.request

    def urlopen_no_redirect(request, timeout, context=None):
        handlers = []
        if context is not None:
            handlers.append(urllib.request.HTTPSHandler(context=context))
        opener = urllib.request.build_opener(*handlers)
        return opener.open(request, timeout=timeout)
"""

URLOPEN = """
    import urllib.request

    def urlopen_no_redirect(request, timeout):
        return urllib.request.urlopen(request, timeout=timeout)
"""


def flows(result: FileResult) -> set[tuple[str, str]]:
    return {(f.category, f.service) for f in result.flows}


def test_a_request_handed_to_a_helper_that_opens_it_is_sent_there(tmp_path: Path, rules) -> None:
    for helper in (OPENER, URLOPEN):
        results = project(tmp_path, rules, {"llm/__init__.py": "", "llm/utils.py": helper,
                                            "llm/providers/__init__.py": "", "llm/providers/anthropic.py": PROVIDER})
        assert flows(results["llm/providers/anthropic.py"]) == {("user.content.private", "anthropic")}
        assert results["llm/utils.py"].flows == []


def test_an_opener_opening_a_request_built_here_is_urlopen(tmp_path: Path, rules) -> None:
    results = project(tmp_path, rules, {"app/hooks.py": """
        import json
        import urllib.request
        from django.conf import settings

        def notify(user):
            body = json.dumps({"email": user.email}).encode()
            request = urllib.request.Request(settings.SLACK_WEBHOOK_URL, data=body)
            opener = urllib.request.build_opener()
            opener.open(request)
    """})
    assert flows(results["app/hooks.py"]) == {("user.contact.email", "slack")}


def test_a_request_logged_or_built_without_a_helper_is_no_flow(tmp_path: Path, rules) -> None:
    results = project(tmp_path, rules, {"app/hooks.py": """
        import json
        import logging
        import urllib.request
        from django.conf import settings

        logger = logging.getLogger(__name__)

        def notify(user):
            body = json.dumps({"email": user.email}).encode()
            request = urllib.request.Request(settings.SLACK_WEBHOOK_URL, data=body)
            logger.debug("built %s", request)
            print(request)
            return request
    """})
    assert results["app/hooks.py"].flows == []


def test_a_package_settings_constant_is_no_unknown_recipient(tmp_path: Path, rules) -> None:
    """`from turnstile.settings import VERIFY_URL` (a getattr with a literal default there) is the package's own
    constant, which the cross-file pass may resolve; a constant named for a service is still that service's."""
    settings = """
        from django.conf import settings

        VERIFY_URL = getattr(settings, "CAPTCHA_VERIFY_URL", "https://captcha.example/siteverify")
        SLACK_WEBHOOK_URL = getattr(settings, "SLACK_WEBHOOK_URL", None)
    """
    fields = """
        from urllib.parse import urlencode
        from urllib.request import Request, build_opener

        from turnstile.settings import SLACK_WEBHOOK_URL, VERIFY_URL

        class CaptchaField:
            def __init__(self, remote_ip=None):
                self.remote_ip = remote_ip

            def validate(self, value):
                opener = build_opener()
                request = Request(VERIFY_URL, urlencode({"response": value, "remoteip": self.remote_ip}).encode())
                opener.open(request, timeout=5)

        def alert(user):
            request = Request(SLACK_WEBHOOK_URL, urlencode({"email": user.email}).encode())
            build_opener().open(request)
    """
    results = project(tmp_path, rules, {"turnstile/__init__.py": "", "turnstile/settings.py": settings,
                                        "turnstile/fields.py": fields})
    assert {(f.service, f.location.line) for f in results["turnstile/fields.py"].flows} == {("slack", 18)}


def test_a_property_returning_a_url_on_a_literal_default_base_names_the_service(tmp_path: Path, rules) -> None:
    """audit14 #05: `self._api_url` is a property built on `self._base_url = api_url or BASE`."""
    results = project(tmp_path, rules, {"app/llm.py": """
        import json
        import urllib.request

        BASE = "https://api.openai.com/v1"

        class Client:
            def __init__(self, api_url=None):
                self._base_url = api_url or BASE

            @property
            def _api_url(self):
                return f"{self._base_url}/chat/completions"

            def chat(self, user):
                req = urllib.request.Request(self._api_url, data=json.dumps({"email": user.email}).encode())
                return urllib.request.urlopen(req)
    """})
    assert flows(results["app/llm.py"]) == {("user.contact.email", "openai")}
