"""Avatar URLs built from a setting's default and a person's e-mail, and urllib under its compat aliases
(heldout15's django-gravatar2)."""

from __future__ import annotations

from pathlib import Path

from scanner.inventory import FileResult
from tests.extract.test_python_resolution import project

COMPAT = """
    try:
        from urllib.request import Request, urlopen
    except ImportError:
        from urllib2 import Request, urlopen
"""

HELPERS = """
    import hashlib

    from django.conf import settings

    from .compat import Request, urlopen

    AVATAR_URL = getattr(settings, "AVATAR_BASE_URL", "https://secure.gravatar.com/")


    def avatar_hash(email):
        return hashlib.md5(email.strip().lower().encode("utf-8")).hexdigest()


    def get_avatar_url(address, size=80, secure=True):
        url_base = AVATAR_URL
        digest = avatar_hash(address)
        return "{base}avatar/{hash}.jpg?s={size}".format(base=url_base, hash=digest, size=size)


    def profile_url(address):
        return "{base}{hash}".format(base=AVATAR_URL, hash=avatar_hash(address))


    def has_avatar(address):
        request = Request(get_avatar_url(address))
        request.get_method = lambda: "HEAD"
        return urlopen(request).code == 200
"""


def flows(result: FileResult) -> set[tuple[str, str, int]]:
    return {(f.category, f.service, f.location.line) for f in result.flows}


def test_an_avatar_url_built_on_a_settings_default_is_a_flow_where_the_email_is_given(tmp_path: Path, rules) -> None:
    results = project(tmp_path, rules, {"avatars/__init__.py": "", "avatars/compat.py": COMPAT,
                                        "avatars/helpers.py": HELPERS, "avatars/tags.py": """
        from .helpers import get_avatar_url, profile_url

        def avatar(user, size=80):
            return get_avatar_url(user.email, size=size)

        def profile(user):
            return profile_url(user.email)

        def default(settings):
            return get_avatar_url(settings.DEFAULT_AVATAR_EMAIL, size=20)
    """})
    # the avatar's URL names Gravatar; the profile page's (no `avatar/` path) is a page, not something loaded
    assert flows(results["avatars/tags.py"]) == {("user.contact.email", "gravatar", 5)}
    # has_avatar requests the avatar through the compat module's urlopen
    assert ("gravatar", 28) in {(u.service, u.location.line) for u in results["avatars/helpers.py"].services}


def test_urllib_under_six_moves_is_urllib(tmp_path: Path, rules) -> None:
    results = project(tmp_path, rules, {"app/hooks.py": """
        import json
        from django.conf import settings
        from django.utils.six.moves.urllib.request import Request, urlopen

        def notify(user):
            request = Request(settings.SLACK_WEBHOOK_URL, json.dumps({"email": user.email}).encode())
            urlopen(request)
    """})
    assert flows(results["app/hooks.py"]) == {("user.contact.email", "slack", 8)}


def test_a_projects_own_urlopen_outside_a_compat_module_is_its_own(tmp_path: Path, rules) -> None:
    results = project(tmp_path, rules, {"app/__init__.py": "", "app/net.py": """
        def urlopen(request):
            return request
    """, "app/hooks.py": """
        import json
        from django.conf import settings
        from urllib.request import Request
        from app.net import urlopen

        def notify(user):
            urlopen(Request(settings.SLACK_WEBHOOK_URL, json.dumps({"email": user.email}).encode()))
    """})
    assert results["app/hooks.py"].flows == []
