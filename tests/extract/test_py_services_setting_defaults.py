"""A module constant read from a setting with a URL default names where requests go unless configured otherwise
(flows helper's request, heldout15 django-turnstile: `VERIFY_URL = getattr(settings, 'TURNSTILE_VERIFY_URL',
'https://challenges.cloudflare.com/turnstile/v0/siteverify')`, posted to from another module)."""

from __future__ import annotations

import pytest

FIELDS = """
    from urllib.parse import urlencode
    from urllib.request import Request, build_opener

    from pkg.settings import VERIFY_URL


    class TurnstileField:
        def validate(self, value):
            request = Request(VERIFY_URL, urlencode({"secret": "x", "response": value}).encode())
            return build_opener().open(request)
    """


@pytest.mark.parametrize("constant", [
    "VERIFY_URL = getattr(settings, 'TURNSTILE_VERIFY_URL', 'https://challenges.cloudflare.com/turnstile/v0/siteverify')",
    "VERIFY_URL = os.environ.get('TURNSTILE_VERIFY_URL', 'https://challenges.cloudflare.com/turnstile/v0/siteverify')",
    "VERIFY_URL = os.getenv('TURNSTILE_VERIFY_URL', default='https://challenges.cloudflare.com/turnstile/v0/siteverify')",
    "VERIFY_URL: str = env('TURNSTILE_VERIFY_URL', default='https://challenges.cloudflare.com/turnstile/v0/siteverify')",
])
def test_a_settings_url_default_names_the_service(scan_project, constant: str) -> None:
    results = scan_project({
        "pkg/__init__.py": "",
        "pkg/settings.py": f"import os\nfrom django.conf import settings\n\n{constant}\n",
        "pkg/fields.py": FIELDS,
    })
    uses = {(u.service, u.location.line) for r in results if r.path == "pkg/fields.py" for u in r.services}
    assert ("cloudflare_turnstile", 10) in uses


def test_a_default_that_is_no_url_is_no_constant(scan_project) -> None:
    results = scan_project({
        "pkg/__init__.py": "",
        "pkg/settings.py": "from django.conf import settings\n\n"
                           "VERIFY_URL = getattr(settings, 'TURNSTILE_VERIFY_URL', 'challenges.cloudflare.com')\n",
        "pkg/fields.py": FIELDS,
    })
    assert not [u for r in results if r.path == "pkg/fields.py" for u in r.services if u.location.line == 10]
