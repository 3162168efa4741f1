"""Host names out of URLs that were only partly resolved (`https://{}/v1/track`)."""

from __future__ import annotations

import ipaddress
import re

from scanner.catalogue import Catalogue

# (a user and a password before the host, `https://key:secret@api.x.com/`, are no part of it)
_HOST = re.compile(r"^(?:[a-z][a-z0-9+.\-]*:)?//(?:[^/?#@\s]*@)?([^/:?#{}\s]+)(?::\d*)?([/?#].*)?",
                   re.IGNORECASE | re.DOTALL)


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
# permissions a token carries, never requested; Microsoft's are a resource's `Resource.Permission` or `.default`
# (`https://outlook.office.com/IMAP.AccessAsUser.All`, audit15 #11)
_SCOPES = ("www.googleapis.com/auth/",)
_MS_SCOPE = re.compile(r"(?:outlook\.office(?:365)?\.com|graph\.microsoft\.com)/(?:\.default|[A-Z]\w*(?:\.[A-Z]\w*)+)")


def url_service(url: str, catalogue: Catalogue) -> str | None:
    """The service a URL names: its host and path (`github.com/login/oauth/...` is GitHub's sign-in)."""
    split = split_url(url)
    if split is None or (split[0] + split[1]).startswith(_SCOPES) or _MS_SCOPE.fullmatch(split[0] + split[1]):
        return None
    return catalogue.by_url(*split)


_CONFIGURED = re.compile(r"^(?:[a-z][a-z0-9+.\-]*:)?//([^/?#]*)(.*)$|^[{\x00\x01][^/?#]*(.*)$", re.IGNORECASE | re.DOTALL)


def configured_path(url: str) -> str | None:
    """The path of a URL whose host the code does not write (`{}/openai/deployments/{}` -> `/openai/deployments/{}`,
    `https://{}/oauth/token` -> `/oauth/token`), with `{}`, \\x00 or \\x01 for what is unknown; None when the host is
    written out (a catalogued domain decides then) or the URL has no path."""
    match = _CONFIGURED.match(url.strip())
    if match is None:
        return None
    host, path = (match.group(1), match.group(2)) if match.group(3) is None else ("{}", match.group(3))
    if not any(c in host for c in "{\x00\x01") or not path.strip("/"):
        return None
    return path


def path_service(url: str, catalogue: Catalogue) -> str | None:
    """The service a documented API path names at a host from configuration: Azure OpenAI's
    `{endpoint}/openai/deployments/{model}/chat/completions` (Catalogue.by_path)."""
    path = configured_path(url)
    return catalogue.by_path(path) if path else None


# Hosts that are never a third party: this machine, a private network, names reserved for examples and tests
_LOCAL_SUFFIXES = (".local", ".localhost", ".internal", ".lan", ".home", ".corp", ".intranet", ".svc", ".test",
                   ".example", ".invalid", ".localdomain", "example.com", "example.org", "example.net")


def external_host(url: str) -> str | None:
    """The host of a URL on the public internet, or None for a local, private or example one (`localhost`,
    `10.0.0.5`, `db`, `api.internal`, `example.com`): where data sent goes to someone else."""
    host = (host_of(url) or "").lower().rsplit("@", 1)[-1].split(":", 1)[0].strip("[]")
    if not host or "{" in host or host == "localhost" or host.endswith(_LOCAL_SUFFIXES):
        return None
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return host if "." in host else None  # a bare name (`db`, `elasticsearch`) is a machine on the network
    return None if address.is_private or address.is_loopback or address.is_link_local or address.is_reserved \
        or address.is_unspecified else host

