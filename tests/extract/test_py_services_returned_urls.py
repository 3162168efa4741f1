"""An HTTP call's URL from a function of the same module, defined above or below, and a setting's default."""

from __future__ import annotations


def test_a_url_a_module_function_returns_names_the_service(scan_snippet) -> None:
    result = scan_snippet("""
        import requests
        from django.conf import settings


        def send_event(request, remote_addr):
            requests.post(get_event_endpoint(), json={"name": "pageview"}, headers={"x-forwarded-for": remote_addr})
            requests.post(get_status_url(), json={"ip": remote_addr})


        def get_base_url():
            return getattr(settings, "PLAUSIBLE_BASE_URL", "https://plausible.io")


        def get_event_endpoint():
            return f"{get_base_url()}/api/event"


        def get_status_url():
            if settings.DEBUG:
                return settings.STATUS_URL
            return compute()
    """)
    assert ("plausible", "domain", 7) in {(s.service, s.signal, s.location.line) for s in result.services}
    assert ("plausible", "user.device.ip_address", 7) in {(f.service, f.category, f.location.line)
                                                            for f in result.flows}
    # a URL no statement names (a setting without a default, a computed one) is not plausible's
    assert not any(s.location.line == 8 and s.service == "plausible" for s in result.services)
