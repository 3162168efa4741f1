"""Host names out of URLs that were only partly resolved (`https://{}/v1/track`)."""

from __future__ import annotations

import re

_HOST = re.compile(r"^(?:[a-z][a-z0-9+.\-]*:)?//([^/:?#{}\s]+)", re.IGNORECASE)


def host_of(url: str) -> str | None:
    """`https://api.mixpanel.com/track` -> api.mixpanel.com; None when the host is unknown."""
    match = _HOST.match(url.strip())
    if match is None or "." not in match.group(1):
        return None
    return match.group(1).split("@")[-1].lower()
