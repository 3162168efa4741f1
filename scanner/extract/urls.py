"""Host names out of URLs that were only partly resolved (`https://{}/v1/track`)."""

from __future__ import annotations

import re

from scanner.catalogue import Catalogue

_HOST = re.compile(r"^(?:[a-z][a-z0-9+.\-]*:)?//([^/:?#{}\s]+)(?::\d*)?([/?#].*)?", re.IGNORECASE | re.DOTALL)


def split_url(url: str) -> tuple[str, str] | None:
    """`https://api.github.com/user?x=1` -> ("api.github.com", "/user?x=1"); None when the host is unknown.

    A host that is, or starts with, a placeholder (`https://{host}/x`) is unknown; one that ends in a
    placeholder (`https://api.{region}.x.com`) keeps its literal part, which names no catalogued host.
    """
    match = _HOST.match(url.strip())
    if match is None or "." not in match.group(1).strip("."):
        return None
    return match.group(1).split("@")[-1].lower(), match.group(2) or ""


def host_of(url: str) -> str | None:
    """`https://api.mixpanel.com/track` -> api.mixpanel.com; None when the host is unknown."""
    split = split_url(url)
    return split[0] if split else None


# OAuth scopes that are written as URLs (`https://www.googleapis.com/auth/userinfo.email`): names of
# permissions a token carries, never requested
_SCOPES = ("www.googleapis.com/auth/",)


def url_service(url: str, catalogue: Catalogue) -> str | None:
    """The service a URL names: its host and path (`github.com/login/oauth/...` is GitHub's sign-in)."""
    split = split_url(url)
    if split is None or (split[0] + split[1]).startswith(_SCOPES):
        return None
    return catalogue.by_url(*split)
