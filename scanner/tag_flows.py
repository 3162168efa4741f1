"""What a page tag sends by its nature.

A browser that loads a third party's script, font or pixel sends that party the visitor's IP address and user
agent with the request, and the page it was loaded on (Referer); an analytics or advertising tag adds its cookie
id. No code passes those values, so no flow is traced to them, yet the third party receives them on every page
view (the CJEU's Fashion ID ruling; LG München I, 3 O 17493/20, on Google Fonts). A privacy officer must not be
told that Google Analytics "receives nothing" (audit16 #01).

So each page-tag use (`<script src=...>`, a tracker snippet, a font link: signal `script`) is a flow of those of
the service's catalogued `categories:` that a browser request carries, at the tag. Other catalogued categories
(an e-mail a tracker is sent by code) stay flows only where the code sends them.
"""

from __future__ import annotations

from collections.abc import Iterable

from scanner.catalogue import Catalogue
from scanner.inventory import Flow, ServiceUse

# what any browser request for a third party's resource carries, by taxonomy key
BROWSER_SENDS = frozenset({
    "user.device",  # the user agent
    "user.device.ip_address",
    "user.device.cookie_id",  # sent only where the catalogue says the tag sets one
    "user.behavior.browsing_history",  # the page, as the Referer
})
PATH = "the visitor's browser loading the tag"  # Flow.path's one step: no name in the code carries the datum


def tag_flows(uses: Iterable[ServiceUse], catalogue: Catalogue) -> list[Flow]:
    """One flow per page-tag use and category its service's catalogue entry says a browser request carries."""
    flows: dict[tuple[str, str, str, int], Flow] = {}
    for use in uses:
        if use.signal != "script" or use.service not in catalogue.services:
            continue
        for category in catalogue.services[use.service].categories:
            if category in BROWSER_SENDS:
                key = (category, use.service, use.location.path, use.location.line)
                flows.setdefault(key, Flow(category, use.service, use.location, (PATH,), use.evidence))
    return list(flows.values())
