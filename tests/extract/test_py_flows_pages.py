"""The page a visitor asked for, sent to a third party, is their browsing history."""

from __future__ import annotations


def test_the_requested_page_is_browsing_history(scan_snippet) -> None:
    result = scan_snippet("""
        import mixpanel
        from django.urls import reverse

        mp = mixpanel.Mixpanel("token")


        def track(request):
            mp.track("visitor", "page", {"url": request.build_absolute_uri()})
            mp.track("visitor", "path", {"page": request.path})
            mp.track("visitor", "home", {"home": request.base_url, "next": request.build_absolute_uri(reverse("home"))})
    """)
    found = {(f.category, f.location.line) for f in result.flows}
    assert {("user.behavior.browsing_history", 9), ("user.behavior.browsing_history", 10)} <= found
    # the site's own address, and a page of it the code names, are not the visitor's history
    assert not any(line == 11 for _, line in found)
